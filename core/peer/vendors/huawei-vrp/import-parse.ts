// Huawei VRP configuration text → sections, the way VRP prints it (`display current-configuration`: a command that
// opens a view at the start of a line, the view's commands indented, `#` separating sections) and the way people
// paste it: unindented commands, session logs with `[Huawei-ike-peer-p1]` prompts, keywords abbreviated to any
// unique prefix (as the CLI accepts them).

export interface Line {
  no: number;
  /** The line without prompt, trimmed. */
  text: string;
  tokens: string[];
  indent: number;
  /** Inside a sub-view by its prompt (`[name-view]`), or at system view (`[name]`); undefined without a prompt. */
  promptView?: 'system' | 'sub';
}

export type SectionKind = 'acl' | 'ike-proposal' | 'ike-peer' | 'ipsec-proposal' | 'ipsec-policy' | 'ipsec-profile' | 'interface' | 'bgp' | 'other-ipsec' | 'other';

export interface Section {
  kind: SectionKind;
  head: Line;
  /** Name or number the head gives (ACL number, proposal number or name, peer / policy / profile / interface name, ASN). */
  name: string;
  lines: Line[];
}

export interface ParsedText {
  sections: Section[];
  /** Commands of the system view that open no view. */
  globals: Line[];
}

/** The candidate `token` stands for: itself, or the only candidate it is a prefix of (VRP's abbreviations, 3+ letters). */
export function pick(token: string | undefined, candidates: readonly string[]): string | undefined {
  if (token === undefined) return undefined;
  const t = token.toLowerCase();
  if (candidates.includes(t)) return t;
  // Two letters are too few to tell VRP's keywords apart (`ip` is not `ipsec`).
  if (t.length < 3) return undefined;
  const matches = candidates.filter((c) => c.startsWith(t));
  return matches.length === 1 ? matches[0] : undefined;
}

/** Whether `tokens` start with the keywords `words` (each possibly abbreviated). */
export function starts(tokens: readonly string[], words: readonly string[], vocabulary?: readonly string[]): boolean {
  return words.every((w, i) => pick(tokens[i], vocabulary && i === 0 ? vocabulary : [w]) === w);
}

const TOKEN = /"[^"]*"|\S+/g;

function toLine(raw: string, no: number): Line | undefined {
  let text = raw.replace(/\r$/, '');
  let promptView: Line['promptView'];
  const prompt = /^\s*(?:\[([^\]\s]{1,200})\]|<[^>\s]{1,200}>)/.exec(text);
  if (prompt) {
    promptView = prompt[1] !== undefined && prompt[1].includes('-') ? 'sub' : 'system';
    text = text.slice(prompt[0].length);
  }
  const indent = text.length - text.trimStart().length;
  text = text.trim();
  if (text === '') return undefined;
  return { no, text, tokens: text.match(TOKEN) ?? [], indent, ...(promptView && { promptView }) };
}

const TOP_WORDS = ['acl', 'ike', 'ip', 'ipsec', 'interface', 'bgp'];

/** The section a line opens, if it is the head of one. */
function headOf(line: Line): { kind: SectionKind; name: string } | undefined {
  const t = line.tokens;
  const first = pick(t[0], TOP_WORDS);
  if (first === 'acl') {
    const second = pick(t[1], ['number', 'name', 'ipv6']);
    if (second === 'number' && t[2]) return { kind: 'acl', name: t[2] };
    if (second === 'name' && t[2]) return { kind: 'acl', name: t[3] && /^\d+$/.test(t[3]) ? t[3] : t[2] };
    if (t[1] && /^\d+$/.test(t[1])) return { kind: 'acl', name: t[1] };
    return undefined;
  }
  if (first === 'ike') {
    const second = pick(t[1], ['proposal', 'peer', 'dpd', 'local-name', 'sa', 'nat-keepalive', 'heartbeat', 'user-table', 'identity', 'negotiate']);
    if (second === 'proposal' && t[2]) return { kind: 'ike-proposal', name: t[2] };
    if (second === 'peer' && t[2]) return { kind: 'ike-peer', name: t[2] };
    return undefined;
  }
  if (first === 'ipsec') {
    const second = pick(t[1], ['proposal', 'policy', 'profile', 'policy-template', 'sa', 'authentication', 'sha2', 'efficient-vpn', 'anti-replay', 'df-bit']);
    if (second === 'proposal' && t[2]) return { kind: 'ipsec-proposal', name: t[2] };
    if (second === 'profile' && t[2]) return { kind: 'ipsec-profile', name: t[2] };
    // `ipsec policy <name> <seq> isakmp|manual [template <t>]`; `ipsec policy <name>` alone is the interface command.
    if (second === 'policy' && t[2] && t[3] && /^\d+$/.test(t[3])) return { kind: 'ipsec-policy', name: `${t[2]} ${t[3]}` };
    if ((second === 'policy-template' || second === 'efficient-vpn') && t[2]) return { kind: 'other-ipsec', name: t[2] };
    return undefined;
  }
  if (first === 'interface' && t[1]) return { kind: 'interface', name: t.slice(1).join('') };
  if (first === 'bgp' && t[1]) return { kind: 'bgp', name: t[1] };
  return undefined;
}

/** Views VRP opens that hold nothing the profile needs; their commands are skipped as a whole. */
const OTHER_VIEWS = /^(aaa|user-interface|ospf|rip|isis|vlan|firewall|security-policy|nat-policy|nqa|snmp-agent|dhcp|ip\s+pool|ip\s+vpn-instance|route-policy|ntp|stelnet|ssh|http|sysname|clock|info-center|dns|wlan|radius-server|hwtacacs|pki|rsa|domain|qos|traffic|bfd|vrrp|ike\s+user-table|time-range|ip-link|cpu-defend|lldp|license)\b/i;

/** First words of the commands each view takes, for text pasted without indentation. */
const VOCABULARY: Partial<Record<SectionKind, readonly string[]>> = {
  acl: ['rule', 'description', 'step'],
  'ike-proposal': ['encryption-algorithm', 'authentication-algorithm', 'integrity-algorithm', 'prf', 'dh', 'authentication-method', 'sa', 'description'],
  'ike-peer': [
    'version', 'undo', 'exchange-mode', 'pre-shared-key', 'ike-proposal', 'local-id-type', 'local-id', 'remote-id-type', 'remote-id',
    'local-address', 'remote-address', 'dpd', 'nat', 'rsa', 'ikev2', 'description', 'certificate', 'sa',
  ],
  'ipsec-proposal': ['transform', 'encapsulation-mode', 'esp', 'ah', 'description'],
  'ipsec-policy': ['security', 'ike-peer', 'proposal', 'pfs', 'sa', 'tunnel', 'route', 'alias', 'description', 'anti-replay', 'qos'],
  'ipsec-profile': ['ike-peer', 'proposal', 'pfs', 'sa', 'description', 'anti-replay', 'qos'],
  interface: ['ip', 'ipsec', 'tunnel-protocol', 'source', 'destination', 'description', 'mtu', 'tcp', 'shutdown', 'undo', 'nat', 'service-manage', 'gateway', 'vrrp'],
  bgp: ['peer', 'ipv4-family', 'router-id', 'network', 'import-route', 'group', 'timer', 'preference', 'undo'],
};

/** Whether an unindented line belongs to the open view (text pasted without indentation). */
function belongs(section: Section, line: Line): boolean {
  const vocabulary = VOCABULARY[section.kind];
  if (!vocabulary || line.promptView === 'system') return false;
  if (section.lines.some((l) => l.indent > section.head.indent)) return false;
  if (/^ip\s+route-static\b/i.test(line.text)) return false;
  // `ipsec profile <name>` / `ipsec policy <name>` are interface commands, and heads of their own views.
  if (section.kind === 'interface' && pick(line.tokens[0], ['ipsec']) === 'ipsec') {
    return line.tokens.length === 3 && pick(line.tokens[1], ['profile', 'policy']) !== undefined && !section.lines.some((l) => pick(l.tokens[0], ['ipsec']) === 'ipsec');
  }
  return pick(line.tokens[0], vocabulary) !== undefined;
}

export function parseVrp(text: string): ParsedText {
  const sections: Section[] = [];
  const globals: Line[] = [];
  let current: Section | undefined;
  const rawLines = text.split('\n');
  for (let i = 0; i < rawLines.length; i++) {
    const line = toLine(rawLines[i]!, i + 1);
    if (!line) continue;
    if (line.text.startsWith('#')) {
      // A comment or separator at the start of a line ends the view; an indented one (` #` in bgp) does not.
      if (line.indent === 0 && line.promptView === undefined) current = undefined;
      continue;
    }
    const word = line.tokens[0]!.toLowerCase();
    if (word === 'quit' || word === 'return' || word === 'commit' || word === 'system-view' || word === 'sys') {
      // ` quit` inside bgp leaves the address family, not the BGP view.
      if (!(word === 'quit' && current?.kind === 'bgp' && line.indent > current.head.indent + 1)) current = undefined;
      continue;
    }
    const nested = current !== undefined && (line.promptView === 'sub' || (line.promptView === undefined && line.indent > current.head.indent));
    if (current && (nested || belongs(current, line))) {
      current.lines.push(line);
      continue;
    }
    const head = headOf(line);
    if (head) {
      current = { kind: head.kind, head: line, name: head.name, lines: [] };
      sections.push(current);
      continue;
    }
    if (OTHER_VIEWS.test(line.text)) {
      current = { kind: 'other', head: line, name: '', lines: [] };
      continue;
    }
    current = undefined;
    globals.push(line);
  }
  return { sections, globals };
}
