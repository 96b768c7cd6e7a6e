// The IPsec objects of an IOS-XE configuration, by kind and name, read from the line tree. Lines of a crypto block
// that are not understood become remarks here; the lines of interfaces, ACLs and BGP only when a tunnel uses them.
import { isIpv4 } from '../../../net/ipv4.ts';
import type { ImportRemark } from '../../vendor.ts';
import { PSK_PLACEHOLDER } from '../generic.ts';
import { remark } from './common.ts';
import { kw, type Node, rest, starts } from './parse.ts';

/** A keyword with the line it was read from (for remarks). */
export interface Word {
  word: string;
  node: Node;
}

/** A key as read: clear text, or stored encrypted (type 6 / 7) and so unknown. */
export type Key = { psk: string; node: Node } | { encrypted: true; node: Node };

export interface IpsecSet {
  node: Node;
  transformSets: { name: string; node: Node }[];
  /** The PFS group keyword (`group14`), undefined without `set pfs`. */
  pfs?: Word;
  lifetime?: number;
  ikev2Profile?: { name: string; node: Node };
  isakmpProfile?: { name: string; node: Node };
  peer?: string;
  acl?: { name: string; node: Node };
}

export interface Ikev2Profile {
  node: Node;
  remoteId?: { value: string; node: Node };
  localAddress?: string;
  localId?: string;
  keyring?: { name: string; node: Node };
  lifetime?: number;
  dpd: boolean;
}

export interface IsakmpProfile {
  node: Node;
  keyrings: { name: string; node: Node }[];
  selfIdentity?: { kind: 'address' | 'fqdn' | 'user-fqdn'; value: string; node: Node };
  remoteId?: string;
  localAddress?: string;
  aggressive: boolean;
  dpd: boolean;
}

export interface KeyEntry {
  address?: string;
  mask?: string;
  hostname?: string;
  key: Key;
}

export interface Interface {
  node: Node;
  address?: string;
  mask?: string;
  cryptoMap?: string;
  source?: { value: string; node: Node };
  destination?: string;
  mode?: { value: string; node: Node };
  protection?: { name: string; node: Node };
  /** Lines of a tunnel interface that bear on the tunnel and were not understood. */
  unknown: Node[];
}

export interface AclEntry {
  node: Node;
  source?: string;
  destination?: string;
}

export interface BgpNeighbor {
  remoteAs?: string;
  localAs?: string;
  updateSource?: string;
  unknown: Node[];
}

export interface Index {
  hostname?: string;
  domain?: string;
  ikev2Proposals: Map<string, { node: Node; encryption: Word[]; integrity: Word[]; groups: Word[] }>;
  ikev2Policies: { node: Node; addresses: string[]; proposals: { name: string; node: Node }[] }[];
  ikev2Keyrings: Map<string, { node: Node; peers: (KeyEntry & { identity?: string })[] }>;
  ikev2Profiles: Map<string, Ikev2Profile>;
  ikev2Dpd: boolean;
  isakmpPolicies: { node: Node; number: number; encryption: Word; hash: Word; group: Word; lifetime: number; preShare: boolean }[];
  isakmpKeys: KeyEntry[];
  isakmpKeepalive: boolean;
  isakmpIdentity?: { kind: 'address' | 'hostname'; node: Node };
  isakmpProfiles: Map<string, IsakmpProfile>;
  isakmpPeers: Map<string, { key?: Key; clientEndpoint?: string; node: Node }>;
  keyrings: Map<string, { node: Node; localAddress?: string; keys: KeyEntry[] }>;
  transformSets: Map<string, { node: Node; words: string[] }>;
  ipsecProfiles: Map<string, IpsecSet>;
  cryptoMaps: (IpsecSet & { map: string; sequence: number })[];
  /** `crypto map NAME local-address IFACE`. */
  mapLocal: Map<string, string>;
  natTraversal: boolean;
  ipsecLifetime?: number;
  interfaces: Map<string, Interface>;
  acls: Map<string, { node: Node; entries: AclEntry[] }>;
  bgp?: { node: Node; asn: string; neighbors: Map<string, BgpNeighbor> };
  remarks: ImportRemark[];
}

const INTERFACE_TYPES = ['gigabitethernet', 'tengigabitethernet', 'fastethernet', 'ethernet', 'loopback', 'tunnel', 'port-channel', 'vlan', 'dialer', 'cellular'];

/** `Gi1`, `GigabitEthernet 1`, `gigabitethernet1` → one spelling, so references and definitions meet. */
export function interfaceKey(name: string): string {
  const compact = name.replace(/\s+/g, '').toLowerCase();
  const match = /^([a-z-]+)(.*)$/.exec(compact);
  if (!match) return compact;
  const type = INTERFACE_TYPES.find((t) => t.startsWith(match[1]!)) ?? match[1]!;
  return `${type}${match[2]!}`;
}

const notUnderstood = (index: Index, node: Node): void => {
  index.remarks.push(remark(node.line, node.text, 'peer.vendor.import.notUnderstood'));
};
const num = (word: string | undefined) => (word !== undefined && /^\d+$/.test(word) ? Number(word) : undefined);

/** `[0|6|7] key…` from `words[at]` on. */
export function readKey(node: Node, at: number): Key {
  const type = node.words[at];
  if ((type === '6' || type === '7') && node.words.length > at + 1) return { encrypted: true, node };
  const from = type === '0' && node.words.length > at + 1 ? at + 1 : at;
  const text = rest(node, from);
  return { psk: text === PSK_PLACEHOLDER ? '' : text, node };
}

function hexKey(node: Node, hex: string): Key {
  if (!/^([0-9a-f]{2})+$/i.test(hex)) return { psk: '', node };
  const bytes = hex.match(/../g)!.map((b) => `%${b}`).join('');
  try {
    return { psk: decodeURIComponent(bytes), node };
  } catch {
    return { psk: '', node };
  }
}

/** `set …` lines of an IPsec profile or a crypto map entry; false when the line is none of them. */
function readSet(set: IpsecSet, node: Node): boolean {
  const w = node.words;
  if (!kw(w[0], 'set')) return false;
  if (starts(w, 'set transform-set:9')) set.transformSets.push(...w.slice(2).map((name) => ({ name, node })));
  // A bare `set pfs` asks for group 1, the command's documented default.
  else if (starts(w, 'set pfs')) set.pfs = { word: w[2]?.toLowerCase() ?? 'group1', node };
  else if (starts(w, 'set security-association:8 lifetime:4 seconds:3') && num(w[4]) !== undefined) set.lifetime = num(w[4]);
  else if (starts(w, 'set security-association:8 lifetime:4 days') && num(w[4]) !== undefined) set.lifetime = num(w[4])! * 86400;
  else if (starts(w, 'set security-association:8 lifetime:4 kilobytes:4')) return true;
  else if (starts(w, 'set ikev2-profile:5') && w[2]) set.ikev2Profile = { name: w[2], node };
  else if (starts(w, 'set isakmp-profile:5') && w[2]) set.isakmpProfile = { name: w[2], node };
  else if (starts(w, 'set peer') && w[2]) set.peer = w[2];
  else return false;
  return true;
}

function readIpsecProfile(index: Index, node: Node): void {
  const set: IpsecSet = { node, transformSets: [] };
  for (const c of node.children) if (!readSet(set, c) && !kw(c.words[0], 'description', 4)) notUnderstood(index, c);
  index.ipsecProfiles.set(node.words[3] ?? '', set);
}

function readCryptoMap(index: Index, node: Node): void {
  const [, , map = '', seq, type, dynamic] = node.words;
  if (kw(seq, 'local-address', 5) && type) {
    index.mapLocal.set(map, type);
    return;
  }
  if (kw(seq, 'redundancy')) return;
  if (num(seq) === undefined) return notUnderstood(index, node);
  if (!kw(type, 'ipsec-isakmp', 7) || dynamic !== undefined) return notUnderstood(index, node);
  const entry = { map, sequence: num(seq)!, node, transformSets: [] } as IpsecSet & { map: string; sequence: number };
  for (const c of node.children) {
    if (readSet(entry, c)) continue;
    if (starts(c.words, 'match:3 address:3') && c.words[2]) entry.acl = { name: c.words[2], node: c };
    else if (!kw(c.words[0], 'description', 4) && !starts(c.words, 'reverse-route:7')) notUnderstood(index, c);
  }
  index.cryptoMaps.push(entry);
}

function readIkev2Proposal(index: Index, node: Node): void {
  const proposal = { node, encryption: [] as Word[], integrity: [] as Word[], groups: [] as Word[] };
  for (const c of node.children) {
    const args = c.words.slice(1).map((word) => ({ word: word.toLowerCase(), node: c }));
    if (kw(c.words[0], 'encryption', 4)) proposal.encryption.push(...args);
    else if (kw(c.words[0], 'integrity', 3)) proposal.integrity.push(...args);
    else if (kw(c.words[0], 'group', 2)) proposal.groups.push(...args);
    else if (!kw(c.words[0], 'prf')) notUnderstood(index, c);
  }
  index.ikev2Proposals.set(node.words[3] ?? '', proposal);
}

function readIkev2Policy(index: Index, node: Node): void {
  const policy = { node, addresses: [] as string[], proposals: [] as { name: string; node: Node }[] };
  for (const c of node.children) {
    if (kw(c.words[0], 'proposal', 4) && c.words[1]) policy.proposals.push({ name: c.words[1], node: c });
    else if (starts(c.words, 'match:3 address:3 local:3')) policy.addresses.push(...c.words.slice(3).filter(isIpv4));
    else if (!starts(c.words, 'match:3 fvrf:2') && !kw(c.words[0], 'description', 4)) notUnderstood(index, c);
  }
  index.ikev2Policies.push(policy);
}

function readIkev2Keyring(index: Index, node: Node): void {
  const keyring = { node, peers: [] as (KeyEntry & { identity?: string })[] };
  for (const peer of node.children) {
    if (!kw(peer.words[0], 'peer')) {
      notUnderstood(index, peer);
      continue;
    }
    const entry: KeyEntry & { identity?: string } = { key: { psk: '', node: peer } };
    let remoteKey: Key | undefined;
    for (const c of peer.children) {
      const w = c.words;
      if (kw(w[0], 'address', 3) && isIpv4(w[1] ?? '')) [entry.address, entry.mask] = [w[1], w[2]];
      else if (kw(w[0], 'hostname', 4) && w[1]) entry.hostname = w[1];
      else if (kw(w[0], 'identity', 5) && w[2]) entry.identity = w[2];
      else if (kw(w[0], 'pre-shared-key', 3) && kw(w[1], 'hex') && w[2]) entry.key = hexKey(c, w[2]);
      else if (kw(w[0], 'pre-shared-key', 3) && kw(w[1], 'remote', 3) && w[2]) remoteKey = readKey(c, 2);
      else if (kw(w[0], 'pre-shared-key', 3) && kw(w[1], 'local', 3) && w[2]) entry.key = readKey(c, 2);
      else if (kw(w[0], 'pre-shared-key', 3) && w[1]) entry.key = readKey(c, 1);
      else if (!kw(w[0], 'description', 4)) notUnderstood(index, c);
    }
    if (remoteKey && 'psk' in remoteKey && 'psk' in entry.key && remoteKey.psk !== entry.key.psk)
      index.remarks.push(remark(remoteKey.node.line, remoteKey.node.text, 'peer.cisco-iosxe.import.asymmetricPsk'));
    keyring.peers.push(entry);
  }
  index.ikev2Keyrings.set(node.words[3] ?? '', keyring);
}

function readIkev2Profile(index: Index, node: Node): void {
  const p: Ikev2Profile = { node, dpd: false };
  for (const c of node.children) {
    const w = c.words;
    if (starts(w, 'match:3 identity:3 remote:3')) {
      const value = starts(w.slice(3), 'any') ? '' : starts(w.slice(3), 'address:3') ? addressId(w[4], w[5]) : starts(w.slice(3), 'fqdn') && !kw(w[4], 'domain') ? w[4] : undefined;
      if (value === undefined) notUnderstood(index, c);
      else if (p.remoteId) notUnderstood(index, c);
      else p.remoteId = { value, node: c };
    } else if (starts(w, 'match:3 address:3 local:3') && isIpv4(w[3] ?? '')) p.localAddress = w[3];
    else if (starts(w, 'match:3 fvrf:2')) continue;
    else if (starts(w, 'identity:5 local:3') && (kw(w[2], 'address', 3) || kw(w[2], 'fqdn') || kw(w[2], 'email')) && w[3]) p.localId = w[3];
    else if (starts(w, 'authentication:4') && kw(w[2], 'pre-share', 3) && w.length === 3) continue;
    else if (starts(w, 'keyring:4 local:3') && w[2]) p.keyring = { name: w[2], node: c };
    else if (kw(w[0], 'lifetime', 4) && num(w[kw(w[1], 'seconds', 3) ? 2 : 1]) !== undefined) p.lifetime = num(w[kw(w[1], 'seconds', 3) ? 2 : 1]);
    else if (kw(w[0], 'dpd') && num(w[1]) !== undefined) p.dpd = true;
    else if (!kw(w[0], 'description', 4) && !starts(w, 'nat') && !starts(w, 'config-exchange:6')) notUnderstood(index, c);
  }
  index.ikev2Profiles.set(node.words[3] ?? '', p);
}

/** `address mask` as an identity: a host address, '' for any, undefined for a range the profile cannot hold. */
function addressId(address: string | undefined, mask: string | undefined): string | undefined {
  if (address === undefined || !isIpv4(address)) return undefined;
  if (mask === '0.0.0.0') return '';
  return mask === undefined || mask === '255.255.255.255' ? address : undefined;
}

function readIsakmpPolicy(index: Index, node: Node): void {
  // IOS-XE prints only what differs from the defaults: DES, SHA-1, RSA signatures, group 1, 86400 s.
  const policy = { node, number: num(node.words[3]) ?? 0, encryption: { word: 'des', node }, hash: { word: 'sha', node }, group: { word: '1', node }, lifetime: 86400, preShare: false };
  for (const c of node.children) {
    const w = c.words;
    if (kw(w[0], 'encryption', 4) && w[1]) policy.encryption = { word: rest(c, 1), node: c };
    else if (kw(w[0], 'hash') && w[1]) policy.hash = { word: w[1], node: c };
    else if (kw(w[0], 'group', 2) && w[1]) policy.group = { word: w[1], node: c };
    else if (kw(w[0], 'lifetime', 4) && num(w[1]) !== undefined) policy.lifetime = num(w[1])!;
    else if (kw(w[0], 'authentication', 4)) policy.preShare = kw(w[1], 'pre-share', 3);
    else notUnderstood(index, c);
  }
  if (!policy.preShare) index.remarks.push(remark(node.line, node.text, 'peer.cisco-iosxe.import.notPreShare'));
  index.isakmpPolicies.push(policy);
}

/** `pre-shared-key address A [M] key …` / `hostname H key …` (keyring), or what follows `crypto isakmp key K`. */
function readKeyEntry(node: Node, at: number): KeyEntry | undefined {
  const w = node.words;
  const keyAt = w.findIndex((x, i) => i > at && kw(x, 'key'));
  if (keyAt < 0 || keyAt === w.length - 1) return undefined;
  const key = readKey(node, keyAt + 1);
  if (kw(w[at], 'address', 3) && isIpv4(w[at + 1] ?? '')) return { address: w[at + 1], ...(isIpv4(w[at + 2] ?? '') && { mask: w[at + 2] }), key };
  if (kw(w[at], 'hostname', 4) && w[at + 1]) return { hostname: w[at + 1], key };
  return undefined;
}

function readKeyring(index: Index, node: Node): void {
  const keyring = { node, keys: [] as KeyEntry[] } as { node: Node; localAddress?: string; keys: KeyEntry[] };
  for (const c of node.children) {
    const entry = kw(c.words[0], 'pre-shared-key', 3) ? readKeyEntry(c, 1) : undefined;
    if (entry) keyring.keys.push(entry);
    else if (kw(c.words[0], 'local-address', 5) && c.words[1]) keyring.localAddress = c.words[1];
    else if (!kw(c.words[0], 'description', 4)) notUnderstood(index, c);
  }
  index.keyrings.set(node.words[2] ?? '', keyring);
}

function readIsakmpProfile(index: Index, node: Node): void {
  const p: IsakmpProfile = { node, keyrings: [], aggressive: false, dpd: false };
  for (const c of node.children) {
    const w = c.words;
    if (kw(w[0], 'keyring', 4) && w[1]) p.keyrings.push({ name: w[1], node: c });
    else if (kw(w[0], 'self-identity', 5) && kw(w[1], 'address', 3) && w.length === 2) p.selfIdentity = { kind: 'address', value: '', node: c };
    else if (kw(w[0], 'self-identity', 5) && kw(w[1], 'fqdn') && w.length === 2) p.selfIdentity = { kind: 'fqdn', value: '', node: c };
    else if (kw(w[0], 'self-identity', 5) && kw(w[1], 'user-fqdn') && w[2]) p.selfIdentity = { kind: 'user-fqdn', value: w[2], node: c };
    else if (starts(w, 'match:3 identity:3 address:3') && addressId(w[3], w[4] ?? '255.255.255.255') !== undefined && p.remoteId === undefined)
      p.remoteId = addressId(w[3], w[4] ?? '255.255.255.255');
    else if (starts(w, 'match:3 identity:3 host') && w[3] && !kw(w[3], 'domain') && p.remoteId === undefined) p.remoteId = w[3];
    else if (kw(w[0], 'local-address', 5) && w[1]) p.localAddress = w[1];
    else if (starts(w, 'initiate mode') && kw(w[2], 'aggressive', 3)) p.aggressive = true;
    else if (kw(w[0], 'keepalive', 4) && num(w[1]) !== undefined) p.dpd = true;
    else if (!kw(w[0], 'description', 4) && !(starts(w, 'initiate mode') && kw(w[2], 'main'))) notUnderstood(index, c);
  }
  index.isakmpProfiles.set(node.words[3] ?? '', p);
}

function readIsakmpPeer(index: Index, node: Node): void {
  const address = node.words[4];
  if (!kw(node.words[3], 'address', 3) || !address) return notUnderstood(index, node);
  const peer: { key?: Key; clientEndpoint?: string; node: Node } = { node };
  for (const c of node.children) {
    const w = c.words;
    if (starts(w, 'set aggressive-mode:5 password:4') && w[3]) peer.key = readKey(c, 3);
    else if (starts(w, 'set aggressive-mode:5 client-endpoint:6') && w[4]) peer.clientEndpoint = w[4];
    else if (!kw(w[0], 'description', 4)) notUnderstood(index, c);
  }
  index.isakmpPeers.set(address, peer);
}

/** `crypto isakmp key [0|6|7] KEY address A [M] [no-xauth]` or `… hostname H`. */
function readIsakmpKey(index: Index, node: Node): void {
  const w = node.words;
  const typed = (w[3] === '0' || w[3] === '6' || w[3] === '7') && w.length > 5;
  const secret = typed ? w[4]! : w[3];
  const [kind, value, mask] = w.slice(typed ? 5 : 4);
  const key: Key = typed && w[3] !== '0' ? { encrypted: true, node } : { psk: secret === PSK_PLACEHOLDER ? '' : (secret ?? ''), node };
  if (kw(kind, 'address', 3) && isIpv4(value ?? '')) index.isakmpKeys.push({ address: value, ...(mask !== undefined && isIpv4(mask) && { mask }), key });
  else if (kw(kind, 'hostname', 4) && value) index.isakmpKeys.push({ hostname: value, key });
  else notUnderstood(index, node);
}

/** `crypto isakmp …` / `crypto ikev2 …` one-line and block commands. */
export function readCrypto(index: Index, node: Node): void {
  const w = node.words;
  if (starts(w, 'crypto:3 ikev2 proposal:4')) readIkev2Proposal(index, node);
  else if (starts(w, 'crypto:3 ikev2 policy:3')) readIkev2Policy(index, node);
  else if (starts(w, 'crypto:3 ikev2 keyring:4')) readIkev2Keyring(index, node);
  else if (starts(w, 'crypto:3 ikev2 profile:4')) readIkev2Profile(index, node);
  else if (starts(w, 'crypto:3 ikev2 dpd') && num(w[3]) !== undefined) index.ikev2Dpd = true;
  else if (starts(w, 'crypto:3 isakmp:3 policy:3')) readIsakmpPolicy(index, node);
  else if (starts(w, 'crypto:3 isakmp:3 key')) readIsakmpKey(index, node);
  else if (starts(w, 'crypto:3 isakmp:3 keepalive:4') && num(w[3]) !== undefined) index.isakmpKeepalive = true;
  else if (starts(w, 'crypto:3 isakmp:3 identity:5') && (kw(w[3], 'address', 3) || kw(w[3], 'hostname', 4)))
    index.isakmpIdentity = { kind: kw(w[3], 'address', 3) ? 'address' : 'hostname', node };
  else if (starts(w, 'crypto:3 isakmp:3 profile:4')) readIsakmpProfile(index, node);
  else if (starts(w, 'crypto:3 isakmp:3 peer')) readIsakmpPeer(index, node);
  else if (starts(w, 'crypto:3 isakmp:3 nat') || starts(w, 'crypto:3 isakmp:3 enable') || starts(w, 'crypto:3 isakmp:3 invalid-spi-recovery:3')) return;
  else if (starts(w, 'crypto:3 keyring:4')) readKeyring(index, node);
  else if (starts(w, 'crypto:3 ipsec:3 transform-set:9')) {
    index.transformSets.set(w[3] ?? '', { node, words: w.slice(4) });
    for (const c of node.children) if (!(kw(c.words[0], 'mode') && kw(c.words[1], 'tunnel', 3))) notUnderstood(index, c);
  } else if (starts(w, 'crypto:3 ipsec:3 profile:4')) readIpsecProfile(index, node);
  else if (starts(w, 'crypto:3 ipsec:3 nat-transparency:3 udp-encapsulation:3')) index.natTraversal = true;
  else if (starts(w, 'crypto:3 ipsec:3 security-association:8 lifetime:4 seconds:3') && num(w[5]) !== undefined) index.ipsecLifetime = num(w[5]);
  else if (starts(w, 'crypto:3 ipsec:3')) return; // df-bit, fragmentation, replay window: no part of the negotiation
  else if (starts(w, 'crypto:3 map')) readCryptoMap(index, node);
  else if (starts(w, 'crypto:3 pki') || starts(w, 'crypto:3 key') || starts(w, 'crypto:3 engine:3')) return; // certificates and keys
  else notUnderstood(index, node);
}
