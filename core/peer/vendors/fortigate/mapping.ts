// FortiOS 7.x keywords for the API's algorithm names and settings, as data. FortiOS writes phase 1 and phase 2
// proposals as `<encryption>-<integrity>` tokens (`aes256-sha256`) and keeps the DH groups apart, in one `dhgrp` list
// for the whole phase (numbers); phase 2 switches PFS on or off for the whole phase (`set pfs`).
import type { MappingRow } from '../../vendor.ts';

/** FortiOS 7.4 CLI reference, `config vpn ipsec phase1-interface` (keywords, keylife 120–172800 s). */
export const FORTIOS_PHASE1 = 'https://docs.fortinet.com/document/fortigate/7.4.5/cli-reference/305883427';
/** FortiOS 7.2 CLI reference, `config vpn ipsec phase2-interface` (proposal, pfs, dhgrp, keylifeseconds). */
export const FORTIOS_PHASE2 = 'https://docs.fortinet.com/document/fortigate/7.2.3/cli-reference/368620';
/** Fortinet's Terraform provider (fortinetdev): every proposal token and DH group FortiOS 7.x takes, the defaults. */
export const FORTIOS_PHASE1_VALUES = 'https://github.com/fortinetdev/terraform-provider-fortios/blob/master/website/docs/r/fortios_vpnipsec_phase1interface.html.markdown';
export const FORTIOS_PHASE2_VALUES = 'https://github.com/fortinetdev/terraform-provider-fortios/blob/master/website/docs/r/fortios_vpnipsec_phase2interface.html.markdown';
/** FortiOS 7.0 administration guide, pre-shared key: 6 to 128 printable characters; peer options only in aggressive mode. */
export const FORTIOS_PSK = 'https://docs.fortinet.com/document/fortigate/7.0.11/administration-guide/560886';
/** Fortinet technical tip: a psksecret starting with 0x is read as hexadecimal. */
export const FORTIOS_PSK_HEX = 'https://community.fortinet.com/t5/FortiGate/Technical-Tip-How-to-configure-psksecret-starting-with-0x/ta-p/259618';
/** FortiOS 7.4 administration guide, phase 1 configuration: interface-mode names of at most 15 characters. */
export const FORTIOS_PHASE1_GUIDE = 'https://docs.fortinet.com/document/fortigate/7.4.1/administration-guide/790613/phase-1-configuration';
/** FortiOS 7.2.1: BGP AS numbers in asdot and asdot+ as well as asplain. */
export const FORTIOS_BGP_ASDOT = 'https://docs.fortinet.com/document/fortigate/7.2.0/new-features/995269/support-bgp-as-number-input-in-asdot-and-asdot-format-7-2-1';
/** Fortinet's example of a FortiGate facing a cloud VPN gateway: tunnel interface addresses, BGP, firewall policies. */
export const FORTIOS_AWS_EXAMPLE = 'https://docs.fortinet.com/document/fortigate/7.0.8/administration-guide/31670';
/** Fortinet (China) handbook: a FortiGate interface-mode VPN to the Alibaba Cloud VPN gateway, and why the FortiGate should initiate. */
export const FORTINET_ALIBABA = 'https://handbook.fortinet.com.cn/VPN%E6%8A%80%E6%9C%AF/IPSec_VPN/%E7%82%B9%E5%88%B0%E7%82%B9VPN/%E4%B8%8E%E5%8F%8B%E5%95%86%E8%BF%9B%E8%A1%8CIPSec_VPN%E5%AF%B9%E6%8E%A5/%E4%B8%8E%E9%98%BF%E9%87%8C%E4%BA%91%E5%BB%BA%E7%AB%8BIPSec_VPN.html';

const P1_P2 = [FORTIOS_PHASE1, FORTIOS_PHASE2, FORTIOS_PHASE1_VALUES, FORTIOS_PHASE2_VALUES] as const;

export const IKE_LIFETIME = { min: 120, max: 172800, default: 86400 } as const;
export const IPSEC_LIFETIME = { min: 120, max: 172800, default: 43200 } as const;

export const FORTIGATE_MAPPINGS: readonly MappingRow[] = [
  { kind: 'encryption', api: 'aes', keyword: 'aes128', note: 'AES-CBC 128; the first half of a proposal token (aes128-sha1)', sources: P1_P2 },
  { kind: 'encryption', api: 'aes192', keyword: 'aes192', sources: P1_P2 },
  { kind: 'encryption', api: 'aes256', keyword: 'aes256', sources: P1_P2 },
  { kind: 'encryption', api: 'des', keyword: 'des', note: 'Weak; still among the proposal tokens of FortiOS 7.x', sources: P1_P2 },
  { kind: 'encryption', api: '3des', keyword: '3des', sources: P1_P2 },
  { kind: 'encryption', api: 'sm4', keyword: '', note: 'FortiOS has no SM4: a FortiGate cannot match an SM gateway', sources: [FORTIOS_PHASE1_VALUES, FORTIOS_PHASE2_VALUES] },
  { kind: 'integrity', api: 'md5', keyword: 'md5', note: 'The second half of a proposal token (aes128-md5)', sources: P1_P2 },
  { kind: 'integrity', api: 'sha1', keyword: 'sha1', sources: P1_P2 },
  { kind: 'integrity', api: 'sha256', keyword: 'sha256', sources: P1_P2 },
  { kind: 'integrity', api: 'sha384', keyword: 'sha384', sources: P1_P2 },
  { kind: 'integrity', api: 'sha512', keyword: 'sha512', sources: P1_P2 },
  { kind: 'integrity', api: 'sm3', keyword: '', note: 'FortiOS has no SM3: a FortiGate cannot match an SM gateway', sources: [FORTIOS_PHASE1_VALUES, FORTIOS_PHASE2_VALUES] },
  { kind: 'dh', api: 'group1', keyword: '1', note: 'set dhgrp: one list for every proposal of the phase', sources: P1_P2 },
  { kind: 'dh', api: 'group2', keyword: '2', sources: P1_P2 },
  { kind: 'dh', api: 'group5', keyword: '5', sources: P1_P2 },
  { kind: 'dh', api: 'group14', keyword: '14', sources: P1_P2 },
  { kind: 'dh', api: 'group24', keyword: '', note: 'Not among the FortiOS DH groups (1, 2, 5, 14–21, 27–32)', sources: [FORTIOS_PHASE1_VALUES, FORTIOS_PHASE2_VALUES] },
  { kind: 'pfs', api: 'disabled', keyword: 'set pfs disable', note: 'PFS is on or off for the whole phase 2; default enable', sources: [FORTIOS_PHASE2, FORTIOS_PHASE2_VALUES] },
  { kind: 'pfs', api: 'group1', keyword: 'set pfs enable + set dhgrp 1', sources: [FORTIOS_PHASE2, FORTIOS_PHASE2_VALUES] },
  { kind: 'pfs', api: 'group2', keyword: 'set pfs enable + set dhgrp 2', sources: [FORTIOS_PHASE2, FORTIOS_PHASE2_VALUES] },
  { kind: 'pfs', api: 'group5', keyword: 'set pfs enable + set dhgrp 5', sources: [FORTIOS_PHASE2, FORTIOS_PHASE2_VALUES] },
  { kind: 'pfs', api: 'group14', keyword: 'set pfs enable + set dhgrp 14', sources: [FORTIOS_PHASE2, FORTIOS_PHASE2_VALUES] },
  { kind: 'lifetime', api: 'IkeLifetime', keyword: 'set keylife', note: `${IKE_LIFETIME.min}–${IKE_LIFETIME.max} s, default ${IKE_LIFETIME.default} s (phase1-interface)`, sources: [FORTIOS_PHASE1, FORTIOS_PHASE1_VALUES] },
  { kind: 'lifetime', api: 'IpsecLifetime', keyword: 'set keylifeseconds', note: `${IPSEC_LIFETIME.min}–${IPSEC_LIFETIME.max} s, default ${IPSEC_LIFETIME.default} s (phase2-interface, keylife-type seconds)`, sources: [FORTIOS_PHASE2, FORTIOS_PHASE2_VALUES] },
  { kind: 'dpd', api: 'EnableDpd', keyword: 'set dpd on-idle | disable', note: 'Default on-demand (read as on)', sources: [FORTIOS_PHASE1, FORTIOS_PHASE1_VALUES] },
  { kind: 'nat-t', api: 'EnableNatTraversal', keyword: 'set nattraversal enable | disable', note: 'Default enable; forced reads as on', sources: [FORTIOS_PHASE1, FORTIOS_PHASE1_VALUES] },
  { kind: 'ike-version', api: 'ikev1', keyword: 'set ike-version 1', note: 'Default 1; one version per phase 1 (both → IKEv2, noted)', sources: [FORTIOS_PHASE1, FORTIOS_PHASE1_VALUES] },
  { kind: 'ike-version', api: 'ikev2', keyword: 'set ike-version 2', sources: [FORTIOS_PHASE1, FORTIOS_PHASE1_VALUES] },
  { kind: 'ike-mode', api: 'main', keyword: 'set mode main', note: 'IKEv1 only; default main', sources: [FORTIOS_PHASE1, FORTIOS_PHASE1_VALUES] },
  { kind: 'ike-mode', api: 'aggressive', keyword: 'set mode aggressive', note: 'IKEv1 only', sources: [FORTIOS_PHASE1, FORTIOS_PHASE1_VALUES] },
];

export type AlgorithmKind = 'encryption' | 'integrity' | 'dh';

const API_TO_KEYWORD = new Map(FORTIGATE_MAPPINGS.filter((r) => r.kind === 'encryption' || r.kind === 'integrity' || r.kind === 'dh').map((r) => [`${r.kind}:${r.api}`, r.keyword]));
const KEYWORD_TO_API = new Map(FORTIGATE_MAPPINGS.filter((r) => (r.kind === 'encryption' || r.kind === 'integrity') && r.keyword !== '').map((r) => [`${r.kind}:${r.keyword}`, r.api]));

// Every value FortiOS 7.x takes (FORTIOS_PHASE1_VALUES / FORTIOS_PHASE2_VALUES). Kept as written when the API has no name.
const FORTIOS_ENCRYPTIONS = new Set(['null', 'des', '3des', 'aes128', 'aes192', 'aes256', 'aes128gcm', 'aes256gcm', 'chacha20poly1305', 'aria128', 'aria192', 'aria256', 'seed']);
const FORTIOS_INTEGRITIES = new Set(['null', 'md5', 'sha1', 'sha256', 'sha384', 'sha512', 'prfsha1', 'prfsha256', 'prfsha384', 'prfsha512']);
export const FORTIOS_DH_GROUPS: readonly number[] = [1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 27, 28, 29, 30, 31, 32];
/** Ciphers that carry their own integrity: a phase 2 token is the cipher alone, a phase 1 token adds a PRF. */
const AEAD = new Set(['aes128gcm', 'aes256gcm', 'chacha20poly1305']);

export const isSm = (name: string): boolean => name === 'sm4' || name === 'sm3';

/** The FortiOS word for an algorithm of the profile; undefined when FortiOS has none (sm4, sm3, group24, …). */
export function keywordFor(kind: AlgorithmKind, name: string): string | undefined {
  const mapped = API_TO_KEYWORD.get(`${kind}:${name}`);
  if (mapped !== undefined) return mapped === '' ? undefined : mapped;
  if (kind === 'dh') {
    const n = /^group(\d+)$/.exec(name);
    return n && FORTIOS_DH_GROUPS.includes(Number(n[1])) ? n[1] : undefined;
  }
  if (kind === 'encryption') return FORTIOS_ENCRYPTIONS.has(name) ? name : undefined;
  return FORTIOS_INTEGRITIES.has(name) ? name : undefined;
}

/** `aes` + `sha1` → `aes128-sha1`; an AEAD cipher alone in phase 2. Undefined with the names FortiOS lacks. */
export function proposalToken(encryption: string, integrity: string): { token?: string; missing: string[] } {
  const enc = keywordFor('encryption', encryption);
  const integ = integrity === '' ? '' : keywordFor('integrity', integrity);
  const missing = [...(enc === undefined ? [encryption] : []), ...(integ === undefined ? [integrity] : [])];
  if (enc === undefined || integ === undefined) return { missing };
  return { token: integ === '' ? enc : `${enc}-${integ}`, missing };
}

export interface ReadToken {
  encryption: string;
  integrity: string;
  /** Not a FortiOS proposal token at all (kept as written, never matches the cloud). */
  unknown: boolean;
}

/** A FortiOS proposal token → the API's names; what the API has no name for stays as written. */
export function readProposalToken(raw: string): ReadToken {
  const token = raw.trim().toLowerCase();
  if (AEAD.has(token)) return { encryption: token, integrity: '', unknown: false };
  const dash = token.indexOf('-');
  const enc = dash < 0 ? token : token.slice(0, dash);
  const integ = dash < 0 ? '' : token.slice(dash + 1);
  const known = FORTIOS_ENCRYPTIONS.has(enc) && (AEAD.has(enc) ? /^prfsha(1|256|384|512)$/.test(integ) : FORTIOS_INTEGRITIES.has(integ) && !integ.startsWith('prf'));
  return {
    encryption: KEYWORD_TO_API.get(`encryption:${enc}`) ?? enc,
    integrity: AEAD.has(enc) && dash < 0 ? '' : (KEYWORD_TO_API.get(`integrity:${integ}`) ?? integ),
    unknown: !known,
  };
}

/** A `dhgrp` word → `group<n>` (the API's naming, IANA numbers); undefined when it is no FortiOS group. */
export function readDhGroup(word: string): string | undefined {
  return /^\d+$/.test(word) && FORTIOS_DH_GROUPS.includes(Number(word)) ? `group${Number(word)}` : undefined;
}

// FortiOS's defaults where a phase says nothing (as FortiOS 7.x creates a phase; FORTIOS_PHASE1_VALUES, FORTIOS_PHASE2_VALUES).
export const DEFAULT_PHASE1_PROPOSALS = ['aes128-sha256', 'aes256-sha256', 'aes128-sha1', 'aes256-sha1'];
export const DEFAULT_PHASE2_PROPOSALS = ['aes128-sha1', 'aes256-sha1', 'aes128-sha256', 'aes256-sha256', 'aes128gcm', 'aes256gcm', 'chacha20poly1305'];
export const DEFAULT_DH_GROUPS = ['14', '5'];
