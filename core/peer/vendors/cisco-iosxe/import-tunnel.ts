// One tunnel of an IOS-XE configuration as a peer tunnel: the tunnel interface or crypto map entry, the IPsec
// profile or entry it uses, the IKEv2 or ISAKMP profile, keyring, policies, transform sets, ACL and BGP neighbour.
import { isIpv4 } from '../../../net/ipv4.ts';
import type { PeerBgp, PeerIpsecProposal, PeerTunnel } from '../../profile.ts';
import type { ImportRemark } from '../../vendor.ts';
import { AEAD, type AlgorithmKind, type Context, LIFETIME, nameFor } from './algorithms.ts';
import { isAsn, isAnyId, remark, sameSlash30 } from './common.ts';
import { type Index, type Interface, interfaceKey, type IpsecSet, type Key, type KeyEntry, type Word } from './import-index.ts';
import type { Node } from './parse.ts';
import { blankTunnel } from '../generic.ts';

export interface Found {
  line: number;
  iface?: { name: string; iface: Interface };
  entry?: IpsecSet & { map: string; sequence: number };
}

type Remark = (node: Node, code: string, params?: Record<string, string | number>) => void;

function blank(): PeerTunnel {
  return blankTunnel({ ikeVersions: ['ikev1'], ikeLifetime: LIFETIME.ikev1.default, ipsecLifetime: LIFETIME.ipsec.default, natTraversal: true });
}

/** The profile's name for a keyword; an unknown one is kept as written, with a remark. */
function algorithm(r: Remark, kind: AlgorithmKind, word: Word, context: Context): string {
  const name = nameFor(kind, word.word, context);
  if (name !== undefined) return name;
  r(word.node, 'peer.vendor.import.unknownAlgorithm');
  return word.word.replace(/\s+/g, '-');
}

/** An address, or the address of the interface a name refers to ('' when neither is known). */
function addressOf(index: Index, value: string | undefined): string {
  if (value === undefined) return '';
  if (isIpv4(value)) return value;
  return index.interfaces.get(interfaceKey(value))?.address ?? '';
}

function useKey(t: PeerTunnel, r: Remark, key: Key): void {
  if ('encrypted' in key) r(key.node, 'peer.vendor.import.encryptedSecret');
  else t.psk = key.psk;
}

/** The entry for the cloud: its address, then a wildcard address, then its name. */
function keyEntry<T extends KeyEntry>(entries: readonly T[], cloud: string, remoteId: string): T | undefined {
  const host = (e: KeyEntry) => e.mask === undefined || e.mask === '255.255.255.255';
  return (
    entries.find((e) => e.address === cloud && cloud !== '' && host(e)) ??
    entries.find((e) => e.address === '0.0.0.0') ??
    entries.find((e) => e.hostname !== undefined && e.hostname === remoteId && remoteId !== '')
  );
}

function hostnameFqdn(index: Index, r: Remark, node: Node): string {
  if (index.hostname === undefined) {
    r(node, 'peer.vendor.import.unresolved', { name: 'hostname' });
    return '';
  }
  return index.domain ? `${index.hostname}.${index.domain}` : index.hostname;
}

function ikev2(index: Index, t: PeerTunnel, r: Remark, ref: { name: string; node: Node }, fallback: Node): void {
  t.ikeVersions = ['ikev2'];
  const p = index.ikev2Profiles.get(ref.name);
  if (!p) r(ref.node, 'peer.vendor.import.unresolved', { name: ref.name });
  if (p?.localAddress) t.deviceAddress = p.localAddress;
  t.remoteId = p?.remoteId?.value ?? '';
  t.localId = p?.localId ?? t.deviceAddress;
  t.ikeLifetime = p?.lifetime ?? LIFETIME.ikev2.default;
  t.dpd = (p?.dpd ?? false) || index.ikev2Dpd;
  const policy = index.ikev2Policies.find((x) => x.addresses.includes(t.deviceAddress)) ?? index.ikev2Policies.find((x) => x.addresses.length === 0);
  if (!policy) r(p?.node ?? fallback, 'peer.cisco-iosxe.import.defaultProposal');
  for (const use of policy?.proposals ?? []) {
    const proposal = index.ikev2Proposals.get(use.name);
    if (!proposal) {
      r(use.node, 'peer.vendor.import.unresolved', { name: use.name });
      continue;
    }
    for (const e of proposal.encryption) {
      const encryption = algorithm(r, 'encryption', e, 'ikev2');
      const integrities = AEAD.has(encryption) || proposal.integrity.length === 0 ? [''] : proposal.integrity.map((w) => algorithm(r, 'integrity', w, 'ikev2'));
      const groups = proposal.groups.length === 0 ? [''] : proposal.groups.map((w) => algorithm(r, 'dh', w, 'ikev2'));
      for (const integrity of integrities) for (const dhGroup of groups) pushUnique(t.ikeProposals, { encryption, integrity, dhGroup });
    }
  }
  if (!p) return;
  const keyring = p.keyring && index.ikev2Keyrings.get(p.keyring.name);
  if (p.keyring && !keyring) r(p.keyring.node, 'peer.vendor.import.unresolved', { name: p.keyring.name });
  const peers = keyring ? keyring.peers : [];
  const entry = keyEntry(peers, t.cloudAddress, t.remoteId) ?? peers.find((e) => e.identity === t.remoteId) ?? (peers.length === 1 ? peers[0] : undefined);
  if (entry) useKey(t, r, entry.key);
  else r(p.node, 'peer.vendor.import.noSecret');
}

function ikev1(index: Index, t: PeerTunnel, r: Remark, ref: { name: string; node: Node } | undefined, fallback: Node): void {
  t.ikeVersions = ['ikev1'];
  const p = ref ? index.isakmpProfiles.get(ref.name) : [...index.isakmpProfiles.values()].find((x) => x.remoteId === t.cloudAddress && t.cloudAddress !== '');
  if (ref && !p) r(ref.node, 'peer.vendor.import.unresolved', { name: ref.name });
  const keyrings = (p?.keyrings ?? []).flatMap((k) => {
    const found = index.keyrings.get(k.name);
    if (!found) r(k.node, 'peer.vendor.import.unresolved', { name: k.name });
    return found ? [found] : [];
  });
  const local = addressOf(index, p?.localAddress) || addressOf(index, keyrings.find((k) => k.localAddress)?.localAddress);
  if (local !== '') t.deviceAddress = local;
  const peer = index.isakmpPeers.get(t.cloudAddress);
  t.ikeMode = p?.aggressive || peer?.key !== undefined || peer?.clientEndpoint !== undefined ? 'aggressive' : 'main';
  t.remoteId = p?.remoteId ?? '';
  const self = p?.selfIdentity;
  if (peer?.clientEndpoint) t.localId = peer.clientEndpoint;
  else if (self?.kind === 'user-fqdn') t.localId = self.value;
  else if (self?.kind === 'fqdn') t.localId = hostnameFqdn(index, r, self.node);
  else if (!self && index.isakmpIdentity?.kind === 'hostname') t.localId = hostnameFqdn(index, r, index.isakmpIdentity.node);
  else t.localId = t.deviceAddress;
  const entry = keyEntry(keyrings.flatMap((k) => k.keys), t.cloudAddress, t.remoteId) ?? keyEntry(index.isakmpKeys, t.cloudAddress, t.remoteId);
  if (entry) useKey(t, r, entry.key);
  else if (peer?.key) useKey(t, r, peer.key);
  else r(p?.node ?? fallback, 'peer.vendor.import.noSecret');
  const policies = index.isakmpPolicies.filter((x) => x.preShare).sort((a, b) => a.number - b.number);
  if (policies.length === 0) r(p?.node ?? fallback, 'peer.cisco-iosxe.import.defaultProposal');
  t.ikeLifetime = policies[0]?.lifetime ?? LIFETIME.ikev1.default;
  for (const x of policies)
    pushUnique(t.ikeProposals, {
      encryption: algorithm(r, 'encryption', x.encryption, 'ikev1'),
      integrity: algorithm(r, 'integrity', x.hash, 'ikev1'),
      dhGroup: algorithm(r, 'dh', x.group, 'ikev1'),
    });
  t.dpd = index.isakmpKeepalive || (p?.dpd ?? false);
}

function pushUnique<T extends object>(list: T[], item: T): void {
  if (!list.some((x) => JSON.stringify(x) === JSON.stringify(item))) list.push(item);
}

function esp(index: Index, t: PeerTunnel, r: Remark, set: IpsecSet): void {
  const pfs = set.pfs ? algorithm(r, 'dh', set.pfs, 'esp') : 'disabled';
  for (const use of set.transformSets) {
    const def = index.transformSets.get(use.name);
    if (!def) {
      r(use.node, 'peer.vendor.import.unresolved', { name: use.name });
      continue;
    }
    let encryption = '';
    let integrity = '';
    for (let i = 0; i < def.words.length; i++) {
      const w = def.words[i]!.toLowerCase();
      if (/^esp-.*-hmac$/.test(w)) integrity = algorithm(r, 'integrity', { word: w, node: def.node }, 'esp');
      else if (w.startsWith('esp-')) {
        const bits = /^(128|192|256)$/.test(def.words[i + 1] ?? '') ? ` ${def.words[++i]}` : '';
        encryption = algorithm(r, 'encryption', { word: `${w}${bits}`, node: def.node }, 'esp');
      } else r(def.node, 'peer.vendor.import.notUnderstood');
    }
    if (encryption !== '') pushUnique<PeerIpsecProposal>(t.ipsecProposals, { encryption, integrity: AEAD.has(encryption) ? '' : integrity, pfs });
  }
  if (set.transformSets.length === 0) r(set.node, 'peer.cisco-iosxe.import.defaultProposal');
  t.ipsecLifetime = set.lifetime ?? index.ipsecLifetime ?? LIFETIME.ipsec.default;
}

function bgpOf(index: Index, r: Remark, local: string, peer: string): PeerBgp | undefined {
  const n = index.bgp?.neighbors.get(peer);
  if (!index.bgp || !n) return undefined;
  for (const u of n.unknown) r(u, 'peer.vendor.import.notUnderstood');
  const asn = n.localAs ?? index.bgp.asn;
  return { asn: isAsn(asn) ? asn : '', address: local, peerAddress: peer, peerAsn: n.remoteAs !== undefined && isAsn(n.remoteAs) ? n.remoteAs : '' };
}

function routeBased(index: Index, t: PeerTunnel, r: Remark, iface: Interface): { set?: IpsecSet; device: string } {
  t.routeBased = true;
  t.localSubnets = ['0.0.0.0/0'];
  t.remoteSubnets = ['0.0.0.0/0'];
  t.cloudAddress = iface.destination !== undefined && isIpv4(iface.destination) ? iface.destination : '';
  if (iface.mode?.value !== 'ipsec ipv4') r(iface.mode?.node ?? iface.node, 'peer.vendor.import.notUnderstood');
  for (const u of iface.unknown) r(u, 'peer.vendor.import.notUnderstood');
  const neighbor = iface.address && [...(index.bgp?.neighbors.keys() ?? [])].find((a) => a !== iface.address && sameSlash30(a, iface.address!));
  const bgp = neighbor ? bgpOf(index, r, iface.address!, neighbor) : undefined;
  if (bgp) t.bgp = bgp;
  const set = index.ipsecProfiles.get(iface.protection!.name);
  if (!set) r(iface.protection!.node, 'peer.vendor.import.unresolved', { name: iface.protection!.name });
  return { ...(set && { set }), device: addressOf(index, iface.source?.value) };
}

function policyBased(index: Index, t: PeerTunnel, r: Remark, entry: IpsecSet & { map: string }): string {
  t.cloudAddress = entry.peer !== undefined && isIpv4(entry.peer) ? entry.peer : '';
  const list = entry.acl && index.acls.get(entry.acl.name);
  if (entry.acl && !list) r(entry.acl.node, 'peer.vendor.import.unresolved', { name: entry.acl.name });
  for (const e of list?.entries ?? []) {
    if (e.source === undefined || e.destination === undefined) {
      r(e.node, 'peer.vendor.import.notUnderstood');
      continue;
    }
    const [local, peer] = [e.source.replace(/\/32$/, ''), e.destination.replace(/\/32$/, '')];
    const bgp = e.source.endsWith('/32') && e.destination.endsWith('/32') && !t.bgp ? bgpOf(index, r, local, peer) : undefined;
    if (bgp) t.bgp = bgp;
    else {
      if (!t.localSubnets.includes(e.source)) t.localSubnets.push(e.source);
      if (!t.remoteSubnets.includes(e.destination)) t.remoteSubnets.push(e.destination);
    }
  }
  const applied = index.mapLocal.get(entry.map) ?? [...index.interfaces.entries()].find(([, i]) => i.cryptoMap === entry.map)?.[0];
  return addressOf(index, applied);
}

export function resolveTunnel(index: Index, found: Found, remarks: ImportRemark[]): PeerTunnel {
  const r: Remark = (node, code, params = {}) => remarks.push(remark(node.line, node.text, code, params));
  const t = blank();
  const head = found.iface?.iface.node ?? found.entry!.node;
  const { set, device } = found.iface ? routeBased(index, t, r, found.iface.iface) : { set: found.entry, device: policyBased(index, t, r, found.entry!) };
  t.deviceAddress = device;
  if (set?.ikev2Profile) ikev2(index, t, r, set.ikev2Profile, head);
  else ikev1(index, t, r, set?.isakmpProfile, head);
  if (set) esp(index, t, r, set);
  t.natTraversal = index.natTraversal;
  if (isAnyId(t.remoteId)) t.remoteId = '';
  return t;
}
