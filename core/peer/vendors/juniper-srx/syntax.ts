// Junos configuration text in both forms the CLI prints, reduced to one shape: statements as `set` words with their
// line. `show configuration | display set` gives `set …` / `deactivate …` lines; `show configuration` gives the
// curly-brace hierarchy (`inactive:` marks deactivated statements, `## SECRET-DATA` trails secrets), possibly only a
// part of it such as `show configuration security ike`. Values are unquoted here; nothing in this file throws.

export interface Statement {
  line: number;
  /** The statement's path and value, e.g. `security ike gateway gw address 1.2.3.4`, quotes removed. */
  words: string[];
  /** Under a deactivated statement (then it is not in effect). */
  inactive: boolean;
}

export interface Deactivation {
  line: number;
  words: string[];
}

export interface ParsedConfig {
  statements: Statement[];
  /** Every `deactivate …` line and `inactive:` statement, for one remark each. */
  deactivations: Deactivation[];
  /** Lines that could not be read at all (an open quote, unbalanced braces). */
  problems: number[];
}

const BARE = /^[A-Za-z0-9._:/-]+$/;
/** Junos nests a dozen levels deep; text nested far deeper is no configuration (and would cost quadratic time). */
const MAX_DEPTH = 32;

/** A value in double quotes, `\\` and `"` escaped (how display set prints secrets). */
export function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A value as `load set` reads it back unchanged: bare when it is one plain word, quoted otherwise. */
export function junosValue(text: string): string {
  return BARE.test(text) ? text : quoted(text);
}

/** UTF-8 bytes of a text (core has no TextEncoder). */
export function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const encoded = encodeURIComponent(ch);
    if (encoded.startsWith('%')) for (const hex of encoded.slice(1).split('%')) bytes.push(parseInt(hex, 16));
    else bytes.push(encoded.charCodeAt(0));
  }
  return bytes;
}

/** UTF-8 bytes back to text; undefined when they are not UTF-8. */
export function utf8Text(bytes: readonly number[]): string | undefined {
  try {
    return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
  } catch {
    return undefined;
  }
}

interface Token {
  text: string;
  line: number;
  /** Punctuation (`{ } ; [ ]`) rather than a word. */
  punct: boolean;
}

/** Words of one line or of a whole hierarchical text; `#` (at a word start) and slash-star comments are skipped. */
function tokenize(text: string, firstLine: number, punctuation: string): { tokens: Token[]; openQuote?: number } {
  const tokens: Token[] = [];
  let line = firstLine;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
      i = stop;
    } else if (punctuation.includes(c)) {
      tokens.push({ text: c, line, punct: true });
      i++;
    } else if (c === '"') {
      const start = line;
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        if (text[i] === '\n') line++;
        value += text[i];
        i++;
      }
      if (i >= text.length) return { tokens, openQuote: start };
      i++;
      tokens.push({ text: value, line: start, punct: false });
    } else {
      let end = i;
      while (end < text.length && !/[\s"]/.test(text[end]!) && !punctuation.includes(text[end]!)) end++;
      tokens.push({ text: text.slice(i, end), line, punct: false });
      i = end;
    }
  }
  return { tokens };
}

/** The words of one `set` line, or undefined when a quote is left open. `[ a b ]` stays as `[`, `a`, `b`, `]`. */
export function setWords(line: string): string[] | undefined {
  const { tokens, openQuote } = tokenize(line, 1, '[]');
  return openQuote === undefined ? tokens.map((t) => t.text) : undefined;
}

// Lines a pasted CLI session carries around the configuration: prompts, `[edit …]` banners, `{master:0}` markers.
const NOISE = [/^\[edit\b.*\]$/, /^\{(master|backup|primary|secondary|linecard)[^}]*\}$/, /^[\w.-]+@[\w.-]+[>#%]/, /^-+\s*(more|\(more.*\))?\s*-*$/i];
const SET_VERBS = new Set(['set', 'deactivate', 'activate', 'delete']);

/** Known top-level configuration stanzas; a hierarchy starting with anything else is a part (`show configuration security ike`). */
const TOP_LEVEL = new Set([
  'version', 'system', 'chassis', 'services', 'security', 'interfaces', 'snmp', 'forwarding-options', 'routing-options', 'protocols',
  'policy-options', 'firewall', 'routing-instances', 'applications', 'groups', 'apply-groups', 'access', 'vlans', 'schemas',
  'event-options', 'class-of-service', 'logical-systems', 'tenants', 'switch-options', 'bridge-domains', 'poe', 'access-profile', 'utm',
]);
const IPSEC_WORDS = new Set(['protocol', 'perfect-forward-secrecy', 'bind-interface', 'traffic-selector', 'establish-tunnels', 'ike']);

/** Where a part of the hierarchy sits: `ike {…}` is under `security`; `gateway x {…}` under `security ike`, etc. */
function contextOf(first: string[], block: readonly string[][]): string[] {
  if (first.length === 0 || TOP_LEVEL.has(first[0]!)) return [];
  if (first[0] === 'ike' || first[0] === 'ipsec') return ['security'];
  if (first[0] === 'gateway') return ['security', 'ike'];
  if (first[0] === 'vpn') return ['security', 'ipsec'];
  if (first[0] === 'proposal' || first[0] === 'policy') {
    const ipsec = block.some((w) => IPSEC_WORDS.has(w[2] ?? '') || (w[2] === 'authentication-algorithm' && (w[3] ?? '').startsWith('hmac-')));
    return ['security', ipsec ? 'ipsec' : 'ike'];
  }
  return [];
}

function stripPrefix(words: string[]): { words: string[]; inactive: boolean } {
  let inactive = false;
  let rest = words;
  while (rest.length > 0 && /^(inactive|protect|replace|active):$/.test(rest[0]!)) {
    if (rest[0] === 'inactive:') inactive = true;
    rest = rest.slice(1);
  }
  return { words: rest, inactive };
}

/** Where `show configuration <path>` prompts put the output below them (by line). */
interface Context {
  line: number;
  words: string[];
}

/** The last context before a line (contexts are in line order). */
function lastBefore(contexts: readonly Context[], line: number): Context | undefined {
  let lo = 0;
  let hi = contexts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (contexts[mid]!.line < line) lo = mid + 1;
    else hi = mid;
  }
  return contexts[lo - 1];
}

/** The curly-brace form: statements with their full path, `inactive:` turned into deactivations. */
function parseHierarchy(text: string, out: ParsedConfig, contexts: readonly Context[]): void {
  const { tokens, openQuote } = tokenize(text, 1, '{};[]');
  if (openQuote !== undefined) out.problems.push(openQuote);
  const firstDeactivation = out.deactivations.length;
  const path: { words: string[]; line: number }[] = [];
  let words: Token[] = [];
  const raw: { line: number; words: string[]; block: number }[] = [];
  let block = 0;
  const deactivationBlocks: number[] = [];
  const emit = (list: Token[]) => {
    const { words: w, inactive } = stripPrefix(list.map((t) => t.text));
    const full = [...path.flatMap((p) => p.words), ...w];
    if (path.length === 0) block++;
    if (inactive) {
      out.deactivations.push({ line: list[0]!.line, words: full });
      deactivationBlocks.push(block);
    }
    if (w.length > 0) raw.push({ line: list[0]!.line, words: full, block });
  };
  for (const token of tokens) {
    if (!token.punct || token.text === '[' || token.text === ']') words.push(token);
    else if (token.text === ';') {
      if (words.length > 0) emit(words);
      words = [];
    } else if (token.text === '{') {
      if (path.length >= MAX_DEPTH) {
        out.problems.push(token.line);
        break;
      }
      const { words: w, inactive } = stripPrefix(words.map((t) => t.text));
      const line = words[0]?.line ?? token.line;
      if (path.length === 0) block++;
      path.push({ words: w, line });
      if (inactive) {
        out.deactivations.push({ line, words: path.flatMap((p) => p.words) });
        deactivationBlocks.push(block);
      }
      words = [];
    } else {
      if (words.length > 0) emit(words);
      words = [];
      if (path.pop() === undefined) out.problems.push(token.line);
    }
  }
  if (words.length > 0) emit(words);
  for (const open of path) out.problems.push(open.line);
  // A part of the hierarchy sits under the path its `show configuration …` prompt names; without a prompt it is
  // placed by its top-level block (show configuration security ike prints `proposal …` first).
  const blocks = new Map<number, string[][]>();
  for (const r of raw) {
    const list = blocks.get(r.block);
    if (list) list.push(r.words);
    else blocks.set(r.block, [r.words]);
  }
  const prefixOf = (w: string[], line: number, at: number) => {
    const context = lastBefore(contexts, line);
    return context ? context.words : contextOf(w, blocks.get(at) ?? []);
  };
  for (const r of raw) out.statements.push({ line: r.line, words: [...prefixOf(r.words, r.line, r.block), ...r.words], inactive: false });
  out.deactivations.slice(firstDeactivation).forEach((d, i) => (d.words = [...prefixOf(d.words, d.line, deactivationBlocks[i]!), ...d.words]));
}

const key = (words: readonly string[]) => words.join('\u0000');

/** Both forms, mixed or not; `delete` removes what was set before it, deactivated paths mark their statements. */
export function parseConfig(text: string): ParsedConfig {
  const out: ParsedConfig = { statements: [], deactivations: [], problems: [] };
  const lines = text.split('\n');
  const hierarchical: string[] = [];
  const deleted = new Map<string, number>();
  const activated = new Map<string, number>();
  const contexts: Context[] = [];
  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    const verb = /^(\S+)\s/.exec(line)?.[1] ?? line;
    if (line === '' || line.startsWith('#') || NOISE.some((re) => re.test(line))) {
      const shown = /^[\w.-]+@[\w.-]+[>#%]\s*show\s+configuration\b([^|]*)/.exec(line);
      if (shown) contexts.push({ line: index + 1, words: shown[1]!.trim().split(/\s+/).filter((w) => w !== '') });
      hierarchical.push('');
      return;
    }
    if (!SET_VERBS.has(verb)) {
      hierarchical.push(rawLine);
      return;
    }
    hierarchical.push('');
    const words = setWords(line);
    if (words === undefined) {
      out.problems.push(index + 1);
      return;
    }
    const rest = words.slice(1);
    if (verb === 'set') out.statements.push({ line: index + 1, words: rest, inactive: false });
    else if (verb === 'deactivate') out.deactivations.push({ line: index + 1, words: rest });
    else if (verb === 'activate') activated.set(key(rest), index + 1);
    else deleted.set(key(rest), index + 1);
  });
  if (hierarchical.some((l) => l.trim() !== '')) parseHierarchy(hierarchical.join('\n'), out, contexts);
  out.statements.sort((a, b) => a.line - b.line);
  const prefixLine = (map: Map<string, number>, words: readonly string[]) => {
    let found: number | undefined;
    for (let n = 1; n <= Math.min(words.length, MAX_DEPTH); n++) {
      const at = map.get(key(words.slice(0, n)));
      if (at !== undefined) found = Math.max(found ?? 0, at);
    }
    return found;
  };
  if (deleted.size > 0) out.statements = out.statements.filter((s) => (prefixLine(deleted, s.words) ?? 0) < s.line);
  out.deactivations = out.deactivations.filter((d) => (activated.get(key(d.words)) ?? 0) < d.line);
  const inactive = new Map(out.deactivations.map((d) => [key(d.words), d.line]));
  for (const s of out.statements) if (prefixLine(inactive, s.words) !== undefined) s.inactive = true;
  return out;
}
