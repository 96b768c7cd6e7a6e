// One tunnel of a Huawei VRP configuration: its IKE proposals, IPsec proposals and IKE peer, then either an ACL and
// an ISAKMP policy entry (policy-based) or an IPsec profile on a Tunnel interface (route-based, and BGP).
import { cidrToMask, type VendorText } from '../generic.ts';
import type { PeerIkeProposal, PeerIpsecProposal, PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import {
  type AlgorithmKind,
  IKE_LIFETIME,
  IPSEC_LIFETIME,
  MAX_IPSEC_PROPOSALS,
  SM_NAMES,
  type Slot,
  vrpKeyword,
  vrpPrf,
} from './algorithms.ts';
import { clampLifetime, isAddressId, ipsecProposalName, NAMES, OUTSIDE_INTERFACE, POLICY_NAME, pskArgument } from './common.ts';

export interface TunnelContext {
  out: VendorText;
  /** The tunnel being written: every note carries it as its `tunnel` param. */
  key?: PeerTunnelKey;
  includeSecrets: boolean;
  /** Next free `ike proposal` number (shared by every tunnel of the file). */
  nextIkeProposal: number;
  /** Interface placeholder names already noted once. */
  placeholders: Set<string>;
}

export function noteAt(ctx: TunnelContext, line: number, code: string, params: Record<string, string | number> = {}): void {
  ctx.out.note(line, code, ctx.key ? { ...params, tunnel: ctx.key } : params);
}

export function placeholder(ctx: TunnelContext, line: number, name: string, what: string): void {
  if (ctx.placeholders.has(name)) return;
  ctx.placeholders.add(name);
  noteAt(ctx, line, 'peer.vendor.interfacePlaceholder', { name, what });
}

const OUTSIDE_WHAT = 'the outside (Internet-facing) interface';

interface Part {
  kind: AlgorithmKind;
  name: string;
}

/** The names of `parts` VRP has no keyword for in `slot`, split into SM and others. */
function missing(parts: readonly Part[], slot: (p: Part) => Slot): { sm: string[]; other: string[] } {
  const sm: string[] = [];
  const other: string[] = [];
  for (const p of parts) {
    if (p.name === '' || vrpKeyword(p.kind, slot(p), p.name) !== undefined) continue;
    (SM_NAMES.has(p.name) ? sm : other).push(p.name);
  }
  return { sm, other };
}

function noteMissing(ctx: TunnelContext, line: number, miss: { sm: string[]; other: string[] }): void {
  if (miss.sm.length > 0) noteAt(ctx, line, 'peer.vendor.cannotSm', { algorithms: miss.sm.join(', ') });
  if (miss.other.length > 0) noteAt(ctx, line, 'peer.vendor.cannotAlgorithm', { algorithms: miss.other.join(', ') });
}

const joinNames = (names: readonly string[]) => names.filter((n) => n !== '').join('-');

/** IKE proposals; returns the numbers written, for the peer's `ike-proposal` lines. */
function writeIkeProposals(ctx: TunnelContext, tunnel: PeerTunnel): number[] {
  const { out } = ctx;
  const v1 = tunnel.ikeVersions.length !== 1 || tunnel.ikeVersions[0] === 'ikev1';
  const v2 = tunnel.ikeVersions.length !== 1 || tunnel.ikeVersions[0] === 'ikev2';
  const numbers: number[] = [];
  if (tunnel.ikeProposals.length === 0) noteAt(ctx, out.add("# ike proposal: none set, the device's default IKE proposal applies"), 'peer.vendor.noProposals', { phase: 'IKE' });
  tunnel.ikeProposals.forEach((p: PeerIkeProposal) => {
    const parts: Part[] = [
      { kind: 'encryption', name: p.encryption },
      { kind: 'integrity', name: p.integrity },
      { kind: 'dh', name: p.dhGroup },
    ];
    const miss = missing(parts, (part) => (part.kind === 'integrity' && !v1 ? 'ikev2' : 'ike'));
    if (miss.sm.length + miss.other.length > 0) {
      const names = [...miss.sm, ...miss.other].join(', ');
      noteMissing(ctx, out.add(`# ike proposal ${joinNames([p.encryption, p.integrity, p.dhGroup])}: VRP has no IKE keyword for ${names}, not written`), miss);
      return;
    }
    const number = ctx.nextIkeProposal++;
    numbers.push(number);
    out.add('#');
    out.add(`ike proposal ${number}`);
    if (p.encryption !== '') out.add(` encryption-algorithm ${vrpKeyword('encryption', 'ike', p.encryption)!}`);
    if (p.dhGroup !== '') out.add(` dh ${vrpKeyword('dh', 'ike', p.dhGroup)!}`);
    if (p.integrity !== '') {
      if (v1) out.add(` authentication-algorithm ${vrpKeyword('integrity', 'ike', p.integrity)!}`);
      if (v2) {
        out.add(` integrity-algorithm ${vrpKeyword('integrity', 'ikev2', p.integrity)!}`);
        out.add(` prf ${vrpPrf(p.integrity)!}`);
      }
    }
    out.add(' authentication-method pre-share');
    writeLifetime(ctx, tunnel.ikeLifetime, 'IKE', (s) => ` sa duration ${s}`);
  });
  return numbers;
}

function writeLifetime(ctx: TunnelContext, value: number, phase: 'IKE' | 'IPsec', line: (seconds: number) => string): void {
  const { out } = ctx;
  const range = phase === 'IKE' ? IKE_LIFETIME : IPSEC_LIFETIME;
  if (!Number.isFinite(value)) {
    noteAt(ctx, out.add(` # sa duration: the ${phase} lifetime is not known, the default (${range.default} s) applies`), 'peer.vendor.lifetimeUnknown', { phase });
    return;
  }
  const seconds = clampLifetime(value, range);
  const at = out.add(line(seconds));
  if (seconds !== value) noteAt(ctx, at, 'peer.vendor.cannotLifetime', { phase, min: range.min, max: range.max, value });
}

interface WrittenEsp {
  name: string;
  pfs: string;
}

/** IPsec proposals (ESP, tunnel mode); returns the names written with each one's PFS group. */
function writeIpsecProposals(ctx: TunnelContext, key: PeerTunnelKey, tunnel: PeerTunnel): WrittenEsp[] {
  const { out } = ctx;
  const written: WrittenEsp[] = [];
  if (tunnel.ipsecProposals.length === 0) noteAt(ctx, out.add("# ipsec proposal: none set, the device's default IPsec proposal applies"), 'peer.vendor.noProposals', { phase: 'IPsec' });
  tunnel.ipsecProposals.forEach((p: PeerIpsecProposal, index) => {
    const parts: Part[] = [
      { kind: 'encryption', name: p.encryption },
      { kind: 'integrity', name: p.integrity },
    ];
    const miss = missing(parts, () => 'esp');
    const pfs = p.pfs === 'disabled' ? '' : p.pfs;
    if (pfs !== '' && vrpKeyword('dh', 'esp', pfs) === undefined) miss.other.push(pfs);
    if (miss.sm.length + miss.other.length > 0) {
      const names = [...miss.sm, ...miss.other].join(', ');
      noteMissing(ctx, out.add(`# ipsec proposal ${joinNames([p.encryption, p.integrity, pfs])}: VRP has no ESP keyword for ${names}, not written`), miss);
      return;
    }
    const name = ipsecProposalName(key, index);
    written.push({ name, pfs });
    out.add('#');
    out.add(`ipsec proposal ${name}`);
    out.add(' transform esp');
    out.add(' encapsulation-mode tunnel');
    const sm: number[] = [];
    if (p.integrity !== '') {
      const at = out.add(` esp authentication-algorithm ${vrpKeyword('integrity', 'esp', p.integrity)!}`);
      if (SM_NAMES.has(p.integrity)) sm.push(at);
    }
    if (p.encryption !== '') {
      const at = out.add(` esp encryption-algorithm ${vrpKeyword('encryption', 'esp', p.encryption)!}`);
      if (SM_NAMES.has(p.encryption)) sm.push(at);
    }
    if (sm.length > 0) noteAt(ctx, sm[0]!, 'peer.huawei-vrp.smEspOnly');
  });
  return written;
}

function writeIdentity(out: VendorText, side: 'local' | 'remote', id: string, address: string): void {
  if (id === '') {
    out.add(side === 'local' ? ' # local-id: not set, the device uses its address' : " # remote-id: not set, the cloud's identity is not checked");
    return;
  }
  if (isAddressId(id)) {
    out.add(` ${side}-id-type ip`);
    // The device's own address is its default identity of the ip type.
    if (side === 'remote' || id !== address) out.add(` ${side}-id ${id}`);
    return;
  }
  out.add(` ${side}-id-type fqdn`);
  out.add(` ${side}-id ${id}`);
}

function writePeer(ctx: TunnelContext, key: PeerTunnelKey, tunnel: PeerTunnel, ikeProposals: readonly number[]): void {
  const { out } = ctx;
  out.add('#');
  out.add(`ike peer ${NAMES[key].peer}`);
  const only = tunnel.ikeVersions.length === 1 ? tunnel.ikeVersions[0] : undefined;
  if (only === 'ikev1') {
    out.add(' version 1');
    out.add(' undo version 2');
  } else if (only === 'ikev2') {
    out.add(' undo version 1');
    out.add(' version 2');
  } else out.add(' # version: IKEv1 and IKEv2 both stay enabled (the default); the device initiates with IKEv2');
  // exchange-mode is IKEv1's; an IKEv2-only peer gets it only to keep a profile's aggressive mode.
  if (only !== 'ikev2' || tunnel.ikeMode === 'aggressive') out.add(` exchange-mode ${tunnel.ikeMode}`);
  if (!ctx.includeSecrets || tunnel.psk === '') noteAt(ctx, out.add(` pre-shared-key cipher ${pskArgument('').text}`), 'peer.vendor.pskPlaceholder');
  else {
    const psk = pskArgument(tunnel.psk);
    const at = out.add(` pre-shared-key cipher ${psk.text}`);
    if (psk.problem) noteAt(ctx, at, 'peer.vendor.cannotPsk', { detail: psk.problem });
  }
  for (const n of ikeProposals) out.add(` ike-proposal ${n}`);
  writeIdentity(out, 'local', tunnel.localId, tunnel.deviceAddress);
  writeIdentity(out, 'remote', tunnel.remoteId, tunnel.cloudAddress);
  if (tunnel.deviceAddress !== '') out.add(` local-address ${tunnel.deviceAddress}`);
  else noteAt(ctx, out.add(" # local-address: the device's public address is not known"), 'peer.vendor.deviceAddressUnknown');
  if (tunnel.cloudAddress !== '') out.add(` remote-address ${tunnel.cloudAddress}`);
  else noteAt(ctx, out.add(' # remote-address <cloud address>: not known, needed to initiate'), 'peer.vendor.cloudAddressUnknown');
  out.add(tunnel.dpd ? ' dpd type periodic' : ' # dpd: off, no dpd type is set');
  out.add(tunnel.natTraversal ? ' nat traversal' : ' undo nat traversal');
}

/** `proposal` / `pfs` / `sa duration time-based` of an ISAKMP policy entry or an IPsec profile. */
function writeSaSettings(ctx: TunnelContext, key: PeerTunnelKey, tunnel: PeerTunnel, esp: readonly WrittenEsp[]): void {
  const { out } = ctx;
  out.add(` ike-peer ${NAMES[key].peer}`);
  const pfs = esp[0]?.pfs ?? '';
  esp.forEach((p, index) => {
    if (index >= MAX_IPSEC_PROPOSALS) {
      noteAt(ctx, out.add(` # proposal ${p.name}: left out`), 'peer.huawei-vrp.tooManyProposals', { max: MAX_IPSEC_PROPOSALS, proposal: p.name });
      return;
    }
    const at = out.add(` proposal ${p.name}`);
    if (p.pfs !== pfs) noteAt(ctx, at, 'peer.huawei-vrp.pfsPerPolicy', { pfs: pfs || 'disabled', wanted: p.pfs || 'disabled' });
  });
  if (pfs !== '') out.add(` pfs ${vrpKeyword('dh', 'esp', pfs)!}`);
  writeLifetime(ctx, tunnel.ipsecLifetime, 'IPsec', (s) => ` sa duration time-based ${s}`);
}

function writeAcl(ctx: TunnelContext, key: PeerTunnelKey, tunnel: PeerTunnel): void {
  const { out } = ctx;
  out.add('#');
  out.add(`acl number ${NAMES[key].acl}`);
  if (tunnel.localSubnets.length === 0 || tunnel.remoteSubnets.length === 0) {
    noteAt(ctx, out.add(' # rule: no traffic selector is set, enter the networks on both sides'), 'peer.vendor.noSubnets');
    return;
  }
  let rule = 5;
  for (const local of tunnel.localSubnets) {
    for (const remote of tunnel.remoteSubnets) {
      const src = cidrToMask(local);
      const dst = cidrToMask(remote);
      if (!src || !dst) {
        noteAt(ctx, out.add(` # rule: ${local} -> ${remote} is not an IPv4 network`), 'peer.vendor.noSubnets');
        continue;
      }
      out.add(` rule ${rule} permit ip source ${src.address} ${src.wildcard} destination ${dst.address} ${dst.wildcard}`);
      rule += 5;
    }
  }
}

const isAny = (list: readonly string[]) => list.length === 1 && list[0] === '0.0.0.0/0';

function writeTunnelInterface(ctx: TunnelContext, key: PeerTunnelKey, tunnel: PeerTunnel): void {
  const { out } = ctx;
  const name = NAMES[key].tunnel;
  const selectors = `${tunnel.localSubnets.join(',') || '-'} -> ${tunnel.remoteSubnets.join(',') || '-'}`;
  out.add('#');
  const head = out.add(`interface ${name}`);
  if (!tunnel.routeBased) noteAt(ctx, head, 'peer.vendor.cannotBgpPolicy');
  else if (!isAny(tunnel.localSubnets) || !isAny(tunnel.remoteSubnets)) noteAt(ctx, head, 'peer.huawei-vrp.routeSelectors', { selectors });
  if (tunnel.bgp && tunnel.bgp.address !== '') out.add(` ip address ${tunnel.bgp.address} 255.255.255.252`);
  else {
    const at = out.add(` ip address unnumbered interface ${OUTSIDE_INTERFACE}`);
    placeholder(ctx, at, OUTSIDE_INTERFACE, OUTSIDE_WHAT);
  }
  out.add(' tunnel-protocol ipsec');
  if (tunnel.deviceAddress !== '') out.add(` source ${tunnel.deviceAddress}`);
  else placeholder(ctx, out.add(` source ${OUTSIDE_INTERFACE}`), OUTSIDE_INTERFACE, OUTSIDE_WHAT);
  if (tunnel.cloudAddress !== '') out.add(` destination ${tunnel.cloudAddress}`);
  else noteAt(ctx, out.add(' # destination <cloud address>: not known'), 'peer.vendor.cloudAddressUnknown');
  out.add(` ipsec profile ${NAMES[key].peer}`);
  if (!tunnel.routeBased) {
    // The policy's cloud networks stay in the tunnel as routes through the tunnel interface.
    out.add('#');
    out.add(`# BGP needs a tunnel interface: the policy-based selectors ${selectors} become routes into ${name}`);
    for (const remote of tunnel.remoteSubnets) {
      const dst = cidrToMask(remote);
      if (dst) out.add(`ip route-static ${dst.address} ${dst.mask} ${name}`);
    }
  } else if (!tunnel.bgp) {
    out.add('#');
    noteAt(ctx, out.add(`# ip route-static <VPC network> <mask> ${name}   (one route per VPC network)`), 'peer.vendor.routesUnknown');
  }
}

/** Everything of one tunnel but the BGP process and the outside interface (written once for the file). */
export function writeTunnel(ctx: TunnelContext, key: PeerTunnelKey, tunnel: PeerTunnel): { policyBased: boolean } {
  const { out } = ctx;
  ctx.key = key;
  out.add('#');
  out.add(`# Tunnel ${key}: this device ${tunnel.deviceAddress || '(address unknown)'} <-> Alibaba Cloud ${tunnel.cloudAddress || '(address unknown)'}`);
  const ike = writeIkeProposals(ctx, tunnel);
  const esp = writeIpsecProposals(ctx, key, tunnel);
  writePeer(ctx, key, tunnel, ike);
  const routed = tunnel.routeBased || tunnel.bgp !== undefined;
  if (!routed) {
    writeAcl(ctx, key, tunnel);
    out.add('#');
    out.add(`ipsec policy ${POLICY_NAME} ${NAMES[key].seq} isakmp`);
    out.add(` security acl ${NAMES[key].acl}`);
    writeSaSettings(ctx, key, tunnel, esp);
    return { policyBased: true };
  }
  out.add('#');
  out.add(`ipsec profile ${NAMES[key].peer}`);
  writeSaSettings(ctx, key, tunnel, esp);
  writeTunnelInterface(ctx, key, tunnel);
  return { policyBased: false };
}

export { OUTSIDE_WHAT };
