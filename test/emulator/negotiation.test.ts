import { afterEach, describe, expect, test } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.ts';
import { type Body, TestClient, withEmulator } from './helpers.ts';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const HZ = { RegionId: 'cn-hangzhou' };
const MODIFY = 'ModifyVpnConnectionAttribute';

/** Hand-driven clock: updates last 10 s; `renegotiateSeconds` after that, changed tunnels renegotiate. */
async function setup(renegotiateSeconds?: number): Promise<{ client: TestClient; em: RunningEmulator; advance: (ms: number) => void }> {
  let now = Date.now();
  emulator = await withEmulator({ updateSeconds: 10, clock: () => now, ...(renegotiateSeconds !== undefined && { renegotiateSeconds }) });
  return { client: new TestClient(emulator), em: emulator, advance: (ms) => (now += ms) };
}

const describeConn = (client: TestClient, id: string): Promise<Record<string, Body>> =>
  client.call('DescribeVpnConnection', { ...HZ, VpnConnectionId: id });

const tunnel = (d: Record<string, Body>, role: string): Body =>
  d.TunnelOptionsSpecification.TunnelOptions.find((t: { Role: string }) => t.Role === role);

describe('BGP status follows the tunnel negotiation', () => {
  test('single tunnel: success only while the IPsec SA is up; a PSK or IPsec mismatch reads false', async () => {
    const { client, em } = await setup();
    const up = await describeConn(client, 'vco-hzbgp001');
    expect(up.Status).toBe('ipsec_sa_established');
    expect(up.VpnBgpConfig).toMatchObject({ EnableBgp: 'true', Status: 'success' });

    em.setPeer('cgw-hz005', { Psk: 'the-peer-has-another-psk' });
    const down = await describeConn(client, 'vco-hzbgp001');
    expect(down.Status).toBe('ike_sa_not_established');
    expect(down.VpnBgpConfig).toMatchObject({ EnableBgp: 'true', Status: 'false' });
    const listed = await client.call('DescribeVpnConnections', { ...HZ, VpnGatewayId: 'vpn-hzsingle01' });
    expect(listed.VpnConnections.VpnConnection[0].VpnBgpConfig.Status).toBe('false');

    em.setPeer('cgw-hz005', { IpsecPfs: 'group14' });
    const phase2 = await describeConn(client, 'vco-hzbgp001');
    expect(phase2.Status).toBe('ipsec_sa_not_established');
    expect(phase2.VpnBgpConfig.Status).toBe('false');

    em.setPeer('cgw-hz005', {});
    expect((await describeConn(client, 'vco-hzbgp001')).VpnBgpConfig.Status).toBe('success');

    // The Modify response reports the same (while updating: the status the tunnel still has).
    em.setPeer('cgw-hz005', { Online: false });
    const modified = await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzbgp001', Name: 'bgp down' });
    expect(modified.VpnBgpConfig).toMatchObject({ EnableBgp: 'true', Status: 'false' });
  });

  test('single tunnel with BGP off: Status stays false as before', async () => {
    const { client } = await setup();
    const c = await describeConn(client, 'vco-hzpol001');
    expect(c.Status).toBe('ipsec_sa_established');
    expect(c.VpnBgpConfig).toMatchObject({ EnableBgp: 'false', Status: 'false' });
  });

  test('dual tunnel: each tunnel BgpStatus follows its own negotiation', async () => {
    const { client, em } = await setup();
    const before = await describeConn(client, 'vco-hzdual001');
    expect(tunnel(before, 'master').TunnelBgpConfig.BgpStatus).toBe('success');
    expect(tunnel(before, 'slave').TunnelBgpConfig.BgpStatus).toBe('success');

    em.setPeer('cgw-hz002', { Psk: 'not-the-slave-psk' });
    const after = await describeConn(client, 'vco-hzdual001');
    expect(tunnel(after, 'slave').Status).toBe('ike_sa_not_established');
    expect(tunnel(after, 'slave').TunnelBgpConfig.BgpStatus).toBe('false');
    expect(tunnel(after, 'master').Status).toBe('ipsec_sa_established');
    expect(tunnel(after, 'master').TunnelBgpConfig.BgpStatus).toBe('success');

    // BGP off: false whatever the negotiation, as before.
    const off = await describeConn(client, 'vco-hzdual002');
    expect(tunnel(off, 'master').Status).toBe('ipsec_sa_established');
    expect(tunnel(off, 'master').TunnelBgpConfig.BgpStatus).toBe('false');
  });
});

describe('renegotiation after an update (renegotiateSeconds)', () => {
  test('single tunnel: a changed IKE setting reads ike_sa_not_established for renegotiateSeconds, then negotiates', async () => {
    const { client, em, advance } = await setup(5);
    await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzbgp001', IkeConfig: JSON.stringify({ Psk: 'hz-branch-bgp-psk', IkeLifetime: 3600 }) });
    // During the update the old SAs stay up.
    expect((await describeConn(client, 'vco-hzbgp001')).Status).toBe('ipsec_sa_established');
    advance(10_500);
    const renegotiating = await describeConn(client, 'vco-hzbgp001');
    expect(renegotiating).toMatchObject({ State: 'active', Status: 'ike_sa_not_established' });
    expect(renegotiating.VpnBgpConfig.Status).toBe('false');
    expect((await client.call('DescribeVpnGateway', { ...HZ, VpnGatewayId: 'vpn-hzsingle01' })).Status).toBe('active');
    const dump = em.dumpState() as { renegotiateSeconds: number; vpnConnections: Array<{ VpnConnectionId: string; renegotiatingUntil: number }> };
    expect(dump.renegotiateSeconds).toBe(5);
    expect(dump.vpnConnections.find((c) => c.VpnConnectionId === 'vco-hzbgp001')?.renegotiatingUntil).toBeGreaterThan(0);
    advance(4_000);
    expect((await describeConn(client, 'vco-hzbgp001')).Status).toBe('ike_sa_not_established');
    advance(1_000);
    const up = await describeConn(client, 'vco-hzbgp001');
    expect(up.Status).toBe('ipsec_sa_established');
    expect(up.VpnBgpConfig.Status).toBe('success');
  });

  test('single tunnel: DPD and the subnets count as negotiation settings; Name or a repeated value does not', async () => {
    const { client, advance } = await setup(5);
    const statusAfterUpdate = async (query: Record<string, string | boolean>): Promise<string> => {
      await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzbgp001', ...query });
      advance(10_500);
      const status = (await describeConn(client, 'vco-hzbgp001')).Status as string;
      advance(6_000);
      return status;
    };
    expect(await statusAfterUpdate({ Name: 'just a name' })).toBe('ipsec_sa_established');
    expect(await statusAfterUpdate({ IkeConfig: JSON.stringify({ IkeLifetime: 86400, Psk: 'hz-branch-bgp-psk' }) })).toBe('ipsec_sa_established');
    expect(await statusAfterUpdate({ EnableDpd: false })).toBe('ike_sa_not_established');
    expect(await statusAfterUpdate({ EnableNatTraversal: false })).toBe('ike_sa_not_established');
    expect(await statusAfterUpdate({ LocalSubnet: '10.50.0.0/16', RemoteSubnet: '192.168.50.0/24' })).toBe('ike_sa_not_established');
    expect(await statusAfterUpdate({ IpsecConfig: JSON.stringify({ IpsecLifetime: 1800 }) })).toBe('ike_sa_not_established');
  });

  test('a PSK the peer does not share stays down after renegotiating', async () => {
    const { client, advance } = await setup(5);
    await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzbgp001', IkeConfig: JSON.stringify({ Psk: 'not-the-peer-psk' }) });
    advance(10_500);
    expect((await describeConn(client, 'vco-hzbgp001')).Status).toBe('ike_sa_not_established');
    advance(5_000);
    const after = await describeConn(client, 'vco-hzbgp001');
    expect(after.Status).toBe('ike_sa_not_established');
    expect(after.VpnBgpConfig.Status).toBe('false');
  });

  test('dual tunnel: only the tunnel the Modify changed renegotiates; the other keeps its status', async () => {
    const { client, advance } = await setup(5);
    // The slave sent whole, as a client must (a tunnel element that leaves parts out resets them: modify-behaviour).
    const slave = tunnel(await describeConn(client, 'vco-hzdual001'), 'slave');
    const { EnableDpd, EnableNatTraversal, TunnelIkeConfig, TunnelIpsecConfig } = slave;
    await client.call(
      MODIFY,
      { ...HZ, VpnConnectionId: 'vco-hzdual001' },
      { TunnelOptionsSpecification: [{ Role: 'slave', EnableDpd, EnableNatTraversal, TunnelIkeConfig, TunnelIpsecConfig: { ...TunnelIpsecConfig, IpsecLifetime: 3600 } }] },
    );
    advance(10_500);
    const during = await describeConn(client, 'vco-hzdual001');
    expect(tunnel(during, 'slave').Status).toBe('ike_sa_not_established');
    expect(tunnel(during, 'slave').TunnelBgpConfig.BgpStatus).toBe('false');
    expect(tunnel(during, 'master').Status).toBe('ipsec_sa_established');
    expect(tunnel(during, 'master').TunnelBgpConfig.BgpStatus).toBe('success');
    expect(during.Status).toBe('ipsec_sa_established');
    advance(5_000);
    const after = await describeConn(client, 'vco-hzdual001');
    expect(tunnel(after, 'slave').Status).toBe('ipsec_sa_established');
    expect(tunnel(after, 'slave').TunnelBgpConfig.BgpStatus).toBe('success');
  });

  test('dual tunnel: a subnet change renegotiates both tunnels, and the connection Status follows the master', async () => {
    const { client, advance } = await setup(5);
    await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzdual002', LocalSubnet: '10.11.0.0/16' });
    advance(10_500);
    const during = await describeConn(client, 'vco-hzdual002');
    expect(tunnel(during, 'master').Status).toBe('ike_sa_not_established');
    expect(tunnel(during, 'slave').Status).toBe('ike_sa_not_established');
    expect(during.Status).toBe('ike_sa_not_established');
    advance(5_000);
    const after = await describeConn(client, 'vco-hzdual002');
    expect(tunnel(after, 'master').Status).toBe('ipsec_sa_established');
    expect(tunnel(after, 'slave').Status).toBe('ipsec_sa_established');
    expect(after.Status).toBe('ipsec_sa_established');
  });

  test('default 0: the negotiated status right after the update, as before', async () => {
    const { client, em, advance } = await setup();
    await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzbgp001', IkeConfig: JSON.stringify({ Psk: 'hz-branch-bgp-psk', IkeLifetime: 3600 }) });
    advance(10_500);
    expect((await describeConn(client, 'vco-hzbgp001')).Status).toBe('ipsec_sa_established');
    expect((em.dumpState() as { renegotiateSeconds: number }).renegotiateSeconds).toBe(0);
  });
});
