// swanctl.conf's syntax, read the way strongSwan's own lexer does (src/libstrongswan/settings/settings_lexer.l):
// `name { … }` sections, `key = value` (a value runs to the end of the line, `#` or `}`; several words are joined
// with one space), double-quoted strings with backslash escapes, `#` comments anywhere. Never throws: what it cannot
// read comes back as problems with their line.

export interface Setting {
  key: string;
  value: string;
  line: number;
}

export interface Section {
  name: string;
  line: number;
  endLine: number;
  settings: Setting[];
  sections: Section[];
}

export interface Comment {
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

export interface ParsedConf {
  root: Section;
  comments: Comment[];
  problems: { line: number; code: string; detail?: string }[];
}

export function parse(text: string): ParsedConf {
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
