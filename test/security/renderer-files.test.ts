import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveRendererFile } from '../../main/security/renderer-files.ts';

const root = path.resolve('/srv/renderer');

describe('resolveRendererFile', () => {
  it.each([
    ['/', path.join(root, 'index.html')],
    ['/index.html', path.join(root, 'index.html')],
    ['/assets/index-abc.js', path.join(root, 'assets/index-abc.js')],
    ['/assets/a%20b.css', path.join(root, 'assets/a b.css')],
    ['/index.html?x=1#y', path.join(root, 'index.html')],
  ])('%s resolves inside the bundle', (requestPath, expected) => {
    expect(resolveRendererFile(root, requestPath)).toBe(expected);
  });

  it.each(['/../secret', '/..%2f..%2fetc/passwd', '/assets/../../x', '/%00index.html', '/..\\x', '/%E0%A4%A'])(
    '%s is refused',
    (requestPath) => {
      expect(resolveRendererFile(root, requestPath)).toBeNull();
    },
  );

  it('labels scripts as JavaScript so the CSP and module loader accept them', () => {
    expect(contentTypeFor('/a/b.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/a/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/a/unknown.bin')).toBe('application/octet-stream');
  });
});
