import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../security/csp.ts';
import { APP_HOST, APP_SCHEME } from '../security/origin.ts';
import { contentTypeFor, resolveRendererFile } from '../security/renderer-files.ts';

/** Must run before app 'ready': makes app:// a standard, secure origin (not file://, which has no origin isolation). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRendererOverAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const filePath = url.host === APP_HOST ? resolveRendererFile(rendererDir, url.pathname) : null;
    if (!filePath) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    try {
      const body = await readFile(filePath);
      return new Response(body, { headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(filePath) } });
    } catch {
      return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    }
  });
}
