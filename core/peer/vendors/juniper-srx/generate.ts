// Junos `set` commands for the device end of every tunnel of a peer profile, as `show configuration | display set`
// prints them. Every tunnel is a route-based VPN on its own st0 unit; a policy-based profile keeps its selectors as
// traffic selectors on that VPN (Juniper's route-based form of a policy-based VPN: one SA per selector pair, and the
// SRX inserts the routes to the remote networks itself), so BGP and static routes work the same for both kinds.
import { isIpv4 } from '../../../net/ipv4.ts';
import type { PeerBgp, PeerProfile, PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import type { GenerateOptions, GeneratedConfig } from '../../vendor.ts';
import { PSK_PLACEHOLDER, VendorText } from '../generic.ts';
import { DPD_INTERVAL, DPD_THRESHOLD, isSm, junosKeyword, LIFETIME_MAX, LIFETIME_MIN, type AlgorithmKind, type Phase } from './algorithms.ts';
import { JUNIPER_SRX_MESSAGES } from './messages.ts';
import { junosValue, quoted, utf8Bytes } from './syntax.ts';

export const JUNIPER_SRX_LABEL = 'Juniper SRX (Junos)';

/** Object names per tunnel (Junos names are 1–32 characters; traffic selector names 1–31). */
export const TUNNEL_NAMES: Readonly<Record<PeerTunnelKey, string>> = { single: 'alibaba', master: 'alibaba-master', slave: 'alibaba-slave' };
/** The st0 unit of each tunnel, the same in every file generated for the connection. */
export const TUNNEL_UNITS: Readonly<Record<PeerTunnelKey, number>> = { single: 0, master: 0, slave: 1 };
export const OUTSIDE_INTERFACE = 'ge-0/0/0.0';
export const OUTSIDE_ZONE = 'untrust';
export const TUNNEL_ZONE = 'vpn';

const PLACEHOLDERS: Readonly<Record<string, string>> = {
  [OUTSIDE_INTERFACE]: 'outside interface IKE runs on',
  [OUTSIDE_ZONE]: 'security zone of the outside interface',
  [TUNNEL_ZONE]: 'security zone of the tunnel interfaces',
};

class Writer {
  readonly out = new VendorText(JUNIPER_SRX_LABEL, JUNIPER_SRX_MESSAGES);
  private readonly placed = new Set<string>();
  /** The device ASN written as routing-options autonomous-system (one per device), once known. */
  deviceAsn: string | undefined;

  /** Appends a line; `placeholders` are the names in it the engineer adapts (noted where they first appear). */
  add(text: string, placeholders: readonly string[] = []): number {
    const line = this.out.add(text);
    for (const name of placeholders) {
      if (!this.placed.has(name)) {
        this.placed.add(name);
        this.out.note(line, 'peer.vendor.interfacePlaceholder', { name, what: PLACEHOLDERS[name]! });
      }
    }
    return line;
  }

  note(line: number, code: string, params: Record<string, string | number> = {}): void {
    this.out.note(line, code, params);
  }
}

function missing(phase: Phase, parts: readonly [AlgorithmKind, string][]): string[] {
  return parts.filter(([kind, name]) => name !== '' && junosKeyword(phase, kind, name) === undefined).map(([, name]) => name);
}

function cannot(w: Writer, line: number, names: readonly string[]): void {
  const sm = names.filter(isSm);
  if (sm.length > 0) w.note(line, 'peer.vendor.cannotSm', { algorithms: sm.join(', ') });
  const other = names.filter((n) => !isSm(n));
  if (other.length > 0) w.note(line, 'peer.vendor.cannotAlgorithm', { algorithms: other.join(', ') });
}

/** `lifetime-seconds` within Junos' range; the nearest value with a note otherwise. */
function lifetimeLine(w: Writer, prefix: string, seconds: number, phase: 'IKE' | 'IPsec'): void {
  if (!Number.isFinite(seconds)) {
    w.note(w.add(`# ${prefix} lifetime-seconds: the ${phase} lifetime is not known, Junos' default applies`), 'peer.vendor.lifetimeUnknown', { phase });
    return;
  }
  const written = Math.min(LIFETIME_MAX, Math.max(LIFETIME_MIN, Math.round(seconds)));
  const line = w.add(`set ${prefix} lifetime-seconds ${written}`);
  if (written !== seconds) w.note(line, 'peer.vendor.cannotLifetime', { phase, min: LIFETIME_MIN, max: LIFETIME_MAX, value: seconds });
}

/** The proposal list of a policy: one name bare, several in brackets (as display set prints a leaf-list). */
const proposalList = (names: readonly string[]) => (names.length === 1 ? names[0]! : `[ ${names.join(' ')} ]`);

function writeIke(w: Writer, key: PeerTunnelKey, t: PeerTunnel): string {
  const base = TUNNEL_NAMES[key];
  const written: string[] = [];
  t.ikeProposals.forEach((p, i) => {
    const name = `${base}-ike-${i + 1}`;
    const parts: [AlgorithmKind, string][] = [['encryption', p.encryption], ['integrity', p.integrity], ['dh', p.dhGroup]];
    const lacking = missing('ike', parts);
    if (lacking.length > 0) {
      cannot(w, w.add(`# set security ike proposal ${name} ...   # not written: Junos has no keyword for ${lacking.join(', ')}`), lacking);
      return;
    }
    const prefix = `security ike proposal ${name}`;
    w.add(`set ${prefix} authentication-method pre-shared-keys`);
    if (p.dhGroup !== '') w.add(`set ${prefix} dh-group ${junosKeyword('ike', 'dh', p.dhGroup)!}`);
    if (p.integrity !== '') w.add(`set ${prefix} authentication-algorithm ${junosKeyword('ike', 'integrity', p.integrity)!}`);
    w.add(`set ${prefix} encryption-algorithm ${junosKeyword('ike', 'encryption', p.encryption)!}`);
    lifetimeLine(w, prefix, t.ikeLifetime, 'IKE');
    written.push(name);
  });
  const policy = `${base}-ike`;
  w.add(`set security ike policy ${policy} mode ${t.ikeMode}`);
  if (written.length > 0) w.add(`set security ike policy ${policy} proposals ${proposalList(written)}`);
  else w.note(w.add(`# set security ike policy ${policy} proposals ...   # no IKE proposal can be written`), 'peer.vendor.noProposals', { phase: 'IKE' });
  return policy;
}

function pskLine(w: Writer, policy: string, psk: string, include: boolean): void {
  const prefix = `set security ike policy ${policy} pre-shared-key`;
  if (!include || psk === '') {
    w.note(w.add(`${prefix} ascii-text "${PSK_PLACEHOLDER}"`), 'peer.vendor.pskPlaceholder');
    return;
  }
  // Junos reads an ascii-text value starting with $9$ as an already encrypted key, so such a key (and any key that
  // is not printable ASCII) is written as its bytes in hexadecimal.
  if (/^[\x20-\x7e]+$/.test(psk) && !/^\$9\$/.test(psk)) {
    w.add(`${prefix} ascii-text ${quoted(psk)}`);
    return;
  }
  // A lone surrogate has no UTF-8 form: encodeURIComponent throws, and the key cannot be written.
  let hex: string;
  try {
    hex = utf8Bytes(psk).map((b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    w.note(w.add(`${prefix} ascii-text "${PSK_PLACEHOLDER}"`), 'peer.vendor.cannotPsk', { detail: 'not valid Unicode text' });
    return;
  }
  if (hex.length <= 255) w.add(`${prefix} hexadecimal ${hex}`);
  else w.note(w.add(`${prefix} ascii-text "${PSK_PLACEHOLDER}"`), 'peer.vendor.cannotPsk', { detail: 'longer than 127 bytes as hexadecimal' });
}

function identity(id: string): string {
  return `${isIpv4(id) ? 'inet' : 'hostname'} ${junosValue(id)}`;
}

function writeGateway(w: Writer, key: PeerTunnelKey, t: PeerTunnel, policy: string): string {
  const gw = `${TUNNEL_NAMES[key]}-gw`;
  const prefix = `security ike gateway ${gw}`;
  w.add(`set ${prefix} ike-policy ${policy}`);
  if (t.cloudAddress !== '') w.add(`set ${prefix} address ${junosValue(t.cloudAddress)}`);
  else w.note(w.add(`# set ${prefix} address <VPN gateway address>`), 'peer.vendor.cloudAddressUnknown');
  if (t.dpd) {
    w.add(`set ${prefix} dead-peer-detection interval ${DPD_INTERVAL}`);
    w.add(`set ${prefix} dead-peer-detection threshold ${DPD_THRESHOLD}`);
  }
  if (!t.natTraversal) w.add(`set ${prefix} no-nat-traversal`);
  if (t.localId !== '') w.add(`set ${prefix} local-identity ${identity(t.localId)}`);
  if (t.remoteId !== '' && t.remoteId !== '%any') w.add(`set ${prefix} remote-identity ${identity(t.remoteId)}`);
  // Without remote-identity the SRX expects the gateway's address as its identity; general-ikeid accepts any.
  else if (t.cloudAddress !== '') w.add(`set ${prefix} general-ikeid`);
  w.add(`set ${prefix} external-interface ${OUTSIDE_INTERFACE}`, [OUTSIDE_INTERFACE]);
  if (t.deviceAddress !== '') w.add(`set ${prefix} local-address ${junosValue(t.deviceAddress)}`);
  else w.note(w.add(`# set ${prefix} local-address <outside interface address>`), 'peer.vendor.deviceAddressUnknown');
  const v1 = t.ikeVersions.includes('ikev1');
  const v2 = t.ikeVersions.includes('ikev2');
  const line = w.add(`set ${prefix} version ${v1 && !v2 ? 'v1-only' : 'v2-only'}`);
  if (v1 === v2) w.note(line, 'peer.vendor.bothIkeVersions');
  return gw;
}

function writeIpsec(w: Writer, key: PeerTunnelKey, t: PeerTunnel): string {
  const base = TUNNEL_NAMES[key];
  const written: string[] = [];
  t.ipsecProposals.forEach((p, i) => {
    const name = `${base}-ipsec-${i + 1}`;
    const lacking = missing('ipsec', [['encryption', p.encryption], ['integrity', p.integrity], ['dh', p.pfs === 'disabled' ? '' : p.pfs]]);
    if (lacking.length > 0) {
      cannot(w, w.add(`# set security ipsec proposal ${name} ...   # not written: Junos has no keyword for ${lacking.join(', ')}`), lacking);
      return;
    }
    const prefix = `security ipsec proposal ${name}`;
    w.add(`set ${prefix} protocol esp`);
    if (p.integrity !== '') w.add(`set ${prefix} authentication-algorithm ${junosKeyword('ipsec', 'integrity', p.integrity)!}`);
    w.add(`set ${prefix} encryption-algorithm ${junosKeyword('ipsec', 'encryption', p.encryption)!}`);
    lifetimeLine(w, prefix, t.ipsecLifetime, 'IPsec');
    written.push(name);
  });
  const policy = `${base}-ipsec`;
  const writable = t.ipsecProposals.filter((p) => missing('ipsec', [['encryption', p.encryption], ['integrity', p.integrity], ['dh', p.pfs === 'disabled' ? '' : p.pfs]]).length === 0);
  const pfs = writable[0]?.pfs ?? 'disabled';
  const pfsLine = pfs !== 'disabled' ? w.add(`set security ipsec policy ${policy} perfect-forward-secrecy keys ${junosKeyword('ipsec', 'dh', pfs)!}`) : undefined;
  if (writable.some((p) => p.pfs !== pfs)) w.note(pfsLine ?? w.add(`# security ipsec policy ${policy}: no perfect-forward-secrecy`), 'peer.juniper-srx.pfsPerPolicy', { pfs });
  if (written.length > 0) w.add(`set security ipsec policy ${policy} proposals ${proposalList(written)}`);
  else w.note(w.add(`# set security ipsec policy ${policy} proposals ...   # no IPsec proposal can be written`), 'peer.vendor.noProposals', { phase: 'IPsec' });
  return policy;
}

const isAny = (list: readonly string[]) => list.length === 1 && list[0] === '0.0.0.0/0';

function writeVpn(w: Writer, key: PeerTunnelKey, t: PeerTunnel, gateway: string, policy: string): void {
  const vpn = `security ipsec vpn ${TUNNEL_NAMES[key]}`;
  w.add(`set ${vpn} bind-interface st0.${TUNNEL_UNITS[key]}`);
  w.add(`set ${vpn} ike gateway ${gateway}`);
  w.add(`set ${vpn} ike ipsec-policy ${policy}`);
  // A route-based tunnel negotiates 0.0.0.0/0 both ways, the SRX's default without selectors.
  if (!(isAny(t.localSubnets) && isAny(t.remoteSubnets))) {
    if (t.localSubnets.length === 0 || t.remoteSubnets.length === 0) {
      w.note(w.add(`# set ${vpn} traffic-selector ts1 local-ip <device network> remote-ip <cloud network>`), 'peer.vendor.noSubnets');
    } else {
      let n = 0;
      for (const local of t.localSubnets) {
        for (const remote of t.remoteSubnets) {
          n++;
          const first = w.add(`set ${vpn} traffic-selector ts${n} local-ip ${junosValue(local)}`);
          w.add(`set ${vpn} traffic-selector ts${n} remote-ip ${junosValue(remote)}`);
          if (n === 1 && t.localSubnets.length * t.remoteSubnets.length > 1) {
            w.note(first, 'peer.juniper-srx.selectorPairs', { count: t.localSubnets.length * t.remoteSubnets.length });
          }
        }
      }
    }
  }
  w.add(`set ${vpn} establish-tunnels immediately`);
}

function writeInterface(w: Writer, key: PeerTunnelKey, t: PeerTunnel): void {
  const unit = TUNNEL_UNITS[key];
  const st0 = `st0.${unit}`;
  if (t.bgp && t.bgp.address !== '') w.add(`set interfaces st0 unit ${unit} family inet address ${t.bgp.address}/30`);
  else {
    w.add(`set interfaces st0 unit ${unit} family inet`);
    if (t.bgp) w.note(w.add(`# set interfaces st0 unit ${unit} family inet address <BGP address>/30`), 'peer.juniper-srx.bgpAddressUnknown', { interface: st0 });
  }
  w.add(`set security zones security-zone ${TUNNEL_ZONE} interfaces ${st0}${t.bgp ? ' host-inbound-traffic protocols bgp' : ''}`, [TUNNEL_ZONE]);
  if (t.routeBased && !t.bgp) {
    w.note(w.add(`# set routing-options static route <VPC network> next-hop ${st0}   (one per VPC network)`), 'peer.vendor.routesUnknown');
  }
}

function writeBgp(w: Writer, key: PeerTunnelKey, t: PeerTunnel, bgp: PeerBgp): void {
  const group = `protocols bgp group ${TUNNEL_NAMES[key]}`;
  if (w.deviceAsn === undefined && bgp.asn !== '') {
    w.deviceAsn = bgp.asn;
    w.add(`set routing-options autonomous-system ${junosValue(bgp.asn)}`);
  } else if (w.deviceAsn === undefined) {
    w.note(w.add('# set routing-options autonomous-system <device ASN>'), 'peer.vendor.bgpAsnUnknown');
  }
  if (!t.routeBased) {
    // The session runs over st0 like on a route-based tunnel, but the traffic selectors limit what the SAs carry.
    const line = w.add(`# BGP over st0.${TUNNEL_UNITS[key]}: its packets (${bgp.address || '?'} <-> ${bgp.peerAddress || '?'}) pass only where a traffic selector covers them at both ends.`);
    w.note(line, 'peer.vendor.cannotBgpPolicy');
  }
  w.add(`set ${group} type external`);
  // The device has one routing-options ASN; a tunnel with another one says so per group.
  if (w.deviceAsn !== undefined && bgp.asn !== '' && bgp.asn !== w.deviceAsn) w.add(`set ${group} local-as ${junosValue(bgp.asn)}`);
  if (bgp.peerAddress === '') {
    w.note(w.add(`# set ${group} neighbor <cloud BGP address> peer-as <cloud ASN>`), 'peer.juniper-srx.bgpPeerUnknown');
  } else if (bgp.peerAsn === '') {
    w.add(`set ${group} neighbor ${junosValue(bgp.peerAddress)}`);
    w.note(w.add(`# set ${group} neighbor ${bgp.peerAddress} peer-as <cloud ASN>`), 'peer.juniper-srx.bgpPeerAsnUnknown');
  } else w.add(`set ${group} neighbor ${junosValue(bgp.peerAddress)} peer-as ${junosValue(bgp.peerAsn)}`);
}

export function generateJunos(profile: PeerProfile, options: GenerateOptions): GeneratedConfig {
  const w = new Writer();
  const keys = (['single', 'master', 'slave'] as const).filter((k) => profile.tunnels[k] !== undefined && (!options.tunnels || options.tunnels.includes(k)));
  w.add('# Juniper SRX Series (Junos OS 15.1X49-D100 or later) configuration in `set` form, generated by IPsec Studio.');
  w.add('# "local" is this device, "remote" is the Alibaba Cloud VPN gateway. Enter it in configuration mode with');
  w.add('# `load set terminal` (lines starting with # are comments), review with `show | compare`, then `commit`.');
  w.add("# local-address is the device's public address: behind NAT, use the outside interface's own address instead.");
  for (const key of keys) {
    const t = profile.tunnels[key]!;
    w.add('#');
    w.add(`# Tunnel ${key}: this device ${t.deviceAddress || '(address unknown)'} <-> Alibaba Cloud ${t.cloudAddress || '(address unknown)'}`);
    const ikePolicy = writeIke(w, key, t);
    pskLine(w, ikePolicy, t.psk, options.includeSecrets === true);
    const gateway = writeGateway(w, key, t, ikePolicy);
    const ipsecPolicy = writeIpsec(w, key, t);
    writeVpn(w, key, t, gateway, ipsecPolicy);
    writeInterface(w, key, t);
    if (t.bgp) writeBgp(w, key, t, t.bgp);
  }
  if (keys.length > 0) {
    w.add('#');
    w.add('# IKE on the outside interface; security policies between the LAN zone and zone vpn must permit the traffic.');
    w.add(`set security zones security-zone ${OUTSIDE_ZONE} interfaces ${OUTSIDE_INTERFACE} host-inbound-traffic system-services ike`, [OUTSIDE_ZONE, OUTSIDE_INTERFACE]);
  }
  return { text: w.out.text(), notes: w.out.notes };
}
