// A misbehaving stand-in for the VPC API on 127.0.0.1: each hostile-input test scripts what it answers (lying
// TotalCount, ignored paging, HTML, huge or compressed bodies, a drip, silence). It checks no signature; the
// client signs anyway, so what reaches it is exactly what the real service would get.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { normalizeApiError, type ApiErrorShape } from '../../../main/services/api-error.ts';

export interface FakeCall {
  Action: string;
  /** Query and form-body parameters together, as the service reads them. */
  params: Record<string, string>;
}

export type FakeResponder = (call: FakeCall, res: http.ServerResponse) => void;

export interface FakeVpcServer {
  /** host:port, as `Endpoint.endpoint` takes it. */
  endpoint: string;
  calls: FakeCall[];
  count(Action: string): number;
  /** How many response body bytes the server managed to write (what a client-side cap must keep small). */
  bytesWritten(): number;
  close(): Promise<void>;
}

export const FAKE_CREDENTIALS = { accessKeyId: 'LTAI-hostile-test', accessKeySecret: 'not-a-secret' };

export async function startFakeVpcServer(respond: FakeResponder): Promise<FakeVpcServer> {
  const calls: FakeCall[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const params = Object.fromEntries([...url.searchParams, ...new URLSearchParams(Buffer.concat(chunks).toString())]);
      // openapi-client names the action in a header (ACS3 style) or, with the older signature, in the query.
      const call = { Action: String(req.headers['x-acs-action'] ?? params.Action ?? ''), params };
      calls.push(call);
      respond(call, res);
    });
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    count: (Action) => calls.filter((c) => c.Action === Action).length,
    bytesWritten: () => [...sockets].reduce((sum, s) => sum + s.bytesWritten, 0),
    close: () =>
      new Promise<void>((resolve) => {
        // Dripping and silent answers hold their sockets open; they must not keep the test process alive.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: http.ServerResponse, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.write(text);
  res.end();
}

/** Writes `total` bytes of `fill` as fast as the client takes them, and stops when the client goes away. */
export function streamBytes(res: http.ServerResponse, total: number, options: { status?: number; headers?: http.OutgoingHttpHeaders; fill?: string } = {}): void {
  res.writeHead(options.status ?? 200, { 'content-type': 'application/json', ...options.headers });
  const chunk = Buffer.alloc(64 * 1024, options.fill ?? ' ');
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
      sent += piece.length;
      if (!res.write(piece)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => (sent = total));
  pump();
}

/** One byte every `everyMs`, for ever: a body that never ends but is never silent either. */
export function drip(res: http.ServerResponse, everyMs = 50): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{');
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), everyMs);
  res.on('close', () => clearInterval(timer));
}

export function gatewayItem(VpnGatewayId: string): Record<string, unknown> {
  return { VpnGatewayId, Name: VpnGatewayId, Status: 'active', BusinessStatus: 'Normal', VpnType: 'Normal', InternetIp: '47.0.0.1' };
}

/** A single-tunnel connection as DescribeVpnConnection(s) describes it. */
export function connectionItem(VpnConnectionId: string, VpnGatewayId = 'vpn-fake-1'): Record<string, unknown> {
  return {
    VpnConnectionId,
    VpnGatewayId,
    CustomerGatewayId: 'cgw-fake-1',
    Name: VpnConnectionId,
    LocalSubnet: '10.0.0.0/24',
    RemoteSubnet: '192.168.0.0/24',
    EffectImmediately: false,
    Status: 'ike_sa_not_established',
    IkeConfig: { Psk: 'fake-psk-1234', IkeVersion: 'ikev2', IkeMode: 'main', IkeEncAlg: 'aes', IkeAuthAlg: 'sha1', IkePfs: 'group2', IkeLifetime: 86400, LocalId: '', RemoteId: '' },
    IpsecConfig: { IpsecEncAlg: 'aes', IpsecAuthAlg: 'sha1', IpsecPfs: 'group2', IpsecLifetime: 86400 },
  };
}

/** A page of a Describe*s list in the service's shape: `{ Outer: { Inner: items }, TotalCount, PageNumber, PageSize }`. */
export function listPage(outer: string, inner: string, items: unknown[], TotalCount: unknown, PageNumber: number): Record<string, unknown> {
  return { RequestId: `fake-${outer}-${PageNumber}`, [outer]: { [inner]: items }, TotalCount, PageNumber, PageSize: 50 };
}

/** Any list an inventory load asks for, holding `total` items and claiming `lie` as TotalCount (PageNumber honoured). */
export function honestList(call: FakeCall, total: number, lie: unknown = total): Record<string, unknown> {
  const n = Number(call.params.PageNumber ?? 1);
  const size = Number(call.params.PageSize ?? 50);
  const ids = Array.from({ length: Math.max(0, Math.min(size, total - (n - 1) * size)) }, (_, i) => (n - 1) * size + i + 1);
  if (call.Action === 'DescribeVpnGateways') return listPage('VpnGateways', 'VpnGateway', ids.map((i) => gatewayItem(`vpn-fake-${i}`)), lie, n);
  if (call.Action === 'DescribeVpnConnections') return listPage('VpnConnections', 'VpnConnection', ids.map((i) => connectionItem(`vco-fake-${i}`)), lie, n);
  return listPage('CustomerGateways', 'CustomerGateway', ids.map((i) => ({ CustomerGatewayId: `cgw-fake-${i}`, Name: '', IpAddress: '198.51.100.1' })), lie, n);
}

export const REGIONS_BODY = { RequestId: 'fake-regions', Regions: { Region: [{ RegionId: 'cn-hangzhou', LocalName: 'China (Hangzhou)' }] } };

/** The shape a call failed with, and how long it took to fail. */
export async function failure(promise: Promise<unknown>): Promise<ApiErrorShape & { ms: number }> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return { ...normalizeApiError(error), ms: performance.now() - started };
  }
  throw new Error('expected the call to fail');
}

/** How far the process's resident memory rose above where it started while `run` ran (sampled every 10 ms). */
export async function memoryRiseDuring<T>(run: () => Promise<T>): Promise<{ result: T; riseMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, riseMb: (peak - before) / 1048576 };
  } finally {
    clearInterval(sampler);
  }
}

/** What composeApp's `sandbox` option takes, pointing the Sandbox profile at a fake server. */
export function sandboxOn(fake: FakeVpcServer) {
  return async () => ({ endpoint: fake.endpoint, credentials: FAKE_CREDENTIALS, close: async () => undefined });
}
