// The API's algorithm names and settings against Junos (SRX Series) keywords, as data: the generator, the importer
// and the table in docs/peer-devices.md all read JUNIPER_SRX_MAPPINGS. Keywords come from Juniper's own published
// data model of the SRX configuration (Juniper/yang, junos-es 23.2R2) and the Junos CLI reference; Junos spells IKE
// and IPsec integrity differently (`sha-256` / `hmac-sha-256-128`), so those rows are per phase.
import type { MappingRow } from '../../vendor.ts';

export const JUNOS_YANG =
  'https://github.com/Juniper/yang/blob/master/23.2/23.2R2/junos-es/conf/junos-es-conf-security%402023-01-01.yang';
export const IKE_PROPOSAL_DOC = 'https://juniper.net/documentation/us/en/software/junos/cli-reference/topics/ref/statement/security-edit-proposal.html';
export const IKE_POLICY_DOC = 'https://www.juniper.net/documentation/us/en/software/junos/cli-reference/topics/ref/statement/security-edit-policy-ike.html';
export const IPSEC_HIERARCHY_DOC = 'https://juniper.net/documentation/en_US/junos12.3/topics/reference/statement-hierarchy/security-ipsec-l2.html';
export const IKE_HIERARCHY_DOC = 'https://juniper.net/documentation/en_US/junos12.1x47/topics/reference/statement-hierarchy/security-hierarchy-ike.html';
export const DPD_DOC = 'https://www.juniper.net/documentation/us/en/software/junos/vpn-ipsec/topics/ref/statement/security-edit-dead-peer-detection.html';
export const TRAFFIC_SELECTOR_DOC =
  'https://www.juniper.net/documentation/us/en/software/junos/vpn-ipsec/topics/topic-map/security-traffic-selectors-in-route-based-vpns.html';
export const ROUTE_BASED_DOC = 'https://www.juniper.net/documentation/en_US/junos/topics/topic-map/security-route-based-ipsec-vpns.html';
export const ASN_DOC = 'https://juniper.net/documentation/us/en/software/junos/cli-reference/topics/ref/statement/autonomous-system-edit-routing-options.html';

export type Phase = 'ike' | 'ipsec';
export type AlgorithmKind = 'encryption' | 'integrity' | 'dh';

interface AlgorithmRow {
  kind: AlgorithmKind;
  api: string;
  ike: string;
  ipsec: string;
  note?: string;
}

// '' = Junos has no keyword for it in that phase.
const ALGORITHMS: readonly AlgorithmRow[] = [
  { kind: 'encryption', api: 'aes', ike: 'aes-128-cbc', ipsec: 'aes-128-cbc', note: 'The API\'s aes is AES-CBC with a 128-bit key.' },
  { kind: 'encryption', api: 'aes192', ike: 'aes-192-cbc', ipsec: 'aes-192-cbc' },
  { kind: 'encryption', api: 'aes256', ike: 'aes-256-cbc', ipsec: 'aes-256-cbc' },
  { kind: 'encryption', api: 'des', ike: 'des-cbc', ipsec: 'des-cbc' },
  { kind: 'encryption', api: '3des', ike: '3des-cbc', ipsec: '3des-cbc' },
  { kind: 'encryption', api: 'sm4', ike: '', ipsec: '', note: 'Junos has no SM4 keyword: an SRX cannot match an SM (国密) gateway.' },
  { kind: 'integrity', api: 'md5', ike: 'md5', ipsec: 'hmac-md5-96' },
  { kind: 'integrity', api: 'sha1', ike: 'sha1', ipsec: 'hmac-sha1-96' },
  { kind: 'integrity', api: 'sha256', ike: 'sha-256', ipsec: 'hmac-sha-256-128', note: 'Not hmac-sha-256-96, which the data model marks non-RFC compliant.' },
  { kind: 'integrity', api: 'sha384', ike: 'sha-384', ipsec: 'hmac-sha-384' },
  { kind: 'integrity', api: 'sha512', ike: 'sha-512', ipsec: 'hmac-sha-512' },
  { kind: 'integrity', api: 'sm3', ike: '', ipsec: '', note: 'Junos has no SM3 keyword: an SRX cannot match an SM (国密) gateway.' },
  { kind: 'dh', api: 'group1', ike: 'group1', ipsec: 'group1' },
  { kind: 'dh', api: 'group2', ike: 'group2', ipsec: 'group2' },
  { kind: 'dh', api: 'group5', ike: 'group5', ipsec: 'group5' },
  { kind: 'dh', api: 'group14', ike: 'group14', ipsec: 'group14' },
  { kind: 'dh', api: 'group24', ike: 'group24', ipsec: 'group24' },
];

/** Every keyword Junos accepts per field (junos-es 23.2R2), including those the API has no name for (GCM, ECP groups). */
const VALID: Readonly<Record<Phase, Readonly<Record<AlgorithmKind, readonly string[]>>>> = {
  ike: {
    encryption: ['des-cbc', '3des-cbc', 'aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc', 'aes-128-gcm', 'aes-256-gcm'],
    integrity: ['md5', 'sha1', 'sha-256', 'sha-384', 'sha-512'],
    dh: ['group1', 'group2', 'group5', 'group14', 'group15', 'group16', 'group19', 'group20', 'group21', 'group24'],
  },
  ipsec: {
    encryption: ['des-cbc', '3des-cbc', 'aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc', 'aes-128-gcm', 'aes-192-gcm', 'aes-256-gcm'],
    integrity: ['hmac-md5-96', 'hmac-sha1-96', 'hmac-sha-256-128', 'hmac-sha-256-96', 'hmac-sha-384', 'hmac-sha-512'],
    dh: ['group1', 'group2', 'group5', 'group14', 'group15', 'group16', 'group19', 'group20', 'group21', 'group24'],
  },
};

/** Junos lifetime-seconds range for IKE and IPsec proposals (the data model: uint32 180 .. 86400). */
export const LIFETIME_MIN = 180;
export const LIFETIME_MAX = 86400;
// Junos' defaults where a proposal has no lifetime-seconds. Not in the data model; see the mapping rows' notes.
export const DEFAULT_IKE_LIFETIME = 28800;
export const DEFAULT_IPSEC_LIFETIME = 3600;
export const DPD_INTERVAL = 10;
export const DPD_THRESHOLD = 3;

/** The Junos keyword for a profile algorithm in a phase; a Junos keyword kept by an import passes through. */
export function junosKeyword(phase: Phase, kind: AlgorithmKind, name: string): string | undefined {
  const row = ALGORITHMS.find((r) => r.kind === kind && r.api === name);
  if (row) return row[phase] === '' ? undefined : row[phase];
  return VALID[phase][kind].includes(name) ? name : undefined;
}

/** The API name for a Junos keyword; a keyword the API has no name for is kept; `known` says whether Junos has it. */
export function apiName(phase: Phase, kind: AlgorithmKind, keyword: string): { name: string; known: boolean } {
  const row = ALGORITHMS.find((r) => r.kind === kind && r[phase] === keyword && keyword !== '');
  return { name: row ? row.api : keyword, known: VALID[phase][kind].includes(keyword) };
}

/** Whether an API name is an SM (国密) algorithm, which Junos has no keyword for. */
export const isSm = (name: string): boolean => name === 'sm4' || name === 'sm3';

const ALGO_SOURCES = [JUNOS_YANG, IKE_PROPOSAL_DOC, IPSEC_HIERARCHY_DOC] as const;

function algorithmRows(): MappingRow[] {
  const rows: MappingRow[] = [];
  for (const r of ALGORITHMS) {
    const kind = r.kind === 'dh' ? 'dh' : r.kind;
    if (r.ike === r.ipsec) rows.push({ kind, api: r.api, keyword: r.ike, ...(r.note && { note: r.note }), sources: ALGO_SOURCES });
    else {
      rows.push({ kind, api: r.api, keyword: r.ike, note: 'IKE proposal authentication-algorithm.', sources: ALGO_SOURCES });
      rows.push({ kind, api: r.api, keyword: r.ipsec, note: `IPsec proposal authentication-algorithm.${r.note ? ` ${r.note}` : ''}`, sources: ALGO_SOURCES });
    }
  }
  for (const r of ALGORITHMS.filter((a) => a.kind === 'dh')) {
    rows.push({ kind: 'pfs', api: r.api, keyword: `perfect-forward-secrecy keys ${r.ipsec}`, note: 'Per IPsec policy, not per proposal.', sources: [JUNOS_YANG, IPSEC_HIERARCHY_DOC] });
  }
  rows.push({ kind: 'pfs', api: 'disabled', keyword: '(no perfect-forward-secrecy)', note: 'The IPsec policy has no perfect-forward-secrecy statement.', sources: [JUNOS_YANG, IPSEC_HIERARCHY_DOC] });
  return rows;
}

const DEFAULT_NOTE = 'Without it the importer assumes';

export const JUNIPER_SRX_MAPPINGS: readonly MappingRow[] = [
  ...algorithmRows(),
  { kind: 'lifetime', api: 'IkeLifetime', keyword: 'lifetime-seconds', note: `Per IKE proposal, ${LIFETIME_MIN}–${LIFETIME_MAX} s. ${DEFAULT_NOTE} ${DEFAULT_IKE_LIFETIME} s, Junos' usual default (not confirmed from a stored document).`, sources: [JUNOS_YANG, IKE_PROPOSAL_DOC] },
  { kind: 'lifetime', api: 'IpsecLifetime', keyword: 'lifetime-seconds', note: `Per IPsec proposal, ${LIFETIME_MIN}–${LIFETIME_MAX} s. ${DEFAULT_NOTE} ${DEFAULT_IPSEC_LIFETIME} s, Junos' usual default (not confirmed from a stored document).`, sources: [JUNOS_YANG, IPSEC_HIERARCHY_DOC] },
  { kind: 'dpd', api: 'EnableDpd', keyword: `dead-peer-detection interval ${DPD_INTERVAL} threshold ${DPD_THRESHOLD}`, note: 'On the IKE gateway; interval 2–60 s (default 10), threshold 1–5 (default 5). Without the statement the SRX sends no DPD probes.', sources: [DPD_DOC, JUNOS_YANG] },
  { kind: 'nat-t', api: 'EnableNatTraversal', keyword: 'no-nat-traversal', note: 'On the IKE gateway; NAT traversal is on unless no-nat-traversal is set.', sources: [IKE_HIERARCHY_DOC, JUNOS_YANG] },
  { kind: 'ike-version', api: 'ikev1', keyword: 'version v1-only', note: 'On the IKE gateway; v1-only is the default. A gateway speaks one version.', sources: [JUNOS_YANG, IKE_HIERARCHY_DOC] },
  { kind: 'ike-version', api: 'ikev2', keyword: 'version v2-only', note: 'Traffic selectors with IKEv2 need Junos 15.1X49-D100 or later.', sources: [JUNOS_YANG, TRAFFIC_SELECTOR_DOC] },
  { kind: 'ike-mode', api: 'main', keyword: 'mode main', note: 'On the IKE policy; the default. IKEv2 ignores the mode.', sources: [IKE_POLICY_DOC, JUNOS_YANG] },
  { kind: 'ike-mode', api: 'aggressive', keyword: 'mode aggressive', note: 'On the IKE policy; IKEv1 only.', sources: [IKE_POLICY_DOC, JUNOS_YANG] },
];
