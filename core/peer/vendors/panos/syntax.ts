// The PAN-OS configure-mode `set` syntax as this vendor writes and reads it: words separated by blanks, a value with
// other characters in double quotes (backslash before `"` and `\`), a list of several members as `[ a b ]`, and
// several settings of one object on one line (`… auto-key ike-gateway G ipsec-crypto-profile P`), which the CLI
// reads by going back up the configuration tree after each value. The tree each object is read with is in
// import-schema.ts.

/** Characters a value may hold without quotes (addresses, prefixes, names, interface names such as ethernet1/1). */
const PLAIN = /^[A-Za-z0-9._:/@-]+$/;

/** Control characters cannot be typed and would break the line: they are left out (the generator notes it). */
export function printable(value: string): string {
  return [...value].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
}

/** A value in double quotes, backslash before `"` and `\`. */
export function quoted(value: string): string {
  return `"${printable(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function word(value: string): string {
  return value !== '' && PLAIN.test(value) ? value : quoted(value);
}

/** One member plain, several as a bracketed list. */
export function list(values: readonly string[]): string {
  return values.length === 1 ? word(values[0]!) : `[ ${values.map(word).join(' ')} ]`;
}

export interface Token {
  text: string;
  /** Quoted in the source: never a bracket, never a keyword. */
  quoted: boolean;
}

/** The words of one line; undefined when a quote is left open. */
export function tokenize(line: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '"' || c === "'") {
      let text = '';
      let closed = false;
      i++;
      while (i < line.length) {
        const d = line[i]!;
        if (d === c) {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && c === '"' && i + 1 < line.length) {
          text += line[i + 1];
          i += 2;
          continue;
        }
        text += d;
        i++;
      }
      if (!closed) return undefined;
      tokens.push({ text, quoted: true });
    } else if (c === '[' || c === ']') {
      tokens.push({ text: c, quoted: false });
      i++;
    } else {
      let j = i;
      while (j < line.length && !' \t\r"[]'.includes(line[j]!)) j++;
      tokens.push({ text: line.slice(i, j), quoted: false });
      i = j;
    }
  }
  return tokens;
}
