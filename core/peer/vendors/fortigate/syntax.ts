// FortiOS CLI text as a tree: `config <path>` … `end` tables, `edit <name>` … `next` entries, `set <key> <values…>`
// settings, `#` comment lines, quoted values with backslash escapes. Reads `show` / `show full-configuration` output
// and typed scripts alike (unambiguous abbreviations of the verbs and table names, prompts and paging noise ignored).

export interface Setting {
  key: string;
  values: string[];
  line: number;
  unset: boolean;
}

export interface Block {
  /** `config` tables: the path words (`vpn ipsec phase1-interface`); `edit` entries: the entry name. */
  name: string;
  line: number;
  settings: Setting[];
  /** Nested `config` tables. */
  tables: Table[];
}

export interface Table extends Block {
  path: string;
  entries: Block[];
}

export interface Parsed {
  /** Every table at any depth (a `config vdom` / `edit root` wrapper, or tables nested in entries), in order. */
  tables: Table[];
  root: Block;
}

/** Splits one line into words: double or single quotes group, a backslash takes the next character literally. */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (quote !== '') {
      if (c === quote) quote = '';
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** A value as the CLI reads it back: double-quoted, with backslash before `\`, `"` and `'`. */
export function quote(text: string): string {
  return `"${text.replace(/[\\"']/g, (c) => `\\${c}`)}"`;
}

const VERBS = ['config', 'edit', 'set', 'unset', 'next', 'end'] as const;
type Verb = (typeof VERBS)[number];

/** The verb a word abbreviates (`conf`, `ed`, `se`, `n`), as the CLI completes unambiguous prefixes. */
function verbOf(word: string): Verb | undefined {
  const w = word.toLowerCase();
  if (w === 'e' || w === '') return undefined;
  const matches = VERBS.filter((v) => v.startsWith(w));
  return matches.length === 1 ? matches[0] : undefined;
}

const PATH_WORDS = ['vpn', 'ipsec', 'phase1-interface', 'phase2-interface', 'phase1', 'phase2', 'router', 'bgp', 'static', 'system', 'interface', 'firewall', 'address', 'addrgrp', 'policy', 'neighbor', 'vdom', 'global'];

/** A table path word, completed when it is an unambiguous abbreviation of one this importer reads. */
function pathWord(word: string): string {
  const w = word.toLowerCase();
  if (PATH_WORDS.includes(w)) return w;
  const matches = PATH_WORDS.filter((p) => p.startsWith(w));
  return matches.length === 1 ? matches[0]! : w;
}

/** A setting key completed against the keys a table knows (`set ike-v 2`); as written when ambiguous or unknown. */
export function completeKey(key: string, known: readonly string[]): string {
  const k = key.toLowerCase();
  if (known.includes(k)) return k;
  const matches = known.filter((name) => name.startsWith(k));
  return matches.length === 1 ? matches[0]! : k;
}

const PROMPT = /^[\w.-]+(?: \([\w.-]+\))? [#$] /;

const block = (name: string, line: number): Block => ({ name, line, settings: [], tables: [] });

export function parse(text: string): Parsed {
  const root = block('', 0);
  const tables: Table[] = [];
  // The open tables and entries, innermost last; the root is the outermost container.
  const stack: (Block | Table)[] = [root];
  const isTable = (b: Block | Table): b is Table => 'entries' in b;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // A pasted session carries the prompt (`FGT # `, `FGT (phase1-interface) # `) before each typed command.
    const trimmed = lines[i]!.trim().replace(PROMPT, '');
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const words = tokenize(trimmed);
    const verb = verbOf(words[0] ?? '');
    const top = stack[stack.length - 1]!;
    const line = i + 1;
    if (verb === 'config' && words.length > 1) {
      const table: Table = { ...block('', line), path: words.slice(1).map(pathWord).join(' '), entries: [] };
      table.name = table.path;
      top.tables.push(table);
      tables.push(table);
      stack.push(table);
    } else if (verb === 'edit' && words.length > 1 && isTable(top)) {
      const entry = block(words[1]!, line);
      top.entries.push(entry);
      stack.push(entry);
    } else if ((verb === 'set' || verb === 'unset') && words.length > 1 && stack.length > 1) {
      top.settings.push({ key: words[1]!.toLowerCase(), values: words.slice(2), line, unset: verb === 'unset' });
    } else if (verb === 'next' && words.length === 1) {
      // Closes the innermost entry (and any table left open inside it).
      const at = stack.findLastIndex((b) => !isTable(b) && b !== root);
      if (at > 0) stack.length = at;
    } else if (verb === 'end' && words.length === 1) {
      // Closes the innermost table (and an entry left without `next`).
      const at = stack.findLastIndex((b) => isTable(b));
      if (at > 0) stack.length = at;
    }
    // Anything else (prompts, `show` commands, `--More--`, output of other commands) is not configuration.
  }
  return { tables, root };
}

/** The last value set for a key in a block (`unset` clears it), with its line. */
export function lastSetting(b: Block, key: string): Setting | undefined {
  const found = b.settings.findLast((s) => s.key === key);
  return found && !found.unset ? found : undefined;
}
