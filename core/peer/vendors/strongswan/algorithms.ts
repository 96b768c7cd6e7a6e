// The API's algorithm names and strongSwan's keywords, as data. One row per API name; the same keyword serves IKE
// proposals (swanctl `proposals`, ipsec.conf `ike=`) and ESP proposals (`esp_proposals`, `esp=`), and a DH group row
// serves both the IKE group and the PFS group. Every row names the strongSwan documents the keyword is listed in.
// Measured on strongSwan 5.9.8 (../shared/reference/strongswan-netns.md): every keyword below negotiates in both
// IKEv1 and IKEv2, both phases.
import type { PeerIkeProposal, PeerIpsecProposal } from '../../profile.ts';

export const IKEV2_CIPHER_SUITES = 'https://docs.strongswan.org/docs/5.9/config/IKEv2CipherSuites.html';
export const IKEV1_CIPHER_SUITES = 'https://docs.strongswan.org/docs/5.9/config/IKEv1CipherSuites.html';

export type AlgorithmKind = 'encryption' | 'integrity' | 'dh';

export interface AlgorithmRow {
  kind: AlgorithmKind;
  /** The API's name (IkeEncAlg / IpsecEncAlg, IkeAuthAlg / IpsecAuthAlg, IkePfs / IpsecPfs). */
  api: string;
  keyword: string;
  /** The algorithm the keyword selects, in the documents' own terms. */
  meaning: string;
  sources: readonly string[];
}

const BOTH = [IKEV2_CIPHER_SUITES, IKEV1_CIPHER_SUITES] as const;

export const STRONGSWAN_ALGORITHMS: readonly AlgorithmRow[] = [
  // The API's `aes` is AES-128-CBC; strongSwan's `aes` is an alias of `aes128`, the documents list `aes128`.
  { kind: 'encryption', api: 'aes', keyword: 'aes128', meaning: 'AES-CBC, 128-bit key', sources: BOTH },
  { kind: 'encryption', api: 'aes192', keyword: 'aes192', meaning: 'AES-CBC, 192-bit key', sources: BOTH },
  { kind: 'encryption', api: 'aes256', keyword: 'aes256', meaning: 'AES-CBC, 256-bit key', sources: BOTH },
  { kind: 'encryption', api: 'des', keyword: 'des', meaning: 'DES-CBC (deprecated; needs the OpenSSL legacy provider)', sources: BOTH },
  { kind: 'encryption', api: '3des', keyword: '3des', meaning: '3DES-CBC (deprecated)', sources: BOTH },
  { kind: 'integrity', api: 'md5', keyword: 'md5', meaning: 'HMAC-MD5-96 (deprecated)', sources: BOTH },
  { kind: 'integrity', api: 'sha1', keyword: 'sha1', meaning: 'HMAC-SHA1-96', sources: BOTH },
  { kind: 'integrity', api: 'sha256', keyword: 'sha256', meaning: 'HMAC-SHA2-256-128', sources: BOTH },
  { kind: 'integrity', api: 'sha384', keyword: 'sha384', meaning: 'HMAC-SHA2-384-192', sources: BOTH },
  { kind: 'integrity', api: 'sha512', keyword: 'sha512', meaning: 'HMAC-SHA2-512-256', sources: BOTH },
  { kind: 'dh', api: 'group1', keyword: 'modp768', meaning: 'DH group 1, 768-bit MODP (deprecated)', sources: BOTH },
  { kind: 'dh', api: 'group2', keyword: 'modp1024', meaning: 'DH group 2, 1024-bit MODP', sources: BOTH },
  { kind: 'dh', api: 'group5', keyword: 'modp1536', meaning: 'DH group 5, 1536-bit MODP', sources: BOTH },
  { kind: 'dh', api: 'group14', keyword: 'modp2048', meaning: 'DH group 14, 2048-bit MODP', sources: BOTH },
  { kind: 'dh', api: 'group24', keyword: 'modp2048s256', meaning: 'DH group 24, 2048-bit MODP with 256-bit prime order subgroup', sources: BOTH },
];

/** API names strongSwan has no keyword for (SM / 国密 gateways); the generator says so instead of leaving them out. */
export const WITHOUT_STRONGSWAN_KEYWORD: readonly { kind: AlgorithmKind; api: string; meaning: string }[] = [
  { kind: 'encryption', api: 'sm4', meaning: 'SM4 block cipher (GB/T 32907)' },
  { kind: 'integrity', api: 'sm3', meaning: 'SM3 hash (GB/T 32905)' },
];

// Other spellings of the same transforms, read on import (src/libstrongswan/crypto/proposal/proposal_keywords_static.txt).
const ALIASES: Readonly<Record<string, string>> = { aes: 'aes128', sha: 'sha1', sha2_256: 'sha256', sha2_384: 'sha384', sha2_512: 'sha512' };

const byApi = new Map(STRONGSWAN_ALGORITHMS.map((row) => [`${row.kind}:${row.api}`, row.keyword]));
const byKeyword = new Map(STRONGSWAN_ALGORITHMS.map((row) => [`${row.kind}:${row.keyword}`, row.api]));

/** What a strongSwan proposal token is. Families follow proposal_keywords_static.txt and proposal_keywords.c. */
export type TokenClass = 'encryption' | 'aead' | 'integrity' | 'prf' | 'dh' | 'none' | 'esn';

const TOKEN_CLASSES: readonly [TokenClass, RegExp][] = [
  ['aead', /^(aes(128|192|256)(gcm|ccm)(8|12|16|64|96|128)?|aes(128|192|256)gmac|chacha20poly1305(compat)?|camellia(128|192|256)ccm(8|12|16|64|96|128))$/],
  ['encryption', /^(null|des|3des|aes|aes(128|192|256)(ctr)?|blowfish(128|192|256)?|camellia(128|192|256)?(ctr)?|cast128|serpent(128|192|256)?|twofish(128|192|256)?)$/],
  ['integrity', /^(sha|sha1|sha1_160|sha256|sha2_256|sha256_96|sha2_256_96|sha384|sha2_384|sha512|sha2_512|md5|md5_128|aesxcbc|camelliaxcbc|aescmac)$/],
  ['prf', /^prf(sha1|sha256|sha384|sha512|md5|aesxcbc|camelliaxcbc|aescmac)$/],
  ['none', /^(none|modpnone)$/],
  ['dh', /^(modp(768|1024|1536|2048|3072|4096|6144|8192)|modpnull|modp1024s160|modp2048s224|modp2048s256|ecp(192|224|256|384|521)|ecp(224|256|384|512)bp|curve25519|x25519|curve448|x448|ntru(112|128|192|256))$/],
  ['esn', /^(esn|noesn)$/],
];

export function classifyToken(token: string): TokenClass | undefined {
  return TOKEN_CLASSES.find(([, pattern]) => pattern.test(token))?.[0];
}

function tokenKind(kind: AlgorithmKind): readonly TokenClass[] {
  return kind === 'encryption' ? ['encryption', 'aead'] : kind === 'integrity' ? ['integrity'] : ['dh'];
}

/**
 * The strongSwan keyword for an algorithm of the profile: the mapped keyword for an API name, the name itself when it
 * already is a strongSwan keyword of that kind (imported profiles keep e.g. `aes128gcm16`), undefined when strongSwan
 * has none (sm4, sm3, or anything it would refuse to load).
 */
export function keywordFor(kind: AlgorithmKind, name: string): string | undefined {
  const mapped = byApi.get(`${kind}:${name}`);
  if (mapped !== undefined) return mapped;
  const cls = classifyToken(name);
  return cls !== undefined && tokenKind(kind).includes(cls) ? name : undefined;
}

/** The API's name for a strongSwan keyword; a keyword the API has no name for is kept as written. */
export function apiNameFor(kind: AlgorithmKind, keyword: string): string {
  const canonical = ALIASES[keyword] ?? keyword;
  return byKeyword.get(`${kind}:${canonical}`) ?? keyword;
}

/** `aes` + `sha1` + `group2` → `aes128-sha1-modp1024`, or the names strongSwan cannot express. */
export function formatProposal(parts: readonly { kind: AlgorithmKind; name: string }[]): { text: string; missing: string[] } {
  const words: string[] = [];
  const missing: string[] = [];
  for (const { kind, name } of parts) {
    if (name === '') continue;
    const keyword = keywordFor(kind, name);
    if (keyword === undefined) missing.push(name);
    else words.push(keyword);
  }
  return { text: words.join('-'), missing };
}

export function formatIkeProposal(p: PeerIkeProposal): { text: string; missing: string[] } {
  return formatProposal([
    { kind: 'encryption', name: p.encryption },
    { kind: 'integrity', name: p.integrity },
    { kind: 'dh', name: p.dhGroup },
  ]);
}

export function formatIpsecProposal(p: PeerIpsecProposal): { text: string; missing: string[] } {
  return formatProposal([
    { kind: 'encryption', name: p.encryption },
    { kind: 'integrity', name: p.integrity },
    { kind: 'dh', name: p.pfs === 'disabled' ? '' : p.pfs },
  ]);
}

export interface ParsedProposals<T> {
  proposals: T[];
  /** Tokens that are no strongSwan keyword at all. */
  unknown: string[];
  /** The list holds `default` (strongSwan's own set, not listed here). */
  usesDefault: boolean;
}

interface ProposalParts {
  encryption: string[];
  integrity: string[];
  dh: string[];
  aead: Set<string>;
}

function splitProposal(text: string, unknown: string[]): ProposalParts {
  const parts: ProposalParts = { encryption: [], integrity: [], dh: [], aead: new Set() };
  for (const raw of text.split('-')) {
    const token = raw.trim().toLowerCase();
    if (token === '') continue;
    const cls = classifyToken(token);
    if (cls === 'encryption' || cls === 'aead') {
      parts.encryption.push(apiNameFor('encryption', token));
      if (cls === 'aead') parts.aead.add(apiNameFor('encryption', token));
    } else if (cls === 'integrity') parts.integrity.push(apiNameFor('integrity', token));
    else if (cls === 'dh') parts.dh.push(apiNameFor('dh', token));
    else if (cls === 'none') parts.dh.push('');
    // A separate PRF and the ESN mode are not part of the profile: accepted, not compared.
    else if (cls === 'prf' || cls === 'esn') continue;
    else unknown.push(raw.trim());
  }
  return parts;
}

/**
 * Every combination a proposal list allows, in order: a proposal that lists several algorithms of a kind
 * (`aes128-aes256-sha1-sha256-modp2048`) expands encryption first, then integrity, then DH group.
 */
function expand(list: string): { combos: { encryption: string; integrity: string; dh: string }[]; unknown: string[]; usesDefault: boolean } {
  const unknown: string[] = [];
  const combos: { encryption: string; integrity: string; dh: string }[] = [];
  let usesDefault = false;
  for (const raw of list.split(',')) {
    const text = raw.trim().replace(/!$/, '');
    if (text === '') continue;
    if (text.toLowerCase() === 'default') {
      usesDefault = true;
      continue;
    }
    const before = unknown.length;
    const parts = splitProposal(text, unknown);
    // strongSwan refuses a proposal with a keyword it does not know, so none of its combinations is offered.
    if (parts.encryption.length === 0 || unknown.length > before) continue;
    // ESP without a DH group means no PFS; IKE always has a group, '' marks one the text left out.
    const groups = parts.dh.length > 0 ? parts.dh : [''];
    for (const encryption of parts.encryption) {
      // AEAD algorithms carry their own integrity; strongSwan ignores integrity keywords beside them.
      const integrities = parts.aead.has(encryption) || parts.integrity.length === 0 ? [''] : parts.integrity;
      for (const integrity of integrities) for (const dh of groups) combos.push({ encryption, integrity, dh });
    }
  }
  const seen = new Set<string>();
  const unique = combos.filter((c) => {
    const key = `${c.encryption}|${c.integrity}|${c.dh}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { combos: unique, unknown, usesDefault };
}

export function parseIkeProposals(list: string): ParsedProposals<PeerIkeProposal> {
  const { combos, unknown, usesDefault } = expand(list);
  return { proposals: combos.map((c) => ({ encryption: c.encryption, integrity: c.integrity, dhGroup: c.dh })), unknown, usesDefault };
}

export function parseIpsecProposals(list: string): ParsedProposals<PeerIpsecProposal> {
  const { combos, unknown, usesDefault } = expand(list);
  return { proposals: combos.map((c) => ({ encryption: c.encryption, integrity: c.integrity, pfs: c.dh === '' ? 'disabled' : c.dh })), unknown, usesDefault };
}

export interface ProposalList {
  /** The proposals strongSwan can express, as keywords. */
  written: string[];
  /** The proposals it cannot (in the API's names, e.g. `sm4-sm3-group2`) and the names it has no keyword for. */
  dropped: { proposal: string; missing: string[] }[];
}

function list<T>(proposals: readonly T[], format: (p: T) => { text: string; missing: string[] }, names: (p: T) => string[]): ProposalList {
  const written: string[] = [];
  const dropped: ProposalList['dropped'] = [];
  for (const p of proposals) {
    const { text, missing } = format(p);
    if (missing.length > 0) dropped.push({ proposal: names(p).filter((n) => n !== '').join('-'), missing });
    else if (text !== '' && !written.includes(text)) written.push(text);
  }
  return { written, dropped };
}

export function ikeProposalList(proposals: readonly PeerIkeProposal[]): ProposalList {
  return list(proposals, formatIkeProposal, (p) => [p.encryption, p.integrity, p.dhGroup]);
}

export function ipsecProposalList(proposals: readonly PeerIpsecProposal[]): ProposalList {
  return list(proposals, formatIpsecProposal, (p) => [p.encryption, p.integrity, p.pfs === 'disabled' ? '' : p.pfs]);
}

/** The names strongSwan has no keyword for, each once, in order. */
export function missingNames(dropped: ProposalList['dropped']): string {
  return [...new Set(dropped.flatMap((d) => d.missing))].join(', ');
}
