import ipaddr from 'ipaddr.js';
import { badParam } from '../http/errors.ts';

// Value rules of the ModifyVpnConnectionAttribute document (seed/ModifyVpnConnectionAttribute.zh-CN.txt), each
// failing with the code the document gives; codes the document does not name use `IllegalParam.<Field>`.

export const NORMAL_ENC = ['aes', 'aes192', 'aes256', 'des', '3des'];
export const NORMAL_AUTH = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'];
export const SM_ENC = ['sm4'];
export const SM_AUTH = ['sm3'];
export const IKE_PFS = ['group1', 'group2', 'group5', 'group14'];
export const IPSEC_PFS = ['disabled', 'group1', 'group2', 'group5', 'group14'];
export const IKE_VERSIONS = ['ikev1', 'ikev2'];
export const IKE_MODES = ['main', 'aggressive'];
// The document's set: digits, letters and ~!`@#$%^&*()_-+={}[]|;:',.<>/? (the single quote, not the double quote).
const PSK_CHARS = /^[A-Za-z0-9~!`@#$%^&*()_\-+={}[\]|;:',.<>/?]{1,100}$/;
// 169.254.0.0/30 … 169.254.6.0/30 and 169.254.169.252/30 are used by the service itself.
const RESERVED_TUNNEL_CIDRS = new Set([
  ...[0, 1, 2, 3, 4, 5, 6].map((n) => `169.254.${n}.0/30`),
  '169.254.169.252/30',
]);

export function checkName(name: string): void {
  const length = [...name].length;
  if (length < 1 || length > 100 || /^https?:\/\//i.test(name)) {
    throw badParam('InvalidName', 'The name is not valid');
  }
}

export function isIpv4(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value);
}

/** A strict IPv4 CIDR in canonical network form (`10.0.0.0/8`, not `10.0.0.1/8`). */
export function parseCidr(value: string): [ipaddr.IPv4, number] | undefined {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(value.trim());
  if (!m || !isIpv4(m[1] as string)) return undefined;
  const prefix = Number(m[2]);
  if (prefix > 32) return undefined;
  return [ipaddr.IPv4.parse(m[1] as string), prefix];
}

function isNetworkAddress(addr: ipaddr.IPv4, prefix: number): boolean {
  return ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${prefix}`).toString() === addr.toString();
}

export function splitSubnets(value: string): string[] {
  return value.split(',').map((s) => s.trim());
}

const ANY = '0.0.0.0/0';

/** Every item a network address in CIDR form, none listed twice, and 0.0.0.0/0 (destination routing) only alone. */
export function checkSubnets(field: 'LocalSubnet' | 'RemoteSubnet', value: string): void {
  const items = splitSubnets(value);
  const seen = new Set<string>();
  for (const cidr of items) {
    const parsed = parseCidr(cidr);
    const canonical = parsed ? `${parsed[0].toString()}/${parsed[1]}` : '';
    if (!parsed || !isNetworkAddress(...parsed) || seen.has(canonical) || (canonical === ANY && items.length > 1)) {
      throw badParam(`IllegalParam.${field}`, `The specified "${field}" (${cidr}) is invalid.`);
    }
    seen.add(canonical);
  }
}

/**
 * The document defines two modes: 0.0.0.0/0 on both sides (destination routing) or specific networks on both sides
 * (protected data flows). 0.0.0.0/0 on one side only is neither, so it is refused (the document names no code).
 */
export function checkRoutingMode(local: string, remote: string): void {
  if ((local.trim() === ANY) !== (remote.trim() === ANY)) {
    throw badParam(
      'IllegalParam.RemoteSubnet',
      'LocalSubnet and RemoteSubnet must both be 0.0.0.0/0 (destination routing) or both specific networks.',
    );
  }
}

export function cidrsOverlap(a: string, b: string): boolean {
  const pa = parseCidr(a);
  const pb = parseCidr(b);
  if (!pa || !pb) return false;
  return pa[0].match(pb) || pb[0].match(pa);
}

export function subnetListsOverlap(a: string, b: string): boolean {
  return splitSubnets(a).some((x) => splitSubnets(b).some((y) => cidrsOverlap(x, y)));
}

export function checkPsk(psk: string): void {
  if (!PSK_CHARS.test(psk)) {
    throw badParam('IllegalParam.Psk', 'The specified Psk is invalid: 1-100 characters, letters, digits and symbols.');
  }
}

export function checkIdentity(field: 'LocalId' | 'RemoteId', value: string): void {
  // Counted in characters (code points), as the document's "长度限制为 100 个字符" means.
  const length = [...value].length;
  if (length < 1 || length > 100 || /\s/.test(value)) {
    throw badParam(`IllegalParam.${field}`, `The specified ${field} is invalid.`);
  }
}

export function checkEnum(code: string, field: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) {
    throw badParam(code, `The specified ${field} (${value}) is not supported. Allowed: ${allowed.join(', ')}.`);
  }
}

export function checkLifetime(field: 'IkeLifetime' | 'IpsecLifetime', value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 86400) {
    throw badParam(`IllegalParam.${field}`, `The specified ${field} is invalid: 0-86400 seconds.`);
  }
}

/** ASN as a plain number or in `high.low` 16-bit notation (123.456 = 123*65536+456), 1–4294967295. */
export function parseAsn(value: unknown): number {
  const fail = (): never => {
    throw badParam('IllegalParam.LocalAsn', 'The specified LocalAsn is invalid.');
  };
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : fail();
  let asn: number;
  const dotted = /^(\d{1,5})\.(\d{1,5})$/.exec(text);
  if (dotted) {
    const high = Number(dotted[1]);
    const low = Number(dotted[2]);
    if (high > 65535 || low > 65535) fail();
    asn = high * 65536 + low;
  } else if (/^\d{1,10}$/.test(text)) {
    asn = Number(text);
  } else {
    return fail();
  }
  if (asn < 1 || asn > 4294967295) fail();
  return asn;
}

export function checkTunnelCidr(value: string): string {
  const parsed = parseCidr(value);
  if (!parsed) throw badParam('InvalidTunnelCidr.Malformed', 'The specified TunnelCidr is malformed.');
  const [addr, prefix] = parsed;
  const canonical = `${addr.toString()}/${prefix}`;
  if (
    prefix !== 30 ||
    !isNetworkAddress(addr, prefix) ||
    !addr.match(ipaddr.IPv4.parse('169.254.0.0'), 16) ||
    RESERVED_TUNNEL_CIDRS.has(canonical)
  ) {
    throw badParam('IllegalParam.TunnelCidr', 'The specified TunnelCidr is invalid.');
  }
  return canonical;
}

export function checkLocalBgpIpFormat(value: string): void {
  if (!isIpv4(value)) throw badParam('InvalidLocalBgpIp.Malformed', 'The specified LocalBgpIp is malformed.');
}

/** The local BGP address must be a usable host address of the tunnel's /30. */
export function checkLocalBgpIpInCidr(ip: string, tunnelCidr: string): void {
  const parsed = parseCidr(tunnelCidr);
  const network = parsed ? ipaddr.IPv4.networkAddressFromCIDR(tunnelCidr).toString() : '';
  const broadcast = parsed ? ipaddr.IPv4.broadcastAddressFromCIDR(tunnelCidr).toString() : '';
  if (!parsed || !ipaddr.IPv4.parse(ip).match(parsed) || ip === network || ip === broadcast) {
    throw badParam('IllegalParam.LocalBgpIp', 'The specified LocalBgpIp is invalid.');
  }
}

export function checkRemoteCaCertificate(value: string, nationalStandard: boolean): void {
  if (!nationalStandard) {
    throw badParam(
      'IllegalParam.RemoteCaCertificate',
      'RemoteCaCertificate can be set only on a NationalStandard (SM) VPN gateway.',
    );
  }
  if (!isPemCertificate(value)) {
    throw badParam('IllegalParam.RemoteCaCertificate', 'The specified RemoteCaCertificate is invalid.');
  }
}

/** One PEM certificate: the BEGIN/END envelope around a non-empty base64 body (line breaks and spaces allowed). */
function isPemCertificate(value: string): boolean {
  const match = /^-----BEGIN CERTIFICATE-----([\s\S]*)-----END CERTIFICATE-----$/.exec(value.trim());
  const body = (match?.[1] ?? '').replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]+={0,2}$/.test(body);
}
