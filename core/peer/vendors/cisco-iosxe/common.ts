// What the Cisco IOS-XE generator and importer share: names, placeholders, and how identities, keys and ASNs are
// written so that the importer reads back exactly what the generator wrote.
import { isIpv4 } from '../../../net/ipv4.ts';
import type { PeerTunnelKey } from '../../profile.ts';
import type { ImportRemark } from '../../vendor.ts';
import { vendorRemark } from '../generic.ts';
import { CISCO_IOSXE_MESSAGES } from './messages.ts';

export const VENDOR_ID = 'cisco-iosxe';
export const LABEL = 'Cisco IOS-XE';
export const FORMAT_ID = 'ios-xe';

/** The prefix of every object a tunnel owns (keyring, profiles, ACL); the policies and transform sets are shared. */
export const BASE_NAMES: Readonly<Record<PeerTunnelKey, string>> = { single: 'ALIYUN', master: 'ALIYUN-MASTER', slave: 'ALIYUN-SLAVE' };

/** `interface TunnelN` per tunnel (route-based), the same in every file generated for the connection. */
export const TUNNEL_NUMBERS: Readonly<Record<PeerTunnelKey, number>> = { single: 1, master: 1, slave: 2 };

/** The loopback that carries the device's BGP address when BGP runs over a crypto map. */
export const LOOPBACK_NUMBERS: Readonly<Record<PeerTunnelKey, number>> = { single: 101, master: 101, slave: 102 };

/** Outside (Internet-facing) interface placeholders: the first device address, then a second one if it differs. */
export const OUTSIDE_INTERFACES = ['GigabitEthernet1', 'GigabitEthernet2'] as const;

/** Written where the profile does not know a value; the importer reads each back as unknown (''). */
export const PLACEHOLDERS = { deviceAsn: 'DEVICE-ASN', cloudAsn: 'CLOUD-ASN', cloudAddress: 'CLOUD-GATEWAY-ADDRESS' } as const;

/** The ASN as `router bgp` and `remote-as` take it: asplain or asdot. */
export function isAsn(text: string): boolean {
  const plain = /^\d{1,10}$/.test(text) && Number(text) >= 1 && Number(text) <= 4294967295;
  const dot = /^(\d{1,5})\.(\d{1,5})$/.exec(text);
  return plain || (dot !== null && Number(dot[1]) <= 65535 && Number(dot[2]) <= 65535 && text !== '0.0');
}

/** An identity written as an address identity (the cloud reads a dotted quad as an address too). */
export const isAddressId = (id: string): boolean => isIpv4(id);

/** The cloud reads an identity holding `=` as a distinguished name, which IOS-XE cannot match with pre-shared keys. */
export const looksLikeDn = (id: string): boolean => id.includes('=');

/** `%any` and '' both mean "accept any identity". */
export const isAnyId = (id: string): boolean => id === '' || id === '%any';

// A key that is one of these words would be read as the option it spells, so it goes after an explicit type 0.
const KEY_WORDS = new Set(['0', '6', '7', 'local', 'remote', 'hex']);

/** The key as the `pre-shared-key` / `key` argument: type 0 (clear text) is spelt out only where it is needed. */
export function keyArgument(psk: string): string {
  return KEY_WORDS.has(psk.toLowerCase()) ? `0 ${psk}` : psk;
}

export function remark(line: number, text: string, code: string, params: Record<string, string | number> = {}): ImportRemark {
  return vendorRemark(LABEL, CISCO_IOSXE_MESSAGES, line, text, code, params);
}

const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const ipToInt = (ip: string) => ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);

/** The network of `address` with a prefix length, as the profile keeps subnets. */
export function networkOf(address: string, prefix: number): string {
  const size = 2 ** (32 - prefix);
  return `${intToIp(Math.floor(ipToInt(address) / size) * size)}/${prefix}`;
}

/** Whether two addresses lie in the same /30 (the tunnel network BGP runs in). */
export function sameSlash30(a: string, b: string): boolean {
  return isIpv4(a) && isIpv4(b) && Math.floor(ipToInt(a) / 4) === Math.floor(ipToInt(b) / 4);
}
