import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ACTIONS } from './actions/index.ts';
import type { PartialTunnel, TunnelModeMismatch } from './actions/context.ts';
import { Params } from './actions/params.ts';
import { ADMIN_PREFIX, handleAdmin } from './admin.ts';
import type { NonceStore } from './auth/nonces.ts';
import { authenticate } from './auth/verify.ts';
import type { Faults } from './faults.ts';
import { type Pair, pairsToRecord, parsePairs, readBody } from './http/body.ts';
import { ApiError, errorBody } from './http/errors.ts';
import { sendJson, sendRawJsonError } from './http/respond.ts';
import type { Store } from './state/store.ts';
import type { DualTopLevel } from './state/views.ts';
import type { AccessKey, LostAnswerKind } from './types.ts';

// Signature and transport parameters: verified by auth, never passed to actions.
const COMMON_PARAMS = new Set([
  'Action', 'Version', 'Format', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce',
  'Timestamp', 'SecurityToken', 'SignatureType', 'BearerToken',
]);

export interface ServerDeps {
  store: Store;
  faults: Faults;
  keys: ReadonlyMap<string, AccessKey>;
  nonces: NonceStore;
  dualTopLevel: DualTopLevel;
  tunnelModeMismatch: TunnelModeMismatch;
  partialTunnel: PartialTunnel;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  console.error('[emulator] unexpected error', e);
  return new ApiError(500, 'InternalError', 'The request processing has failed due to some unknown error.');
}

const BAD_GATEWAY_HTML = '<html><body>502 Bad Gateway</body></html>';

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function parseBody(req: IncomingMessage, raw: Buffer): Pair[] {
  if (raw.length === 0) return [];
  const type = (headerValue(req, 'content-type') ?? '').toLowerCase();
  if (type !== '' && !type.startsWith('application/x-www-form-urlencoded')) {
    throw new ApiError(400, 'InvalidParameter', `Unsupported request body content type "${type}" for an RPC API.`);
  }
  const text = raw.toString('utf8');
  if (text.includes('\uFFFD')) throw new ApiError(400, 'InvalidParameter', 'The request body is not valid UTF-8.');
  return parsePairs(text, 'request body');
}

export function createEmulatorServer(deps: ServerDeps): { server: Server; hangingSockets: Set<Socket> } {
  const hangingSockets = new Set<Socket>();

  /** Holds the socket open without answering; `hangMs` > 0 destroys it after that long. */
  function hang(req: IncomingMessage): void {
    const hangMs = deps.faults.config.hangMs;
    hangingSockets.add(req.socket);
    req.socket.once('close', () => hangingSockets.delete(req.socket));
    if (hangMs > 0) setTimeout(() => req.socket.destroy(), hangMs).unref();
  }

  /** The request was carried out (its answer is `body`); what the client gets instead. */
  function loseAnswer(req: IncomingMessage, res: ServerResponse, kind: LostAnswerKind, body: unknown, requestId: string): void {
    if (kind === 'reset') {
      req.socket.destroy();
    } else if (kind === 'timeout') {
      hang(req);
    } else if (kind === '5xx') {
      // What a load balancer in front of the API answers when the backend's reply never reaches it.
      res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(BAD_GATEWAY_HTML) });
      res.end(BAD_GATEWAY_HTML);
    } else {
      // A truncated copy of the real answer: a strict prefix of a JSON object is never valid JSON.
      const text = JSON.stringify(body);
      const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      res.writeHead(200, {
        'content-type': 'application/json;charset=utf-8',
        'content-length': Buffer.byteLength(cut),
        'x-acs-request-id': requestId,
      });
      res.end(cut);
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, rawQuery: string, requestId: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'POST') {
      throw new ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    }
    const query = parsePairs(rawQuery, 'query string');
    const actionHint = query.find((p) => p.key === 'Action')?.value ?? headerValue(req, 'x-acs-action');
    const fault = deps.faults.decide(actionHint);
    if (fault.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'hang') {
      hang(req);
      return;
    }
    if (fault.lostAnswer) {
      // The request runs exactly as a normal one (success or API error), then its answer is lost.
      let answer: unknown;
      try {
        answer = await runApi(req, method, query, fault.latencyMs, requestId);
      } catch (e) {
        const err = toApiError(e);
        answer = errorBody(requestId, err.code, err.message);
      }
      loseAnswer(req, res, fault.lostAnswer, answer, requestId);
      return;
    }
    if (fault.kind === 'throttle' || fault.kind === 'server-error' || fault.kind === 'conflict') {
      parseBody(req, await readBody(req));
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.kind === 'throttle') {
        throw new ApiError(400, 'Throttling.User', 'Request was denied due to user flow control.');
      }
      // The document's VpnTask.CONFLICT: another task holds the VPN; the request did not run.
      if (fault.kind === 'conflict') throw new ApiError(400, 'VpnTask.CONFLICT', 'Vpn task has conflict.');
      throw new ApiError(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.');
    }
    sendJson(res, 200, await runApi(req, method, query, fault.latencyMs, requestId), requestId);
  }

  /** Reads, authenticates and runs one API request; resolves to the answer body or throws its ApiError. */
  async function runApi(
    req: IncomingMessage,
    method: string,
    query: Pair[],
    latencyMs: number,
    requestId: string,
  ): Promise<Record<string, unknown>> {
    const rawBody = await readBody(req);
    const body = parseBody(req, rawBody);
    if (latencyMs > 0) await sleep(latencyMs);
    const auth = authenticate(
      { method, path: '/', query, body, rawBody, headers: req.headers },
      { now: deps.store.now(), keys: deps.keys, nonces: deps.nonces, actions: new Set(ACTIONS.keys()) },
    );
    const params: Record<string, string> = pairsToRecord(query.filter((p) => !COMMON_PARAMS.has(p.key)));
    Object.assign(params, pairsToRecord(body));
    const handler = ACTIONS.get(auth.action);
    if (!handler) throw new ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found.');
    const result = handler({
      params: new Params(params),
      store: deps.store,
      requestId,
      accessKeyId: auth.accessKeyId,
      dualTopLevel: deps.dualTopLevel,
      tunnelModeMismatch: deps.tunnelModeMismatch,
      partialTunnel: deps.partialTunnel,
    });
    return { RequestId: requestId, ...result };
  }

  const server = createServer((req, res) => {
    const requestId = randomUUID().toUpperCase();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const done = (e: unknown): void => {
      const err = toApiError(e);
      if (err.status === 413) res.setHeader('connection', 'close');
      sendJson(res, err.status, errorBody(requestId, err.code, err.message), requestId);
    };
    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
      handleAdmin(req, res, path, new URLSearchParams(rawQuery), deps).catch(done);
      return;
    }
    if (path !== '/') {
      done(new ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.'));
      return;
    }
    handleApi(req, res, rawQuery, requestId).catch(done);
  });
  server.on('clientError', (err, socket) => {
    sendRawJsonError(socket as Socket, randomUUID().toUpperCase(), 'BadRequest', `Malformed HTTP request: ${(err as Error).message}`);
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return { server, hangingSockets };
}
