// swanctl.conf (strongSwan 5.9, man swanctl.conf(5)): the device end of every tunnel of a peer profile, and back.
// The importer reads the settings syntax the way strongSwan's own lexer does (src/libstrongswan/settings/
// settings_lexer.l): `name { … }` sections, `key = value` (a value runs to the end of the line, `#` or `}`; several
// words are joined with one space), double-quoted strings with backslash escapes, `#` comments anywhere.
import type { PeerBgp, PeerProfile, PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import type { GenerateOptions, GeneratedConfig, ImportRemark, ImportResult } from '../../vendor.ts';
import { ikeProposalList, ipsecProposalList, missingNames, parseIkeProposals, parseIpsecProposals, type ProposalList } from './algorithms.ts';
import {
  bgpCommentLines,
  blankTunnel,
  CONNECTION_NAMES,
  ConfText,
  decodeSecret,
  emptyBgp,
  identityClash,
  importedTunnelKeys,
  importId,
  importSelector,
  INTERFACE_IDS,
  parseDuration,
  pickSecret,
  PSK_PLACEHOLDER,
  readBgpComment,
  remark,
  secretAsHex,
  secretNeedsHex,
  splitList,
  tunnelKeysToWrite,
  type SecretEntry,
} from './common.ts';

// strongSwan's defaults where a connection says nothing (swanctl.conf(5)): IKE rekey_time 4h; CHILD rekey_time 1h
// and life_time 10% more.
const DEFAULT_IKE_LIFETIME = 4 * 3600;
const DEFAULT_CHILD_REKEY = 3600;
const DPD_DELAY = '10s';

// ---------------------------------------------------------------------------------------------------------------
// Generate

/** A value as swanctl.conf reads it back unchanged: bare when it is one plain word, quoted otherwise. */
function value(text: string): string {
  return /^[A-Za-z0-9._:/@%,+=*!-]+$/.test(text) ? text : quote(text);
}

function quote(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

/** The `proposals` / `esp_proposals` line, or a commented one with a note when strongSwan cannot express them. */
function proposalLine(out: ConfText, indent: string, key: string, list: ProposalList, phase: 'IKE' | 'IPsec'): void {
  if (list.written.length === 0 && list.dropped.length === 0) {
    out.note(out.add(`${indent}# ${key}: none set, strongSwan's default proposals apply`), 'peer.noProposals', { phase });
    return;
  }
  if (list.dropped.length === 0) {
    out.add(`${indent}${key} = ${list.written.join(',')}`);
    return;
  }
  const algorithms = missingNames(list.dropped);
  const dropped = list.dropped.map((d) => d.proposal).join(',');
  const line =
    list.written.length > 0
      ? out.add(`${indent}${key} = ${list.written.join(',')}   # left out: ${dropped} (strongSwan has no keyword for ${algorithms})`)
      : out.add(`${indent}# ${key} = ${dropped}   # strongSwan has no keyword for ${algorithms}: this tunnel cannot be configured as is`);
  out.note(line, 'peer.vendorCannot', { algorithms });
}

function versionOf(tunnel: PeerTunnel): number {
  const v1 = tunnel.ikeVersions.includes('ikev1');
  const v2 = tunnel.ikeVersions.includes('ikev2');
  return v1 && !v2 ? 1 : v2 && !v1 ? 2 : 0;
}

function childRekey(lifetime: number): number {
  // Rekey before the hard lifetime, as strongSwan's own default does (rekey_time + 10% = life_time).
  return Math.floor((lifetime * 9) / 10);
}

function writeConnection(out: ConfText, key: PeerTunnelKey, tunnel: PeerTunnel): void {
  const name = CONNECTION_NAMES[key];
  const i2 = '    ';
  const i3 = '      ';
  const i4 = '        ';
  out.add(`  # Tunnel ${key}: this device ${tunnel.deviceAddress || '(address unknown)'} <-> Alibaba Cloud ${tunnel.cloudAddress || '(address unknown)'}`);
  out.add(`  ${name} {`);
  if (tunnel.bgp) writeBgp(out, i2, tunnel.bgp);
  const version = versionOf(tunnel);
  const versionLine = out.add(`${i2}version = ${version}`);
  if (tunnel.ikeVersions.length === 0) out.note(versionLine, 'peer.ikeVersionUnknown');
  out.add(`${i2}aggressive = ${tunnel.ikeMode === 'aggressive' ? 'yes' : 'no'}`);
  if (tunnel.deviceAddress !== '') out.add(`${i2}local_addrs = ${value(tunnel.deviceAddress)}`);
  else out.note(out.add(`${i2}# local_addrs: the device's address is not known, strongSwan picks the outgoing one`), 'peer.deviceAddressUnknown');
  if (tunnel.cloudAddress !== '') out.add(`${i2}remote_addrs = ${value(tunnel.cloudAddress)}`);
  else out.note(out.add(`${i2}# remote_addrs = <cloud address>   # not known: needed to initiate`), 'peer.cloudAddressUnknown');
  proposalLine(out, i2, 'proposals', ikeProposalList(tunnel.ikeProposals), 'IKE');
  if (Number.isFinite(tunnel.ikeLifetime)) out.add(`${i2}rekey_time = ${tunnel.ikeLifetime}s`);
  else out.note(out.add(`${i2}# rekey_time: the IKE lifetime is not known, strongSwan's default (4h) applies`), 'peer.lifetimeUnknown', { phase: 'IKE' });
  out.add(`${i2}dpd_delay = ${tunnel.dpd ? DPD_DELAY : '0s'}`);
  if (tunnel.natTraversal) {
    out.add(`${i2}# NAT traversal: strongSwan detects NAT itself and moves to UDP 4500 when it finds one; encap = yes`);
    out.add(`${i2}# also forces UDP encapsulation when there is no NAT (it fakes the NAT detection payloads).`);
  } else {
    out.add(`${i2}# NAT traversal off: strongSwan still detects NAT and moves to UDP 4500 when it finds one (it cannot`);
    out.add(`${i2}# be switched off); encap = no only means it does not force UDP encapsulation without NAT.`);
  }
  out.add(`${i2}encap = ${tunnel.natTraversal ? 'yes' : 'no'}`);
  out.add(`${i2}local {`);
  out.add(`${i3}auth = psk`);
  if (tunnel.localId !== '') out.add(`${i3}id = ${value(tunnel.localId)}`);
  out.add(`${i2}}`);
  out.add(`${i2}remote {`);
  out.add(`${i3}auth = psk`);
  if (tunnel.remoteId !== '') out.add(`${i3}id = ${value(tunnel.remoteId)}`);
  out.add(`${i2}}`);
  out.add(`${i2}children {`);
  out.add(`${i3}${name}-net {`);
  writeSelectors(out, i4, tunnel);
  proposalLine(out, i4, 'esp_proposals', ipsecProposalList(tunnel.ipsecProposals), 'IPsec');
  if (Number.isFinite(tunnel.ipsecLifetime)) {
    out.add(`${i4}life_time = ${tunnel.ipsecLifetime}s`);
    out.add(`${i4}rekey_time = ${childRekey(tunnel.ipsecLifetime)}s`);
  } else out.note(out.add(`${i4}# life_time: the IPsec lifetime is not known, strongSwan's default (1h + 10%) applies`), 'peer.lifetimeUnknown', { phase: 'IPsec' });
  if (tunnel.routeBased) writeXfrm(out, i4, key, tunnel);
  out.add(`${i4}dpd_action = ${tunnel.dpd ? 'restart' : 'clear'}`);
  out.add(`${i4}start_action = start`);
  out.add(`${i3}}`);
  out.add(`${i2}}`);
  out.add(`  }`);
}

function writeSelectors(out: ConfText, indent: string, tunnel: PeerTunnel): void {
  const local = tunnel.localSubnets.length > 0 ? tunnel.localSubnets : tunnel.routeBased ? ['0.0.0.0/0'] : [];
  const remote = tunnel.remoteSubnets.length > 0 ? tunnel.remoteSubnets : tunnel.routeBased ? ['0.0.0.0/0'] : [];
  if (local.length > 0) out.add(`${indent}local_ts = ${local.map(value).join(',')}`);
  else out.note(out.add(`${indent}# local_ts: not set, strongSwan uses the device's own address`), 'peer.noSubnets');
  if (remote.length > 0) out.add(`${indent}remote_ts = ${remote.map(value).join(',')}`);
  else out.note(out.add(`${indent}# remote_ts: not set, strongSwan uses the cloud address`), 'peer.noSubnets');
}

function writeXfrm(out: ConfText, indent: string, key: PeerTunnelKey, tunnel: PeerTunnel): void {
  const id = INTERFACE_IDS[key];
  const dev = `xfrm-${key}`;
  out.add(`${indent}# Route-based: this CHILD_SA is bound to XFRM interface id ${id} (strongSwan installs no routes for it).`);
  out.add(`${indent}# On the device (eth0 = the uplink):`);
  out.add(`${indent}#   ip link add ${dev} type xfrm dev eth0 if_id ${id}`);
  if (tunnel.bgp?.address) out.add(`${indent}#   ip addr add ${tunnel.bgp.address}/30 dev ${dev}`);
  out.add(`${indent}#   ip link set ${dev} up`);
  out.add(`${indent}#   ip route add <cloud network> dev ${dev}${tunnel.bgp ? '   (or let BGP install the routes)' : ''}`);
  out.add(`${indent}if_id_in = ${id}`);
  out.add(`${indent}if_id_out = ${id}`);
}

function writeBgp(out: ConfText, indent: string, bgp: PeerBgp): void {
  const lines = bgpCommentLines(bgp).map((l) => out.add(`${indent}${l}`));
  if (bgp.asn === '') out.note(lines[1]!, 'peer.bgpAsnUnknown');
}

function writeSecret(out: ConfText, key: PeerTunnelKey, tunnel: PeerTunnel, clash: PeerTunnelKey | undefined): void {
  const header = out.add(`  ike-${CONNECTION_NAMES[key]} {`);
  if (clash) out.note(header, 'peer.sameIdentities', { tunnel: key, other: clash });
  [tunnel.localId, tunnel.remoteId].filter((id) => id !== '').forEach((id, i) => out.add(`    id-${i + 1} = ${value(id)}`));
  if (tunnel.psk === '') out.note(out.add(`    secret = "${PSK_PLACEHOLDER}"`), 'peer.pskPlaceholder');
  // strongSwan reads a secret starting with 0x / 0s as hex / base64, quoted or not: such a key is written as hex.
  else out.add(`    secret = ${secretNeedsHex(tunnel.psk) ? secretAsHex(tunnel.psk) : quote(tunnel.psk)}`);
  out.add('  }');
}

export function generateSwanctl(profile: PeerProfile, options: GenerateOptions): GeneratedConfig {
  const out = new ConfText();
  const keys = tunnelKeysToWrite(profile.tunnels, options.tunnels);
  out.add('# swanctl.conf for the customer device (strongSwan 5.9), generated by IPsec Studio.');
  out.add('# "local" is this device, "remote" is the Alibaba Cloud VPN gateway. Load with: swanctl --load-all');
  out.add('connections {');
  for (const key of keys) writeConnection(out, key, profile.tunnels[key]!);
  out.add('}');
  if (options.includeSecrets) {
    out.add('secrets {');
    for (const key of keys) writeSecret(out, key, profile.tunnels[key]!, identityClash(keys, profile.tunnels, key));
    out.add('}');
  } else out.add('# secrets { ike-… { secret = … } }: left out; generate with secrets to include the pre-shared keys.');
  return { text: out.text(), notes: out.notes };
}

// ---------------------------------------------------------------------------------------------------------------
// Parse

interface Setting {
  key: string;
  value: string;
  line: number;
}

interface Section {
  name: string;
  line: number;
  endLine: number;
  settings: Setting[];
  sections: Section[];
}

interface Comment {
  line: number;
  text: string;
}

type Token =
  | { t: 'name'; v: string; line: number }
  | { t: '{' | '}' | '=' | 'nl'; line: number }
  | { t: 'value'; v: string; line: number }
  | { t: 'error'; v: string; line: number };

function lex(text: string): { tokens: Token[]; comments: Comment[] } {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  const readComment = () => {
    const end = text.indexOf('\n', i);
    const stop = end < 0 ? n : end;
    comments.push({ line, text: text.slice(i, stop) });
    i = stop;
  };
  const readString = (): string | undefined => {
    i++;
    let buffer = '';
    while (i < n) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return buffer;
      }
      if (c === '\\') {
        const next = text[i + 1];
        if (next === undefined) break;
        if (next === 'n') buffer += '\n';
        else if (next === 'r') buffer += '\r';
        else if (next === 't') buffer += '\t';
        else if (next === '\n') line++;
        else if (next === '\r' && text[i + 2] === '\n') {
          line++;
          i++;
        } else buffer += next;
        i += 2;
        continue;
      }
      if (c === '\n') line++;
      if (c !== '\r') buffer += c;
      i++;
    }
    return undefined;
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      tokens.push({ t: 'nl', line });
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '#') readComment();
    else if (c === '{' || c === '}') {
      tokens.push({ t: c, line });
      i++;
    } else if (c === '=') {
      const start = line;
      tokens.push({ t: '=', line });
      i++;
      const parts: string[] = [];
      let failed = false;
      for (;;) {
        while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
        const d = text[i];
        if (d === undefined || d === '\n' || d === '#' || d === '}') break;
        if (d === '"') {
          const s = readString();
          if (s === undefined) {
            failed = true;
            break;
          }
          parts.push(s);
        } else {
          let j = i;
          while (j < n && !' \t\r\n#}"'.includes(text[j]!)) j++;
          parts.push(text.slice(i, j));
          i = j;
        }
      }
      tokens.push(failed ? { t: 'error', v: 'The quoted string is not closed.', line: start } : { t: 'value', v: parts.join(' '), line: start });
    } else if (c === '"') {
      tokens.push({ t: 'error', v: 'A quoted string where a name was expected.', line });
      while (i < n && text[i] !== '\n') i++;
    } else {
      let j = i;
      while (j < n && !'#{}="\r\n\t '.includes(text[j]!)) j++;
      tokens.push({ t: 'name', v: text.slice(i, j), line });
      i = j;
    }
  }
  return { tokens, comments };
}

interface ParsedConf {
  root: Section;
  comments: Comment[];
  problems: { line: number; code: string; detail?: string }[];
}

function parse(text: string): ParsedConf {
  const { tokens, comments } = lex(text);
  const root: Section = { name: '', line: 0, endLine: Number.MAX_SAFE_INTEGER, settings: [], sections: [] };
  const stack: Section[] = [root];
  const problems: ParsedConf['problems'] = [];
  let i = 0;
  const skipLine = () => {
    while (i < tokens.length && tokens[i]!.t !== 'nl') i++;
  };
  while (i < tokens.length) {
    const tok = tokens[i]!;
    const current = stack[stack.length - 1]!;
    if (tok.t === 'nl') {
      i++;
    } else if (tok.t === '}') {
      if (stack.length === 1) problems.push({ line: tok.line, code: 'peer.import.syntax', detail: 'A closing brace without a section.' });
      else {
        current.endLine = tok.line;
        stack.pop();
      }
      i++;
    } else if (tok.t === 'name') {
      const names: string[] = [];
      let j = i;
      while (j < tokens.length && tokens[j]!.t === 'name') names.push((tokens[j++] as { v: string }).v);
      const next = tokens[j];
      if (next?.t === '{') {
        // `name : template {` inherits from another section; the template's settings are not merged here.
        if (names.length > 1) problems.push({ line: tok.line, code: 'peer.import.notUnderstood', detail: 'Section templates (name : other) are not read.' });
        const section: Section = { name: names[0]!, line: tok.line, endLine: tok.line, settings: [], sections: [] };
        current.sections.push(section);
        stack.push(section);
        i = j + 1;
      } else if (next?.t === '=' && names.length === 1) {
        const v = tokens[j + 1];
        if (v?.t === 'value') current.settings.push({ key: names[0]!, value: v.v, line: tok.line });
        else problems.push({ line: tok.line, code: 'peer.import.syntax', detail: v?.t === 'error' ? v.v : undefined });
        i = j + 2;
      } else if (names[0] === 'include') {
        problems.push({ line: tok.line, code: 'peer.import.include' });
        skipLine();
      } else {
        problems.push({ line: tok.line, code: 'peer.import.syntax' });
        skipLine();
      }
    } else {
      problems.push({ line: tok.line, code: 'peer.import.syntax', detail: tok.t === 'error' ? tok.v : undefined });
      if (tok.t === 'error' || tok.t === '=' || tok.t === 'value') skipLine();
      else i++;
    }
  }
  for (const open of stack.slice(1)) {
    open.endLine = Number.MAX_SAFE_INTEGER;
    problems.push({ line: open.line, code: 'peer.import.syntax', detail: `The section ${open.name} is not closed.` });
  }
  return { root, comments, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// Import

// Settings that change nothing the pre-check compares (local behaviour, timers, logging): read silently.
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

  const bgp = emptyBgp();
  const ownComments = comments.filter((c) => c.line > conn.line && c.line < conn.endLine);
  if (ownComments.map((c) => readBgpComment(c.text, bgp)).some(Boolean)) tunnel.bgp = bgp;

  if (secrets.length > 0) {
    const secret = pickSecret(secrets, tunnel.localId, tunnel.remoteId);
    if (secret) tunnel.psk = secret.secret;
    else imp.at(conn.line, 'peer.import.noSecret');
  }
  return tunnel;
}

function emptyProfile(): PeerProfile {
  return { vendor: 'strongswan', platform: '', source: 'import', tunnels: {} };
}

/** At most this many syntax remarks for text that is not a configuration at all. */
const MAX_SYNTAX_REMARKS = 20;

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
  const profile = emptyProfile();
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
    return { profile: emptyProfile(), remarks: [remark(1, '', 'peer.import.unreadable', error instanceof Error ? error.message : undefined)] };
  }
}
