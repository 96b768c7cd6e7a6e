// A small HCL writer that prints what `terraform fmt` would: two-space indent, the `=` of consecutive single-line
// attributes aligned (a nested block or a blank line ends the run), one blank line between top-level blocks.
export type HclValue = string | number | boolean | readonly string[] | { expression: string };

/** A `comment` is one line of its own (it ends a run of aligned attributes). */
export type HclItem = { attribute: string; value: HclValue } | { comment: string } | HclBlock | 'blank';

export interface HclBlock {
  type: string;
  labels: readonly string[];
  body: readonly HclItem[];
}

/** A quoted HCL string: escapes, and `${` / `%{` doubled so no template is read into a value. */
export function hclString(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return `"${out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export const isHclIdentifier = (text: string): boolean => IDENTIFIER.test(text);

function renderValue(value: HclValue): string {
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`HCL has no number ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if ('expression' in value) return value.expression;
  return `[${value.map(hclString).join(', ')}]`;
}

const isBlock = (item: HclItem): item is HclBlock => typeof item === 'object' && 'type' in item;
const isAttribute = (item: HclItem): item is { attribute: string; value: HclValue } => typeof item === 'object' && 'attribute' in item;
const oneLine = (text: string): string => text.replace(/[\r\n\u2028\u2029]+/g, ' ');

function renderBlock(block: HclBlock, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const labels = block.labels.map((l) => ` ${hclString(l)}`).join('');
  const lines = [`${pad}${block.type}${labels} {`];
  const items = block.body;
  let i = 0;
  while (i < items.length) {
    const item = items[i]!;
    if (item === 'blank') {
      lines.push('');
      i++;
    } else if (isBlock(item)) {
      lines.push(...renderBlock(item, depth + 1));
      i++;
    } else if (!isAttribute(item)) {
      lines.push(`${pad}  # ${oneLine(item.comment)}`.trimEnd());
      i++;
    } else {
      let end = i;
      while (end < items.length && isAttribute(items[end]!)) end++;
      const run = items.slice(i, end) as { attribute: string; value: HclValue }[];
      const width = Math.max(...run.map((a) => a.attribute.length));
      for (const a of run) lines.push(`${pad}  ${a.attribute.padEnd(width)} = ${renderValue(a.value)}`);
      i = end;
    }
  }
  lines.push(`${pad}}`);
  return lines;
}

/** Top-level blocks separated by one blank line, with comment lines (`# …`, one line each) before a block. */
export function formatHcl(blocks: ReadonlyArray<{ comments?: readonly string[]; block: HclBlock }>, preamble: readonly string[] = []): string {
  const comment = (text: string) => `# ${oneLine(text)}`.trimEnd();
  const parts = [...(preamble.length > 0 ? [preamble.map(comment).join('\n')] : []), ...blocks.map((b) => [...(b.comments ?? []).map(comment), ...renderBlock(b.block, 0)].join('\n'))];
  return `${parts.join('\n\n')}\n`;
}
