// Nothing from main, core or the service (as the emulator models it) reaches the screen unworded: every error and
// notice code written anywhere in that source is worded in English and 简体中文 by core's catalog, and the renderer
// shows errors only through describeError. A new code without wording fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError, isWorded } from '../../core/i18n/describe-error.ts';
import { DOCUMENT_ERROR_CODES } from '../../core/i18n/errors.ts';
import { editableFields } from '../../core/index.ts';

const root = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...sources(rel));
    else if (rel.endsWith('.ts') && !rel.includes(`${path.sep}i18n${path.sep}`)) out.push(rel);
  }
  return out;
}

// Dotted names that are request parameters (field paths), not codes.
const PARAMETERS = new Set(['TunnelOptionsSpecification', 'Tag', ...editableFields('single').map((d) => d.path.split('.')[0]!), ...editableFields('dual').map((d) => d.path.split('.')[2] ?? '')]);
// Dotted values that are neither codes nor parameters.
const NOT_CODES = new Set(['Enhanced.SiteToSite']);

// A dotted name anywhere, or a one-word code where an error is made: fail('Internal', …), new ApiError(403, 'Forbidden', …).
const CODE_PATTERNS = [/['`]([A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+)['`]/g, /(?:Error|fail)\(\s*(?:\d{3},\s*)?'([A-Z][A-Za-z]+)'/g, /code: '([A-Z][A-Za-z]+)'/g];

function codesIn(dirs: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of dirs.flatMap(sources)) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const match of CODE_PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)])) {
      const code = match[1]!;
      if (PARAMETERS.has(code.split('.')[0]!) || NOT_CODES.has(code)) continue;
      if (!found.has(code)) found.set(code, file);
    }
  }
  return found;
}

describe('error wording', () => {
  const codes = codesIn(['main', 'core', 'emulator']);

  for (const code of DOCUMENT_ERROR_CODES) codes.set(code, codes.get(code) ?? 'the API document');

  it('finds the codes it checks (the scan itself works)', () => {
    for (const code of ['Draft.NotFound', 'Network.Offline', 'VpnTask.CONFLICT', 'Internal', 'Forbidden', 'SignatureNonceUsed', 'Storage.Full']) expect(codes.get(code), code).not.toBe('the API document');
    expect(codes.has('IkeConfig.Psk')).toBe(false);
  });

  it('words every code main, core and the service can produce, in both languages', () => {
    const unworded = [...codes].filter(([code]) => !isWorded(code)).map(([code, file]) => `${code} (${file})`);
    expect(unworded).toEqual([]);
  });

  it('fills parameters and never shows a placeholder or main\'s English when the code is known', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      // Rule codes always travel with their issue's parameters; every other code must read well without any.
      for (const code of [...codes.keys()].filter((c) => !c.startsWith('Rule.') && !c.startsWith('Advice.'))) {
        const text = describeError({ code, message: 'MAIN ENGLISH' }, lang);
        expect(text, code).not.toContain('MAIN ENGLISH');
      }
    }
  });

  it('words an HTTP status nobody listed, and keeps the service\'s own text for a code it invented', () => {
    expect(describeError({ code: 'Http.418', message: 'teapot' }, 'en')).toContain('418');
    expect(describeError({ code: 'Http.418', message: 'teapot' }, 'zh-CN')).toContain('418');
    expect(describeError({ code: 'Brand.NewCode', message: 'Something new.' }, 'en')).toBe('Something new. (Brand.NewCode)');
  });
});
