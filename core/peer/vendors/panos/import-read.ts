// The readers of one tunnel's objects for the importer (import.ts): crypto profiles → proposals and lifetimes, proxy
// IDs → selectors, the IKE gateway → addresses, versions, identities, DPD, NAT-T and the key, the BGP peer on the
// tunnel interface. Each lists what it could not read.
import { ANY_NETWORK, isIpv4, parseIpv4Cidr } from '../../../net/ipv4.ts';
import type { PeerBgp, PeerIkeProposal, PeerIpsecProposal, PeerTunnel } from '../../profile.ts';
import type { ImportRemark } from '../../vendor.ts';
import { PSK_PLACEHOLDER, vendorRemark } from '../generic.ts';
import { type AlgorithmKind, apiNameFor, isPanosKeyword, type Phase } from './algorithms.ts';
import type { ConfigObject, ParsedConfig } from './import-model.ts';
import { PANOS_MESSAGES } from './messages.ts';
import { PANOS_LABEL } from './names.ts';

export const MAX_REMARKS = 200;

export class Remarks {
  readonly list: ImportRemark[] = [];
  private readonly seen = new Set<string>();
  private readonly lines: readonly string[];

  constructor(lines: readonly string[]) {
    this.lines = lines;
  }

  at(line: number, code: string, params: Record<string, string | number> = {}): void {
    const key = `${line}|${code}|${JSON.stringify(params)}`;
    if (this.seen.has(key) || this.list.length >= MAX_REMARKS) return;
    this.seen.add(key);
    this.list.push(vendorRemark(PANOS_LABEL, PANOS_MESSAGES, line, this.lines[line - 1] ?? '', code, params));
  }

  unknownLinesOf(object: ConfigObject | undefined): void {
    for (const line of object?.unknownLines ?? []) this.at(line, 'peer.vendor.import.notUnderstood');
  }
}

export function seconds(object: ConfigObject, fallback: number, remarks: Remarks): number {
  const last = object.all(['lifetime', '*']).at(-1);
  if (!last) return fallback;
  const factor = { seconds: 1, minutes: 60, hours: 3600, days: 86400 }[last.path[1] as 'seconds' | 'minutes' | 'hours' | 'days'];
  const n = Number(last.values[0]);
  if (!/^\d+$/.test(last.values[0] ?? '') || !Number.isSafeInteger(n)) {
    remarks.at(last.line, 'peer.vendor.import.notUnderstood');
    return fallback;
  }
  return n * factor;
}

/** The API names of a member list; a word that is no PAN-OS keyword is kept as written, with a remark. */
function algorithms(object: ConfigObject, path: readonly string[], phase: Phase, kind: AlgorithmKind, remarks: Remarks): string[] {
  return object.members(path).map(({ value, line }) => {
    if (!isPanosKeyword(phase, kind, value)) remarks.at(line, 'peer.vendor.import.unknownAlgorithm');
    return apiNameFor(kind, value);
  });
}

export function ikeProposals(profile: ConfigObject, remarks: Remarks): PeerIkeProposal[] {
  const encryption = algorithms(profile, ['encryption'], 'ike', 'encryption', remarks);
  const integrity = algorithms(profile, ['hash'], 'ike', 'integrity', remarks);
  const groups = algorithms(profile, ['dh-group'], 'ike', 'dh', remarks);
  const out: PeerIkeProposal[] = [];
  for (const e of encryption) for (const i of integrity.length > 0 ? integrity : ['']) for (const g of groups.length > 0 ? groups : ['']) out.push({ encryption: e, integrity: i, dhGroup: g });
  const multiple = profile.last(['authentication-multiple']);
  if (multiple && multiple.values[0] !== '0') remarks.at(multiple.line, 'peer.vendor.import.notUnderstood');
  return out;
}

export function ipsecProposals(profile: ConfigObject, remarks: Remarks): PeerIpsecProposal[] {
  for (const a of [...profile.all(['ah', 'authentication']), ...profile.all(['lifesize', '*'])]) remarks.at(a.line, 'peer.vendor.import.notUnderstood');
  const encryption = algorithms(profile, ['esp', 'encryption'], 'ipsec', 'encryption', remarks);
  const integrity = algorithms(profile, ['esp', 'authentication'], 'ipsec', 'integrity', remarks).map((i) => (i === 'none' ? '' : i));
  const group = profile.last(['dh-group']);
  // The schema's default PFS group is group2.
  const pfs = group ? algorithms(profile, ['dh-group'], 'ipsec', 'pfs', remarks).at(-1)! : 'group2';
  const out: PeerIpsecProposal[] = [];
  for (const e of encryption) for (const i of integrity.length > 0 ? integrity : ['']) out.push({ encryption: e, integrity: i, pfs });
  return out;
}

/** `a.b.c.d` or `a.b.c.d/n` → the network as the profile keeps it; undefined for anything else. */
function network(text: string): string | undefined {
  if (isIpv4(text)) return `${text}/32`;
  const cidr = parseIpv4Cidr(text);
  if (!cidr) return undefined;
  const n = cidr.start;
  return `${[n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')}/${cidr.prefix}`;
}

const address = (value: string | undefined) => value?.split('/')[0] ?? '';

export function readSelectors(tunnelObject: ConfigObject, tunnel: PeerTunnel, remarks: Remarks): void {
  for (const a of tunnelObject.all(['auto-key', 'proxy-id-v6', '*'])) remarks.at(a.line, 'peer.vendor.import.notUnderstood');
  const ids = tunnelObject.entries(['auto-key', 'proxy-id']);
  const pairs: [string, string][] = [];
  for (const id of ids) {
    const local = tunnelObject.last(['auto-key', 'proxy-id', id, 'local']);
    const remote = tunnelObject.last(['auto-key', 'proxy-id', id, 'remote']);
    for (const a of tunnelObject.assignments.filter((x) => x.path[2] === id && x.path[3] === 'protocol' && x.path[4] !== 'any')) remarks.at(a.line, 'peer.vendor.import.notUnderstood');
    const l = network(local?.values[0] ?? '0.0.0.0/0');
    const r = network(remote?.values[0] ?? '0.0.0.0/0');
    if (l === undefined) remarks.at(local!.line, 'peer.vendor.import.notUnderstood');
    if (r === undefined) remarks.at(remote!.line, 'peer.vendor.import.notUnderstood');
    if (l !== undefined && r !== undefined) pairs.push([l, r]);
  }
  // Without proxy IDs PAN-OS proposes 0.0.0.0/0 on both sides: the route-based tunnel.
  if (pairs.length === 0 || pairs.every(([l, r]) => l === ANY_NETWORK && r === ANY_NETWORK)) {
    tunnel.routeBased = true;
    tunnel.localSubnets = [ANY_NETWORK];
    tunnel.remoteSubnets = [ANY_NETWORK];
    return;
  }
  tunnel.localSubnets = [...new Set(pairs.map(([l]) => l))];
  tunnel.remoteSubnets = [...new Set(pairs.map(([, r]) => r))];
  if (pairs.length !== tunnel.localSubnets.length * tunnel.remoteSubnets.length) {
    remarks.at(tunnelObject.last(['auto-key', 'proxy-id', ids[0]!, 'local'])?.line ?? tunnelObject.line, 'peer.panos.import.proxyIdPairs');
  }
}

function readPsk(gateway: ConfigObject, tunnel: PeerTunnel, remarks: Remarks): void {
  const key = gateway.last(['authentication', 'pre-shared-key', 'key']);
  if (!key) {
    remarks.at(gateway.line, 'peer.vendor.import.noSecret');
    return;
  }
  const value = key.values[0] ?? '';
  // PAN-OS prints a stored key encrypted with its master key: -AQ==…
  if (value.startsWith('-AQ==')) remarks.at(key.line, 'peer.vendor.import.encryptedSecret');
  else tunnel.psk = value === PSK_PLACEHOLDER ? '' : value;
}


function versions(gateway: ConfigObject, remarks: Remarks): PeerTunnel['ikeVersions'] {
  const version = gateway.last(['protocol', 'version']);
  const value = version?.values[0] ?? 'ikev1';
  if (value === 'ikev1' || value === 'ikev2') return [value];
  if (value === 'ikev2-preferred') return ['ikev1', 'ikev2'];
  remarks.at(version!.line, 'peer.vendor.import.notUnderstood');
  return ['ikev1'];
}

/** The IKE gateway: everything but the proposals, which come from the crypto profile it names (returned). */
export function readGateway(gateway: ConfigObject, tunnel: PeerTunnel, remarks: Remarks): { ikeProfile: string; line: number } {
  remarks.unknownLinesOf(gateway);
  tunnel.ikeVersions = versions(gateway, remarks);
  const mode = gateway.last(['protocol', 'ikev1', 'exchange-mode']);
  // auto: main mode as initiator, either as responder.
  if (mode && !['main', 'aggressive', 'auto'].includes(mode.values[0] ?? '')) remarks.at(mode.line, 'peer.vendor.import.notUnderstood');
  tunnel.ikeMode = mode?.values[0] === 'aggressive' ? 'aggressive' : 'main';
  // IKEv2 when the gateway uses it (alone or preferred); IKEv1 settings otherwise.
  const used = tunnel.ikeVersions.includes('ikev2') ? 'ikev2' : 'ikev1';
  const profile = gateway.last(['protocol', used, 'ike-crypto-profile']);
  const dpd = gateway.last(['protocol', used, 'dpd', 'enable']);
  tunnel.dpd = dpd?.values[0] === 'yes';
  if (tunnel.ikeVersions.length === 2) {
    const v1Profile = gateway.last(['protocol', 'ikev1', 'ike-crypto-profile']);
    if ((v1Profile?.values[0] ?? 'default') !== (profile?.values[0] ?? 'default')) remarks.at(v1Profile?.line ?? gateway.line, 'peer.vendor.import.notUnderstood');
    const v1Dpd = gateway.last(['protocol', 'ikev1', 'dpd', 'enable']);
    if ((v1Dpd?.values[0] === 'yes') !== tunnel.dpd) remarks.at(v1Dpd?.line ?? gateway.line, 'peer.vendor.import.notUnderstood');
  }
  tunnel.natTraversal = gateway.value(['protocol-common', 'nat-traversal', 'enable']) === 'yes';
  for (const path of [['protocol-common', 'passive-mode'], ['disabled']]) {
    const a = gateway.last(path);
    if (a?.values[0] === 'yes') remarks.at(a.line, 'peer.vendor.import.notUnderstood');
  }
  const local = gateway.last(['local-address', 'ip']) ?? gateway.last(['local-address', 'floating-ip']);
  tunnel.deviceAddress = isIpv4(address(local?.values[0])) ? address(local?.values[0]) : '';
  if (local && tunnel.deviceAddress === '') remarks.at(local.line, 'peer.vendor.import.unresolved', { name: local.values[0] ?? '' });
  const peer = gateway.last(['peer-address', 'ip']) ?? gateway.last(['peer-address', 'fqdn']);
  tunnel.cloudAddress = peer?.values[0] ?? '';
  const dynamic = gateway.last(['peer-address', 'dynamic']);
  if (dynamic) remarks.at(dynamic.line, 'peer.vendor.import.notUnderstood');
  // Without a local ID PAN-OS identifies itself by its address; without a peer ID it accepts any identity.
  tunnel.localId = gateway.value(['local-id', 'id']) ?? tunnel.deviceAddress;
  tunnel.remoteId = gateway.value(['peer-id', 'id']) ?? '';
  readPsk(gateway, tunnel, remarks);
  return { ikeProfile: profile?.values[0] ?? 'default', line: profile?.line ?? gateway.line };
}

/** The BGP peer that peers from the tunnel interface (by name, or by an address in its network). */
export function readBgp(config: ParsedConfig, unit: string, remarks: Remarks): PeerBgp | undefined {
  const unitObject = config.objects.unit.get(unit);
  const unitAddresses = unitObject?.entries(['ip']) ?? [];
  for (const bgp of config.objects.bgp.values()) {
    for (const group of bgp.entries(['peer-group'])) {
      for (const name of bgp.entries(['peer-group', group, 'peer'])) {
        const at = (...path: string[]) => bgp.last(['peer-group', group, 'peer', name, ...path]);
        const peerAddress = at('peer-address', 'ip')?.values[0] ?? '';
        const onUnit = at('local-address', 'interface')?.values[0] === unit;
        const inNetwork = unitAddresses.some((a) => {
          const net = parseIpv4Cidr(a);
          const ip = parseIpv4Cidr(`${peerAddress}/32`);
          return net !== undefined && ip !== undefined && ip.start >= net.start && ip.start <= net.end;
        });
        if (!onUnit && !inNetwork) continue;
        const prefix = ['peer-group', group, 'peer', name];
        const lines = new Set(bgp.assignments.filter((a) => prefix.every((p, i) => a.path[i] === p)).map((a) => a.line));
        for (const line of bgp.unknownLines) if (lines.has(line)) remarks.at(line, 'peer.vendor.import.notUnderstood');
        const local = at('local-address', 'ip')?.values[0] ?? unitAddresses[0];
        return { asn: bgp.value(['local-as']) ?? '', address: address(local), peerAddress, peerAsn: at('peer-as')?.values[0] ?? '' };
      }
    }
  }
  return undefined;
}
