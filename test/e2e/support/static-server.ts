// Serves the built renderer on 127.0.0.1 with the production security headers, resolving paths with the same
// function as the app:// protocol handler.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SECURITY_HEADERS } from '../../../main/security/csp.ts';
import { contentTypeFor, resolveRendererFile } from '../../../main/security/renderer-files.ts';

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveRenderer(rootDir: string): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const filePath = resolveRendererFile(rootDir, new URL(request.url ?? '/', 'http://x').pathname);
    try {
      if (!filePath) throw new Error('outside the bundle');
      const body = await readFile(filePath);
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(filePath) });
      response.end(body);
    } catch {
      response.writeHead(404, SECURITY_HEADERS);
      response.end('Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
