// The API's algorithm names and Cisco IOS-XE's keywords, as data. IOS-XE spells the same algorithm three ways: in an
// ISAKMP (IKEv1) policy, in an IKEv2 proposal and in an IPsec transform set; a DH group is a number in the first two
// and `groupN` after `set pfs`. The keywords and ranges are the ones the IOS-XE 17 YANG model (Cisco-IOS-XE-crypto)
// and the command references list; the generator, the importer and the mapping table all read the tables below.
import type { MappingRow } from '../../vendor.ts';

export const DOC_IKE = 'https://www.cisco.com/c/en/us/td/docs/routers/ios/config/17-x/sec-vpn/b-security-vpn/m_sec-key-exch-ipsec-0.html';
export const DOC_IPSEC = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/sec_conn_vpnips/configuration/xe-3s/sec-cfg-vpn-ipsec.html';
export const DOC_CR_CRYPTO = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/security/a1/sec-a1-cr-book/sec-cr-c3.html';
export const DOC_CR_ISAKMP = 'https://www.cisco.com/en/US/docs/ios/security/command/reference/sec_c4.html';
export const DOC_DPD = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/sec_conn_dplane/configuration/12-2sy/sec-ipsec-data-plane-12-2sy-book/sec-ipsec-dead-peer.html';
export const DOC_YANG = 'https://github.com/YangModels/yang/blob/main/vendor/cisco/xe/17181/Cisco-IOS-XE-crypto.yang';

export type AlgorithmKind = 'encryption' | 'integrity' | 'dh';

/** Where a keyword is written: an ISAKMP policy (IKEv1), an IKEv2 proposal, or a transform set / `set pfs` (ESP). */
export type Context = 'ikev1' | 'ikev2' | 'esp';

interface Row {
  kind: AlgorithmKind;
  /** The profile's name: the API's (`aes`, `group14`) or, for what the API lacks, IOS-XE's own (`aes-gcm-256`). */
  name: string;
  ikev1: string;
  ikev2: string;
  esp: string;
  /** Part of the API's vocabulary (a mapping-table row); the others are read and written, never matched. */
  api: boolean;
  /** Refused by IOS-XE 17.11 and later unless the compliance shield is off (weak algorithms). */
  weak?: boolean;
}

const ROWS: readonly Row[] = [
  { kind: 'encryption', name: 'aes', ikev1: 'aes', ikev2: 'aes-cbc-128', esp: 'esp-aes', api: true },
  { kind: 'encryption', name: 'aes192', ikev1: 'aes 192', ikev2: 'aes-cbc-192', esp: 'esp-aes 192', api: true },
  { kind: 'encryption', name: 'aes256', ikev1: 'aes 256', ikev2: 'aes-cbc-256', esp: 'esp-aes 256', api: true },
  { kind: 'encryption', name: 'des', ikev1: 'des', ikev2: 'des', esp: 'esp-des', api: true, weak: true },
  { kind: 'encryption', name: '3des', ikev1: '3des', ikev2: '3des', esp: 'esp-3des', api: true, weak: true },
  { kind: 'encryption', name: 'aes-gcm-128', ikev1: '', ikev2: 'aes-gcm-128', esp: 'esp-gcm', api: false },
  { kind: 'encryption', name: 'aes-gcm-256', ikev1: '', ikev2: 'aes-gcm-256', esp: 'esp-gcm 256', api: false },
  { kind: 'integrity', name: 'md5', ikev1: 'md5', ikev2: 'md5', esp: 'esp-md5-hmac', api: true, weak: true },
  { kind: 'integrity', name: 'sha1', ikev1: 'sha', ikev2: 'sha1', esp: 'esp-sha-hmac', api: true },
  { kind: 'integrity', name: 'sha256', ikev1: 'sha256', ikev2: 'sha256', esp: 'esp-sha256-hmac', api: true },
  { kind: 'integrity', name: 'sha384', ikev1: 'sha384', ikev2: 'sha384', esp: 'esp-sha384-hmac', api: true },
  { kind: 'integrity', name: 'sha512', ikev1: 'sha512', ikev2: 'sha512', esp: 'esp-sha512-hmac', api: true },
  { kind: 'dh', name: 'group1', ikev1: '1', ikev2: '1', esp: 'group1', api: true, weak: true },
  { kind: 'dh', name: 'group2', ikev1: '2', ikev2: '2', esp: 'group2', api: true, weak: true },
  { kind: 'dh', name: 'group5', ikev1: '5', ikev2: '5', esp: 'group5', api: true, weak: true },
  { kind: 'dh', name: 'group14', ikev1: '14', ikev2: '14', esp: 'group14', api: true },
  { kind: 'dh', name: 'group24', ikev1: '24', ikev2: '24', esp: 'group24', api: true },
  ...['15', '16', '19', '20', '21'].map((n): Row => ({ kind: 'dh', name: `group${n}`, ikev1: n, ikev2: n, esp: `group${n}`, api: false })),
];

/** Other spellings IOS-XE accepts for the same transforms (read on import only). */
const ALIASES: Readonly<Record<Context, Readonly<Record<string, string>>>> = {
  ikev1: { 'aes 128': 'aes' },
  ikev2: {},
  esp: { 'esp-aes 128': 'esp-aes', 'esp-192-aes': 'esp-aes 192', 'esp-256-aes': 'esp-aes 256', 'esp-gcm 128': 'esp-gcm' },
};

/** AEAD ciphers: the proposal has no separate integrity algorithm. */
export const AEAD = new Set(['aes-gcm-128', 'aes-gcm-256']);

/** The IOS-XE keyword for a profile algorithm name in a context; undefined when IOS-XE has none (sm4, sm3, …). */
export function keywordFor(kind: AlgorithmKind, name: string, context: Context): string | undefined {
  const row = ROWS.find((r) => r.kind === kind && r.name === name);
  const keyword = row?.[context];
  return keyword === undefined || keyword === '' ? undefined : keyword;
}

/** The profile's name for an IOS-XE keyword (spaces normalised); undefined when it is no keyword of that kind. */
export function nameFor(kind: AlgorithmKind, keyword: string, context: Context): string | undefined {
  const spaced = keyword.trim().toLowerCase().replace(/\s+/g, ' ');
  const canonical = ALIASES[context][spaced] ?? spaced;
  return ROWS.find((r) => r.kind === kind && r[context] === canonical)?.name;
}

export function isWeak(name: string): boolean {
  return ROWS.some((r) => r.name === name && r.weak === true);
}

/** SM (国密) names: IOS-XE has none of them, so the device cannot match an SM gateway. */
export const SM_NAMES = new Set(['sm4', 'sm3']);

/** IOS-XE's ranges and defaults (seconds), per the command references and the YANG model. */
export const LIFETIME = {
  ikev1: { min: 60, max: 86400, default: 86400 },
  ikev2: { min: 120, max: 86400, default: 86400 },
  ipsec: { min: 120, max: 2592000, default: 3600 },
} as const;

// ---------------------------------------------------------------------------------------------------------------
// The mapping table (docs/peer-devices.md is generated from it)

const ALGORITHM_SOURCES = [DOC_IKE, DOC_IPSEC, DOC_CR_CRYPTO, DOC_YANG] as const;

function algorithmRow(row: Row): MappingRow {
  const keyword =
    row.kind === 'dh'
      ? `group ${row.ikev1} (IKEv1 policy, IKEv2 proposal)`
      : row.kind === 'integrity'
        ? `hash ${row.ikev1} (IKEv1) / integrity ${row.ikev2} (IKEv2) / ${row.esp} (ESP)`
        : `encryption ${row.ikev1} (IKEv1) / encryption ${row.ikev2} (IKEv2) / ${row.esp} (ESP)`;
  const notes: string[] = [];
  if (row.name === 'aes') notes.push('AES-CBC with a 128-bit key: IKEv1 `encryption aes` without a key size');
  if (row.name === 'sha1') notes.push('IKEv1 calls it `sha`; IKEv2 uses the integrity algorithm as PRF too');
  if (row.weak) notes.push('IOS-XE 17.11 and later accept it only with `crypto engine compliance shield disable` (not confirmed in a document)');
  return { kind: row.kind, api: row.name, keyword, ...(notes.length > 0 && { note: notes.join('; ') }), sources: ALGORITHM_SOURCES };
}

const apiRows = ROWS.filter((r) => r.api);

export const CISCO_IOSXE_MAPPINGS: readonly MappingRow[] = [
  ...apiRows.filter((r) => r.kind !== 'dh').map(algorithmRow),
  { kind: 'encryption', api: 'sm4', keyword: '', note: 'IOS-XE has no SM4: the device cannot match an SM (国密) gateway', sources: ALGORITHM_SOURCES },
  { kind: 'integrity', api: 'sm3', keyword: '', note: 'IOS-XE has no SM3: the device cannot match an SM (国密) gateway', sources: ALGORITHM_SOURCES },
  ...apiRows.filter((r) => r.kind === 'dh').map(algorithmRow),
  { kind: 'pfs', api: 'disabled', keyword: '(no `set pfs`)', note: 'no PFS: the IPsec profile or crypto map entry has no `set pfs`', sources: [DOC_IPSEC, DOC_CR_CRYPTO] },
  ...apiRows
    .filter((r) => r.kind === 'dh')
    .map((r): MappingRow => ({ kind: 'pfs', api: r.name, keyword: `set pfs ${r.esp}`, note: 'one PFS group per IPsec profile or crypto map entry', sources: [DOC_IPSEC, DOC_YANG] })),
  {
    kind: 'lifetime',
    api: 'IkeLifetime',
    keyword: 'lifetime <seconds>',
    note: 'IKEv1: in the (global) ISAKMP policy, 60–86400 s; IKEv2: in the IKEv2 profile, 120–86400 s; default 86400 s',
    sources: [DOC_IKE, DOC_CR_ISAKMP, DOC_YANG],
  },
  {
    kind: 'lifetime',
    api: 'IpsecLifetime',
    keyword: 'set security-association lifetime seconds <seconds>',
    note: '120–2592000 s per IPsec profile or crypto map entry; default 3600 s (global crypto ipsec security-association lifetime)',
    sources: [DOC_IPSEC, DOC_YANG],
  },
  {
    kind: 'dpd',
    api: 'EnableDpd',
    keyword: 'dpd 10 3 periodic (IKEv2 profile) / crypto isakmp keepalive 10 3 periodic (IKEv1)',
    note: 'IKEv2: per profile; IKEv1: one global setting for every ISAKMP peer (interval 10–3600 s, retry 2–60 s)',
    sources: [DOC_DPD, DOC_CR_ISAKMP, DOC_YANG],
  },
  {
    kind: 'nat-t',
    api: 'EnableNatTraversal',
    keyword: 'no crypto ipsec nat-transparency udp-encapsulation (off)',
    note: 'on by default; switching it off is global, for every tunnel of the device',
    sources: [DOC_IPSEC, DOC_YANG],
  },
  { kind: 'ike-version', api: 'ikev1', keyword: 'crypto isakmp policy / crypto keyring / crypto isakmp profile', sources: [DOC_IKE, DOC_CR_ISAKMP] },
  { kind: 'ike-version', api: 'ikev2', keyword: 'crypto ikev2 proposal / policy / keyring / profile', sources: [DOC_CR_CRYPTO, DOC_YANG] },
  { kind: 'ike-mode', api: 'main', keyword: '(default)', note: 'main mode unless the ISAKMP profile says otherwise', sources: [DOC_IKE, DOC_YANG] },
  {
    kind: 'ike-mode',
    api: 'aggressive',
    keyword: 'initiate mode aggressive (ISAKMP profile)',
    note: 'IKEv1 only; the FQDN IOS-XE sends is its hostname + ip domain name, not a free string',
    sources: [DOC_CR_ISAKMP, DOC_YANG],
  },
];
