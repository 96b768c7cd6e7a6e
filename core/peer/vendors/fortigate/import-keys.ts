// The settings a FortiOS phase 1 / phase 2 can carry, sorted by what the importer does with them: read into the
// profile, accepted silently (they change nothing the pre-check compares), accepted only with the value that changes
// nothing, or listed as not understood. Key names from the FortiOS 7.x CLI reference (see mapping.ts).
import { type Block, completeKey, type Setting } from './syntax.ts';

export const PHASE1_READ = [
  'type', 'interface', 'ike-version', 'mode', 'peertype', 'peerid', 'proposal', 'dhgrp', 'localid', 'localid-type', 'dpd', 'nattraversal',
  'keylife', 'remote-gw', 'remotegw-ddns', 'local-gw', 'psksecret', 'comments',
];

/** Accepted with any value: local behaviour, timers, dial-up and client options that a site-to-site peer leaves alone. */
const PHASE1_QUIET = [
  'net-device', 'auto-negotiate', 'wizard-type', 'add-route', 'add-gw-route', 'keepalive', 'distance', 'priority', 'negotiate-timeout',
  'fragmentation', 'fragmentation-mtu', 'ip-fragmentation', 'dpd-retrycount', 'dpd-retryinterval', 'npu-offload', 'send-cert-chain', 'rekey',
  'reauth', 'idle-timeout', 'idle-timeoutinterval', 'shared-idle-timeout', 'ha-sync-esp-seqno', 'fgsp-sync', 'mesh-selector-type', 'monitor',
  'monitor-min', 'monitor-hold-down-type', 'monitor-hold-down-delay', 'monitor-hold-down-weekday', 'monitor-hold-down-time', 'exchange-interface-ip',
  'exchange-ip-addr4', 'exchange-ip-addr6', 'aggregate-member', 'aggregate-weight', 'packet-redistribution', 'encapsulation-address',
  'encap-local-gw4', 'encap-local-gw6', 'encap-remote-gw4', 'encap-remote-gw6', 'vni', 'esn', 'childless-ike', 'digital-signature-auth',
  'signature-hash-alg', 'rsa-signature-format', 'rsa-signature-hash-override', 'enforce-unique-id', 'cert-id-validation', 'auto-discovery-sender',
  'auto-discovery-receiver', 'auto-discovery-forwarder', 'auto-discovery-psk', 'auto-discovery-shortcuts', 'auto-discovery-crossover',
  'auto-discovery-offer-interval', 'tunnel-search', 'passive-mode', 'fec-egress', 'fec-send-timeout', 'fec-base', 'fec-codec', 'fec-redundant',
  'fec-ingress', 'fec-receive-timeout', 'fec-health-check', 'fec-mapping-profile', 'network-overlay', 'network-id', 'dev-id-notification', 'dev-id',
  'loopback-asymroute', 'link-cost', 'exchange-fgt-device-id', 'ems-sn-check', 'inbound-dscp-copy', 'auto-transport-threshold',
  'fallback-tcp-threshold', 'assign-ip', 'assign-ip-from', 'ipv4-start-ip', 'ipv4-end-ip', 'ipv4-netmask', 'dhcp-ra-giaddr', 'dhcp6-ra-linkaddr',
  'dns-mode', 'ipv4-dns-server1', 'ipv4-dns-server2', 'ipv4-dns-server3', 'internal-domain-list', 'ipv4-wins-server1', 'ipv4-wins-server2',
  'ipv4-exclude-range', 'ipv4-split-include', 'split-include-service', 'ipv4-name', 'ipv6-start-ip', 'ipv6-end-ip', 'ipv6-prefix',
  'ipv6-dns-server1', 'ipv6-dns-server2', 'ipv6-dns-server3', 'ipv6-exclude-range', 'ipv6-split-include', 'ipv6-name', 'ip-delay-interval',
  'unity-support', 'domain', 'banner', 'include-local-lan', 'ipv4-split-exclude', 'ipv6-split-exclude', 'save-password', 'client-auto-negotiate',
  'client-keep-alive', 'client-resume', 'client-resume-interval', 'backup-gateway', 'forticlient-enforcement', 'acct-verify', 'usrgrp', 'peer',
  'peergrp', 'certificate', 'eap-identity', 'eap-exclude-peergrp', 'eap-cert-auth', 'azure-ad-autoconnect', 'cert-trust-store',
  'cert-peer-username-validation', 'cert-peer-username-strip', 'default-gw', 'default-gw-priority', 'mode-cfg-allow-client-selector',
  'ipv6-auto-linklocal', 'group-authentication-secret', 'authusr', 'authpasswd', 'authusrgrp', 'kms', 'qkd-profile', 'remote-gw-subnet',
  'remote-gw-start-ip', 'remote-gw-end-ip', 'remote-gw-country', 'remote-gw-ztna-tags', 'remote-gw6-subnet', 'remote-gw6-start-ip',
  'remote-gw6-end-ip', 'remote-gw6-country', 'ppk-secret', 'ppk-identity',
];

/** Accepted only with these values; any other changes how the tunnel negotiates in a way the profile cannot hold. */
const PHASE1_CHECKED: Readonly<Record<string, readonly string[]>> = {
  'ip-version': ['4'],
  authmethod: ['psk'],
  'authmethod-remote': [],
  'psksecret-remote': [],
  encapsulation: ['none'],
  'suite-b': ['disable'],
  eap: ['disable'],
  xauthtype: ['disable'],
  'mode-cfg': ['disable'],
  ppk: ['disable'],
  qkd: ['disable'],
  transport: ['udp'],
  'fortinet-esp': ['disable'],
  'group-authentication': ['disable'],
  'remote-gw-match': ['any'],
  'remote-gw6-match': ['any'],
  'remote-gw6': ['::'],
  'local-gw6': ['::'],
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((n) => [`addke${n}`, ['0']])),
};

export const PHASE2_READ = [
  'phase1name', 'proposal', 'pfs', 'dhgrp', 'keylifeseconds', 'keylife-type', 'src-addr-type', 'src-subnet', 'src-start-ip', 'src-end-ip', 'src-name',
  'dst-addr-type', 'dst-subnet', 'dst-start-ip', 'dst-end-ip', 'dst-name',
];

const PHASE2_QUIET = [
  'replay', 'keepalive', 'auto-negotiate', 'add-route', 'keylifekbs', 'single-source', 'route-overlap', 'comments', 'ipv4-df', 'inbound-dscp-copy',
  'auto-discovery-sender', 'auto-discovery-forwarder', 'diffserv', 'diffservcode', 'initiator-ts-narrow', 'selector-match', 'use-natip', 'src-name6',
  'dst-name6', 'src-start-ip6', 'src-end-ip6', 'dst-start-ip6', 'dst-end-ip6', 'src-subnet6', 'dst-subnet6',
];

const PHASE2_CHECKED: Readonly<Record<string, readonly string[]>> = {
  protocol: ['0'],
  'src-port': ['0'],
  'dst-port': ['0'],
  encapsulation: ['tunnel-mode'],
  l2tp: ['disable'],
  'dhcp-ipsec': ['disable'],
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((n) => [`addke${n}`, ['0']])),
};

export interface KeySet {
  read: readonly string[];
  quiet: ReadonlySet<string>;
  checked: Readonly<Record<string, readonly string[]>>;
  all: readonly string[];
}

function keySet(read: readonly string[], quiet: readonly string[], checked: Readonly<Record<string, readonly string[]>>): KeySet {
  return { read, quiet: new Set(quiet), checked, all: [...new Set([...read, ...quiet, ...Object.keys(checked)])] };
}

export const PHASE1_KEYS = keySet(PHASE1_READ, PHASE1_QUIET, PHASE1_CHECKED);
export const PHASE2_KEYS = keySet(PHASE2_READ, PHASE2_QUIET, PHASE2_CHECKED);

export interface Settings {
  /** The last value of every key (completed), `unset` removing it. */
  values: Map<string, Setting>;
  /** Settings the profile cannot hold: keys no list has, or a checked key with another value. */
  notUnderstood: Setting[];
}

/** A block's settings with their keys completed, and the ones this importer does not understand. */
export function readSettings(block: Block, keys: KeySet): Settings {
  const values = new Map<string, Setting>();
  for (const s of block.settings) {
    const key = completeKey(s.key, keys.all);
    if (s.unset) values.delete(key);
    else values.set(key, { ...s, key });
  }
  const notUnderstood = [...values.values()].filter((s) => {
    if (keys.read.includes(s.key) || keys.quiet.has(s.key)) return false;
    const allowed = keys.checked[s.key];
    // `show full-configuration` prints settings nobody set with an empty value.
    const value = (s.values[0] ?? '').toLowerCase();
    return allowed === undefined || (value !== '' && !allowed.includes(value));
  });
  return { values, notUnderstood };
}

/** The first value of a key, lowercased for keywords; undefined when unset. */
export function word(settings: Settings, key: string): string | undefined {
  return settings.values.get(key)?.values[0]?.toLowerCase();
}
