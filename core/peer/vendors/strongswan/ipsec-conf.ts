// Legacy ipsec.conf + ipsec.secrets (strongSwan 5.9 starter, man ipsec.conf(5), ipsec.secrets(5)): the device end
// of every tunnel in one text, the secrets after a separator comment, and back. The importer reads the syntax the
// way the starter does (src/starter/parser/lexer.l): `conn <name>` / `ca <name>` / `config setup` at the start of a
// line, indented `key=value` lines belong to it, values with spaces or `=` are double-quoted (backslash escapes),
// `#` starts a comment anywhere outside quotes; `conn %default` and `also=` are inherited.
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

import { DEFAULT_IKE_LIFETIME, DEFAULT_LIFETIME, SECRETS_SEPARATOR } from './ipsec-conf-generate.ts';
export { generateIpsecConf, SECRETS_SEPARATOR } from './ipsec-conf-generate.ts';

// ---------------------------------------------------------------------------------------------------------------
// Parse

interface Setting {
  key: string;
  value: string;
  line: number;
}

interface Conn {
  name: string;
  line: number;
  settings: Setting[];
  comments: { line: number; text: string }[];
}

/** Splits a line at its first `#` outside double quotes. */
function splitComment(line: string): { content: string; comment: string | undefined } {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === '#' && !quoted) return { content: line.slice(0, i), comment: line.slice(i) };
  }
  return { content: line, comment: undefined };
}

/** A value as the starter reads it: words and double-quoted strings, joined with single spaces. */
function readValue(text: string): string | undefined {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '"') {
      let buffer = '';
      i++;
      let closed = false;
      while (i < text.length) {
        const d = text[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < text.length) {
          const e = text[i + 1]!;
          buffer += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          i += 2;
          continue;
        }
        buffer += d;
        i++;
      }
      if (!closed) return undefined;
      parts.push(buffer);
    } else {
      let j = i;
      while (j < text.length && !' \t"'.includes(text[j]!)) j++;
      parts.push(text.slice(i, j));
      i = j;
    }
  }
  return parts.join(' ');
}

const SECRET_TYPES = /^(PSK|RSA|ECDSA|BLISS|P12|PIN|EAP|NTLM|XAUTH)$/;

/** One ipsec.secrets entry: `[ids] : TYPE secret`. */
function readSecretLine(line: string): { ids: string[]; type: string; secret: string } | undefined {
  const text = line.trim();
  let ids = '';
  let rest: string;
  if (text.startsWith(': ')) rest = text.slice(2);
  else {
    const at = text.indexOf(' : ');
    if (at < 0) return undefined;
    ids = text.slice(0, at);
    rest = text.slice(at + 3);
  }
  const match = /^\s*(\S+)\s*(.*)$/.exec(rest);
  if (!match || !SECRET_TYPES.test(match[1]!)) return undefined;
  const raw = match[2]!.trim();
  let secret = raw;
  if (raw.startsWith('"') || raw.startsWith("'")) {
    const end = raw.indexOf(raw[0]!, 1);
    if (end < 0) return undefined;
    secret = raw.slice(1, end);
  } else secret = raw.split(/\s+/)[0] ?? '';
  const idList = (ids.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((id) => importId(id.replace(/^(["'])(.*)\1$/, '$2')));
  return { ids: idList, type: match[1]!, secret };
}

class Importer {
  readonly remarks: ImportRemark[] = [];
  private readonly seen = new Set<string>();
  readonly lines: readonly string[];

  constructor(lines: readonly string[]) {
    this.lines = lines;
  }

  at(line: number, code: string, detail?: string): void {
    // A %default or also= line is shared by several connections: listed once.
    const key = `${line}|${code}|${detail ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.remarks.push(remark(line, this.lines[line - 1] ?? '', code, detail));
  }
}

interface ParsedFile {
  conns: Conn[];
  defaults: Setting[];
  secrets: SecretEntry[];
}

function parseFile(imp: Importer): ParsedFile {
  const conns: Conn[] = [];
  const defaults: Setting[] = [];
  const secrets: SecretEntry[] = [];
  let current: Conn | { name: 'ignored' } | undefined;
  let inSecrets = false;
  imp.lines.forEach((rawLine, index) => {
    const lineNo = index + 1;
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === SECRETS_SEPARATOR) {
      inSecrets = true;
      current = undefined;
      return;
    }
    const secretLike = line.trim().startsWith('#') ? undefined : readSecretLine(line);
    if (inSecrets || (secretLike && /^\S/.test(line))) {
      if (line.trim() === '' || line.trim().startsWith('#')) return;
      if (/^include\s/.test(line.trim())) return imp.at(lineNo, 'peer.import.include');
      if (!secretLike) return imp.at(lineNo, 'peer.import.syntax');
      if (secretLike.type !== 'PSK') return imp.at(lineNo, 'peer.import.notUnderstood', `Only PSK secrets are read, not ${secretLike.type}.`);
      const secret = decodeSecret(secretLike.secret);
      if (secret === undefined) return imp.at(lineNo, 'peer.import.notUnderstood', 'The hex or base64 secret could not be decoded.');
      secrets.push({ ids: secretLike.ids, secret, line: lineNo });
      return;
    }
    const { content, comment } = splitComment(line);
    if (comment !== undefined && current && 'settings' in current) current.comments.push({ line: lineNo, text: comment });
    if (content.trim() === '') return;
    if (/^\S/.test(content)) {
      const header = content.trim();
      const conn = /^conn\s+(\S+)$/.exec(header);
      if (conn) {
        const existing = conns.find((c) => c.name === conn[1]);
        // Sections of the same name are merged (ipsec.conf(5)).
        current = existing ?? { name: conn[1]!, line: lineNo, settings: [], comments: [] };
        if (!existing) conns.push(current);
      } else if (/^config\s+setup$/.test(header)) current = { name: 'ignored' };
      else if (/^ca\s+\S+$/.test(header)) {
        imp.at(lineNo, 'peer.import.notUnderstood', 'CA sections are not read.');
        current = { name: 'ignored' };
      } else if (/^include\s/.test(header)) imp.at(lineNo, 'peer.import.include');
      else if (!/^version\s/.test(header)) {
        imp.at(lineNo, 'peer.import.syntax');
        current = undefined;
      }
      return;
    }
    const setting = /^\s+([^\s=]+)\s*=\s*(.*)$/.exec(content);
    if (!current || !setting) return imp.at(lineNo, 'peer.import.syntax');
    if (!('settings' in current)) return;
    const v = readValue(setting[2]!.trim());
    if (v === undefined) return imp.at(lineNo, 'peer.import.syntax', 'The quoted string is not closed.');
    current.settings.push({ key: setting[1]!, value: v, line: lineNo });
  });
  const defaultConn = conns.find((c) => c.name === '%default');
  if (defaultConn) defaults.push(...defaultConn.settings);
  return { conns: conns.filter((c) => c.name !== '%default'), defaults, secrets };
}

// ---------------------------------------------------------------------------------------------------------------
// Import

/** Structural, or read through another key (lifetimes, auto=): understood, so never listed. */
const UNDERSTOOD_KEYS = new Set(['auto', 'also', 'lifetime', 'ikelifetime', 'keylife', 'aggrmode', 'margintime', 'rekeymargin']);
/** Read, and listed as making no difference to whether the tunnel negotiates. */
const QUIET_KEYS = new Set([
  'keyingtries', 'rekey', 'reauth', 'closeaction', 'fragmentation', 'mobike', 'installpolicy', 'leftupdown', 'rightupdown', 'leftfirewall',
  'rightfirewall', 'lefthostaccess', 'righthostaccess', 'inactivity', 'reqid', 'replay_window', 'ikedscp', 'leftallowany', 'rightallowany',
  'leftsendcert', 'rightsendcert', 'margintime', 'rekeymargin', 'rekeyfuzz', 'dpdtimeout', 'auto', 'also', 'lifebytes', 'lifepackets',
  'marginbytes', 'marginpackets', 'keylife', 'lifetime', 'ikelifetime', 'aggrmode', 'uniqueids', 'sha256_96', 'leftikeport', 'rightikeport',
]);

/** Effective settings of a connection: %default, then every also= in order, then its own (each last one wins). */
function effectiveSettings(conn: Conn, byName: Map<string, Conn>, defaults: readonly Setting[], imp: Importer): Map<string, Setting> {
  const result = new Map<string, Setting>();
  const put = (s: Setting) => {
    if (s.key === 'also') return;
    // An empty value is the system default: as if the line were not there.
    if (s.value === '') result.delete(s.key);
    else result.set(s.key, s);
  };
  const apply = (c: Conn, seen: Set<string>) => {
    for (const s of c.settings.filter((x) => x.key === 'also')) {
      const ref = byName.get(s.value);
      if (!ref) imp.at(s.line, 'peer.import.notUnderstood', `No conn ${s.value} to inherit from.`);
      else if (!seen.has(ref.name)) apply(ref, new Set([...seen, ref.name]));
    }
    c.settings.forEach(put);
  };
  defaults.forEach(put);
  apply(conn, new Set([conn.name]));
  return result;
}

function truthy(v: string): boolean | undefined {
  const s = v.trim().toLowerCase();
  return s === 'yes' || s === 'true' ? true : s === 'no' || s === 'false' ? false : undefined;
}

function readProposals(setting: Setting | undefined, conn: Conn, kind: 'ike' | 'esp', tunnel: PeerTunnel, imp: Importer): void {
  if (!setting) {
    imp.at(conn.line, 'peer.import.defaultProposals', `No ${kind}=: strongSwan proposes its defaults.`);
    return;
  }
  const strict = setting.value.trim().endsWith('!');
  const parsed = kind === 'ike' ? parseIkeProposals(setting.value) : parseIpsecProposals(setting.value);
  if (kind === 'ike') tunnel.ikeProposals = parsed.proposals as PeerTunnel['ikeProposals'];
  else tunnel.ipsecProposals = parsed.proposals as PeerTunnel['ipsecProposals'];
  if (parsed.unknown.length > 0) imp.at(setting.line, 'peer.import.unknownAlgorithm', `Not read: ${parsed.unknown.join(', ')}.`);
  if (parsed.usesDefault) imp.at(setting.line, 'peer.import.defaultProposals');
  if (!strict) imp.at(setting.line, 'peer.import.defaultProposals', 'Without a trailing !, strongSwan adds its default proposals after these.');
}

function readSubnets(setting: Setting | undefined, fallbackLine: number, address: string, imp: Importer): string[] {
  // Unset, a side's subnet is its own address alone (left/32).
  const items = setting ? splitList(setting.value) : ['dynamic'];
  const subnets: string[] = [];
  for (const item of items) {
    const { subnet, problem } = importSelector(item, address);
    if (problem) imp.at(setting?.line ?? fallbackLine, 'peer.import.notUnderstood', `${item}: ${problem}`);
    if (subnet !== undefined && !subnets.includes(subnet)) subnets.push(subnet);
  }
  return subnets;
}

function readConn(conn: Conn, settings: Map<string, Setting>, secrets: readonly SecretEntry[], imp: Importer): PeerTunnel {
  const tunnel = blankTunnel({ ikeLifetime: DEFAULT_IKE_LIFETIME, ipsecLifetime: DEFAULT_LIFETIME });
  const get = (key: string) => settings.get(key);
  const bool = (key: string, apply: (b: boolean) => void) => {
    const s = get(key);
    if (!s) return;
    const b = truthy(s.value);
    if (b === undefined) imp.at(s.line, 'peer.import.notUnderstood', 'Not yes or no.');
    else apply(b);
  };
  const duration = (key: string): number | undefined => {
    const s = get(key);
    if (!s) return undefined;
    const seconds = parseDuration(s.value);
    if (seconds === undefined) imp.at(s.line, 'peer.import.notUnderstood', 'Not a duration.');
    return seconds;
  };

  const kx = get('keyexchange');
  const version = kx?.value.trim().toLowerCase() ?? 'ike';
  if (version === 'ikev1') tunnel.ikeVersions = ['ikev1'];
  else if (version === 'ikev2') tunnel.ikeVersions = ['ikev2'];
  else if (version !== 'ike' && kx) imp.at(kx.line, 'peer.import.notUnderstood', 'keyexchange is ike, ikev1 or ikev2.');
  bool('aggressive', (b) => (tunnel.ikeMode = b ? 'aggressive' : 'main'));

  const left = get('left')?.value.trim() ?? '';
  tunnel.deviceAddress = left === '%defaultroute' || left === '%any' ? '' : (splitList(left)[0] ?? '');
  const right = get('right')?.value.trim() ?? '';
  tunnel.cloudAddress = right === '%defaultroute' ? '' : (splitList(right)[0] ?? '');
  // Unset, each side's identity is its address (ipsec.conf(5), leftid).
  const leftid = get('leftid');
  tunnel.localId = leftid ? importId(leftid.value) : tunnel.deviceAddress;
  const rightid = get('rightid');
  const remoteId = rightid ? importId(rightid.value) : tunnel.cloudAddress;
  tunnel.remoteId = remoteId === '%any' ? '' : remoteId;
  tunnel.localSubnets = readSubnets(get('leftsubnet'), conn.line, tunnel.deviceAddress, imp);
  tunnel.remoteSubnets = readSubnets(get('rightsubnet'), conn.line, tunnel.cloudAddress, imp);

  const authby = get('authby');
  const leftauth = get('leftauth');
  const rightauth = get('rightauth');
  const psk = (s: Setting | undefined) => s !== undefined && ['secret', 'psk'].includes(s.value.trim().toLowerCase());
  if (authby && !psk(authby)) imp.at(authby.line, 'peer.import.notUnderstood', 'Only pre-shared key authentication (authby=secret) is read.');
  for (const side of [leftauth, rightauth]) if (side && !psk(side)) imp.at(side.line, 'peer.import.notUnderstood', 'Only pre-shared key authentication is read.');
  if (!psk(authby) && !(psk(leftauth) && psk(rightauth))) {
    if (!authby && !leftauth && !rightauth) imp.at(conn.line, 'peer.import.notUnderstood', 'No authby: strongSwan then uses public keys, only pre-shared keys are read.');
  }

  readProposals(get('ike'), conn, 'ike', tunnel, imp);
  readProposals(get('esp'), conn, 'esp', tunnel, imp);
  tunnel.ikeLifetime = duration('ikelifetime') ?? DEFAULT_IKE_LIFETIME;
  tunnel.ipsecLifetime = duration('lifetime') ?? duration('keylife') ?? DEFAULT_LIFETIME;

  const action = get('dpdaction');
  const actionValue = action?.value.trim().toLowerCase() ?? 'none';
  if (!['none', 'clear', 'hold', 'restart'].includes(actionValue)) imp.at(action!.line, 'peer.import.notUnderstood', 'dpdaction is none, clear, hold or restart.');
  const delay = duration('dpddelay');
  tunnel.dpd = ['clear', 'hold', 'restart'].includes(actionValue) && delay !== 0;
  bool('forceencaps', (b) => (tunnel.natTraversal = b));
  const mark = get('mark') ?? get('mark_in') ?? get('mark_out');
  tunnel.routeBased = mark !== undefined && mark.value.trim() !== '0';
  const type = get('type');
  if (type && type.value.trim().toLowerCase() !== 'tunnel') imp.at(type.line, 'peer.import.notUnderstood', 'Only tunnel mode is read.');

  const handled = new Set(['keyexchange', 'aggressive', 'left', 'right', 'leftid', 'rightid', 'leftsubnet', 'rightsubnet', 'authby', 'leftauth', 'rightauth', 'ike', 'esp', 'dpdaction', 'dpddelay', 'forceencaps', 'mark', 'mark_in', 'mark_out', 'type']);
  for (const s of settings.values()) if (!handled.has(s.key) && !UNDERSTOOD_KEYS.has(s.key)) imp.at(s.line, QUIET_KEYS.has(s.key) ? 'peer.import.noEffect' : 'peer.import.notUnderstood');
  for (const key of ['leftikeport', 'rightikeport']) {
    const s = get(key);
    if (s && s.value.trim() !== '500') imp.at(s.line, 'peer.import.notUnderstood', 'IKE on another port than 500 is not read.');
  }

  return finishImportedTunnel(tunnel, conn.comments.map((c) => c.text), secrets, () => imp.at(conn.line, 'peer.import.noSecret'));
}



function importUnsafe(text: string): ImportResult {
  const imp = new Importer(text.split('\n'));
  const { conns, defaults, secrets } = parseFile(imp);
  const byName = new Map(conns.map((c) => [c.name, c]));
  const templates = new Set(conns.flatMap((c) => c.settings.filter((s) => s.key === 'also').map((s) => s.value)));
  const loaded: { conn: Conn; settings: Map<string, Setting> }[] = [];
  for (const conn of conns) {
    const settings = effectiveSettings(conn, byName, defaults, imp);
    const auto = settings.get('auto')?.value.trim().toLowerCase() ?? 'ignore';
    if (['add', 'route', 'start'].includes(auto)) loaded.push({ conn, settings });
    else if (!templates.has(conn.name)) imp.at(conn.line, 'peer.import.notLoaded');
  }
  const profile = emptyImportProfile();
  const keys = importedTunnelKeys(Math.min(loaded.length, 2));
  loaded.forEach(({ conn, settings }, i) => {
    const key = keys[i];
    if (key) profile.tunnels[key] = readConn(conn, settings, secrets, imp);
    else imp.at(conn.line, 'peer.import.extraConnection');
  });
  const remarks = [...imp.remarks].sort((a, b) => a.line - b.line);
  if (loaded.length === 0) {
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.trim() !== '');
    const syntax = remarks.filter((r) => r.code === 'peer.import.syntax').slice(0, MAX_SYNTAX_REMARKS);
    const rest = remarks.filter((r) => r.code !== 'peer.import.syntax');
    return { profile, remarks: [remark(first + 1 || 1, lines[first] ?? '', 'peer.import.unreadable'), ...syntax, ...rest] };
  }
  return { profile, remarks };
}

export function importIpsecConf(text: string): ImportResult {
  try {
    return importUnsafe(text);
  } catch (error) {
    return { profile: emptyImportProfile(), remarks: [remark(1, '', 'peer.import.unreadable', error instanceof Error ? error.message : undefined)] };
  }
}
