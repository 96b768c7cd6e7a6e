// The traffic selectors of one Junos VPN, device side first: `traffic-selector` pairs (the route-based form of a
// policy-based VPN), an IKE `proxy-identity`, 0.0.0.0/0 for a plain route-based VPN, or, for a VPN bound to no st0
// unit, the addresses of the security policies that `permit tunnel ipsec-vpn` into it (their address books resolved).
import { parseIpv4Cidr } from '../../../net/ipv4.ts';
import type { Attr, JunosModel, JunosObject, Remarks } from './import-model.ts';

const ANY = '0.0.0.0/0';

const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** `10.1.1.5/24` → `10.1.1.0/24`; a bare address is a /32; undefined for anything else (IPv6, names). */
export function networkOf(text: string): string | undefined {
  const n = parseIpv4Cidr(text.includes('/') ? text : `${text}/32`);
  return n ? `${intToIp(n.start)}/${n.prefix}` : undefined;
}

const listOf = (words: readonly string[]) => words.filter((w) => w !== '[' && w !== ']');

interface Pair {
  local: string;
  remote: string;
}

/** Networks in order of first appearance (a Set keeps insertion order, and huge pasted lists stay linear). */
type Networks = Set<string>;

/** Selector pairs → the two lists; pairs that are not every combination are read as every combination, with a remark. */
function fromPairs(pairs: readonly Pair[], remarks: Remarks, line: number): { local: string[]; remote: string[] } {
  const local: Networks = new Set(pairs.map((p) => p.local));
  const remote: Networks = new Set(pairs.map((p) => p.remote));
  const distinct = new Set(pairs.map((p) => `${p.local}|${p.remote}`)).size;
  if (distinct !== local.size * remote.size) remarks.add(line, 'peer.juniper-srx.import.selectorPairs');
  return { local: [...local], remote: [...remote] };
}

function trafficSelectors(vpn: JunosObject, remarks: Remarks): { pairs: Pair[]; line: number } | undefined {
  const byName = new Map<string, { line: number; local?: string; remote?: string }>();
  for (const a of vpn.attrs.filter((x) => x.words[0] === 'traffic-selector' && x.words[1] !== undefined)) {
    const [, name, k, v] = a.words;
    const ts = byName.get(name!) ?? { line: a.line };
    byName.set(name!, ts);
    if ((k === 'local-ip' || k === 'remote-ip') && v !== undefined) {
      const net = networkOf(v);
      if (net === undefined) remarks.add(a.line, 'peer.vendor.import.notUnderstood');
      else if (k === 'local-ip') ts.local = net;
      else ts.remote = net;
    } else if (k !== undefined && k !== 'metric') remarks.add(a.line, 'peer.vendor.import.notUnderstood');
  }
  if (byName.size === 0) return undefined;
  const pairs: Pair[] = [];
  for (const ts of byName.values()) {
    if (ts.local !== undefined && ts.remote !== undefined) pairs.push({ local: ts.local, remote: ts.remote });
    else remarks.add(ts.line, 'peer.vendor.import.notUnderstood');
  }
  return { pairs, line: [...byName.values()][0]!.line };
}

function proxyIdentity(vpn: JunosObject, remarks: Remarks): { pairs: Pair[]; line: number } | undefined {
  const attrs = vpn.attrs.filter((a) => a.words[0] === 'ike' && a.words[1] === 'proxy-identity');
  if (attrs.length === 0) return undefined;
  const pair: Pair = { local: ANY, remote: ANY };
  for (const a of attrs) {
    const [, , k, v] = a.words;
    const net = v === undefined ? undefined : networkOf(v);
    if (k === 'local' && net !== undefined) pair.local = net;
    else if (k === 'remote' && net !== undefined) pair.remote = net;
    else if (!(k === 'service' && v === 'any')) remarks.add(a.line, 'peer.vendor.import.notUnderstood');
  }
  return { pairs: [pair], line: attrs[0]!.line };
}

/** An address book name → its networks (address sets followed, cycles cut); remarks for what cannot be used. */
function resolve(model: JunosModel, remarks: Remarks, name: string, at: Attr, seen: Set<string>, out: Networks): void {
  if (name === 'any' || name === 'any-ipv4') {
    out.add(ANY);
    return;
  }
  const entry = model.addresses.get(name);
  if (!entry) {
    remarks.add(at.line, name === 'any-ipv6' ? 'peer.vendor.import.notUnderstood' : 'peer.vendor.import.unresolved', { name });
    return;
  }
  if (seen.has(name)) return;
  seen.add(name);
  if (entry.other) remarks.add(entry.line, 'peer.vendor.import.notUnderstood');
  for (const p of entry.prefixes) {
    const net = networkOf(p);
    if (net === undefined) remarks.add(entry.line, 'peer.vendor.import.notUnderstood');
    else out.add(net);
  }
  for (const m of entry.members) resolve(model, remarks, m, at, seen, out);
}

const QUIET_POLICY = new Set(['description', 'scheduler-name']);

/** A policy-based VPN: the security policies that tunnel into it; the first gives the direction, its pair is skipped. */
function securityPolicies(model: JunosModel, remarks: Remarks, vpn: JunosObject): { local: string[]; remote: string[] } {
  const policies = [...model.objects.securityPolicy.values()].filter((p) =>
    p.attrs.some((a) => a.words.join(' ') === `then permit tunnel ipsec-vpn ${vpn.name}`),
  );
  if (policies.length === 0) {
    remarks.add(vpn.line, 'peer.vendor.import.notUnderstood');
    return { local: [], remote: [] };
  }
  const local: Networks = new Set();
  const remote: Networks = new Set();
  policies.forEach((policy, i) => {
    const src: Networks = new Set();
    const dst: Networks = new Set();
    for (const a of policy.attrs) {
      const [k, v, ...rest] = a.words;
      if (k === 'match' && (v === 'source-address' || v === 'destination-address')) {
        for (const name of listOf(rest)) resolve(model, remarks, name, a, new Set(), v === 'source-address' ? src : dst);
      } else if (k === 'match' && v === 'application') {
        if (listOf(rest).some((app) => app !== 'any')) remarks.add(a.line, 'peer.vendor.import.notUnderstood');
      } else if (k === 'match' && (v === 'from-zone' || v === 'to-zone')) continue;
      else if (k === 'then' && v === 'permit') {
        if (!(rest[0] === 'tunnel' && (rest[1] === 'ipsec-vpn' || rest[1] === 'pair-policy'))) remarks.add(a.line, 'peer.vendor.import.notUnderstood');
      } else if (!(k === 'then' && (v === 'log' || v === 'count')) && !QUIET_POLICY.has(k ?? '')) remarks.add(a.line, 'peer.vendor.import.notUnderstood');
    }
    const reverse = i > 0 && [...src].every((s) => remote.has(s)) && [...dst].every((d) => local.has(d));
    if (reverse) return;
    for (const s of src) local.add(s);
    for (const d of dst) remote.add(d);
  });
  return { local: [...local], remote: [...remote] };
}

/** The selectors of a VPN; `bound` = it has a bind-interface (route-based). */
export function readSelectors(model: JunosModel, remarks: Remarks, vpn: JunosObject, bound: boolean): { local: string[]; remote: string[] } {
  const found = trafficSelectors(vpn, remarks) ?? proxyIdentity(vpn, remarks);
  if (found && found.pairs.length > 0) return fromPairs(found.pairs, remarks, found.line);
  if (bound) return { local: [ANY], remote: [ANY] };
  return securityPolicies(model, remarks, vpn);
}
