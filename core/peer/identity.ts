// Identities as strongSwan reads and matches them (identification.c), for the pre-check: what the real-IKE tests
// showed, case and `@` and wildcards included (docs/peer-devices.md).
import ipaddr from 'ipaddr.js';


// ipaddr.js's validators throw and catch internally on text that is not an address, which is slow; most identities
// that differ are FQDNs or DNs, so only text shaped like an address is handed to it.
const IPV4_SHAPE = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6_SHAPE = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$/;

/**
 * An identity as strongSwan reads it (identification.c): an address; `@#…` a key id; `@name` an FQDN (the `@` only
 * forces the type); text with `=` a DN; text with `@` an RFC 822 (user@FQDN) address; anything else an FQDN. Names
 * compare without regard to case, which the real-IKE tests showed for FQDN, user@FQDN and DN identities alike.
 */
function identityKey(id: string): string {
  const text = id.trim();
  if (IPV4_SHAPE.test(text) && ipaddr.IPv4.isValidFourPartDecimal(text)) return `ip4:${ipaddr.IPv4.parse(text).toString()}`;
  if (IPV6_SHAPE.test(text) && ipaddr.IPv6.isValid(text)) return `ip6:${ipaddr.IPv6.parse(text).toNormalizedString()}`;
  if (text.startsWith('@#')) return `keyid:${text.slice(2).toLowerCase()}`;
  if (text.startsWith('@')) return `fqdn:${text.slice(1).toLowerCase()}`;
  if (text.includes('=')) return `dn:${text.split(/\s*[,/]\s*/).filter(Boolean).join(',').toLowerCase()}`;
  if (text.includes('@')) return `rfc822:${text.toLowerCase()}`;
  return `fqdn:${text.toLowerCase()}`;
}

/**
 * Whether the identity an end sends satisfies what the other end expects. A leading `*` in the expected name matches
 * any name ending in the rest (strongSwan's wildcard); an identity that itself holds a wildcard is refused as the
 * sender's own in IKEv2 ("constraint check failed"), which the real-IKE tests showed.
 */
export function identityMatches(expected: string, sent: string, version: string): boolean {
  const want = identityKey(expected);
  const got = identityKey(sent);
  if (version === 'ikev2' && got.includes('*')) return false;
  if (want === got) return true;
  const colon = want.indexOf(':');
  const type = want.slice(0, colon);
  const name = want.slice(colon + 1);
  if ((type === 'fqdn' || type === 'rfc822') && name.startsWith('*') && got.startsWith(`${type}:`)) return got.slice(colon + 1).endsWith(name.slice(1));
  return false;
}
