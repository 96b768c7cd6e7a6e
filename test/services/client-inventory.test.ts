// The VPC client (endpoints, loopback-only http, error normalisation) and the inventory (pagination, progress,
// cancel, offline cache) against the emulator.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionRead, GatewayConnections, InventoryListing, InventoryProgress } from '../../core/contract.ts';
import { generateInventory } from '../../emulator/index.ts';
import { fieldForApiError, normalizeApiError } from '../../main/services/api-error.ts';
import { assertSafeEndpoint, cloudEndpointFor } from '../../main/services/endpoints.ts';
import { createVpcClient } from '../../main/services/vpc-client.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { seedWithBgpOffConnection } from './support/seeds.ts';

let h: Harness | undefined;
const servers: http.Server[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function rawServer(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('endpoints', () => {
  it('uses the central endpoint for mapped regions and the regional rule otherwise, always over HTTPS', () => {
    expect(cloudEndpointFor('cn-hangzhou')).toEqual({ endpoint: 'vpc.aliyuncs.com', protocol: 'https' });
    expect(cloudEndpointFor('ap-southeast-1').endpoint).toBe('vpc.aliyuncs.com');
    expect(cloudEndpointFor('eu-central-1')).toEqual({ endpoint: 'vpc.eu-central-1.aliyuncs.com', protocol: 'https' });
    expect(cloudEndpointFor('cn-zhangjiakou').endpoint).toBe('vpc.cn-zhangjiakou.aliyuncs.com');
  });

  it('refuses plain http to anything but loopback', () => {
    expect(() => assertSafeEndpoint({ endpoint: 'vpc.aliyuncs.com', protocol: 'http' })).toThrow(/refusing plain http/);
    expect(() => assertSafeEndpoint({ endpoint: '10.0.0.1:80', protocol: 'http' })).toThrow();
    expect(() => assertSafeEndpoint({ endpoint: '127.0.0.1:8787', protocol: 'http' })).not.toThrow();
    const client = createVpcClient({ endpointFor: () => ({ endpoint: 'example.com', protocol: 'http' }), credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });
    return expect(client.call({ action: 'DescribeRegions', RegionId: 'cn-hangzhou' })).rejects.toThrow(/refusing plain http/);
  });
});

describe('API error normalisation', () => {
  const clientFor = (endpoint: string, readTimeoutMs = 2000) =>
    createVpcClient({ endpointFor: () => ({ endpoint, protocol: 'http' }), credentials: { accessKeyId: 'LTAI-SANDBOX-FULL-ACCESS', accessKeySecret: 'sandbox-secret-not-confidential' }, readTimeoutMs });
  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return normalizeApiError(error);
    }
    throw new Error('expected a failure');
  };

  it('keeps the API code, RequestId and status of a JSON error, and marks throttling and 5xx retryable', async () => {
    h = await createHarness();
    const client = clientFor(h.emulator.endpoint);
    const notFound = await failure(client.call({ action: 'DescribeVpnGateway', RegionId: 'cn-hangzhou', query: { VpnGatewayId: 'vpn-nope' } }));
    expect(notFound).toMatchObject({ code: 'InvalidVpnGatewayInstanceId.NotFound', httpStatus: 404, retryable: false });
    expect(notFound.requestId).toMatch(/^[0-9A-F-]{36}$/);
    h.emulator.setFaults({ throttleRate: 1 });
    expect(await failure(client.call({ action: 'DescribeRegions', RegionId: 'cn-hangzhou' }))).toMatchObject({ code: 'Throttling.User', retryable: true, httpStatus: 400 });
    h.emulator.setFaults({ throttleRate: 0, serverErrorRate: 1 });
    expect(await failure(client.call({ action: 'DescribeRegions', RegionId: 'cn-hangzhou' }))).toMatchObject({ code: 'ServiceUnavailable', retryable: true, httpStatus: 503 });
    h.emulator.setFaults({ serverErrorRate: 0, resetRate: 1 });
    expect(await failure(client.call({ action: 'DescribeRegions', RegionId: 'cn-hangzhou' }))).toMatchObject({ code: expect.stringMatching(/^Network\./), retryable: true, httpStatus: 0 });
  });

  it('turns a non-JSON body, a refused connection and a silent server into retryable shapes', async () => {
    const html = await rawServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>Bad Gateway</body></html>');
    });
    expect(await failure(clientFor(html).call({ action: 'DescribeRegions', RegionId: 'cn-hangzhou' }))).toMatchObject({ code: 'Api.MalformedResponse', retryable: true });
    const silent = await rawServer(() => undefined);
    expect(await failure(clientFor(silent, 300).call({ action: 'DescribeRegions', RegionId: 'cn-hangzhou' }))).toMatchObject({ code: 'Network.Timeout', retryable: true });
    const closed = await rawServer(() => undefined);
    await new Promise((r) => servers.pop()!.close(r));
    expect(await failure(clientFor(closed).call({ action: 'DescribeRegions', RegionId: 'cn-hangzhou' }))).toMatchObject({ code: 'Network.ConnectionRefused', retryable: true });
  });

  it('maps parameter errors to the field path that caused them', () => {
    expect(fieldForApiError('IllegalParam.LocalSubnet', ['LocalSubnet'])).toBe('LocalSubnet');
    expect(fieldForApiError('InvalidName', [])).toBe('Name');
    expect(fieldForApiError('IllegalParam.TunnelCidr', ['TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr'])).toBe('TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr');
    expect(fieldForApiError('InvalidLocalBgpIp.Malformed', ['BgpConfig.LocalBgpIp'])).toBe('BgpConfig.LocalBgpIp');
    expect(fieldForApiError('Throttling', ['Name'])).toBeUndefined();
    // An older gateway refusing a switch: next to that switch, on the tunnel the change touched.
    expect(fieldForApiError('OperationUnsupported.SetDPD', ['TunnelOptionsSpecification.2.EnableDpd'])).toBe('TunnelOptionsSpecification.2.EnableDpd');
    expect(fieldForApiError('OperationUnsupported.SetNatTraversal', ['EnableNatTraversal'])).toBe('EnableNatTraversal');
    expect(fieldForApiError('OperationUnsupported.EnableBgp', ['BgpConfig.EnableBgp'])).toBe('BgpConfig.EnableBgp');
    expect(fieldForApiError('OperationUnsupported.EnableBgp', ['EnableTunnelsBgp'])).toBe('EnableTunnelsBgp');
  });
});

describe('inventory', () => {
  it('walks regions → gateways → connections → customer gateways at page size 50 with progress', async () => {
    const seed = generateInventory({ regions: 3, gateways: 12, connections: 130, seed: 3 });
    h = await createHarness({ emulator: { seed } });
    const snapshot = await h.call<InventoryListing>('loadInventory', { refresh: true });
    expect(snapshot.source).toBe('live');
    expect(snapshot.connections).toHaveLength(130);
    expect(snapshot.gateways).toHaveLength(12);
    expect(snapshot.regions).toHaveLength(3);
    expect(snapshot.errors).toEqual([]);
    const progress = h.events.filter((e) => e.event === 'inventoryProgress').map((e) => e.payload as InventoryProgress);
    expect(progress.at(-1)?.phase).toBe('done');
    const maxCompleted = Math.max(...progress.map((p) => p.completedRequests));
    const maxTotal = Math.max(...progress.map((p) => p.totalRequests));
    // 1 DescribeRegions + per region at least one page of each list, more pages for connections.
    expect(maxTotal).toBe(maxCompleted);
    expect(maxTotal).toBeGreaterThanOrEqual(1 + 3 * 3 + 1);
  });

  it('lists connections as summaries and hands out the full connections of the gateways asked for', async () => {
    const seed = generateInventory({ regions: 2, gateways: 6, connections: 60, seed: 5 });
    h = await createHarness({ emulator: { seed } });
    const listing = await h.call<InventoryListing>('loadInventory', { refresh: true });
    expect(listing.connections).toHaveLength(60);
    for (const summary of listing.connections) {
      // Each tunnel's state travels only for dual-tunnel connections (the connection's own Status is its master's).
      const keys = ['Name', 'RegionId', 'VpnConnectionId', 'VpnGatewayId', 'health', 'mode', 'search', ...(summary.mode === 'dual' ? ['tunnels'] : [])];
      expect(Object.keys(summary).filter((k) => k !== 'Status').sort()).toEqual(keys.sort());
      expect(['up', 'down', 'unknown']).toContain(summary.health);
    }
    // What the filter searches travels with each summary, and never a key: no PSK of any connection is in it.
    const full60 = await h.call<GatewayConnections>('loadGatewayConnections', { VpnGatewayIds: [...new Set(listing.connections.map((c) => c.VpnGatewayId))] });
    const psks = full60.connections.flatMap(({ connection: c }) => (c.mode === 'dual' ? c.tunnels.map((t) => t.TunnelIkeConfig.Psk) : [c.IkeConfig.Psk]));
    const facts = JSON.stringify(listing.connections.map((c) => c.search));
    for (const psk of psks) expect(facts.includes(psk.toLowerCase())).toBe(false);
    const [first, second] = [...new Set(listing.connections.map((c) => c.VpnGatewayId))];
    const expected = listing.connections.filter((c) => c.VpnGatewayId === first || c.VpnGatewayId === second);
    const full = await h.call<GatewayConnections>('loadGatewayConnections', { VpnGatewayIds: [first, second] });
    expect(full.profileId).toBe(listing.profileId);
    expect(full.fetchedAt).toBe(listing.fetchedAt);
    expect(full.connections.map((e) => e.connection.VpnConnectionId).sort()).toEqual(expected.map((c) => c.VpnConnectionId).sort());
    for (const { RegionId, connection } of full.connections) {
      const summary = expected.find((c) => c.VpnConnectionId === connection.VpnConnectionId)!;
      expect({ RegionId, Name: connection.Name, mode: connection.mode }).toEqual({ RegionId: summary.RegionId, Name: summary.Name, mode: summary.mode });
      expect(connection.mode === 'dual' ? connection.tunnels[0].TunnelIkeConfig : connection.IkeConfig).toBeDefined();
    }
    expect((await h.call<GatewayConnections>('loadGatewayConnections', { VpnGatewayIds: ['vpn-no-such-gateway'] })).connections).toEqual([]);
    const empty = await h.callRaw('loadGatewayConnections', { VpnGatewayIds: [] });
    expect(empty.ok).toBe(false);
    expect(empty.error?.field).toBe('VpnGatewayIds');
  });

  it('reads the connection being opened live: EnableBgp the list cannot give, remembered only when it changed', async () => {
    const calls: string[] = [];
    h = await createHarness({
      emulator: { seed: seedWithBgpOffConnection() },
      compose: {
        createClient: (options) => {
          const real = createVpcClient(options);
          return { call: (call) => (calls.push(call.action), real.call(call)) };
        },
      },
    });
    const first = await h.call<InventoryListing>('loadInventory', { refresh: true });
    const revision = async () => (await h!.call<InventoryListing>('loadInventory', { refresh: false })).revision;
    expect(await revision()).toBe(first.revision);
    const listed = async () =>
      (await h!.call<GatewayConnections>('loadGatewayConnections', { VpnGatewayIds: ['vpn-queue01'] })).connections.find((e) => e.connection.VpnConnectionId === 'vco-q6')!.connection;
    const bgpOf = (c: { mode: string } & Partial<{ BgpConfig: { EnableBgp: boolean } }>) => c.BgpConfig?.EnableBgp;
    const open = () => h!.call<ConnectionRead>('refreshConnection', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-q6' });
    // DescribeVpnConnections has no EnableBgp: a kept tunnel network reads as BGP on.
    expect(bgpOf(await listed())).toBe(true);
    const read = await open();
    expect(read.source).toBe('live');
    expect(read.reason).toBeUndefined();
    expect(bgpOf(read.entry!.connection)).toBe(false);
    expect(bgpOf(await listed())).toBe(false);
    // Remembered: main's snapshot has a new revision (the renderer reads again for it).
    expect(await revision()).toBe(first.revision + 1);
    // Nothing changed since: the held snapshot stays the same object (no cache rewrite for a plain open).
    const before = h.app.services.inventory.cached(read.profileId);
    await open();
    expect(h.app.services.inventory.cached(read.profileId)).toBe(before);
    expect(await revision()).toBe(first.revision + 1);
    // Gone from the cloud: an error naming the connection.
    const missing = await h.callRaw('refreshConnection', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-nosuch' });
    expect(missing.error).toMatchObject({ code: expect.stringMatching(/NotFound$/), field: 'VpnConnectionId' });
    // Throttled (or not allowed, or no credentials): main's copy, with the reason.
    h.emulator.setFaults({ throttleRate: 1, actions: ['DescribeVpnConnection'] });
    const throttled = await open();
    expect([throttled.source, throttled.reason?.code, bgpOf(throttled.entry!.connection)]).toEqual(['cache', 'Throttling.User', false]);
    h.emulator.setFaults({ throttleRate: 0, actions: [] });
    // Offline: main's copy, and once the API is known to be unreachable no call is even tried.
    await h.emulator.close();
    const cachedListing = await h.call<InventoryListing>('loadInventory', { refresh: true });
    expect([cachedListing.source, cachedListing.revision]).toEqual(['cache', first.revision + 1]);
    const callsBefore = calls.length;
    const offline = await open();
    expect(calls.length).toBe(callsBefore);
    expect([offline.source, offline.reason?.code, bgpOf(offline.entry!.connection)]).toEqual(['cache', 'Network.Offline', false]);
  });

  it('serves the cached snapshot offline (source cache) and keeps its fetch time', async () => {
    h = await createHarness();
    const live = await h.call<InventoryListing>('loadInventory', { refresh: true });
    await h.emulator.close();
    const offline = await h.call<InventoryListing>('loadInventory', { refresh: true });
    expect(offline.source).toBe('cache');
    expect(offline.fetchedAt).toBe(live.fetchedAt);
    expect(offline.connections.length).toBe(live.connections.length);
    expect(offline.errors[0]?.code).toMatch(/^Network\./);
    const connectivity = h.events.filter((e) => e.event === 'connectivity').map((e) => (e.payload as { online: boolean }).online);
    expect(connectivity).toEqual([true, false]);
    // Drafts still open from the cache with no network.
    const draft = await h.call<{ base: { Name: string } }>('openDraft', { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' });
    expect(draft.base.Name).toBe('eu office multi-subnet');
    const gateway = live.connections.find((c) => c.VpnConnectionId === 'vco-eu001')!.VpnGatewayId;
    const full = await h.call<GatewayConnections>('loadGatewayConnections', { VpnGatewayIds: [gateway] });
    expect(full.connections.map((e) => e.connection.VpnConnectionId)).toContain('vco-eu001');
    // After a restart too (cache is on disk, PSKs sealed).
    await h.restart();
    expect((await h.call<InventoryListing>('loadInventory', { refresh: false })).connections.length).toBe(live.connections.length);
  });

  it('can be cancelled', async () => {
    h = await createHarness({ emulator: { faults: { latencyMs: 150 } } });
    const loading = h.call<InventoryListing>('loadInventory', { refresh: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(await h.call('cancelInventory')).toEqual({ cancelled: true });
    const result = await loading;
    expect(result.source).toBe('empty');
    expect(h.events.some((e) => e.event === 'inventoryProgress' && (e.payload as InventoryProgress).phase === 'cancelled')).toBe(true);
  });
});
