// Traffic selectors as the pre-check compares them: IPv4 networks as inclusive address ranges, intersected and
// narrowed the way strongSwan's responder narrows what an initiator proposes (docs/peer-devices.md, pre-check).
import { parseIpv4Cidr } from '../net/ipv4.ts';

export const EMPTY_LIST = '—';

/** A traffic selector as an inclusive range of 32-bit addresses, with its network text. */
export interface Selector {
  start: number;
  end: number;
  text: string;
}

export function intToIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

// Parsing dominates the pre-check's cost (ipaddr.js validates each address twice in parseIpv4Cidr), and the editor
// re-checks the same subnets on every keystroke: parsed selectors are remembered by their text. Bounded so a long
// session that sees many connections cannot grow it without limit.
const SELECTOR_CACHE = new Map<string, Selector | null>();
const SELECTOR_CACHE_MAX = 16384;

/** A selector as the API or a device writes it: `a.b.c.d/n`, or a bare address (= /32, as strongSwan reads it).
 * Host bits are masked (strongSwan does the same); anything else (malformed, IPv6) cannot match the IPv4 cloud end. */
export function parseSelector(raw: string): Selector | undefined {
  const cached = SELECTOR_CACHE.get(raw);
  if (cached !== undefined) return cached ?? undefined;
  const text = raw.trim();
  const net = text === '' ? undefined : parseIpv4Cidr(text.includes('/') ? text : `${text}/32`);
  const selector = net ? { start: net.start, end: net.end, text: `${intToIp(net.start)}/${net.prefix}` } : undefined;
  if (SELECTOR_CACHE.size >= SELECTOR_CACHE_MAX) SELECTOR_CACHE.clear();
  SELECTOR_CACHE.set(raw, selector ?? null);
  return selector;
}

export function parseSelectors(list: readonly string[]): Selector[] {
  const out: Selector[] = [];
  for (const item of list) {
    const s = parseSelector(item);
    if (s) out.push(s);
  }
  return out;
}

/** CIDR blocks either nest or are disjoint, so an intersection is the narrower of the two (or nothing). */
export function intersect(a: Selector, b: Selector): Selector | undefined {
  if (a.start > b.end || b.start > a.end) return undefined;
  return a.end - a.start <= b.end - b.start ? a : b;
}

export const sameRange = (a: Selector, b: Selector): boolean => a.start === b.start && a.end === b.end;

/** IKEv1: the first configured selector the proposed one intersects, and the narrowed result. */
export function firstHit(proposed: Selector, configured: readonly Selector[]): { n: Selector; c: Selector } | undefined {
  for (const c of configured) {
    const n = intersect(proposed, c);
    if (n) return { n, c };
  }
  return undefined;
}

/** The address set a list covers, as sorted merged ranges (so lists compare as sets). */
export function coverage(list: readonly Selector[]): number[] {
  const sorted = [...list].sort((x, y) => x.start - y.start);
  const out: number[] = [];
  for (const s of sorted) {
    const last = out.length - 1;
    if (last >= 1 && s.start <= out[last]! + 1) out[last] = Math.max(out[last]!, s.end);
    else out.push(s.start, s.end);
  }
  return out;
}

export function sameCoverage(a: readonly Selector[], b: readonly Selector[]): boolean {
  const x = coverage(a);
  const y = coverage(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** strongSwan's responder narrowing in IKEv2: every pairwise intersection of the proposed and configured selectors. */
export function narrow(proposed: readonly Selector[], configured: readonly Selector[]): Selector[] {
  const out: Selector[] = [];
  for (const p of proposed) {
    for (const c of configured) {
      const n = intersect(p, c);
      if (n && !out.some((o) => o.start === n.start && o.end === n.end)) out.push(n);
    }
  }
  return out;
}

export const listText = (list: readonly Selector[]): string => (list.length === 0 ? EMPTY_LIST : list.map((s) => s.text).join(', '));
