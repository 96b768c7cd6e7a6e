// The search language of quick open and the rail filter: whitespace-separated terms that must all match, quoted
// phrases, `key:value` tokens for what plain text cannot say (algorithms, health, addresses inside subnets) and `-`
// to negate a term. Parsing never fails: what it cannot read is reported in `problems` and searched as plain text,
// so a half-typed `ip:10.1.` still narrows the list instead of emptying it.
import { isIpv4, ipv4ToInt, parseIpv4Cidr } from '../net/ipv4.ts';
import { searchProblemText } from './messages.ts';

export type SearchHealth = 'up' | 'down' | 'partial' | 'unknown';

export const SEARCH_KEYS = ['ike', 'ipsec', 'ver', 'mode', 'health', 'region', 'gw', 'cgw', 'ip', 'net'] as const;
export type SearchKey = (typeof SEARCH_KEYS)[number];

/** Every value is lower-case; matching is case-insensitive. */
export type SearchTerm = { negated: boolean } & (
  | { kind: 'text'; value: string }
  | { kind: 'ike' | 'ipsec' | 'ver' | 'mode' | 'region' | 'gw' | 'cgw'; value: string }
  | { kind: 'health'; value: SearchHealth }
  | { kind: 'ip'; value: string; address: number }
  | { kind: 'net'; value: string; start: number; end: number }
);

export type SearchProblemCode = 'search.unknownKey' | 'search.badValue' | 'search.emptyValue' | 'search.unclosedQuote';

export interface SearchProblem {
  code: SearchProblemCode;
  /** The term as typed (without its `-`). */
  term: string;
  params: Record<string, string>;
  /** English, for logs; the UI words it with `formatSearchProblem`. */
  message: string;
}

export interface ParsedQuery {
  terms: SearchTerm[];
  problems: SearchProblem[];
}

const KEYS: ReadonlySet<string> = new Set(SEARCH_KEYS);
const HEALTHS: ReadonlySet<string> = new Set(['up', 'down', 'partial', 'unknown']);
const ALLOWED: Partial<Record<SearchKey, readonly string[]>> = {
  ver: ['ikev1', 'ikev2'],
  mode: ['single', 'dual'],
  health: ['up', 'down', 'partial', 'unknown'],
};
const KEY_PREFIX = /^([A-Za-z]+):/;

function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}

interface RawToken {
  negated: boolean;
  /** Lower-cased key of a `key:value` token. */
  key?: string;
  value: string;
  quoted: boolean;
  /** Source text without the leading `-`. */
  source: string;
  unclosed: boolean;
}

/** Reads `"…"` starting at `start` (the quote); `\"` and `\\` stand for themselves. */
function readQuoted(text: string, start: number): { value: string; end: number; unclosed: boolean } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
      value += text[i + 1];
      i += 2;
    } else if (ch === '"') {
      return { value, end: i + 1, unclosed: false };
    } else {
      value += ch;
      i += 1;
    }
  }
  return { value, end: i, unclosed: true };
}

function readWord(text: string, start: number): number {
  let i = start;
  while (i < text.length && !isSpace(text[i] ?? '')) i += 1;
  return i;
}

function tokenize(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i] ?? '')) {
      i += 1;
      continue;
    }
    const negated = text[i] === '-' && i + 1 < text.length && !isSpace(text[i + 1] ?? '');
    const begin = negated ? i + 1 : i;
    const prefix = KEY_PREFIX.exec(text.slice(begin, begin + 40));
    const valueStart = prefix ? begin + prefix[0].length : begin;
    const key = prefix?.[1]?.toLowerCase();
    let end: number;
    let value: string;
    let quoted = false;
    let unclosed = false;
    if (text[valueStart] === '"') {
      const q = readQuoted(text, valueStart);
      ({ value, end, unclosed } = q);
      quoted = true;
    } else {
      end = readWord(text, valueStart);
      value = text.slice(valueStart, end);
    }
    tokens.push({ negated, ...(key !== undefined && { key }), value, quoted, source: text.slice(begin, end), unclosed });
    i = end;
  }
  return tokens;
}

function problem(code: SearchProblemCode, term: string, params: Record<string, string> = {}): SearchProblem {
  return { code, term, params, message: searchProblemText(code, params, 'en') };
}

function termOf(token: RawToken, problems: SearchProblem[]): SearchTerm | undefined {
  const { negated, key, quoted } = token;
  const value = token.value.toLowerCase();
  const text = (v: string): SearchTerm | undefined => (v === '' ? undefined : { negated, kind: 'text', value: v });
  if (token.unclosed) problems.push(problem('search.unclosedQuote', token.source));
  if (key === undefined) {
    if (!quoted && (value === 'up' || value === 'down')) return { negated, kind: 'health', value };
    return text(value);
  }
  if (!KEYS.has(key)) {
    problems.push(problem('search.unknownKey', token.source, { key, keys: SEARCH_KEYS.join(', ') }));
    return text(`${key}:${value}`);
  }
  const searchKey = key as SearchKey;
  if (value.trim() === '') {
    // Half-typed (`ike:`): ignored rather than emptying the list while the user types the value.
    problems.push(problem('search.emptyValue', token.source, { key }));
    return undefined;
  }
  const bad = (expected: string): SearchTerm | undefined => {
    problems.push(problem('search.badValue', token.source, { key, value: token.value, expected }));
    return text(value);
  };
  switch (searchKey) {
    case 'ip': {
      const address = ipv4ToInt(value.trim());
      return address === undefined ? bad('a.b.c.d') : { negated, kind: 'ip', value: value.trim(), address };
    }
    case 'net': {
      const v = value.trim();
      // A bare address is its own /32: `net:10.1.1.1` finds the subnets holding it.
      const network = parseIpv4Cidr(isIpv4(v) ? `${v}/32` : v);
      return network ? { negated, kind: 'net', value: v, start: network.start, end: network.end } : bad('a.b.c.d/n');
    }
    case 'health':
      return HEALTHS.has(value) ? { negated, kind: 'health', value: value as SearchHealth } : bad((ALLOWED.health ?? []).join(' | '));
    case 'ver':
    case 'mode': {
      const allowed = ALLOWED[searchKey] ?? [];
      return allowed.includes(value) ? { negated, kind: searchKey, value } : bad(allowed.join(' | '));
    }
    default:
      return { negated, kind: searchKey, value };
  }
}

export function parseQuery(text: string): ParsedQuery {
  const problems: SearchProblem[] = [];
  const terms: SearchTerm[] = [];
  for (const token of tokenize(text)) {
    const term = termOf(token, problems);
    if (term) terms.push(term);
  }
  return { terms, problems };
}

/** Query text that matches `text` literally as one phrase (for "filter by this" actions, and tests). */
export function quoteTerm(text: string): string {
  return `"${text.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}
