// IPv4 helpers over ipaddr.js. ipaddr.js does the parsing (strict four-part decimal, so `10.1` or `0x0a.0.0.1`
// are refused the way the API refuses them); the range arithmetic below works on 32-bit integers.
import ipaddr from 'ipaddr.js';

export interface Ipv4Network {
  /** Text as written by the user, trimmed. */
  text: string;
  /** First address as an unsigned 32-bit integer. */
  start: number;
  /** Last address (inclusive). */
  end: number;
  prefix: number;
  /** True when the address part has host bits set (e.g. `10.1.1.1/24`). */
  hostBitsSet: boolean;
}

function toInt(addr: ipaddr.IPv4): number {
  const [a = 0, b = 0, c = 0, d = 0] = addr.octets;
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

export function isIpv4(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text);
}

export function ipv4ToInt(text: string): number | undefined {
  return isIpv4(text) ? toInt(ipaddr.IPv4.parse(text)) : undefined;
}

/** Parses `a.b.c.d/n`; undefined when malformed. */
export function parseIpv4Cidr(raw: string): Ipv4Network | undefined {
  const text = raw.trim();
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) return undefined;
  if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) return undefined;
  const [addr, prefix] = ipaddr.IPv4.parseCIDR(text);
  const value = toInt(addr);
  const size = 2 ** (32 - prefix);
  const start = Math.floor(value / size) * size;
  return { text, start, end: start + size - 1, prefix, hostBitsSet: start !== value };
}

export function overlaps(a: Ipv4Network, b: Ipv4Network): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function contains(network: Ipv4Network, address: number): boolean {
  return address >= network.start && address <= network.end;
}

/** Splits the API's comma-separated CIDR list; empty items are kept so the rules can report them. */
export function splitCidrList(value: string): string[] {
  return value.split(',').map((s) => s.trim());
}

export const ANY_NETWORK = '0.0.0.0/0';
