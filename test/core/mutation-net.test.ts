// Exact answers of core/net (ASN and IPv4 arithmetic) at their edges: the inputs the mutation run showed were never
// tried (numeric forms JavaScript's Number() accepts but the API does not, range end points, overlap in both orders).
import { describe, expect, it } from 'vitest';
import { normalizeAsn, parseAsn } from '../../core/net/asn.ts';
import { ANY_NETWORK, contains, ipv4ToInt, isIpv4, overlaps, parseIpv4Cidr, splitCidrList, type Ipv4Network } from '../../core/net/ipv4.ts';

const net = (text: string): Ipv4Network => {
  const n = parseIpv4Cidr(text);
  if (!n) throw new Error(`not a network: ${text}`);
  return n;
};

describe('parseAsn', () => {
  it.each([
    ['1', 1],
    ['65000', 65000],
    ['4294967295', 4294967295],
    [' 65000 ', 65000],
    ['\t65000\n', 65000],
    ['0000000001', 1],
    ['0.1', 1],
    ['1.0', 65536],
    ['123.456', 8061384],
    ['65535.0', 4294901760],
    ['65535.65535', 4294967295],
    [' 1.2 ', 65538],
    ['00001.00001', 65537],
  ])('reads %j as %d', (text, value) => expect(parseAsn(text)).toBe(value));

  it.each([
    '',
    ' ',
    '0',
    '0.0',
    '4294967296',
    '9999999999',
    '12345678901',
    '1e5',
    '0x10',
    '+65000',
    '-1',
    '65000.',
    '.65000',
    '65,000',
    '65 000',
    'AS65000',
    '65000x',
    'x65000',
    '65536.0',
    '0.65536',
    '65536.65536',
    '123456.1',
    '1.123456',
    '012345.1',
    '1.012345',
    '00000000001',
    '1.2.3',
    '1e5.1',
    '0x1.1',
    '1.5x',
    'x1.5',
  ])('refuses %j', (text) => expect(parseAsn(text)).toBeUndefined());

  it('normalizeAsn gives the canonical decimal text, or the input unchanged', () => {
    expect(normalizeAsn(' 65000 ')).toBe('65000');
    expect(normalizeAsn('1.0')).toBe('65536');
    expect(normalizeAsn('007')).toBe('7');
    expect(normalizeAsn(' 1e5 ')).toBe(' 1e5 ');
    expect(normalizeAsn('0')).toBe('0');
    expect(normalizeAsn('')).toBe('');
  });
});

describe('IPv4 addresses', () => {
  it.each([
    ['0.0.0.0', 0],
    ['0.0.0.1', 1],
    ['0.0.1.0', 256],
    ['0.1.0.0', 65536],
    ['1.0.0.0', 16777216],
    ['1.2.3.4', 16909060],
    ['127.255.255.255', 2147483647],
    ['128.0.0.0', 2147483648],
    ['255.255.255.255', 4294967295],
    ['169.254.11.1', 2851998465],
  ])('ipv4ToInt(%j) = %d', (text, value) => expect(ipv4ToInt(text)).toBe(value));

  it.each(['10.1', '0x0a.0.0.1', '1.2.3.4.5', '256.0.0.1', '1.2.3.4/32', '', 'abc'])('refuses %j', (text) => {
    expect(isIpv4(text)).toBe(false);
    expect(ipv4ToInt(text)).toBeUndefined();
  });
  it('accepts a four-part decimal address', () => expect(isIpv4('10.1.1.1')).toBe(true));
});

describe('parseIpv4Cidr', () => {
  it('returns the trimmed text, the range, the prefix and whether host bits are set', () => {
    expect(parseIpv4Cidr(' 10.1.1.0/24 ')).toEqual({ text: '10.1.1.0/24', start: 167837952, end: 167838207, prefix: 24, hostBitsSet: false });
    expect(parseIpv4Cidr('10.1.1.77/24')).toEqual({ text: '10.1.1.77/24', start: 167837952, end: 167838207, prefix: 24, hostBitsSet: true });
    expect(parseIpv4Cidr('0.0.0.0/0')).toEqual({ text: '0.0.0.0/0', start: 0, end: 4294967295, prefix: 0, hostBitsSet: false });
    expect(parseIpv4Cidr('255.255.255.255/32')).toEqual({ text: '255.255.255.255/32', start: 4294967295, end: 4294967295, prefix: 32, hostBitsSet: false });
    expect(parseIpv4Cidr('169.254.11.0/30')).toEqual({ text: '169.254.11.0/30', start: 2851998464, end: 2851998467, prefix: 30, hostBitsSet: false });
    expect(parseIpv4Cidr('128.0.0.1/1')).toEqual({ text: '128.0.0.1/1', start: 2147483648, end: 4294967295, prefix: 1, hostBitsSet: true });
  });
  it.each([
    '10.1.1.0',
    '10.1.1.0/',
    '10.1.1.0/33',
    '10.1.1.0/123',
    '10.1.1.0/024',
    '10.1.1.0/008',
    '10.1.1/24',
    '1000.1.1.0/24',
    '256.1.1.0/24',
    'x10.1.1.0/24',
    '10.1.1.0/24x',
    '10.1.1.0/24,10.1.2.0/24',
    '0x0a.1.1.0/24',
    '10.1.1.0 /24',
    '',
  ])('refuses %j', (text) => expect(parseIpv4Cidr(text)).toBeUndefined());
});

describe('overlaps and contains', () => {
  const a = net('10.0.0.0/24');
  it.each([
    ['10.0.0.0/32', true],
    ['10.0.0.255/32', true],
    ['10.0.1.0/32', false],
    ['9.255.255.255/32', false],
    ['9.255.255.255/31', false],
    ['9.255.255.254/31', false],
    ['10.0.0.128/25', true],
    ['10.0.0.0/16', true],
    ['10.0.1.0/24', false],
    ['9.0.0.0/8', false],
    ['0.0.0.0/0', true],
  ])('10.0.0.0/24 and %s overlap: %s, in either order', (other, expected) => {
    expect(overlaps(a, net(other))).toBe(expected);
    expect(overlaps(net(other), a)).toBe(expected);
  });
  it('networks that share exactly one end point overlap; adjacent ones do not', () => {
    const low = net('10.0.0.0/31');
    const high = net('10.0.0.1/32');
    expect(overlaps(low, high)).toBe(true);
    expect(overlaps(high, low)).toBe(true);
    expect(overlaps(net('10.0.0.0/25'), net('10.0.0.128/25'))).toBe(false);
    expect(overlaps(net('10.0.0.128/25'), net('10.0.0.0/25'))).toBe(false);
  });
  it('contains its first and last address and nothing outside', () => {
    expect(contains(a, 167772160)).toBe(true);
    expect(contains(a, 167772415)).toBe(true);
    expect(contains(a, 167772159)).toBe(false);
    expect(contains(a, 167772416)).toBe(false);
  });
});

describe('splitCidrList', () => {
  it('splits on commas, trims each item and keeps empty ones', () => {
    expect(splitCidrList(' 10.1.1.0/24 , 10.1.2.0/24,')).toEqual(['10.1.1.0/24', '10.1.2.0/24', '']);
    expect(splitCidrList('')).toEqual(['']);
    expect(splitCidrList('a;b')).toEqual(['a;b']);
  });
  it('names the any-network', () => expect(ANY_NETWORK).toBe('0.0.0.0/0'));
});
