import OpenApiModule, * as $OpenApi from '@alicloud/openapi-client';
import OpenApiUtilModule from '@alicloud/openapi-util';
import UtilModule, * as $Util from '@alicloud/tea-util';
import { request as httpRequest } from 'node:http';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';

// The packages are CommonJS with `exports.default`; depending on the loader the class sits at .default or deeper.
type Ctor<T> = new (...args: never[]) => T;
const unwrap = <T>(m: unknown): T => ((m as { default?: unknown }).default ?? m) as T;
const OpenApiClient = unwrap<Ctor<$OpenApi.default>>(OpenApiModule);
export const OpenApiUtil = unwrap<typeof OpenApiUtilModule>(OpenApiUtilModule);
void UtilModule;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests explore response bodies freely
export type Body = any;

export type Signing = 'v3' | 'v2';
export const SIGNINGS: Signing[] = ['v3', 'v2'];

export interface ClientOptions {
  signing?: Signing;
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  readTimeout?: number;
  /** The SDK applies this to a reused keep-alive socket that never answers, too (ConnectTimeout). */
  connectTimeout?: number;
}

export interface SdkError extends Error {
  code: string;
  statusCode: number;
  data: Record<string, unknown>;
}

export class TestClient {
  private readonly client: $OpenApi.default;
  constructor(emulator: RunningEmulator, options: ClientOptions = {}) {
    const config = new $OpenApi.Config({
      accessKeyId: options.accessKeyId ?? emulator.credentials.accessKeyId,
      accessKeySecret: options.accessKeySecret ?? emulator.credentials.accessKeySecret,
      ...(options.securityToken ? { securityToken: options.securityToken } : {}),
      endpoint: emulator.endpoint,
      protocol: 'http',
      regionId: 'cn-hangzhou',
      ...(options.signing === 'v2' ? { signatureAlgorithm: 'v2' } : {}),
      ...(options.readTimeout ? { readTimeout: options.readTimeout } : {}),
      ...(options.connectTimeout ? { connectTimeout: options.connectTimeout } : {}),
    });
    this.client = new (OpenApiClient as unknown as new (c: $OpenApi.Config) => $OpenApi.default)(config);
  }

  async call(
    action: string,
    query: Record<string, string | number | boolean | undefined> = {},
    body?: Record<string, unknown>,
  ): Promise<Record<string, Body>> {
    const q: Record<string, string> = {};
    for (const [k, v] of Object.entries(query)) if (v !== undefined) q[k] = String(v);
    const params = new $OpenApi.Params({
      action,
      version: '2016-04-28',
      protocol: 'HTTP',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const request = new $OpenApi.OpenApiRequest({
      query: q,
      ...(body ? { body: OpenApiUtil.query(body) } : {}),
    });
    const response = await this.client.callApi(params, request, new $Util.RuntimeOptions({}));
    return (response as { body: Record<string, Body> }).body;
  }

  /** Resolves to the SDK error (failing the test if the call succeeded). */
  async fail(action: string, query: Record<string, string | number | boolean | undefined> = {}, body?: Record<string, unknown>): Promise<SdkError> {
    try {
      const result = await this.call(action, query, body);
      throw new Error(`expected ${action} to fail, got ${JSON.stringify(result).slice(0, 300)}`);
    } catch (e) {
      if ((e as Error).message.startsWith('expected ')) throw e;
      return e as SdkError;
    }
  }
}

export async function withEmulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  return startEmulator({ updateSeconds: 0.15, ...options });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Body;
}

/** A hand-made HTTP request, for what the SDK would never send. */
export function rawRequest(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Array<string | Buffer> },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path ?? '/', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (options.chunks) for (const c of options.chunks) req.write(c);
    req.end(options.body);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` returns true or the deadline passes (generous, to survive a loaded CI box). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await sleep(25);
  }
}
