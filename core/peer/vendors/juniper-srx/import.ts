// A Junos configuration (display set or the curly-brace form, whole or in part) read back into a peer profile. Each
// `security ipsec vpn` with an IKE gateway is a tunnel; its selectors come from traffic selectors, a proxy identity,
// or (a policy-based VPN without st0) the security policies that tunnel into it. What bears on IPsec and is not read
// is remarked by line; objects no tunnel uses are left alone.
import { isIpv4, parseIpv4Cidr } from '../../../net/ipv4.ts';
import type { PeerBgp, PeerIkeProposal, PeerIpsecProposal, PeerProfile, PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import type { ImportResult } from '../../vendor.ts';
import { blankTunnel, PSK_PLACEHOLDER } from '../generic.ts';
import { apiName, DEFAULT_IKE_LIFETIME, DEFAULT_IPSEC_LIFETIME, type AlgorithmKind, type Phase } from './algorithms.ts';
import { buildModel, Remarks, type Attr, type JunosModel, type JunosObject, type ObjectKind } from './import-model.ts';
import { readSelectors } from './import-selectors.ts';
import { parseConfig, utf8Text } from './syntax.ts';

const MAX_TEXT = 1024 * 1024;
const ANY = '0.0.0.0/0';

/** `[ a b ]` or `a` → the names. */
const listOf = (words: readonly string[]) => words.filter((w) => w !== '[' && w !== ']');

class Reader {
  readonly model: JunosModel;
  readonly remarks: Remarks;
  private readonly done = new Map<string, unknown>();

  constructor(model: JunosModel, remarks: Remarks) {
    this.model = model;
    this.remarks = remarks;
  }

  /** The object a statement refers to, or a remark at that statement. */
  ref(kind: ObjectKind, name: string | undefined, at: Attr): JunosObject | undefined {
    const found = name === undefined ? undefined : this.model.objects[kind].get(name);
    if (!found) this.remarks.add(at.line, 'peer.vendor.import.unresolved', { name: name ?? '' });
    return found;
  }

  /** An object read once, however many tunnels use it (its remarks are not repeated). */
  once<T>(kind: string, obj: JunosObject, read: () => T): T {
    const id = `${kind}:${obj.name}`;
    if (!this.done.has(id)) this.done.set(id, read());
    return this.done.get(id) as T;
  }

  algorithm(phase: Phase, kind: AlgorithmKind, attr: Attr): string {
    const keyword = attr.words[1] ?? '';
    const { name, known } = apiName(phase, kind, keyword);
    if (!known) this.remarks.add(attr.line, 'peer.vendor.import.unknownAlgorithm');
    return name;
  }

  notUnderstood(attr: Attr): void {
    this.remarks.add(attr.line, 'peer.vendor.import.notUnderstood');
  }
}

interface ReadProposal<T> {
  proposal: T;
  lifetime?: number;
}

function lifetimeOf(r: Reader, attr: Attr): number | undefined {
  const n = Number(attr.words[1]);
  if (Number.isInteger(n) && n >= 0) return n;
  r.notUnderstood(attr);
  return undefined;
}

function readIkeProposal(r: Reader, obj: JunosObject): ReadProposal<PeerIkeProposal> {
  const p: PeerIkeProposal = { encryption: '', integrity: '', dhGroup: '' };
  let lifetime: number | undefined;
  for (const a of obj.attrs) {
    const [k, v] = a.words;
    if (k === 'encryption-algorithm') p.encryption = r.algorithm('ike', 'encryption', a);
    else if (k === 'authentication-algorithm') p.integrity = r.algorithm('ike', 'integrity', a);
    else if (k === 'dh-group') p.dhGroup = r.algorithm('ike', 'dh', a);
    else if (k === 'lifetime-seconds') lifetime = lifetimeOf(r, a);
    else if (k === 'authentication-method') {
      if (v !== 'pre-shared-keys') r.notUnderstood(a);
    } else if (k !== 'description' && k !== undefined) r.notUnderstood(a);
  }
  return { proposal: p, ...(lifetime !== undefined && { lifetime }) };
}

function readIpsecProposal(r: Reader, obj: JunosObject): ReadProposal<Omit<PeerIpsecProposal, 'pfs'>> {
  const p = { encryption: '', integrity: '' };
  let lifetime: number | undefined;
  for (const a of obj.attrs) {
    const [k, v] = a.words;
    if (k === 'encryption-algorithm') p.encryption = r.algorithm('ipsec', 'encryption', a);
    else if (k === 'authentication-algorithm') p.integrity = r.algorithm('ipsec', 'integrity', a);
    else if (k === 'lifetime-seconds') lifetime = lifetimeOf(r, a);
    else if (k === 'protocol') {
      if (v !== 'esp') r.notUnderstood(a);
    } else if (k !== 'description' && k !== undefined) r.notUnderstood(a);
  }
  return { proposal: p, ...(lifetime !== undefined && { lifetime }) };
}

/** A policy's proposals in order, each read by `read`; the lifetime of the first that has one. */
function proposalsOf<T>(r: Reader, policy: JunosObject, kind: 'ikeProposal' | 'ipsecProposal', read: (o: JunosObject) => ReadProposal<T>, fallback: number) {
  const proposals: T[] = [];
  const lifetimes: { value: number; at: Attr }[] = [];
  for (const a of policy.attrs) {
    if (a.words[0] === 'proposal-set') r.remarks.add(a.line, 'peer.juniper-srx.import.proposalSet', { name: a.words[1] ?? '' });
    if (a.words[0] !== 'proposals') continue;
    for (const name of listOf(a.words.slice(1))) {
      const obj = r.ref(kind, name, a);
      if (!obj) continue;
      const read1 = r.once(kind, obj, () => read(obj));
      proposals.push(read1.proposal);
      lifetimes.push({ value: read1.lifetime ?? fallback, at: a });
    }
  }
  const lifetime = lifetimes[0]?.value ?? fallback;
  const other = lifetimes.find((l) => l.value !== lifetime);
  if (other) r.remarks.add(other.at.line, 'peer.juniper-srx.import.lifetimes', { seconds: lifetime });
  return { proposals, lifetime };
}

function readPsk(r: Reader, a: Attr): string {
  const [, type, value = ''] = a.words;
  if (/^\$9\$/.test(value)) {
    r.remarks.add(a.line, 'peer.vendor.import.encryptedSecret');
    return '';
  }
  if (type === 'ascii-text') return value === PSK_PLACEHOLDER ? '' : value;
  const hex = value.replace(/^0x/i, '');
  const text = type === 'hexadecimal' && /^([0-9a-f]{2})+$/i.test(hex) ? utf8Text(hex.match(/../g)!.map((h) => parseInt(h, 16))) : undefined;
  if (text === undefined) r.notUnderstood(a);
  return text ?? '';
}

function readIkePolicy(r: Reader, policy: JunosObject, t: PeerTunnel): void {
  const { proposals, lifetime } = proposalsOf(r, policy, 'ikeProposal', (o) => readIkeProposal(r, o), DEFAULT_IKE_LIFETIME);
  t.ikeProposals = proposals;
  t.ikeLifetime = lifetime;
  let psk = false;
  for (const a of policy.attrs) {
    const [k, v] = a.words;
    if (k === 'mode' && (v === 'main' || v === 'aggressive')) t.ikeMode = v;
    else if (k === 'pre-shared-key' || k === 'seeded-pre-shared-key') {
      psk = true;
      if (k === 'seeded-pre-shared-key') r.notUnderstood(a);
      else t.psk = readPsk(r, a);
    } else if (!['proposals', 'proposal-set', 'description', 'reauth-frequency'].includes(k ?? '')) r.notUnderstood(a);
  }
  if (!psk) r.remarks.add(policy.line, 'peer.vendor.import.noSecret');
}

/** `inet 1.2.3.4`, `hostname x`, … → the identity's text; undefined (and a remark) for a type it cannot hold. */
function identityOf(r: Reader, a: Attr): string | undefined {
  const [, type, value] = a.words;
  if (value !== undefined && ['inet', 'inet6', 'hostname', 'user-at-hostname', 'key-id'].includes(type ?? '')) return value;
  r.notUnderstood(a);
  return undefined;
}

function readGateway(r: Reader, gw: JunosObject, t: PeerTunnel): void {
  let localId: string | undefined;
  let remoteId: string | undefined;
  let general = false;
  let policy: JunosObject | undefined;
  for (const a of gw.attrs) {
    const [k, v] = a.words;
    if (k === 'ike-policy') policy = r.ref('ikePolicy', v, a);
    else if (k === 'address') {
      const addresses = listOf(a.words.slice(1));
      if (t.cloudAddress === '') t.cloudAddress = addresses[0] ?? '';
      if (addresses.length > 1 || t.cloudAddress !== addresses[0]) r.notUnderstood(a);
    } else if (k === 'local-address') t.deviceAddress = v ?? '';
    else if (k === 'local-identity') localId = identityOf(r, a) ?? localId;
    else if (k === 'remote-identity') remoteId = identityOf(r, a) ?? remoteId;
    else if (k === 'general-ikeid') general = true;
    else if (k === 'version') {
      if (v === 'v2-only') t.ikeVersions = ['ikev2'];
      else if (v !== 'v1-only') r.notUnderstood(a);
    } else if (k === 'dead-peer-detection') t.dpd = true;
    else if (k === 'no-nat-traversal') t.natTraversal = false;
    else if (!['external-interface', 'nat-keepalive', 'description'].includes(k ?? '')) r.notUnderstood(a);
  }
  // Junos' defaults: the local identity is the address IKE runs from, the remote one the gateway's address.
  t.localId = localId ?? t.deviceAddress;
  t.remoteId = general ? '' : (remoteId ?? t.cloudAddress);
  if (policy) readIkePolicy(r, policy, t);
  else if (!gw.attrs.some((a) => a.words[0] === 'ike-policy')) r.remarks.add(gw.line, 'peer.vendor.import.unresolved', { name: 'ike-policy' });
}

function readIpsecPolicy(r: Reader, policy: JunosObject, t: PeerTunnel): void {
  let pfs = 'disabled';
  for (const a of policy.attrs) {
    const [k, v, group] = a.words;
    if (k === 'perfect-forward-secrecy' && v === 'keys' && group !== undefined) pfs = r.algorithm('ipsec', 'dh', { line: a.line, words: [v, group] });
    else if (!['proposals', 'proposal-set', 'description'].includes(k ?? '')) r.notUnderstood(a);
  }
  const { proposals, lifetime } = proposalsOf(r, policy, 'ipsecProposal', (o) => readIpsecProposal(r, o), DEFAULT_IPSEC_LIFETIME);
  t.ipsecProposals = proposals.map((p) => ({ ...p, pfs }));
  t.ipsecLifetime = lifetime;
}

/** The BGP session of a tunnel: a neighbor inside its st0 unit's network, in any BGP group. */
function readBgp(r: Reader, unit: string | undefined): PeerBgp | undefined {
  const address = unit === undefined ? undefined : r.model.st0.get(unit)?.address;
  const network = address === undefined ? undefined : parseIpv4Cidr(address);
  if (!network || address === undefined) return undefined;
  const own = address.split('/')[0]!;
  for (const group of r.model.objects.bgpGroup.values()) {
    for (const a of group.attrs) {
      const [k, peer] = a.words;
      const peerInt = k === 'neighbor' && peer !== undefined && isIpv4(peer) ? parseIpv4Cidr(`${peer}/32`)!.start : undefined;
      if (peerInt === undefined || peerInt < network.start || peerInt > network.end || peer === own) continue;
      const groupValue = (key: string) => group.attrs.find((x) => x.words[0] === key)?.words[1];
      const neighborAsn = group.attrs.find((x) => x.words[0] === 'neighbor' && x.words[1] === peer && x.words[2] === 'peer-as')?.words[3];
      return { asn: groupValue('local-as') ?? r.model.asn?.words[0] ?? '', address: own, peerAddress: peer!, peerAsn: neighborAsn ?? groupValue('peer-as') ?? '' };
    }
  }
  return undefined;
}

const emptyTunnel = (): PeerTunnel => blankTunnel({ ikeVersions: ['ikev1'], ikeLifetime: DEFAULT_IKE_LIFETIME, ipsecLifetime: DEFAULT_IPSEC_LIFETIME, natTraversal: true });

const QUIET_VPN = new Set(['establish-tunnels', 'df-bit', 'vpn-monitor', 'copy-outer-dscp', 'description', 'traffic-selector', 'bind-interface']);
const QUIET_VPN_IKE = new Set(['idle-time', 'install-interval', 'no-anti-replay', 'anti-replay-window-size', 'proxy-identity']);

function readVpn(r: Reader, vpn: JunosObject): PeerTunnel {
  const t = emptyTunnel();
  let unit: string | undefined;
  let gateway: JunosObject | undefined;
  let policy: JunosObject | undefined;
  for (const a of vpn.attrs) {
    const [k, v, name] = a.words;
    if (k === 'bind-interface') unit = /^st0\.(\d+)$/.exec(v ?? '')?.[1];
    if (k === 'ike' && v === 'gateway') gateway = r.ref('gateway', name, a);
    else if (k === 'ike' && v === 'ipsec-policy') policy = r.ref('ipsecPolicy', name, a);
    else if (k === 'ike' ? !QUIET_VPN_IKE.has(v ?? '') : !QUIET_VPN.has(k ?? '')) r.notUnderstood(a);
  }
  if (gateway) readGateway(r, gateway, t);
  if (policy) readIpsecPolicy(r, policy, t);
  const selectors = readSelectors(r.model, r.remarks, vpn, unit !== undefined);
  t.localSubnets = selectors.local;
  t.remoteSubnets = selectors.remote;
  t.routeBased = selectors.local.length === 1 && selectors.local[0] === ANY && selectors.remote.length === 1 && selectors.remote[0] === ANY;
  const bgp = readBgp(r, unit);
  if (bgp) t.bgp = bgp;
  return t;
}

function emptyProfile(): PeerProfile {
  return { vendor: 'juniper-srx', platform: '', source: 'import', tunnels: {} };
}

function importUnsafe(input: string): ImportResult {
  const text = input.length > MAX_TEXT ? input.slice(0, MAX_TEXT) : input;
  const lines = text.split('\n');
  const remarks = new Remarks(lines);
  if (text !== input) remarks.add(lines.length, 'peer.juniper-srx.import.truncated');
  const model = buildModel(parseConfig(text), remarks);
  const reader = new Reader(model, remarks);
  const profile = emptyProfile();
  const vpns = [...model.objects.vpn.values()].filter((v) => v.attrs.some((a) => a.words[0] === 'ike' && a.words[1] === 'gateway'));
  const keys: PeerTunnelKey[] = vpns.length === 1 ? ['single'] : ['master', 'slave'];
  vpns.forEach((vpn, i) => {
    const key = keys[i];
    if (key) profile.tunnels[key] = readVpn(reader, vpn);
    else remarks.add(vpn.line, 'peer.vendor.import.extraTunnel');
  });
  const tunnels = new Set(vpns);
  for (const vpn of model.objects.vpn.values()) if (!tunnels.has(vpn)) remarks.add(vpn.line, 'peer.vendor.import.notUnderstood');
  if (vpns.length === 0) {
    const first = lines.findIndex((l) => l.trim() !== '');
    remarks.add(first + 1 || 1, 'peer.vendor.import.unreadable');
  }
  return { profile, remarks: remarks.sorted() };
}

export function importJunos(text: string): ImportResult {
  try {
    return importUnsafe(text);
  } catch (error) {
    const remarks = new Remarks([]);
    remarks.add(1, 'peer.vendor.import.unreadable', { detail: error instanceof Error ? error.message : '' });
    return { profile: emptyProfile(), remarks: remarks.sorted() };
  }
}
