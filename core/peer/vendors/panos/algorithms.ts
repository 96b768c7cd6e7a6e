// The API's algorithm names and PAN-OS's crypto-profile keywords, as data: one row per API value, the same table
// serves the generator, the importer and docs/peer-devices.md. Keywords are the members of the PAN-OS configuration
// schema (PaloAltoNetworks/pan-os-codegen specs, generated from the PAN-OS XML schema) and the PAN-OS administrator's
// guide lists; a value PAN-OS lacks has keyword '' and says so.
import type { MappingRow } from '../../vendor.ts';

const DOCS = 'https://docs.paloaltonetworks.com';
const ORIGIN = 'https://origin-docs.paloaltonetworks.com';
const CODEGEN = 'https://github.com/PaloAltoNetworks/pan-os-codegen/blob/main/specs';

export const PANOS_SOURCES = {
  ikePhase1: `${ORIGIN}/content/techdocs/en_US/network-security/ipsec-vpn/administration/ipsec-vpn-basics/internet-key-exchange-ike-for-vpn/ike-phase-1.html`,
  ikePhase1v10: `${ORIGIN}/content/techdocs/en_US/pan-os/10-0/pan-os-admin/vpns/site-to-site-vpn-concepts/internet-key-exchange-ike-for-vpn/ike-phase-1.html`,
  ikePhase2: `${ORIGIN}/content/techdocs/en_US/network-security/ipsec-vpn/administration/ipsec-vpn-basics/internet-key-exchange-ike-for-vpn/ike-phase-2.html`,
  ikePhase2v10: `${DOCS}/content/techdocs/en_US/pan-os/10-0/pan-os-admin/vpns/site-to-site-vpn-concepts/internet-key-exchange-ike-for-vpn/ike-phase-2.html`,
  ikeCryptoProfiles: `${DOCS}/network-security/ipsec-vpn/administration/set-up-site-to-site-vpn/define-cryptographic-profiles/define-ike-crypto-profiles`,
  ipsecCryptoProfiles: `${ORIGIN}/content/techdocs/en_US/pan-os/11-0/pan-os-admin/vpns/set-up-site-to-site-vpn/define-cryptographic-profiles/define-ipsec-crypto-profiles.html`,
  ikev2Lifetime: `${DOCS}/content/techdocs/en_US/pan-os/11-0/pan-os-admin/vpns/set-up-site-to-site-vpn/set-up-an-ike-gateway/change-the-key-lifetime-or-authentication-interval-for-ikev2.html`,
  ikeGateway: `${DOCS}/content/techdocs/en_US/pan-os/11-0/pan-os-admin/vpns/site-to-site-vpn-concepts/ike-gateway.html`,
  tunnelInterface: `${ORIGIN}/pan-os/10-0/pan-os-admin/vpns/site-to-site-vpn-concepts/tunnel-interface`,
  schemaIkeCrypto: `${CODEGEN}/objects/profiles/ike-crypto-profile.yaml`,
  schemaIpsecCrypto: `${CODEGEN}/objects/profiles/ipsec-crypto-profile.yaml`,
  schemaIkeGateway: `${CODEGEN}/network/ike-gateway.yaml`,
  schemaIpsecTunnel: `${CODEGEN}/network/tunnels/ipsec.yaml`,
  schemaVirtualRouter: `${CODEGEN}/network/virtual-router.yaml`,
  pangoIke: 'https://github.com/PaloAltoNetworks/pango/blob/v0.9.0/netw/profile/ike/const.go',
  pangoIpsec: 'https://github.com/PaloAltoNetworks/pango/blob/v0.9.0/netw/profile/ipsec/const.go',
  asn4Byte: 'https://knowledgebase.paloaltonetworks.com/KCSArticleDetail?id=kA14u0000004LXFCA2',
} as const;

const S = PANOS_SOURCES;
const CIPHERS = [S.ikePhase1, S.ikePhase2, S.schemaIkeCrypto, S.schemaIpsecCrypto];
const HASHES = [S.ikePhase1, S.ikePhase2, S.schemaIkeCrypto];
const GROUPS = [S.ikePhase1, S.ikePhase2, S.schemaIkeCrypto, S.schemaIpsecCrypto];
const NO_SM = 'PAN-OS has no SM (国密) algorithms: the device cannot match an SM gateway (peer.vendor.cannotSm).';

/** The PAN-OS keyword range of a crypto-profile lifetime: 180 seconds (3 minutes) to 65535 hours. */
export const LIFETIME_MIN = 180;
export const LIFETIME_MAX = 65535 * 3600;
/** PAN-OS's defaults where a crypto profile sets no lifetime: IKE 8 hours, IPsec 1 hour. */
export const DEFAULT_IKE_LIFETIME = 8 * 3600;
export const DEFAULT_IPSEC_LIFETIME = 3600;

export const PANOS_MAPPINGS: readonly MappingRow[] = [
  { kind: 'encryption', api: 'aes', keyword: 'aes-128-cbc', note: 'IKE encryption and ESP encryption.', sources: CIPHERS },
  { kind: 'encryption', api: 'aes192', keyword: 'aes-192-cbc', note: 'IKE encryption and ESP encryption.', sources: CIPHERS },
  { kind: 'encryption', api: 'aes256', keyword: 'aes-256-cbc', note: 'IKE encryption and ESP encryption.', sources: CIPHERS },
  {
    kind: 'encryption',
    api: 'des',
    keyword: 'des',
    note: 'Listed for PAN-OS 10.0 (IKE phase 1) and in pango v0.9 for both profiles, but absent from the current PAN-OS schema: a newer release may refuse it (peer.panos.desLegacy).',
    sources: [S.ikePhase1v10, S.pangoIke, S.pangoIpsec],
  },
  { kind: 'encryption', api: '3des', keyword: '3des', note: 'IKE encryption and ESP encryption.', sources: CIPHERS },
  { kind: 'encryption', api: 'sm4', keyword: '', note: NO_SM, sources: CIPHERS },
  { kind: 'integrity', api: 'md5', keyword: 'md5', note: 'IKE hash and ESP authentication.', sources: HASHES },
  { kind: 'integrity', api: 'sha1', keyword: 'sha1', note: 'IKE hash and ESP authentication.', sources: HASHES },
  { kind: 'integrity', api: 'sha256', keyword: 'sha256', note: 'IKE hash and ESP authentication.', sources: HASHES },
  { kind: 'integrity', api: 'sha384', keyword: 'sha384', note: 'IKE hash and ESP authentication.', sources: HASHES },
  { kind: 'integrity', api: 'sha512', keyword: 'sha512', note: 'IKE hash and ESP authentication.', sources: HASHES },
  { kind: 'integrity', api: 'sm3', keyword: '', note: NO_SM, sources: HASHES },
  { kind: 'dh', api: 'group1', keyword: 'group1', note: 'IKE dh-group (768-bit, not recommended).', sources: GROUPS },
  { kind: 'dh', api: 'group2', keyword: 'group2', note: 'IKE dh-group (1024-bit); the schema default of an IPsec profile.', sources: GROUPS },
  { kind: 'dh', api: 'group5', keyword: 'group5', note: 'IKE dh-group (1536-bit).', sources: GROUPS },
  { kind: 'dh', api: 'group14', keyword: 'group14', note: 'IKE dh-group (2048-bit).', sources: GROUPS },
  { kind: 'dh', api: 'group24', keyword: '', note: 'PAN-OS has no DH group 24 (its groups: 1, 2, 5, 14, 15, 16, 19, 20, 21).', sources: GROUPS },
  { kind: 'pfs', api: 'disabled', keyword: 'no-pfs', note: 'IPsec crypto profile dh-group no-pfs.', sources: [S.ikePhase2, S.schemaIpsecCrypto] },
  { kind: 'pfs', api: 'group1', keyword: 'group1', note: 'IPsec crypto profile dh-group (one group per profile).', sources: [S.ikePhase2, S.schemaIpsecCrypto] },
  { kind: 'pfs', api: 'group2', keyword: 'group2', note: 'IPsec crypto profile dh-group (one group per profile).', sources: [S.ikePhase2, S.schemaIpsecCrypto] },
  { kind: 'pfs', api: 'group5', keyword: 'group5', note: 'IPsec crypto profile dh-group (one group per profile).', sources: [S.ikePhase2, S.schemaIpsecCrypto] },
  { kind: 'pfs', api: 'group14', keyword: 'group14', note: 'IPsec crypto profile dh-group (one group per profile).', sources: [S.ikePhase2, S.schemaIpsecCrypto] },
  {
    kind: 'lifetime',
    api: 'IkeLifetime',
    keyword: 'lifetime seconds|minutes|hours|days',
    note: 'seconds 180–65535, minutes 3–65535, hours 1–65535, days 1–365; default 8 hours. Above 65535 s only whole minutes, hours or days.',
    sources: [S.schemaIkeCrypto, S.ikev2Lifetime],
  },
  {
    kind: 'lifetime',
    api: 'IpsecLifetime',
    keyword: 'lifetime seconds|minutes|hours|days',
    note: 'Same ranges as the IKE lifetime; default 1 hour (the predefined default profile; not stated in a document found).',
    sources: [S.schemaIpsecCrypto, S.ipsecCryptoProfiles],
  },
  { kind: 'dpd', api: 'EnableDpd', keyword: 'protocol ikev1|ikev2 dpd enable yes|no', note: 'Per IKE version; IKEv2 calls it liveness check.', sources: [S.schemaIkeGateway] },
  { kind: 'nat-t', api: 'EnableNatTraversal', keyword: 'protocol-common nat-traversal enable yes|no', note: 'Default no.', sources: [S.schemaIkeGateway] },
  { kind: 'ike-version', api: 'ikev1', keyword: 'protocol version ikev1', note: 'The schema default.', sources: [S.schemaIkeGateway, S.ikeGateway] },
  { kind: 'ike-version', api: 'ikev2', keyword: 'protocol version ikev2', sources: [S.schemaIkeGateway, S.ikeGateway] },
  { kind: 'ike-version', api: 'ikev1+ikev2', keyword: 'protocol version ikev2-preferred', note: 'IKEv2 first, IKEv1 when the peer uses it.', sources: [S.schemaIkeGateway] },
  { kind: 'ike-mode', api: 'main', keyword: 'protocol ikev1 exchange-mode main', note: 'Default auto (main as initiator, either as responder).', sources: [S.schemaIkeGateway, S.ikeGateway] },
  { kind: 'ike-mode', api: 'aggressive', keyword: 'protocol ikev1 exchange-mode aggressive', sources: [S.schemaIkeGateway, S.ikeGateway] },
];

export type AlgorithmKind = 'encryption' | 'integrity' | 'dh' | 'pfs';

// Keywords PAN-OS has beyond the API's names: an imported profile keeps them, and a profile holding them is written
// back as is (the schema lists above; `des` from pango / the PAN-OS 10.0 guide).
const IKE_KEYWORDS: Readonly<Record<'encryption' | 'integrity' | 'dh', readonly string[]>> = {
  encryption: ['des', '3des', 'aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc', 'aes-128-gcm', 'aes-256-gcm'],
  integrity: ['non-auth', 'md5', 'sha1', 'sha256', 'sha384', 'sha512'],
  dh: ['group1', 'group2', 'group5', 'group14', 'group15', 'group16', 'group19', 'group20', 'group21'],
};
const ESP_KEYWORDS: Readonly<Record<'encryption' | 'integrity' | 'pfs', readonly string[]>> = {
  encryption: ['des', '3des', 'aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc', 'aes-128-ccm', 'aes-128-gcm', 'aes-256-gcm', 'null'],
  integrity: ['none', 'md5', 'sha1', 'sha256', 'sha384', 'sha512'],
  pfs: ['no-pfs', ...IKE_KEYWORDS.dh],
};

export type Phase = 'ike' | 'ipsec';

function known(phase: Phase, kind: AlgorithmKind): readonly string[] {
  if (phase === 'ike') return kind === 'pfs' ? [] : IKE_KEYWORDS[kind];
  return kind === 'dh' ? [] : ESP_KEYWORDS[kind];
}

/**
 * The PAN-OS keyword for a profile algorithm: the mapped keyword of an API name, the name itself when it already is a
 * PAN-OS keyword of that kind and phase, undefined when PAN-OS has none (sm4, sm3, group24, anything else).
 */
export function keywordFor(phase: Phase, kind: AlgorithmKind, name: string): string | undefined {
  const row = PANOS_MAPPINGS.find((r) => r.kind === kind && r.api === name);
  if (row) return row.keyword === '' ? undefined : row.keyword;
  return known(phase, kind).includes(name) ? name : undefined;
}

/** The API's name for a PAN-OS keyword; a keyword the API has no name for is kept as written. */
export function apiNameFor(kind: AlgorithmKind, keyword: string): string {
  return PANOS_MAPPINGS.find((r) => r.kind === kind && r.keyword === keyword && r.keyword !== '')?.api ?? keyword;
}

/** Whether a keyword read from a profile is one PAN-OS has for that kind and phase. */
export function isPanosKeyword(phase: Phase, kind: AlgorithmKind, keyword: string): boolean {
  return known(phase, kind).includes(keyword);
}

/** The SM (国密) names among algorithms PAN-OS cannot express: they make the note peer.vendor.cannotSm. */
export const SM_NAMES: readonly string[] = ['sm4', 'sm3'];
