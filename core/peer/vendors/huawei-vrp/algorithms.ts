// The API's algorithm names and settings against Huawei VRP's keywords (AR routers V200R010+, USG firewalls), as
// data. An IKE proposal names its encryption, its IKEv1 `authentication-algorithm`, its IKEv2 `integrity-algorithm`
// and `prf`, and its `dh` group; an IPsec proposal its `esp encryption-algorithm` / `esp authentication-algorithm`;
// PFS is a `pfs dh-groupN` of the IPsec policy or profile. Each row names the documents its keywords come from;
// what no stored document showed is said in the row's note (docs/peer-devices.md is generated from the table).
import type { MappingRow } from '../../vendor.ts';

export const SOURCES = {
  /** AR V200R010 CLI configuration guide, "Configuring an IPSec Proposal" (transform, AH/ESP algorithm keywords). */
  arIpsecProposal: 'https://support.huawei.com/enterprise/en/doc/EDOC1100033725/317bfba8/configuring-an-ipsec-proposal',
  /** AR V200R010 command reference, IPSec configuration commands. */
  arCommands: 'https://support.huawei.com/enterprise/en/doc/EDOC1100207804/bbfcca36/ipsec-configuration-commands',
  /** AR500 V200R007 command reference, `ike proposal` (default proposal: group1/group2, 86400 s). */
  arIkeProposal: 'https://support.huawei.com/enterprise/en/doc/EDOC1000097293/473b26bc/ike-proposal',
  /** Huawei AR configuration examples (EDOC1100331435, dc_cfg_ipsec_0048 / 0053 / 0069): version, exchange-mode, ACLs, policies. */
  arExamples: 'https://support.huawei.com/enterprise/en/doc/EDOC1100331435',
  /** Huawei Cloud: an AR router facing a cloud VPN gateway (IKEv2, integrity-algorithm, prf, IPsec profile, Tunnel0/0/N). */
  huaweiCloudAr: 'https://support.huaweicloud.com/intl/en-us/qs-vpn/vpn_03_0336.html',
  /** USG6000E command reference, `ike proposal` (defaults AES-256, SHA2-256, DH14, 86400 s). */
  usgIkeProposal: 'https://usg.zrnko.cz/resources/dc/ike_proposal.html',
  /** USG6000E configuration guide, "Configuring an IPSec proposal" (ESP keywords incl. sm4 / sm3). */
  usgIpsecProposal: 'https://usg.zrnko.cz/resources/dc/dc_cfg_ipsec_0006.html',
  /** USG6000E command reference, `pre-shared-key` (IKE peer view): 1–128 characters, `?` only inside double quotes. */
  usgPsk: 'https://usg.zrnko.cz/resources/dc/pre-shared-key_ike_peer.html',
  /** USG6000E command reference, `proposal`: an ISAKMP policy or IPsec profile references at most 12 IPsec proposals. */
  usgProposal: 'https://usg.zrnko.cz/resources/dc/proposal.html',
  /** Huawei VRP (NetEngine 8000 F1A) `sa duration` in the IKE proposal view: 60–604800 s, default 86400. */
  vrpIkeDuration: 'http://a10.tagan.ru/huawei/netengine8000f1a/command/8090/ike-proposal-sa-duration.html',
  /** Huawei VRP (NetEngine 8000 F1A) `sa duration time-based`: 480–604800 s, default 3600. */
  vrpIpsecDuration: 'http://a10.tagan.ru/huawei/netengine8000f1a/command/8090/sa_duration.html',
  /** Alibaba Cloud: loading the IPsec-VPN configuration to a Huawei firewall (IKEv1 / IKEv2 examples, AES-128, SHA-1, group 2). */
  alibabaHuawei:
    'https://github.com/AlibabaCloudDocs/vpn/blob/master/intl.en-US/User%20Guide/Configure%20IPsec-VPN%20connections/Configure%20local%20gateways/Load%20the%20IPsec-VPN%20configuration%20to%20a%20Huawei%20firewall%20device.md',
} as const;

export type AlgorithmKind = 'encryption' | 'integrity' | 'dh';

/** One API algorithm and what each VRP command takes for it ('' = no keyword that a document confirmed). */
export interface VrpAlgorithm {
  kind: AlgorithmKind;
  api: string;
  /** `encryption-algorithm` (IKE) / `authentication-algorithm` (IKEv1) / `dh` (IKE). */
  ike: string;
  /** `integrity-algorithm` and `prf` (IKEv2), integrity rows only. */
  ikev2?: { integrity: string; prf: string };
  /** `esp encryption-algorithm` / `esp authentication-algorithm`, or `pfs` for DH rows. */
  esp: string;
  note?: string;
  sources: readonly string[];
}

const IKE_ENC = [SOURCES.huaweiCloudAr, SOURCES.arExamples, SOURCES.usgIkeProposal, SOURCES.usgIpsecProposal, SOURCES.alibabaHuawei];
const INTEGRITY = [SOURCES.arIpsecProposal, SOURCES.usgIpsecProposal, SOURCES.huaweiCloudAr, SOURCES.usgIkeProposal];
const DH = [SOURCES.huaweiCloudAr, SOURCES.arIkeProposal, SOURCES.usgIkeProposal];
const UNCONFIRMED_V2 = 'IKEv2 integrity-algorithm / prf keyword by the hmac-sha1-96 / hmac-sha2-256 pattern: not shown by a stored document.';

export const VRP_ALGORITHMS: readonly VrpAlgorithm[] = [
  // The API's `aes` is AES-CBC-128. Older AR releases printed aes-cbc-128 etc. (read on import, see ALIASES).
  { kind: 'encryption', api: 'aes', ike: 'aes-128', esp: 'aes-128', sources: IKE_ENC },
  { kind: 'encryption', api: 'aes192', ike: 'aes-192', esp: 'aes-192', sources: IKE_ENC },
  { kind: 'encryption', api: 'aes256', ike: 'aes-256', esp: 'aes-256', sources: IKE_ENC },
  { kind: 'encryption', api: 'des', ike: 'des', esp: 'des', note: 'Insecure.', sources: IKE_ENC },
  { kind: 'encryption', api: '3des', ike: '3des', esp: '3des', note: 'Insecure.', sources: IKE_ENC },
  {
    kind: 'encryption',
    api: 'sm4',
    ike: '',
    esp: 'sm4',
    note: 'ESP only, documented for USG6000E firewalls; no stored document shows SM4 in an IKE proposal, so IKE cannot match an SM gateway.',
    sources: [SOURCES.usgIpsecProposal],
  },
  { kind: 'integrity', api: 'md5', ike: 'md5', ikev2: { integrity: 'hmac-md5-96', prf: 'hmac-md5' }, esp: 'md5', note: `Insecure. ${UNCONFIRMED_V2}`, sources: INTEGRITY },
  { kind: 'integrity', api: 'sha1', ike: 'sha1', ikev2: { integrity: 'hmac-sha1-96', prf: 'hmac-sha1' }, esp: 'sha1', sources: INTEGRITY },
  { kind: 'integrity', api: 'sha256', ike: 'sha2-256', ikev2: { integrity: 'hmac-sha2-256', prf: 'hmac-sha2-256' }, esp: 'sha2-256', note: 'ESP: with "ipsec authentication sha2 compatible enable" (AR) for RFC 4868 truncation.', sources: INTEGRITY },
  { kind: 'integrity', api: 'sha384', ike: 'sha2-384', ikev2: { integrity: 'hmac-sha2-384', prf: 'hmac-sha2-384' }, esp: 'sha2-384', note: UNCONFIRMED_V2, sources: INTEGRITY },
  { kind: 'integrity', api: 'sha512', ike: 'sha2-512', ikev2: { integrity: 'hmac-sha2-512', prf: 'hmac-sha2-512' }, esp: 'sha2-512', note: UNCONFIRMED_V2, sources: INTEGRITY },
  {
    kind: 'integrity',
    api: 'sm3',
    ike: '',
    esp: 'sm3',
    note: 'ESP only, documented for USG6000E firewalls; no stored document shows SM3 in an IKE proposal, so IKE cannot match an SM gateway.',
    sources: [SOURCES.usgIpsecProposal],
  },
  { kind: 'dh', api: 'group1', ike: 'group1', esp: 'dh-group1', note: 'Insecure (768-bit).', sources: DH },
  { kind: 'dh', api: 'group2', ike: 'group2', esp: 'dh-group2', sources: DH },
  { kind: 'dh', api: 'group5', ike: 'group5', esp: 'dh-group5', note: 'Keyword by the group2 / group14 pattern: group5 itself is not shown by a stored document.', sources: DH },
  { kind: 'dh', api: 'group14', ike: 'group14', esp: 'dh-group14', sources: DH },
  { kind: 'dh', api: 'group24', ike: '', esp: '', note: 'No stored Huawei document lists group24 (2048-bit MODP, 256-bit subgroup): not written.', sources: DH },
];

/** Keywords other releases print for the same transforms, read on import. */
const ALIASES: Readonly<Record<string, string>> = {
  'aes-cbc-128': 'aes-128',
  'aes-cbc-192': 'aes-192',
  'aes-cbc-256': 'aes-256',
  'des-cbc': 'des',
  '3des-cbc': '3des',
  sha: 'sha1',
  'sha2-256-128': 'sha2-256',
};

export type Slot = 'ike' | 'ikev2' | 'esp';

/** The VRP keyword for an API name in one command, undefined when VRP has none (or none a document confirmed). */
export function vrpKeyword(kind: AlgorithmKind, slot: Slot, api: string): string | undefined {
  const row = VRP_ALGORITHMS.find((r) => r.kind === kind && r.api === api);
  if (!row) return undefined;
  const keyword = slot === 'ikev2' ? (row.ikev2?.integrity ?? '') : slot === 'esp' ? row.esp : row.ike;
  return keyword === '' ? undefined : keyword;
}

export function vrpPrf(api: string): string | undefined {
  return VRP_ALGORITHMS.find((r) => r.kind === 'integrity' && r.api === api)?.ikev2?.prf;
}

/** The API's name for a VRP keyword of one command; undefined when the keyword is unknown. */
export function apiName(kind: AlgorithmKind, slot: Slot, keyword: string): string | undefined {
  let word = keyword.toLowerCase();
  word = ALIASES[word] ?? word;
  if (slot === 'esp' && kind === 'dh') word = word.replace(/^group/, 'dh-group');
  const row = VRP_ALGORITHMS.find((r) => r.kind === kind && (slot === 'ikev2' ? r.ikev2?.integrity === word : slot === 'esp' ? r.esp === word : r.ike === word));
  return row?.api;
}

export const SM_NAMES = new Set(['sm4', 'sm3']);

export interface LifetimeRange {
  min: number;
  max: number;
  default: number;
}
export const IKE_LIFETIME: LifetimeRange = { min: 60, max: 604800, default: 86400 };
export const IPSEC_LIFETIME: LifetimeRange = { min: 480, max: 604800, default: 3600 };
/** `proposal` in an ISAKMP policy / IPsec profile (USG6000E command reference). */
export const MAX_IPSEC_PROPOSALS = 12;

function algorithmRows(): MappingRow[] {
  return VRP_ALGORITHMS.map((r): MappingRow => {
    const parts =
      r.kind === 'dh'
        ? r.ike === ''
          ? ''
          : `dh ${r.ike} / pfs ${r.esp}`
        : r.kind === 'integrity'
          ? r.ike === ''
            ? `esp authentication-algorithm ${r.esp}`
            : `${r.ike} / integrity-algorithm ${r.ikev2!.integrity}, prf ${r.ikev2!.prf} / esp ${r.esp}`
          : r.ike === ''
            ? `esp encryption-algorithm ${r.esp}`
            : r.ike;
    return { kind: r.kind, api: r.api, keyword: parts, ...(r.note && { note: r.note }), sources: r.sources };
  });
}

const PFS_ROWS: MappingRow[] = [
  { kind: 'pfs', api: 'disabled', keyword: '(no pfs line)', note: 'PFS is set per IPsec policy / profile, not per proposal.', sources: [SOURCES.huaweiCloudAr] },
  ...VRP_ALGORITHMS.filter((r) => r.kind === 'dh').map((r): MappingRow => ({
    kind: 'pfs',
    api: r.api,
    keyword: r.esp === '' ? '' : `pfs ${r.esp}`,
    ...(r.note && { note: r.note }),
    sources: [SOURCES.huaweiCloudAr],
  })),
];

/** HUAWEI_VRP_MAPPINGS: the table docs/peer-devices.md shows for Huawei VRP. */
export const HUAWEI_VRP_MAPPINGS: readonly MappingRow[] = [
  ...algorithmRows(),
  ...PFS_ROWS,
  { kind: 'lifetime', api: 'IkeLifetime', keyword: 'sa duration <s> (ike proposal)', note: '60–604800 s, default 86400 (range documented for VRP on NetEngine 8000 F1A; AR/USG range not found).', sources: [SOURCES.vrpIkeDuration, SOURCES.usgIkeProposal] },
  { kind: 'lifetime', api: 'IpsecLifetime', keyword: 'sa duration time-based <s> (ipsec policy / profile)', note: '480–604800 s, default 3600 (range documented for VRP on NetEngine 8000 F1A; AR/USG range not found).', sources: [SOURCES.vrpIpsecDuration] },
  { kind: 'dpd', api: 'EnableDpd', keyword: 'dpd type periodic (ike peer)', note: 'Off: no dpd type line. The keyword is as devices print it; the command page and the default when none is set were not in a stored document.', sources: [SOURCES.arCommands] },
  { kind: 'nat-t', api: 'EnableNatTraversal', keyword: 'nat traversal / undo nat traversal (ike peer)', note: 'Both written explicitly. Neither the keyword nor the default was confirmed by a stored document.', sources: [SOURCES.arCommands] },
  { kind: 'ike-version', api: 'ikev1', keyword: 'version 1 + undo version 2 (ike peer)', note: 'V200R008 and later; older AR releases: "ike peer <name> v1". Both versions are enabled when neither is undone.', sources: [SOURCES.arExamples] },
  { kind: 'ike-version', api: 'ikev2', keyword: 'undo version 1 + version 2 (ike peer)', sources: [SOURCES.huaweiCloudAr] },
  { kind: 'ike-mode', api: 'main', keyword: 'exchange-mode main (ike peer)', sources: [SOURCES.arExamples] },
  { kind: 'ike-mode', api: 'aggressive', keyword: 'exchange-mode aggressive (ike peer)', sources: [SOURCES.arExamples] },
];
