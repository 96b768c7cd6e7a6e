// Huawei VRP configuration text → peer profile. A tunnel is an ISAKMP policy entry (`ipsec policy <name> <seq>
// isakmp`, policy-based) or a Tunnel interface with `tunnel-protocol ipsec` and an IPsec profile (route-based), in
// order of appearance; each is followed to its IKE peer, IKE and IPsec proposals, ACL, and BGP peer. Where VRP's
// defaults fill in what the text leaves out, they are the USG6000E command reference's (AES-256, SHA2-256, DH14,
// 86400 s IKE, 3600 s IPsec). Never throws.
import { isIpv4 } from '../../../net/ipv4.ts';
import type { PeerProfile, PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import type { ImportResult } from '../../vendor.ts';
import { type AlgorithmKind, apiName, IKE_LIFETIME, IPSEC_LIFETIME, type Slot } from './algorithms.ts';
import { ASN_PATTERN, ENCRYPTED_KEY, readPsk, VENDOR_ID } from './common.ts';
import { type IkePeerView, type IkeProposalView, MAX_REMARKS, readIkePeer, readIkeProposal, readIpsecProposal, readSa, Remarks, type SaView } from './import-objects.ts';
import { type Line, type ParsedText, parseVrp, pick, type Section } from './import-parse.ts';
import { interfaceName, readBgp, readInterface, readSelectors, type BgpView, type InterfaceView } from './import-views.ts';
import { blankTunnel } from '../generic.ts';

const MAX_TEXT = 1024 * 1024;
const ANY = '0.0.0.0/0';

interface Context {
  parsed: ParsedText;
  interfaces: InterfaceView[];
  remarks: Remarks;
  byKind: (kind: Section['kind'], name: string) => Section | undefined;
  globalDpd: boolean;
  ipsecDefault: number;
}

/** Keywords of one command → API names; an unknown keyword is kept as written, with a remark. */
function names(ctx: Context, kind: AlgorithmKind, slot: Slot, list: { words: string[]; line?: Line }, fallback: string): string[] {
  if (list.words.length === 0) return [fallback];
  return list.words.map((word) => {
    const api = apiName(kind, slot, word);
    if (api === undefined) ctx.remarks.add(list.line, 'peer.vendor.import.unknownAlgorithm', { keyword: word });
    return api ?? word;
  });
}

function ikeProposals(ctx: Context, peer: IkePeerView, tunnel: PeerTunnel): void {
  const v2 = peer.versions.has('ikev2');
  const views: IkeProposalView[] = [];
  for (const ref of peer.proposals) {
    const section = ctx.byKind('ike-proposal', ref.number);
    if (section) views.push(readIkeProposal(section, ctx.remarks));
    else ctx.remarks.add(ref.line, 'peer.vendor.import.unresolved', { name: `ike proposal ${ref.number}` });
  }
  if (peer.proposals.length === 0) ctx.remarks.add(peer.head, 'peer.huawei-vrp.import.defaultProposal');
  for (const view of views) {
    const encryption = names(ctx, 'encryption', 'ike', view.encryption, 'aes256');
    const integrity = v2 && view.integrity.words.length > 0 ? names(ctx, 'integrity', 'ikev2', view.integrity, 'sha256') : names(ctx, 'integrity', 'ike', view.authentication, 'sha256');
    const groups = names(ctx, 'dh', 'ike', view.dh, 'group14');
    for (const e of encryption) for (const i of integrity) for (const g of groups) tunnel.ikeProposals.push({ encryption: e, integrity: i, dhGroup: g });
  }
  tunnel.ikeLifetime = views[0]?.duration ?? IKE_LIFETIME.default;
}

function ipsecProposals(ctx: Context, sa: SaView, tunnel: PeerTunnel): void {
  let pfs = 'disabled';
  if (sa.pfs) {
    const api = apiName('dh', 'esp', sa.pfs.word);
    if (api === undefined) ctx.remarks.add(sa.pfs.line, 'peer.vendor.import.unknownAlgorithm', { keyword: sa.pfs.word });
    pfs = api ?? sa.pfs.word;
  }
  for (const ref of sa.proposals) {
    const section = ctx.byKind('ipsec-proposal', ref.name);
    if (!section) {
      ctx.remarks.add(ref.line, 'peer.vendor.import.unresolved', { name: `ipsec proposal ${ref.name}` });
      continue;
    }
    const view = readIpsecProposal(section, ctx.remarks);
    for (const e of names(ctx, 'encryption', 'esp', view.encryption, 'aes256'))
      for (const i of names(ctx, 'integrity', 'esp', view.integrity, 'sha256')) tunnel.ipsecProposals.push({ encryption: e, integrity: i, pfs });
  }
  tunnel.ipsecLifetime = sa.duration ?? ctx.ipsecDefault;
}

function identities(ctx: Context, peer: IkePeerView, tunnel: PeerTunnel): void {
  const local = peer.localIdType;
  if (local === 'ip') tunnel.localId = peer.localId ?? tunnel.deviceAddress;
  else if (['fqdn', 'user-fqdn', 'key-id', 'name'].includes(local) && peer.localId !== undefined) tunnel.localId = peer.localId;
  else ctx.remarks.add(peer.head, 'peer.vendor.import.notUnderstood', { detail: `local-id-type ${local}` });
  const remote = peer.remoteIdType;
  if (remote === undefined || remote === 'any' || remote === 'none') tunnel.remoteId = remote === undefined ? (peer.remoteId ?? '') : '';
  else if (remote === 'ip') tunnel.remoteId = peer.remoteId ?? tunnel.cloudAddress;
  else if (['fqdn', 'user-fqdn', 'key-id', 'name'].includes(remote) && peer.remoteId !== undefined) tunnel.remoteId = peer.remoteId;
  else ctx.remarks.add(peer.head, 'peer.vendor.import.notUnderstood', { detail: `remote-id-type ${remote}` });
}

function blank(): PeerTunnel {
  return blankTunnel({ ikeVersions: ['ikev1', 'ikev2'], ikeLifetime: IKE_LIFETIME.default, ipsecLifetime: IPSEC_LIFETIME.default, natTraversal: true });
}

const address = (text: string | undefined) => (text !== undefined && isIpv4(text) ? text : undefined);

function readTunnel(ctx: Context, sa: SaView, tunnelInterface: InterfaceView | undefined, bgp: BgpView | undefined): PeerTunnel {
  const tunnel = blank();
  const peerSection = sa.peer ? ctx.byKind('ike-peer', sa.peer.name) : undefined;
  if (!peerSection) ctx.remarks.add(sa.peer?.line ?? sa.head, 'peer.vendor.import.unresolved', { name: sa.peer ? `ike peer ${sa.peer.name}` : 'ike-peer' });
  const peer = peerSection ? readIkePeer(peerSection, ctx.remarks) : undefined;
  // Else the address of the interface the tunnel leaves by: the Tunnel interface's source, or where the policy is applied.
  const policyGroup = sa.head.tokens[2]?.toLowerCase();
  const outside = tunnelInterface
    ? ctx.interfaces.find((i) => tunnelInterface.source !== undefined && i.name === interfaceName(tunnelInterface.source))
    : ctx.interfaces.find((i) => i.policy?.toLowerCase() === policyGroup);
  tunnel.deviceAddress = address(peer?.localAddress) ?? address(sa.tunnelLocal) ?? address(tunnelInterface?.source) ?? address(outside?.address) ?? '';
  tunnel.cloudAddress = address(peer?.remoteAddress) ?? address(tunnelInterface?.destination) ?? '';
  if (peer) {
    if (peer.versions.size === 0) ctx.remarks.add(peer.versionLine, 'peer.vendor.import.notUnderstood', { detail: 'no IKE version left' });
    else tunnel.ikeVersions = (['ikev1', 'ikev2'] as const).filter((v) => peer.versions.has(v));
    tunnel.ikeMode = peer.mode;
    if (!peer.psk) ctx.remarks.add(peer.head, 'peer.vendor.import.noSecret');
    else if (ENCRYPTED_KEY.test(peer.psk.value)) ctx.remarks.add(peer.psk.line, 'peer.vendor.import.encryptedSecret');
    else tunnel.psk = readPsk(peer.psk.value);
    ikeProposals(ctx, peer, tunnel);
    identities(ctx, peer, tunnel);
    tunnel.dpd = peer.dpd ?? ctx.globalDpd;
    tunnel.natTraversal = peer.natTraversal;
  }
  ipsecProposals(ctx, sa, tunnel);
  if (tunnelInterface) {
    tunnel.routeBased = true;
    tunnel.localSubnets = [ANY];
    tunnel.remoteSubnets = [ANY];
    const peering = bgp?.peers.find((p) => p.connectInterface === tunnelInterface.name) ?? bgp?.peers.find((p) => tunnelInterface.network !== undefined && p.network === tunnelInterface.network);
    if (bgp && peering) {
      tunnel.bgp = { asn: ASN_PATTERN.test(bgp.asn) ? bgp.asn : '', address: tunnelInterface.address ?? '', peerAddress: address(peering.address) ?? '', peerAsn: ASN_PATTERN.test(peering.asn) ? peering.asn : '' };
    }
  } else if (sa.acl) {
    const acl = ctx.byKind('acl', sa.acl.name);
    if (!acl) ctx.remarks.add(sa.acl.line, 'peer.vendor.import.unresolved', { name: `acl ${sa.acl.name}` });
    else Object.assign(tunnel, readSelectors(acl, ctx.remarks));
  } else ctx.remarks.add(sa.head, 'peer.vendor.import.notUnderstood', { detail: 'no security acl' });
  return tunnel;
}

function globals(parsed: ParsedText, remarks: Remarks): { globalDpd: boolean; ipsecDefault: number } {
  let globalDpd = false;
  let ipsecDefault = IPSEC_LIFETIME.default;
  for (const line of parsed.globals) {
    const t = line.tokens;
    const first = pick(t[0], ['ike', 'ipsec', 'ip', 'interface']);
    if (first === 'ike' && pick(t[1], ['dpd']) === 'dpd') {
      if (pick(t[2], ['type']) === 'type') globalDpd = true;
    } else if (first === 'ipsec' && /^ipsec\s+(authentication\s+)?sha2\s+compatible\s+enable$/i.test(line.text)) continue;
    else if (first === 'ipsec' && /^ipsec\s+sa\s+global-duration\s+time-based\s+\d+$/i.test(line.text)) ipsecDefault = Number(t[4]);
    else if (first === 'ike' || first === 'ipsec') remarks.add(line, 'peer.vendor.import.notUnderstood');
  }
  return { globalDpd, ipsecDefault };
}

function importUnsafe(input: string): ImportResult {
  const remarks = new Remarks();
  const text = input.length > MAX_TEXT ? input.slice(0, MAX_TEXT) : input;
  const parsed = parseVrp(text);
  const byName = new Map<string, Section>();
  for (const s of parsed.sections) if (!byName.has(`${s.kind}|${s.name.toLowerCase()}`)) byName.set(`${s.kind}|${s.name.toLowerCase()}`, s);
  const interfaces = parsed.sections.filter((s) => s.kind === 'interface').map((s) => readInterface(s, remarks));
  const ctx: Context = { parsed, interfaces, remarks, byKind: (kind, name) => byName.get(`${kind}|${name.toLowerCase()}`), ...globals(parsed, remarks) };
  const bgpSection = parsed.sections.find((s) => s.kind === 'bgp');
  const bgp = bgpSection ? readBgp(bgpSection) : undefined;
  const found: { line: number; sa: SaView; tunnelInterface?: InterfaceView }[] = [];
  for (const s of parsed.sections) {
    if (s.kind === 'other-ipsec') remarks.add(s.head, 'peer.vendor.import.notUnderstood');
    if (s.kind !== 'ipsec-policy') continue;
    const type = pick(s.head.tokens[4], ['isakmp', 'manual']);
    if (type !== 'isakmp' || s.head.tokens.length > 5) remarks.add(s.head, 'peer.vendor.import.notUnderstood');
    else found.push({ line: s.head.no, sa: readSa(s, remarks) });
  }
  for (const i of interfaces) {
    if (!i.profile) continue;
    const profile = ctx.byKind('ipsec-profile', i.profile.name);
    if (!profile) remarks.add(i.profile.line, 'peer.vendor.import.unresolved', { name: `ipsec profile ${i.profile.name}` });
    else found.push({ line: i.head.no, sa: readSa(profile, remarks), tunnelInterface: i });
  }
  found.sort((a, b) => a.line - b.line);
  const profile: PeerProfile = { vendor: VENDOR_ID, platform: '', source: 'import', tunnels: {} };
  const keys: PeerTunnelKey[] = found.length === 1 ? ['single'] : ['master', 'slave'];
  found.forEach((f, index) => {
    const key = keys[index];
    if (key) profile.tunnels[key] = readTunnel(ctx, f.sa, f.tunnelInterface, bgp);
    else remarks.add(f.tunnelInterface?.head ?? f.sa.head, 'peer.vendor.import.extraTunnel');
  });
  if (input.length > MAX_TEXT) remarks.add(undefined, 'peer.huawei-vrp.import.truncated');
  if (found.length === 0) {
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.trim() !== '');
    const all = [unreadable(first + 1 || 1, lines[first] ?? ''), ...remarks.list];
    // The cap holds with the unreadable remark in front: the last place says that more were left out.
    if (all.length > MAX_REMARKS) all.splice(MAX_REMARKS - 1, all.length, remarks.list.at(-1)!);
    return { profile, remarks: all };
  }
  return { profile, remarks: [...remarks.list].sort((a, b) => a.line - b.line) };
}

function unreadable(line: number, text: string) {
  const r = new Remarks();
  r.add({ no: line, text: text.trim(), tokens: [], indent: 0 }, 'peer.vendor.import.unreadable');
  return r.list[0]!;
}

export function importVrp(text: string): ImportResult {
  try {
    return importUnsafe(typeof text === 'string' ? text : '');
  } catch {
    return { profile: { vendor: VENDOR_ID, platform: '', source: 'import', tunnels: {} }, remarks: [unreadable(1, '')] };
  }
}
