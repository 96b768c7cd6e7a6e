import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../main/security/csp.ts';

function metaCsp(html: string): string | undefined {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  return match?.[1];
}

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name ?? '', values.join(' ')] as const;
      }),
  );
}

describe('content security policy', () => {
  it('is strict: self-only scripts, no objects, no base, no framing', () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
  });

  it('is sent as a header with the protocol responses', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('is mirrored verbatim in renderer/index.html', () => {
    expect(metaCsp(readFileSync('renderer/index.html', 'utf8'))).toBe(CONTENT_SECURITY_POLICY);
  });

  it('survives the build into out/renderer/index.html', () => {
    expect(existsSync('out/renderer/index.html'), 'run `npm run build` first').toBe(true);
    const built = readFileSync('out/renderer/index.html', 'utf8');
    expect(metaCsp(built)).toBe(CONTENT_SECURITY_POLICY);
    expect(built).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
