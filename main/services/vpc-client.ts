// The one way main talks to the VPC API: @alicloud/openapi-client's generic RPC call (it signs; we never do),
// over HTTPS to Alibaba Cloud or plain http to the loopback emulator, with timeouts, a deadline, a cap on what an
// answer may weigh, and every failure normalised.
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import OpenApiModule, * as $OpenApi from '@alicloud/openapi-client';
import * as $Util from '@alicloud/tea-util';
import { ApiError, normalizeApiError, type ApiErrorShape } from './api-error.ts';
import { assertSafeEndpoint, type Endpoint } from './endpoints.ts';

export const VPC_API_VERSION = '2016-04-28';

/** Every VPC API action the app calls. The Sandbox must answer each: main/services/sandbox.ts checks the emulator's
 * action map against this list by type, test/integration/sandbox-actions.test.ts at run time. */
export const VPC_ACTIONS = [
  'DescribeRegions',
  'DescribeVpnGateways',
  'DescribeVpnGateway',
  'DescribeVpnConnections',
  'DescribeVpnConnection',
  'DescribeCustomerGateways',
  'DescribeCustomerGateway',
  'ModifyVpnConnectionAttribute',
] as const;

export type VpcAction = (typeof VPC_ACTIONS)[number];

export type ApiBody = Record<string, unknown>;

export interface VpcCall {
  action: VpcAction;
  /** Region the call is about; picks the endpoint and is sent as the RegionId parameter. */
  RegionId: string;
  query?: Record<string, string>;
  /** Form-body parameters, already flattened (`TunnelOptionsSpecification.1.Role`). */
  body?: Record<string, string>;
}

export interface VpcClient {
  call(call: VpcCall): Promise<ApiBody>;
}

/** Static keys, or an @alicloud/credentials provider (RAM role: it refreshes STS tokens itself). */
export type ClientCredentials =
  | { accessKeyId: string; accessKeySecret: string; securityToken?: string }
  | { credential: unknown };

export interface VpcClientOptions {
  endpointFor(RegionId: string): Endpoint;
  credentials: ClientCredentials;
  readTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** The most one call may take, answer read included (default: connect + read timeout). */
  deadlineMs?: number;
  /** The most bytes one answer may have on the wire (default 8 MiB; a page of 50 connections is about 0.2 MB). */
  maxBodyBytes?: number;
  /** Told after each call whether the service answered at all (any HTTP response counts as reachable). */
  onReachability?(reachable: boolean, error?: ApiErrorShape): void;
}

export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

type OpenApiClient = { callApi(params: $OpenApi.Params, request: $OpenApi.OpenApiRequest, runtime: $Util.RuntimeOptions): Promise<unknown> };
type Ctor = new (config: $OpenApi.Config) => OpenApiClient;
// CommonJS with `exports.default`: depending on the loader the class sits at .default or one level deeper.
const unwrap = (m: unknown): unknown => (m as { default?: unknown }).default ?? m;
const OpenApiClientCtor = ((unwrap(unwrap(OpenApiModule)) as Ctor | undefined) ?? (OpenApiModule as unknown as Ctor)) as Ctor;

/** What one call's HTTP requests may do, and what they did. */
interface Exchange {
  maxBodyBytes: number;
  requests: Set<ClientRequest>;
  /** Status and encoding of the last answer, for messages about bodies that are not JSON. */
  httpStatus: number;
  contentEncoding: string;
  cut: 'tooLarge' | 'deadline' | 'readTimeout' | null;
}

// openapi-client reads a whole answer (an error answer before we even see it) into memory with no limit, and
// hands out neither its request nor a size option. Node publishes every outgoing request on this channel in the
// async context of the code that made it, so the requests made inside `exchanges.run` (the call's own, and any
// STS request its credentials provider makes for it) are watched, and no one else's.
const exchanges = new AsyncLocalStorage<Exchange>();
diagnostics.subscribe('http.client.request.start', (message) => {
  const exchange = exchanges.getStore();
  if (exchange) watch(exchange, (message as { request: ClientRequest }).request);
});

function watch(exchange: Exchange, request: ClientRequest): void {
  exchange.requests.add(request);
  let received = 0;
  let socket: Socket | null = null;
  // Counted on the socket: a listener on the response itself would start it flowing before openapi-client reads it.
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received > exchange.maxBodyBytes) cut(exchange, 'tooLarge');
  };
  const attach = (s: Socket) => {
    socket = s;
    s.on('data', count);
  };
  // A kept-alive socket goes on to serve other requests: stop counting once this one is over.
  const detach = () => {
    socket?.removeListener('data', count);
    socket = null;
    exchange.requests.delete(request);
  };
  if (request.socket) attach(request.socket);
  else request.once('socket', attach);
  request.once('response', (response: IncomingMessage) => {
    exchange.httpStatus = response.statusCode ?? 0;
    exchange.contentEncoding = String(response.headers['content-encoding'] ?? '');
    if (Number(response.headers['content-length']) > exchange.maxBodyBytes) cut(exchange, 'tooLarge');
    response.once('end', detach);
  });
  request.once('close', detach);
  // httpx aborts (the only caller of the deprecated abort()) when its read timer runs out; if the body had started
  // coming, the reader then sees "aborted", which would otherwise read as a connection reset.
  request.once('abort', () => (exchange.cut ??= 'readTimeout'));
}

function cut(exchange: Exchange, reason: NonNullable<Exchange['cut']>): void {
  exchange.cut ??= reason;
  for (const request of exchange.requests) request.destroy();
}

// Bodies are parsed here (openapi-client hands them over as text), so their size is known: the paged reads
// budget a whole list by it.
const bodySizes = new WeakMap<object, number>();

/** Size of an answer's body in characters, 0 for one this client did not parse. */
export function responseBytes(body: ApiBody): number {
  return bodySizes.get(body) ?? 0;
}

function malformedAnswer(action: VpcAction, exchange: Exchange, what: string): ApiErrorShape {
  const encoding = exchange.contentEncoding && exchange.contentEncoding !== 'identity' ? ` (content-encoding ${exchange.contentEncoding}, which was not asked for)` : '';
  return {
    code: 'Api.MalformedResponse',
    message: `${action}: HTTP ${exchange.httpStatus || 'answer'} ${what}${encoding}.`,
    requestId: null,
    httpStatus: exchange.httpStatus,
    retryable: true,
  };
}

function parseBody(action: VpcAction, text: unknown, exchange: Exchange): ApiBody {
  if (typeof text !== 'string') throw new ApiError(malformedAnswer(action, exchange, 'without a body'));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(malformedAnswer(action, exchange, `with a body that is not JSON (${text.length} characters)`));
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(malformedAnswer(action, exchange, `with JSON that is not an object (${Array.isArray(body) ? 'an array' : body === null ? 'null' : typeof body})`));
  }
  bodySizes.set(body, text.length);
  return body as ApiBody;
}

/** Why a call failed, in the terms of what its exchange saw (a cut, a status the error itself does not carry). */
function failureOf(action: VpcAction, error: unknown, exchange: Exchange, deadlineMs: number, readTimeoutMs: number): ApiErrorShape {
  if (exchange.cut === 'tooLarge') {
    return {
      code: 'Api.ResponseTooLarge',
      message: `${action}: the answer is larger than ${Math.round(exchange.maxBodyBytes / 1048576)} MiB; it was cut off unread.`,
      requestId: null,
      httpStatus: exchange.httpStatus,
      retryable: false,
    };
  }
  if (exchange.cut === 'deadline' || exchange.cut === 'readTimeout') {
    const seconds = (exchange.cut === 'deadline' ? deadlineMs : readTimeoutMs) / 1000;
    return { code: 'Network.Timeout', message: `${action}: no complete answer within ${seconds} s.`, requestId: null, httpStatus: 0, retryable: true };
  }
  if (error instanceof SyntaxError && exchange.httpStatus > 0) return malformedAnswer(action, exchange, 'with a body that is not JSON');
  const shape = normalizeApiError(error);
  // An error status whose body was JSON but not an object (openapi-client then throws a plain Error).
  if (shape.code === 'Api.Unknown' && shape.httpStatus === 0 && exchange.httpStatus >= 400) {
    return normalizeApiError({ statusCode: exchange.httpStatus, data: { statusCode: exchange.httpStatus } });
  }
  return shape;
}

export function createVpcClient(options: VpcClientOptions): VpcClient {
  const clients = new Map<string, OpenApiClient>();
  const readTimeout = options.readTimeoutMs ?? 15_000;
  const connectTimeout = options.connectTimeoutMs ?? 5_000;
  const deadlineMs = options.deadlineMs ?? connectTimeout + readTimeout;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const clientFor = (endpoint: Endpoint, RegionId: string): OpenApiClient => {
    assertSafeEndpoint(endpoint);
    const cacheKey = `${endpoint.protocol}://${endpoint.endpoint}`;
    let client = clients.get(cacheKey);
    if (!client) {
      const creds = options.credentials;
      const config = new $OpenApi.Config({
        ...('credential' in creds
          ? { credential: creds.credential }
          : { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret, ...(creds.securityToken ? { securityToken: creds.securityToken } : {}) }),
        endpoint: endpoint.endpoint,
        protocol: endpoint.protocol,
        regionId: RegionId,
        readTimeout,
        connectTimeout,
      } as ConstructorParameters<typeof $OpenApi.Config>[0]);
      client = new OpenApiClientCtor(config);
      clients.set(cacheKey, client);
    }
    return client;
  };

  // A read whose connection was reset before any answer is sent once more on a fresh connection: the usual cause is
  // a keep-alive socket the server (or a load balancer) closed while it sat idle in the pool, and a Describe* is
  // safe to repeat. Writes are not repeated here: the apply engine re-sends them under the same ClientToken.
  return {
    async call(request) {
      if (!request.action.startsWith('Describe')) return attempt(request, true);
      try {
        return await attempt(request, false);
      } catch (error) {
        const shape = error instanceof ApiError ? error.shape : null;
        if (shape?.code !== 'Network.ConnectionReset') {
          if (shape) options.onReachability?.(!shape.code.startsWith('Network.'), shape);
          throw error;
        }
        return attempt(request, true);
      }
    },
  };

  async function attempt({ action, RegionId, query = {}, body }: Parameters<VpcClient['call']>[0], report: boolean): Promise<ApiBody> {
    const endpoint = options.endpointFor(RegionId);
    const params = new $OpenApi.Params({
      action,
      version: VPC_API_VERSION,
      protocol: endpoint.protocol.toUpperCase(),
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      // Text, parsed here: openapi-client's own JSON reading throws a bare "not a object" for an array or a number.
      bodyType: 'string',
    });
    const request = new $OpenApi.OpenApiRequest({ query: { RegionId, ...query }, ...(body && Object.keys(body).length > 0 ? { body } : {}) });
    const runtime = new $Util.RuntimeOptions({ readTimeout, connectTimeout, autoretry: false });
    const exchange: Exchange = { maxBodyBytes, requests: new Set(), httpStatus: 0, contentEncoding: '', cut: null };
    // httpx's read timeout already runs from connect to the last byte; this is the backstop that holds whatever
    // the library does (a credentials refresh, a timer on a reused socket), and it tears the requests down.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        cut(exchange, 'deadline');
        reject(new Error('deadline'));
      }, deadlineMs);
    });
    try {
      const answer = exchanges.run(exchange, () => clientFor(endpoint, RegionId).callApi(params, request, runtime)) as Promise<{ body?: unknown }>;
      answer.catch(() => undefined);
      const response = await Promise.race([answer, deadline]);
      options.onReachability?.(true);
      return parseBody(action, response.body, exchange);
    } catch (error) {
      const shape = error instanceof ApiError ? error.shape : failureOf(action, error, exchange, deadlineMs, readTimeout);
      // A failed call leaves nothing running: httpx's read timeout rejects without aborting, so a body could still
      // be downloading (finished requests have left the set already).
      for (const request of exchange.requests) request.destroy();
      if (report) options.onReachability?.(!shape.code.startsWith('Network.'), shape);
      throw new ApiError(shape);
    } finally {
      clearTimeout(timer);
    }
  }
}
