// The emulator's external negotiator (the hook the strongSwan-backed peer uses): asked after an update ends, with
// the connection as Describe returns it, for each tunnel whose negotiation settings changed; its answer is what the
// tunnel reads until the next change, and a newer change supersedes an older answer.
import { afterEach, describe, expect, test } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.ts';
import type { NegotiationStatus } from '../../emulator/types.ts';
import { type Body, TestClient, withEmulator } from './helpers.ts';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const HZ = { RegionId: 'cn-hangzhou' };
const EU = { RegionId: 'eu-central-1' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await sleep(25);
  }
}

describe('external peer negotiator', () => {
  test('single tunnel: asked once after the update with the changed connection; its answer is the status', async () => {
    const asked: Array<{ connection: Record<string, Body>; tunnelId: string | null }> = [];
    emulator = await withEmulator({
      updateSeconds: 0.1,
      peerNegotiator: async (connection, tunnelId) => {
        asked.push({ connection, tunnelId });
        return (connection.IkeConfig as { IkeEncAlg: string }).IkeEncAlg === 'aes256' ? 'ike_sa_not_established' : 'ipsec_sa_established';
      },
    });
    const client = new TestClient(emulator);
    const read = () => client.call('DescribeVpnConnection', { ...EU, VpnConnectionId: 'vco-eu001' });
    expect((await read()).Status).toBe('ipsec_sa_established');
    // A rename does not renegotiate: the negotiator is not asked.
    await client.call('ModifyVpnConnectionAttribute', { ...EU, VpnConnectionId: 'vco-eu001', Name: 'renamed' });
    await sleep(300);
    expect(asked).toHaveLength(0);

    const before = await read();
    const ike = { ...(before.IkeConfig as Record<string, unknown>), IkeEncAlg: 'aes256' };
    await client.call('ModifyVpnConnectionAttribute', { ...EU, VpnConnectionId: 'vco-eu001', IkeConfig: JSON.stringify(ike) });
    const down = await waitFor(read, (c) => c.Status === 'ike_sa_not_established' && asked.length > 0);
    expect(down.Status).toBe('ike_sa_not_established');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.tunnelId).toBeNull();
    expect(asked[0]!.connection).toMatchObject({ VpnConnectionId: 'vco-eu001', IkeConfig: { IkeEncAlg: 'aes256', Psk: before.IkeConfig.Psk } });

    // Changing it back asks again and the tunnel comes up.
    await client.call('ModifyVpnConnectionAttribute', { ...EU, VpnConnectionId: 'vco-eu001', IkeConfig: JSON.stringify(before.IkeConfig) });
    const up = await waitFor(read, (c) => c.Status === 'ipsec_sa_established' && asked.length === 2);
    expect(up.Status).toBe('ipsec_sa_established');
  });

  test('dual tunnel: only the changed tunnel is asked, by its TunnelId; while asked it reads not established', async () => {
    let release: (s: NegotiationStatus) => void = () => undefined;
    const asked: Array<string | null> = [];
    emulator = await withEmulator({
      updateSeconds: 0.1,
      peerNegotiator: (_connection, tunnelId) => {
        asked.push(tunnelId);
        return new Promise((resolve) => (release = resolve));
      },
    });
    const client = new TestClient(emulator);
    const read = () => client.call('DescribeVpnConnection', { ...HZ, VpnConnectionId: 'vco-hzdual001' });
    const before = await read();
    const tunnels = before.TunnelOptionsSpecification.TunnelOptions as Array<Record<string, Body>>;
    const slave = tunnels.find((t) => t.Role === 'slave')!;
    await client.call(
      'ModifyVpnConnectionAttribute',
      { ...HZ, VpnConnectionId: 'vco-hzdual001' },
      { TunnelOptionsSpecification: [{ TunnelId: slave.TunnelId, TunnelIkeConfig: { IkeEncAlg: slave.TunnelIkeConfig.IkeEncAlg === 'aes192' ? 'aes256' : 'aes192' } }] },
    );
    const pending = await waitFor(read, () => asked.length > 0);
    const state = (c: Record<string, Body>, role: string) => (c.TunnelOptionsSpecification.TunnelOptions as Array<Record<string, Body>>).find((t) => t.Role === role)!.Status;
    expect(asked).toEqual([slave.TunnelId]);
    expect(state(pending, 'slave')).toBe('ike_sa_not_established');
    expect(state(pending, 'master')).toBe('ipsec_sa_established');
    release('ipsec_sa_not_established');
    const answered = await waitFor(read, (c) => state(c, 'slave') === 'ipsec_sa_not_established');
    expect(state(answered, 'slave')).toBe('ipsec_sa_not_established');
  });
});

describe('external peer negotiator: answers that outlive a change, and close', () => {
  test('an answer still in flight holds after a change that does not touch negotiation (a rename)', async () => {
    let release: (s: NegotiationStatus) => void = () => undefined;
    emulator = await withEmulator({ updateSeconds: 0.05, peerNegotiator: () => new Promise((resolve) => (release = resolve)) });
    const client = new TestClient(emulator);
    const read = () => client.call('DescribeVpnConnection', { ...EU, VpnConnectionId: 'vco-eu001' });
    const before = await read();
    await client.call('ModifyVpnConnectionAttribute', { ...EU, VpnConnectionId: 'vco-eu001', IkeConfig: JSON.stringify({ ...(before.IkeConfig as Record<string, unknown>), IkeEncAlg: 'aes256' }) });
    await sleep(200);
    await client.call('ModifyVpnConnectionAttribute', { ...EU, VpnConnectionId: 'vco-eu001', Name: 'renamed while negotiating' });
    await sleep(200);
    release('ipsec_sa_established');
    const after = await waitFor(read, (c) => c.Status === 'ipsec_sa_established');
    expect(after.Status).toBe('ipsec_sa_established');
  });

  test('close stops asking: a second tunnel waiting is never asked, and close waits for the one being asked', async () => {
    const asked: Array<string | null> = [];
    let release: (s: NegotiationStatus) => void = () => undefined;
    emulator = await withEmulator({
      updateSeconds: 0.05,
      peerNegotiator: (_c, tunnelId) => {
        asked.push(tunnelId);
        return new Promise((resolve) => (release = resolve));
      },
    });
    const client = new TestClient(emulator);
    // Both tunnels change: two negotiations queued, one at a time.
    await client.call('ModifyVpnConnectionAttribute', { ...HZ, VpnConnectionId: 'vco-hzdual001' }, {
      TunnelOptionsSpecification: [
        { TunnelId: 'tun-hzdual001m', TunnelIkeConfig: { IkeEncAlg: 'aes192' } },
        { TunnelId: 'tun-hzdual001s', TunnelIkeConfig: { IkeEncAlg: 'aes192' } },
      ],
    });
    await waitFor(async () => asked.length, (n) => n > 0);
    const closing = emulator.close();
    release('ipsec_sa_established');
    await closing;
    emulator = undefined;
    await sleep(100);
    expect(asked).toHaveLength(1);
  });
});
