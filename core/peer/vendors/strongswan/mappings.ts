// strongSwan's mapping table in the vendor seam's shape (`MappingRow`), for docs/peer-devices.md: the algorithm rows
// come from STRONGSWAN_ALGORITHMS so the two cannot disagree; the settings rows say what swanctl-generate.ts writes.
import type { MappingRow } from '../../vendor.ts';
import { IKEV1_CIPHER_SUITES, IKEV2_CIPHER_SUITES, STRONGSWAN_ALGORITHMS, WITHOUT_STRONGSWAN_KEYWORD } from './algorithms.ts';

export const SWANCTL_CONF = 'https://docs.strongswan.org/docs/5.9/swanctl/swanctlConf.html';
export const NAT_TRAVERSAL = 'https://docs.strongswan.org/docs/5.9/features/natTraversal.html';
export const REKEYING = 'https://docs.strongswan.org/docs/5.9/config/rekeying.html';

const SUITES = [IKEV2_CIPHER_SUITES, IKEV1_CIPHER_SUITES] as const;

// Said once here rather than in AlgorithmRow.meaning, which the importer's callers show as the algorithm's name.
const EXTRA: Readonly<Record<string, string>> = {
  'encryption:aes': "strongSwan's `aes` is an alias of `aes128`",
  'dh:group24': 'the API does not offer it',
};

const algorithmRows: MappingRow[] = STRONGSWAN_ALGORITHMS.map((row) => {
  const extra = EXTRA[`${row.kind}:${row.api}`];
  return { kind: row.kind, api: row.api, keyword: row.keyword, note: extra ? `${row.meaning}; ${extra}` : row.meaning, sources: row.sources };
});

const smRows: MappingRow[] = WITHOUT_STRONGSWAN_KEYWORD.map((row) => ({
  kind: row.kind,
  api: row.api,
  keyword: '',
  note: `${row.meaning}: not in strongSwan's algorithm lists, so the device cannot match an SM (国密) gateway; the proposal is left out or commented out (\`peer.vendorCannot\`)`,
  sources: SUITES,
}));

// A PFS group is the DH keyword appended to the ESP proposal; the same keywords as the IKE groups.
const pfsRows: MappingRow[] = [
  {
    kind: 'pfs',
    api: 'disabled',
    keyword: '(no DH group in `esp_proposals`)',
    note: 'IKEv2: the first CHILD_SA takes its keys from the IKE SA, so a PFS mismatch shows only when it is rekeyed',
    sources: [SWANCTL_CONF],
  },
  ...STRONGSWAN_ALGORITHMS.filter((row) => row.kind === 'dh').map(
    (row): MappingRow => ({ kind: 'pfs', api: row.api, keyword: row.keyword, note: 'the DH group of the `esp_proposals` proposal', sources: [SWANCTL_CONF, ...SUITES] }),
  ),
];

const settingRows: MappingRow[] = [
  {
    kind: 'lifetime',
    api: 'IkeLifetime',
    keyword: 'rekey_time = <seconds>s',
    note: '`connections.<conn>.rekey_time`, default 4h; IKEv1 reauthenticates instead of rekeying',
    sources: [SWANCTL_CONF, REKEYING],
  },
  {
    kind: 'lifetime',
    api: 'IpsecLifetime',
    keyword: 'life_time = <seconds>s + rekey_time = 90% of it',
    note: 'per CHILD_SA: `life_time` is the hard limit (default `rekey_time` + 10%), `rekey_time` the rekey (default 1h)',
    sources: [SWANCTL_CONF, REKEYING],
  },
  {
    kind: 'dpd',
    api: 'EnableDpd',
    keyword: 'dpd_delay = 10s + dpd_action = restart (off: dpd_delay = 0s, dpd_action = clear)',
    note: '`dpd_delay` defaults to 0s (no probes); `dpd_action` is set per CHILD_SA',
    sources: [SWANCTL_CONF],
  },
  {
    kind: 'nat-t',
    api: 'EnableNatTraversal',
    keyword: 'encap = yes | no',
    note: 'strongSwan always detects NAT and moves to UDP 4500 when it finds one; `encap = yes` also forces UDP encapsulation without NAT',
    sources: [SWANCTL_CONF, NAT_TRAVERSAL],
  },
  { kind: 'ike-version', api: 'ikev1', keyword: 'version = 1', sources: [SWANCTL_CONF] },
  { kind: 'ike-version', api: 'ikev2', keyword: 'version = 2', sources: [SWANCTL_CONF] },
  {
    kind: 'ike-version',
    api: 'ikev1+ikev2',
    keyword: 'version = 0',
    note: 'the default: answers both, initiates with IKEv2',
    sources: [SWANCTL_CONF],
  },
  { kind: 'ike-mode', api: 'main', keyword: 'aggressive = no', note: 'the default', sources: [SWANCTL_CONF] },
  { kind: 'ike-mode', api: 'aggressive', keyword: 'aggressive = yes', note: 'IKEv1 only', sources: [SWANCTL_CONF] },
];

/** swanctl.conf's rows (the ipsec.conf keywords are in docs/peer-devices.md's strongSwan section). */
export const STRONGSWAN_MAPPINGS: readonly MappingRow[] = [
  ...(['encryption', 'integrity', 'dh'] as const).flatMap((kind) => [...algorithmRows, ...smRows].filter((row) => row.kind === kind)),
  ...pfsRows,
  ...settingRows,
];
