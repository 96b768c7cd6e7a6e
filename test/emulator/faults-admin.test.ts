import { afterEach, describe, expect, test } from 'vitest';
import { parseFaultSpec, type RunningEmulator } from '../../emulator/index.ts';
import { TestClient, withEmulator } from './helpers.ts';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function outcomes(em: RunningEmulator, n: number): Promise<string[]> {
  const client = new TestClient(em);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    try {
      await client.call('DescribeRegions');
      out.push('ok');
    } catch (e) {
      out.push((e as { code?: string }).code ?? 'error');
    }
  }
  return out;
}

describe('fault injection', () => {
  test('throttling and 5xx reach the SDK with their codes and HTTP statuses', async () => {
    emulator = await withEmulator({ faults: { throttleRate: 1 } });
    const client = new TestClient(emulator);
    const throttled = await client.fail('DescribeRegions');
    expect(throttled.code).toBe('Throttling.User');
    expect(throttled.statusCode).toBe(400);
    emulator.setFaults({ throttleRate: 0, serverErrorRate: 1 });
    const unavailable = await client.fail('DescribeRegions');
    expect(unavailable.code).toBe('ServiceUnavailable');
    expect(unavailable.statusCode).toBe(503);
    emulator.setFaults({ serverErrorRate: 0 });
    expect((await client.call('DescribeRegions')).Regions).toBeDefined();
  });

  test('faulted Modify requests change nothing', async () => {
    emulator = await withEmulator({ faults: { throttleRate: 1, actions: ['ModifyVpnConnectionAttribute'] } });
    const client = new TestClient(emulator);
    expect((await client.call('DescribeRegions')).Regions).toBeDefined();
    const err = await client.fail('ModifyVpnConnectionAttribute', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzpol001', Name: 'x' });
    expect(err.code).toBe('Throttling.User');
    expect(emulator.modificationCount('vpn-hzpolicy01')).toBe(0);
  });

  test('the same seed gives the same fault sequence; a mix of rates shows up', async () => {
    const faults = { seed: 42, throttleRate: 0.3, serverErrorRate: 0.3 };
    emulator = await withEmulator({ faults });
    const first = await outcomes(emulator, 30);
    emulator.setFaults(faults);
    const second = await outcomes(emulator, 30);
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'Throttling.User', 'ServiceUnavailable']));
    emulator.setFaults({ seed: 43 });
    expect(await outcomes(emulator, 30)).not.toEqual(first);
  });

  test('connection reset surfaces as a network error, and the server keeps serving', async () => {
    emulator = await withEmulator({ faults: { resetRate: 1 } });
    const client = new TestClient(emulator);
    const err = await client.fail('DescribeRegions');
    expect(err.code ?? (err as { name: string }).name).toBeTruthy();
    expect(err.statusCode).toBeUndefined();
    emulator.setFaults({ resetRate: 0 });
    expect((await client.call('DescribeRegions')).Regions).toBeDefined();
  });

  test('a hang holds the request until the client times out; hangMs ends it from the server side', async () => {
    emulator = await withEmulator({ faults: { hangRate: 1 } });
    const impatient = new TestClient(emulator, { readTimeout: 300 });
    const err = await impatient.fail('DescribeRegions');
    expect(String(err.message)).toMatch(/timeout|socket hang up|ECONNRESET/i);
    emulator.setFaults({ hangMs: 100 });
    const cut = await new TestClient(emulator, { readTimeout: 10_000 }).fail('DescribeRegions');
    expect(String(cut.message)).toMatch(/socket hang up|ECONNRESET/i);
    emulator.setFaults({ hangRate: 0 });
    expect((await new TestClient(emulator).call('DescribeRegions')).Regions).toBeDefined();
  });

  test('added latency delays responses without failing them', async () => {
    emulator = await withEmulator({ faults: { latencyMs: 150 } });
    const start = performance.now();
    await new TestClient(emulator).call('DescribeRegions');
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
  });

  test('close() ends hanging requests instead of waiting for them', async () => {
    emulator = await withEmulator({ faults: { hangRate: 1 } });
    const pending = new TestClient(emulator, { readTimeout: 60_000 }).fail('DescribeRegions');
    await new Promise((r) => setTimeout(r, 50));
    await emulator.close();
    expect((await pending).message).toBeTruthy();
  });

  test('--faults spec parsing', () => {
    expect(parseFaultSpec('throttle=0.1,5xx=0.2,latency=50,reset=0.01,hang=0.02,hangMs=1000,seed=9,actions=DescribeRegions|DescribeVpnGateway')).toMatchObject({
      throttleRate: 0.1,
      serverErrorRate: 0.2,
      latencyMs: 50,
      resetRate: 0.01,
      hangRate: 0.02,
      hangMs: 1000,
      seed: 9,
      actions: ['DescribeRegions', 'DescribeVpnGateway'],
    });
    expect(parseFaultSpec('{"throttleRate":0.5}').throttleRate).toBe(0.5);
    expect(() => parseFaultSpec('throttle=2')).toThrow();
    expect(() => parseFaultSpec('bogus=1')).toThrow();
  });
});

describe('admin endpoint', () => {
  test('faults, state dump and modification counts over HTTP', async () => {
    emulator = await withEmulator();
    const admin = emulator.adminUrl;
    expect(admin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__emulator$/);
    const put = await fetch(`${admin}/faults`, { method: 'PUT', body: JSON.stringify({ throttleRate: 1, seed: 5 }) });
    expect(((await put.json()) as { throttleRate: number }).throttleRate).toBe(1);
    const client = new TestClient(emulator);
    expect((await client.fail('DescribeRegions')).code).toBe('Throttling.User');
    // Admin calls are never faulted.
    expect(((await (await fetch(`${admin}/faults`)).json()) as { seed: number }).seed).toBe(5);
    await fetch(`${admin}/faults`, { method: 'PUT', body: JSON.stringify({ throttleRate: 0 }) });

    await client.call('ModifyVpnConnectionAttribute', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzpol001', Name: 'via admin test' });
    const count = (await (await fetch(`${admin}/modifications?VpnGatewayId=vpn-hzpolicy01`)).json()) as { ModificationCount: number };
    expect(count.ModificationCount).toBe(1);
    const all = (await (await fetch(`${admin}/modifications`)).json()) as { ModificationCounts: Record<string, number> };
    expect(all.ModificationCounts['vpn-hzdual001']).toBe(0);
    const state = (await (await fetch(`${admin}/state`)).json()) as {
      vpnConnections: Array<{ VpnConnectionId: string; Name: string; State: string }>;
      vpnGateways: Array<{ VpnGatewayId: string; Status: string }>;
    };
    expect(state.vpnConnections.find((c) => c.VpnConnectionId === 'vco-hzpol001')?.Name).toBe('via admin test');
    expect(state.vpnGateways.find((g) => g.VpnGatewayId === 'vpn-hzpolicy01')?.Status).toBe('updating');
    expect(emulator.dumpState()).toMatchObject({ vpnConnections: expect.any(Array) });
  });
});
