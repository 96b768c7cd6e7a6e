import { afterEach, expect, test } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.ts';
import { type Body, TestClient, withEmulator } from './helpers.ts';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setup(): Promise<{ client: TestClient; advance: (ms: number) => void }> {
  let now = Date.now();
  emulator = await withEmulator({ updateSeconds: 10, clock: () => now });
  return { client: new TestClient(emulator), advance: (ms) => (now += ms) };
}

const describeConn = (client: TestClient, id: string, region = 'cn-hangzhou') =>
  client.call('DescribeVpnConnection', { RegionId: region, VpnConnectionId: id });

test('a PSK the peer does not share drops the tunnel after the update; matching the peer brings it back', async () => {
  const { client, advance } = await setup();
  expect((await describeConn(client, 'vco-hzbgp001')).Status).toBe('ipsec_sa_established');
  await client.call('ModifyVpnConnectionAttribute', {
    RegionId: 'cn-hangzhou',
    VpnConnectionId: 'vco-hzbgp001',
    IkeConfig: JSON.stringify({ Psk: 'not-what-the-peer-has', IkeVersion: 'ikev2' }),
  });
  // While the change is pushed the old SAs stay up.
  expect((await describeConn(client, 'vco-hzbgp001')).Status).toBe('ipsec_sa_established');
  advance(11_000);
  expect((await describeConn(client, 'vco-hzbgp001')).Status).toBe('ike_sa_not_established');
  emulator?.setPeer('cgw-hz005', { Psk: 'not-what-the-peer-has', IkeVersion: 'ikev2' });
  expect((await describeConn(client, 'vco-hzbgp001')).Status).toBe('ipsec_sa_established');
});

test('a phase-2 proposal mismatch leaves IKE up but IPsec down', async () => {
  const { client, advance } = await setup();
  await client.call('ModifyVpnConnectionAttribute', {
    RegionId: 'cn-hangzhou',
    VpnConnectionId: 'vco-hzbgp001',
    IpsecConfig: JSON.stringify({ IpsecPfs: 'group14' }),
  });
  advance(11_000);
  expect((await describeConn(client, 'vco-hzbgp001')).Status).toBe('ipsec_sa_not_established');
});

test('dual tunnel: each tunnel negotiates against its own customer gateway', async () => {
  const { client, advance } = await setup();
  const before = await describeConn(client, 'vco-sgdual001', 'ap-southeast-1');
  const status = (d: Record<string, Body>, role: string): string =>
    d.TunnelOptionsSpecification.TunnelOptions.find((t: { Role: string }) => t.Role === role).Status;
  // Seeded: the backup peer was never given the new PSK.
  expect(status(before, 'master')).toBe('ipsec_sa_established');
  expect(status(before, 'slave')).toBe('ike_sa_not_established');
  await client.call(
    'ModifyVpnConnectionAttribute',
    { RegionId: 'ap-southeast-1', VpnConnectionId: 'vco-sgdual001' },
    { TunnelOptionsSpecification: [{ Role: 'slave', TunnelIkeConfig: { Psk: 'old-psk-never-updated' } }] },
  );
  advance(11_000);
  const after = await describeConn(client, 'vco-sgdual001', 'ap-southeast-1');
  expect(status(after, 'slave')).toBe('ipsec_sa_established');
  expect(status(after, 'master')).toBe('ipsec_sa_established');
  expect(after.Status).toBe('ipsec_sa_established');
});

test('the admin endpoint sets a peer too, and an offline peer negotiates nothing', async () => {
  const { client } = await setup();
  const res = await fetch(`${emulator?.adminUrl}/peers/cgw-hz006`, {
    method: 'PUT',
    body: JSON.stringify({ Online: false }),
  });
  expect(res.status).toBe(200);
  expect((await describeConn(client, 'vco-hzpol001')).Status).toBe('ike_sa_not_established');
  const unknown = await fetch(`${emulator?.adminUrl}/peers/cgw-nope`, { method: 'PUT', body: '{}' });
  expect(unknown.status).toBe(404);
});
