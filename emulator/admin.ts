import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from './faults.ts';
import { ApiError, errorBody } from './http/errors.ts';
import { readBody } from './http/body.ts';
import { sendJson } from './http/respond.ts';
import type { Store } from './state/store.ts';
import type { PeerConfig } from './types.ts';

export const ADMIN_PREFIX = '/__emulator';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBody(req, 64 * 1024)).toString('utf8');
  try {
    const value: unknown = raw === '' ? {} : JSON.parse(raw);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new ApiError(400, 'InvalidParameter', 'The admin request body must be a JSON object.');
}

/**
 * Test and tooling hooks, unsigned on purpose: the whole emulator is loopback-only sandbox data. Requests from any
 * other address are refused even if someone re-binds the server.
 */
export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  deps: { store: Store; faults: Faults },
): Promise<void> {
  const requestId = 'admin';
  try {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      throw new ApiError(403, 'Forbidden', 'The admin endpoint only answers loopback clients.');
    }
    const route = path.slice(ADMIN_PREFIX.length) || '/';
    const method = req.method ?? 'GET';
    if (route === '/state' && method === 'GET') return sendJson(res, 200, deps.store.dump());
    if (route === '/health' && method === 'GET') return sendJson(res, 200, { ok: true });
    if (route === '/faults' && method === 'GET') return sendJson(res, 200, deps.faults.config);
    if (route === '/faults' && (method === 'PUT' || method === 'POST')) {
      const body = await jsonBody(req);
      try {
        return sendJson(res, 200, deps.faults.set(body));
      } catch (e) {
        throw new ApiError(400, 'InvalidParameter', (e as Error).message);
      }
    }
    if (route === '/modifications' && method === 'GET') {
      const id = query.get('VpnGatewayId');
      if (id) return sendJson(res, 200, { VpnGatewayId: id, ModificationCount: deps.store.modificationCount(id) });
      const counts: Record<string, number> = {};
      for (const [gwId, r] of deps.store.gateways) counts[gwId] = r.modifications;
      return sendJson(res, 200, { ModificationCounts: counts });
    }
    const peer = /^\/peers\/([^/]+)$/.exec(route);
    if (peer && (method === 'PUT' || method === 'POST')) {
      const id = decodeURIComponent(peer[1] as string);
      if (!deps.store.customerGateways.has(id)) {
        throw new ApiError(404, 'InvalidCustomerGatewayInstanceId.NotFound', 'The specified customer gateway does not exist.');
      }
      deps.store.setPeer(id, (await jsonBody(req)) as PeerConfig);
      return sendJson(res, 200, { CustomerGatewayId: id, Peer: deps.store.peers.get(id) });
    }
    throw new ApiError(404, 'NotFound', `No admin route ${method} ${route}.`);
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError(500, 'InternalError', (e as Error).message);
    sendJson(res, err.status, errorBody(requestId, err.code, err.message));
  }
}
