// swanctl.conf (strongSwan 5.9, man swanctl.conf(5)) read back into a peer profile: every setting that bears on IPsec
// is either read or listed as a remark by line. Syntax: swanctl-syntax.ts; the generator: swanctl-generate.ts.
import type { PeerTunnel } from '../../profile.ts';
import type { ImportRemark, ImportResult } from '../../vendor.ts';
import { parseIkeProposals, parseIpsecProposals } from './algorithms.ts';
import {
  blankTunnel,
  decodeSecret,
  emptyImportProfile,
  finishImportedTunnel,
  importedTunnelKeys,
  importId,
  importSelector,
  MAX_SYNTAX_REMARKS,
  parseDuration,
  remark,
  type SecretEntry,
  splitList,
} from './common.ts';

// strongSwan's defaults where a connection says nothing (swanctl.conf(5)): IKE rekey_time 4h; CHILD rekey_time 1h
// and life_time 10% more.
import { parse, type Comment, type Section, type Setting } from './swanctl-syntax.ts';
export { generateSwanctl } from './swanctl-generate.ts';

// strongSwan's defaults where a connection says nothing (swanctl.conf(5)): IKE rekey_time 4h; CHILD rekey_time 1h
// and life_time 10% more.
const DEFAULT_IKE_LIFETIME = 4 * 3600;
const DEFAULT_CHILD_REKEY = 3600;

// ---------------------------------------------------------------------------------------------------------------
// Import

// Settings that change nothing the pre-check compares (local behaviour, timers, logging): read, and listed as such.
const QUIET_CONNECTION_KEYS = new Set(['mobike', 'fragmentation', 'unique', 'keyingtries', 'dpd_timeout', 'send_certreq', 'send_cert', 'over_time', 'rand_time', 'dscp', 'ocsp', 'pull', 'childless', 'ppk_required']);
/** Read and understood, though not part of the profile: what the tunnel does once up (the generator writes them). */
const UNDERSTOOD_CHILD_KEYS = new Set(['dpd_action', 'start_action', 'close_action']);
/** Read, and listed as making no difference to whether the tunnel negotiates. */
const QUIET_CHILD_KEYS = new Set([
  'dpd_action', 'start_action', 'close_action', 'updown', 'hostaccess', 'policies', 'policies_fwd_out', 'rand_time', 'inactivity', 'reqid',
  'priority', 'interface', 'mark_in', 'mark_out', 'set_mark_in', 'set_mark_out', 'mark_in_sa', 'rekey_bytes', 'life_bytes', 'rand_bytes',
  'rekey_packets', 'life_packets', 'rand_packets', 'replay_window', 'hw_offload', 'copy_df', 'copy_ecn', 'copy_dscp', 'tfc_padding', 'per_cpu_sas',
]);

class Importer {
  readonly remarks: ImportRemark[] = [];
  readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  at(line: number, code: string, detail?: string): void {
    this.remarks.push(remark(line, this.lines[line - 1] ?? '', code, detail));
  }
}

function truthy(v: string): boolean | undefined {
  const s = v.trim().toLowerCase();
  return ['yes', 'true', 'enabled', '1'].includes(s) ? true : ['no', 'false', 'disabled', '0'].includes(s) ? false : undefined;
}

function firstAddress(v: string): { address: string; extra: boolean } {
  const items = splitList(v);
  const plain = items.find((a) => !a.includes('/') && !/^\d+\.\d+\.\d+\.\d+-/.test(a)) ?? '';
  return { address: plain, extra: items.length > 1 };
}

function readSecrets(sections: Section[], imp: Importer): SecretEntry[] {
  const secrets: SecretEntry[] = [];
  for (const block of sections) {
    for (const s of block.settings) imp.at(s.line, 'peer.import.notUnderstood');
    for (const entry of block.sections) {
      if (!/^ike/.test(entry.name)) {
        imp.at(entry.line, 'peer.import.notUnderstood', `Only IKE pre-shared keys are read, not ${entry.name}.`);
        continue;
      }
      const ids: string[] = [];
      let secret: string | undefined;
      let secretLine = entry.line;
      for (const s of entry.settings) {
        if (/^id/.test(s.key)) ids.push(importId(s.value));
        else if (s.key === 'secret') {
          secret = decodeSecret(s.value);
          secretLine = s.line;
          if (secret === undefined) imp.at(s.line, 'peer.import.notUnderstood', 'The hex or base64 secret could not be decoded.');
        } else imp.at(s.line, 'peer.import.notUnderstood');
      }
      if (secret !== undefined) secrets.push({ ids, secret, line: secretLine });
    }
  }
  return secrets;
}

function readAuth(section: Section, imp: Importer): string | undefined {
  let id: string | undefined;
  let auth: Setting | undefined;
  for (const s of section.settings) {
    if (s.key === 'id') id = importId(s.value);
    else if (s.key === 'auth') auth = s;
    else imp.at(s.line, 'peer.import.notUnderstood');
  }
  if (!auth) imp.at(section.line, 'peer.import.notUnderstood', 'No auth: strongSwan then uses public key authentication, only pre-shared keys are read.');
  else if (auth.value.trim().toLowerCase() !== 'psk') imp.at(auth.line, 'peer.import.notUnderstood', 'Only pre-shared key authentication (auth = psk) is read.');
  for (const s of section.sections) imp.at(s.line, 'peer.import.notUnderstood');
  return id;
}

function readChild(child: Section, tunnel: PeerTunnel, imp: Importer): void {
  let life: number | undefined;
  let rekey: number | undefined;
  let local: Setting | undefined;
  let remote: Setting | undefined;
  let esp = false;
  for (const s of child.settings) {
    switch (s.key) {
      case 'local_ts':
        local = s;
        break;
      case 'remote_ts':
        remote = s;
        break;
      case 'esp_proposals': {
        esp = true;
        const parsed = parseIpsecProposals(s.value);
        tunnel.ipsecProposals = parsed.proposals;
        if (parsed.unknown.length > 0) imp.at(s.line, 'peer.import.unknownAlgorithm', `Not read: ${parsed.unknown.join(', ')}.`);
        if (parsed.usesDefault) imp.at(s.line, 'peer.import.defaultProposals');
        break;
      }
      case 'life_time':
      case 'rekey_time': {
        const seconds = parseDuration(s.value);
        if (seconds === undefined) imp.at(s.line, 'peer.import.notUnderstood', 'Not a duration.');
        else if (s.key === 'life_time') life = seconds;
        else rekey = seconds;
        break;
      }
      case 'if_id_in':
      case 'if_id_out':
        if (s.value.trim() !== '0' && s.value.trim() !== '') tunnel.routeBased = true;
        break;
      case 'mode':
        if (s.value.trim().toLowerCase() !== 'tunnel') imp.at(s.line, 'peer.import.notUnderstood', 'Only tunnel mode is read.');
        break;
      default:
        if (!UNDERSTOOD_CHILD_KEYS.has(s.key)) imp.at(s.line, QUIET_CHILD_KEYS.has(s.key) ? 'peer.import.noEffect' : 'peer.import.notUnderstood');
    }
  }
  for (const s of child.sections) imp.at(s.line, 'peer.import.notUnderstood');
  if (!esp) imp.at(child.line, 'peer.import.defaultProposals', 'No esp_proposals: strongSwan proposes its defaults.');
  tunnel.ipsecLifetime = life ?? Math.round((rekey ?? DEFAULT_CHILD_REKEY) * 1.1);
  tunnel.localSubnets = readSelectors(local, child.line, tunnel.deviceAddress, imp);
  tunnel.remoteSubnets = readSelectors(remote, child.line, tunnel.cloudAddress, imp);
}

function readSelectors(setting: Setting | undefined, fallbackLine: number, address: string, imp: Importer): string[] {
  // Unset means `dynamic`: the tunnel's own address.
  const items = setting ? splitList(setting.value) : ['dynamic'];
  const subnets: string[] = [];
  for (const item of items) {
    const { subnet, problem } = importSelector(item, address);
    if (problem) imp.at(setting?.line ?? fallbackLine, 'peer.import.notUnderstood', `${item}: ${problem}`);
    if (subnet !== undefined && !subnets.includes(subnet)) subnets.push(subnet);
  }
  return subnets;
}

function readConnection(conn: Section, comments: readonly Comment[], secrets: readonly SecretEntry[], imp: Importer): PeerTunnel {
  const tunnel = blankTunnel({ ikeLifetime: DEFAULT_IKE_LIFETIME, ipsecLifetime: Math.round(DEFAULT_CHILD_REKEY * 1.1) });
  let rekey: number | undefined;
  let reauth: number | undefined;
  let proposals = false;
  for (const s of conn.settings) {
    const v = s.value.trim();
    switch (s.key) {
      case 'version':
        if (v === '0') tunnel.ikeVersions = ['ikev1', 'ikev2'];
        else if (v === '1') tunnel.ikeVersions = ['ikev1'];
        else if (v === '2') tunnel.ikeVersions = ['ikev2'];
        else imp.at(s.line, 'peer.import.notUnderstood', 'The version is 0, 1 or 2.');
        break;
      case 'aggressive': {
        const b = truthy(v);
        if (b === undefined) imp.at(s.line, 'peer.import.notUnderstood', 'Not yes or no.');
        else tunnel.ikeMode = b ? 'aggressive' : 'main';
        break;
      }
      case 'local_addrs':
      case 'remote_addrs': {
        const { address, extra } = firstAddress(v);
        if (s.key === 'local_addrs') tunnel.deviceAddress = address === '%any' ? '' : address;
        else tunnel.cloudAddress = address;
        if (extra) imp.at(s.line, 'peer.import.notUnderstood', 'Only the first address is read.');
        break;
      }
      case 'proposals': {
        proposals = true;
        const parsed = parseIkeProposals(v);
        tunnel.ikeProposals = parsed.proposals;
        if (parsed.unknown.length > 0) imp.at(s.line, 'peer.import.unknownAlgorithm', `Not read: ${parsed.unknown.join(', ')}.`);
        if (parsed.usesDefault) imp.at(s.line, 'peer.import.defaultProposals');
        break;
      }
      case 'rekey_time':
      case 'reauth_time': {
        const seconds = parseDuration(v);
        if (seconds === undefined) imp.at(s.line, 'peer.import.notUnderstood', 'Not a duration.');
        else if (s.key === 'rekey_time') rekey = seconds;
        else reauth = seconds;
        break;
      }
      case 'dpd_delay': {
        const seconds = parseDuration(v);
        if (seconds === undefined) imp.at(s.line, 'peer.import.notUnderstood', 'Not a duration.');
        else tunnel.dpd = seconds > 0;
        break;
      }
      case 'encap': {
        const b = truthy(v);
        if (b === undefined) imp.at(s.line, 'peer.import.notUnderstood', 'Not yes or no.');
        else tunnel.natTraversal = b;
        break;
      }
      case 'if_id_in':
      case 'if_id_out':
        if (v !== '0' && v !== '') tunnel.routeBased = true;
        break;
      default:
        imp.at(s.line, QUIET_CONNECTION_KEYS.has(s.key) ? 'peer.import.noEffect' : 'peer.import.notUnderstood');
    }
  }
  if (!proposals) imp.at(conn.line, 'peer.import.defaultProposals', 'No proposals: strongSwan proposes its defaults.');
  // With only a reauth_time strongSwan does not rekey: the IKE SA lives until it reauthenticates.
  tunnel.ikeLifetime = rekey !== undefined && (rekey > 0 || reauth === undefined) ? rekey : (reauth ?? DEFAULT_IKE_LIFETIME);

  let localId: string | undefined;
  let remoteId: string | undefined;
  let local = false;
  let remote = false;
  let child: Section | undefined;
  for (const section of conn.sections) {
    if (/^local/.test(section.name) && !local) {
      local = true;
      localId = readAuth(section, imp);
    } else if (/^remote/.test(section.name) && !remote) {
      remote = true;
      remoteId = readAuth(section, imp);
    } else if (section.name === 'children') {
      for (const c of section.sections) {
        if (child) imp.at(c.line, 'peer.import.extraChild');
        else child = c;
      }
      for (const s of section.settings) imp.at(s.line, 'peer.import.notUnderstood');
    } else imp.at(section.line, 'peer.import.notUnderstood', /^(local|remote)/.test(section.name) ? 'Only one authentication round per side is read.' : undefined);
  }
  if (!local || !remote) imp.at(conn.line, 'peer.import.notUnderstood', 'A side without local/remote section authenticates with public keys; only pre-shared keys are read.');
  // strongSwan's defaults: the local identity is the address IKE runs on, the remote one is %any (accept any).
  tunnel.localId = localId ?? tunnel.deviceAddress;
  tunnel.remoteId = remoteId === undefined || remoteId === '%any' ? '' : remoteId;
  if (child) readChild(child, tunnel, imp);
  else imp.at(conn.line, 'peer.import.notUnderstood', 'No children: no CHILD_SA is configured.');

  const ownComments = comments.filter((c) => c.line > conn.line && c.line < conn.endLine).map((c) => c.text);
  return finishImportedTunnel(tunnel, ownComments, secrets, () => imp.at(conn.line, 'peer.import.noSecret'));
}



function importUnsafe(text: string): ImportResult {
  const imp = new Importer(text);
  const { root, comments, problems } = parse(text);
  const conns: Section[] = [];
  const secretSections: Section[] = [];
  for (const section of root.sections) {
    if (section.name === 'connections') {
      conns.push(...section.sections);
      for (const s of section.settings) imp.at(s.line, 'peer.import.notUnderstood');
    } else if (section.name === 'secrets') secretSections.push(section);
    else imp.at(section.line, 'peer.import.notUnderstood', `The ${section.name} section is not read.`);
  }
  for (const s of root.settings) imp.at(s.line, 'peer.import.notUnderstood');
  const secrets = readSecrets(secretSections, imp);
  const profile = emptyImportProfile();
  const keys = importedTunnelKeys(Math.min(conns.length, 2));
  conns.forEach((conn, i) => {
    const key = keys[i];
    if (key) profile.tunnels[key] = readConnection(conn, comments, secrets, imp);
    else imp.at(conn.line, 'peer.import.extraConnection');
  });
  const syntax = problems.map((p) => remark(p.line, imp.lines[p.line - 1] ?? '', p.code, p.detail));
  if (conns.length === 0) {
    const first = text.split('\n').findIndex((l) => l.trim() !== '');
    return { profile, remarks: [remark(first + 1 || 1, text.split('\n')[first] ?? '', 'peer.import.unreadable'), ...syntax.slice(0, MAX_SYNTAX_REMARKS), ...imp.remarks] };
  }
  const remarks = [...syntax, ...imp.remarks].sort((a, b) => a.line - b.line);
  return { profile, remarks };
}

export function importSwanctl(text: string): ImportResult {
  try {
    return importUnsafe(text);
  } catch (error) {
    return { profile: emptyImportProfile(), remarks: [remark(1, '', 'peer.import.unreadable', error instanceof Error ? error.message : undefined)] };
  }
}
