// A Cisco IOS-XE running configuration (or the part of it that matters, pasted with unrelated lines) → peer profile.
// The tunnels are the IPsec tunnel interfaces (`tunnel protection ipsec profile`) and the crypto map entries, in
// the order they appear; everything a tunnel refers to is looked up by name wherever it is in the text.
import { isIpv4 } from '../../../net/ipv4.ts';
import type { PeerProfile, PeerTunnelKey } from '../../profile.ts';
import type { ImportRemark, ImportResult } from '../../vendor.ts';
import { maskToCidr } from '../generic.ts';
import { remark, VENDOR_ID } from './common.ts';
import { type AclEntry, type BgpNeighbor, type Index, type Interface, interfaceKey, readCrypto } from './import-index.ts';
import { type Found, resolveTunnel } from './import-tunnel.ts';
import { kw, type Node, parseConfig, rest, starts } from './parse.ts';

const MAX_TEXT = 1024 * 1024;
const MAX_REMARKS = 200;

function emptyIndex(): Index {
  return {
    ikev2Proposals: new Map(),
    ikev2Policies: [],
    ikev2Keyrings: new Map(),
    ikev2Profiles: new Map(),
    ikev2Dpd: false,
    isakmpPolicies: [],
    isakmpKeys: [],
    isakmpKeepalive: false,
    isakmpProfiles: new Map(),
    isakmpPeers: new Map(),
    keyrings: new Map(),
    transformSets: new Map(),
    ipsecProfiles: new Map(),
    cryptoMaps: [],
    mapLocal: new Map(),
    natTraversal: true,
    interfaces: new Map(),
    acls: new Map(),
    remarks: [],
  };
}

function readInterface(index: Index, node: Node): void {
  const iface: Interface = { node, unknown: [] };
  for (const c of node.children) {
    const w = c.words;
    if (starts(w, 'ip address:3') && isIpv4(w[2] ?? '') && !kw(w[4], 'secondary')) [iface.address, iface.mask] = [w[2], w[3]];
    else if (starts(w, 'crypto map') && w[2]) iface.cryptoMap = w[2];
    else if (starts(w, 'tunnel:3 source:3') && w[2]) iface.source = { value: rest(c, 2), node: c };
    else if (starts(w, 'tunnel:3 destination:4') && w[2]) iface.destination = w[2];
    else if (starts(w, 'tunnel:3 mode')) iface.mode = { value: rest(c, 2).toLowerCase(), node: c };
    else if (starts(w, 'tunnel:3 protection:4 ipsec:3 profile:4') && w[4]) iface.protection = { name: w[4], node: c };
    else if (kw(w[0], 'tunnel', 3) || kw(w[0], 'shutdown', 4)) iface.unknown.push(c);
  }
  index.interfaces.set(interfaceKey(rest(node, 1)), iface);
}

/** `any`, `host A` or `A wildcard` from `words[at]` on: the network and where the next spec starts. */
function aclSpec(words: readonly string[], at: number): { cidr: string; next: number } | undefined {
  const w = words[at]?.toLowerCase();
  if (w === 'any') return { cidr: '0.0.0.0/0', next: at + 1 };
  if (w === 'host' && isIpv4(words[at + 1] ?? '')) return { cidr: `${words[at + 1]}/32`, next: at + 2 };
  const cidr = w !== undefined && isIpv4(w) && isIpv4(words[at + 1] ?? '') ? maskToCidr(w, words[at + 1]!, true) : undefined;
  return cidr === undefined ? undefined : { cidr, next: at + 2 };
}

/** One ACL line from its action word on; undefined for a remark line. */
function aclEntry(node: Node, at: number): AclEntry | undefined {
  const w = node.words;
  if (kw(w[at], 'remark', 3)) return undefined;
  if (!kw(w[at], 'permit', 3) || w[at + 1]?.toLowerCase() !== 'ip') return { node };
  const source = aclSpec(w, at + 2);
  const destination = source && aclSpec(w, source.next);
  return source && destination ? { node, source: source.cidr, destination: destination.cidr } : { node };
}

function acl(index: Index, name: string, node: Node): { node: Node; entries: AclEntry[] } {
  const existing = index.acls.get(name);
  if (existing) return existing;
  const created = { node, entries: [] as AclEntry[] };
  index.acls.set(name, created);
  return created;
}

function readBgp(index: Index, node: Node): void {
  const bgp = { node, asn: node.words[2] ?? '', neighbors: new Map<string, BgpNeighbor>() };
  const visit = (c: Node) => {
    const [, address = '', what = '', value] = c.words;
    if (kw(c.words[0], 'address-family', 7)) {
      if (kw(c.words[1], 'ipv4')) c.children.forEach(visit);
      return;
    }
    if (!kw(c.words[0], 'neighbor', 3) || !isIpv4(address)) return;
    const n = bgp.neighbors.get(address) ?? { unknown: [] };
    bgp.neighbors.set(address, n);
    if (kw(what, 'remote-as', 6) && value) n.remoteAs = value;
    else if (kw(what, 'local-as', 5) && value) n.localAs = value;
    else if (kw(what, 'update-source', 6) && value) n.updateSource = value;
    else if (!['activate', 'description', 'ebgp-multihop', 'soft-reconfiguration', 'send-community', 'next-hop-self', 'timers'].some((k) => kw(what, k, 4))) n.unknown.push(c);
  };
  node.children.forEach(visit);
  index.bgp = bgp;
}

function buildIndex(roots: readonly Node[]): Index {
  const index = emptyIndex();
  for (const node of roots) {
    const w = node.words;
    if (kw(w[0], 'crypto', 3)) readCrypto(index, node);
    else if (starts(w, 'no crypto:3 ipsec:3 nat-transparency:3 udp-encapsulation:3')) index.natTraversal = false;
    else if (kw(w[0], 'interface', 3) && w[1]) readInterface(index, node);
    else if (starts(w, 'ip access-list:6 extended:3') && w[3]) {
      const list = acl(index, w[3], node);
      for (const c of node.children) {
        const entry = aclEntry(c, /^\d+$/.test(c.words[0] ?? '') ? 1 : 0);
        if (entry) list.entries.push(entry);
      }
    } else if (kw(w[0], 'access-list', 6) && w[1]) {
      const entry = aclEntry(node, 2);
      if (entry) acl(index, w[1], node).entries.push(entry);
    } else if (starts(w, 'router bgp') && w[2]) readBgp(index, node);
    else if (kw(w[0], 'hostname') && w[1]) index.hostname = w[1];
    else if ((starts(w, 'ip domain name') || starts(w, 'ip domain-name')) && w[w.length - 1]) index.domain = w[w.length - 1];
  }
  return index;
}

/** Tunnel interfaces with IPsec protection and crypto map entries, in the order of the text. */
function findTunnels(index: Index): Found[] {
  const found: Found[] = [];
  for (const [name, iface] of index.interfaces) if (iface.protection) found.push({ line: iface.node.line, iface: { name, iface } });
  for (const entry of index.cryptoMaps) found.push({ line: entry.node.line, entry });
  return found.sort((a, b) => a.line - b.line);
}

function keysFor(count: number): PeerTunnelKey[] {
  return count === 1 ? ['single'] : ['master', 'slave'];
}

/** Remarks in line order, each line and code once, at most 200. */
function finish(remarks: readonly ImportRemark[]): ImportRemark[] {
  const seen = new Set<string>();
  const unique = remarks
    .filter((r) => {
      const key = `${r.line}|${r.code}|${JSON.stringify(r.params ?? {})}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line);
  if (unique.length <= MAX_REMARKS) return unique;
  const last = unique[MAX_REMARKS - 1]!;
  return [...unique.slice(0, MAX_REMARKS - 1), remark(last.line, '', 'peer.cisco-iosxe.import.moreRemarks')];
}

export function importIosXe(text: string): ImportResult {
  const profile: PeerProfile = { vendor: VENDOR_ID, platform: '', source: 'import', tunnels: {} };
  const remarks: ImportRemark[] = [];
  try {
    const capped = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
    if (capped !== text) remarks.push(remark(capped.split(/\r\n|\r|\n/).length, '', 'peer.cisco-iosxe.import.truncated'));
    const index = buildIndex(parseConfig(capped));
    const found = findTunnels(index);
    const keys = keysFor(Math.min(found.length, 2));
    found.forEach((f, i) => {
      if (i >= 2) {
        const node = f.iface?.iface.node ?? f.entry!.node;
        remarks.push(remark(node.line, node.text, 'peer.vendor.import.extraTunnel'));
        return;
      }
      profile.tunnels[keys[i]!] = resolveTunnel(index, f, remarks);
    });
    remarks.push(...index.remarks);
    if (found.length === 0) remarks.unshift(remark(1, '', 'peer.vendor.import.unreadable'));
  } catch {
    // The reader is total over any text; this keeps a malformed paste from ever reaching the caller as an exception.
    profile.tunnels = {};
    remarks.unshift(remark(1, '', 'peer.vendor.import.unreadable'));
  }
  const sorted = finish(remarks);
  const unreadable = sorted.findIndex((r) => r.code === 'peer.vendor.import.unreadable');
  if (unreadable > 0) sorted.unshift(...sorted.splice(unreadable, 1));
  return { profile, remarks: sorted };
}
