import { afterEach, describe, expect, test } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.ts';
import { type Body, SIGNINGS, TestClient, withEmulator } from './helpers.ts';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** An emulator on a hand-driven clock, so the updating → active cycle is exact and never flaky. */
async function manualClock(updateSeconds = 30): Promise<{ em: RunningEmulator; advance: (ms: number) => void }> {
  let now = Date.now();
  emulator = await withEmulator({ updateSeconds, clock: () => now });
  return { em: emulator, advance: (ms) => (now += ms) };
}

const HZ = { RegionId: 'cn-hangzhou' };

describe.each(SIGNINGS)('ModifyVpnConnectionAttribute behaviour (%s)', (signing) => {
  test('single-tunnel: lenient JSON parameters, returns at once, gateway cycles updating → active', async () => {
    const { em, advance } = await manualClock();
    const client = new TestClient(em, { signing });
    const res = await client.call('ModifyVpnConnectionAttribute', {
      ...HZ,
      VpnConnectionId: 'vco-hzbgp001',
      Name: 'renamed branch',
      EffectImmediately: true,
      IkeConfig: JSON.stringify({ Psk: 'new+Psk/1*~', IkeVersion: 'ikev2', IkeLifetime: '3600', IkeAuthAlg: 'sha256' }),
      IpsecConfig: JSON.stringify({ IpsecPfs: 'disabled', IpsecLifetime: 1800 }),
      HealthCheckConfig: JSON.stringify({ Enable: true, Dip: '192.168.60.1', Sip: '10.60.0.1', Interval: 5, Retry: '4' }),
      BgpConfig: JSON.stringify({ EnableBgp: true, LocalAsn: '1.10', TunnelCidr: '169.254.21.0/30', LocalBgpIp: '169.254.21.1' }),
      EnableDpd: false,
    });
    expect(res.VpnConnectionId).toBe('vco-hzbgp001');
    expect(res.Name).toBe('renamed branch');
    expect(res.EffectImmediately).toBe(true);
    expect(res.EnableDpd).toBe(false);
    expect(res.IkeConfig).toMatchObject({ Psk: 'new+Psk/1*~', IkeVersion: 'ikev2', IkeLifetime: 3600, IkeAuthAlg: 'sha256' });
    expect(res.IpsecConfig).toMatchObject({ IpsecPfs: 'disabled', IpsecLifetime: 1800 });
    expect(res.VcoHealthCheck).toMatchObject({ Enable: 'true', Dip: '192.168.60.1', Interval: 5, Retry: 4 });
    expect(res.VpnBgpConfig).toMatchObject({ EnableBgp: 'true', LocalAsn: 65546, TunnelCidr: '169.254.21.0/30' });
    expect(res.TunnelOptionsSpecification).toBeUndefined();

    const gw = (): Promise<Record<string, Body>> => client.call('DescribeVpnGateway', { ...HZ, VpnGatewayId: 'vpn-hzsingle01' });
    expect((await gw()).Status).toBe('updating');
    const during = await client.call('DescribeVpnConnection', { ...HZ, VpnConnectionId: 'vco-hzbgp001' });
    expect(during.State).toBe('updating');
    expect(during.IkeConfig.Psk).toBe('new+Psk/1*~');
    advance(29_000);
    expect((await gw()).Status).toBe('updating');
    advance(2_000);
    expect((await gw()).Status).toBe('active');
    const after = await client.call('DescribeVpnConnection', { ...HZ, VpnConnectionId: 'vco-hzbgp001' });
    expect(after.State).toBe('active');
    expect(em.modificationCount('vpn-hzsingle01')).toBe(1);
  });

  test('dual-tunnel by TunnelId changes only the addressed tunnel', async () => {
    const { em } = await manualClock();
    const client = new TestClient(em, { signing });
    const res = await client.call(
      'ModifyVpnConnectionAttribute',
      { ...HZ, VpnConnectionId: 'vco-hzdual001', EnableTunnelsBgp: true },
      {
        TunnelOptionsSpecification: [
          {
            TunnelId: 'tun-hzdual001s',
            EnableNatTraversal: false,
            TunnelIkeConfig: { Psk: 'slave-new-psk', IkeLifetime: 7200 },
            TunnelIpsecConfig: { IpsecEncAlg: 'aes256' },
            TunnelBgpConfig: { LocalAsn: 65100, TunnelCidr: '169.254.12.0/30', LocalBgpIp: '169.254.12.1' },
          },
        ],
      },
    );
    const [master, slave] = res.TunnelOptionsSpecification.TunnelOptions;
    expect(slave.EnableNatTraversal).toBe(false);
    expect(slave.TunnelIkeConfig.IkeLifetime).toBe(7200);
    expect(slave.TunnelBgpConfig.LocalAsn).toBe(65100);
    expect(master.TunnelIkeConfig.Psk).toBe('hzA-master-Psk1');
    const d = await client.call('DescribeVpnConnection', { ...HZ, VpnConnectionId: 'vco-hzdual001' });
    const dSlave = d.TunnelOptionsSpecification.TunnelOptions.find((t: { Role: string }) => t.Role === 'slave');
    expect(dSlave.TunnelIkeConfig.Psk).toBe('slave-new-psk');
    expect(dSlave.TunnelIkeConfig.IkeLifetime).toBe('7200');
    expect(dSlave.EnableNatTraversal).toBe('false');
    expect(dSlave.TunnelBgpConfig.TunnelCidr).toBe('169.254.12.0/30');
    expect(dSlave.TunnelIpsecConfig.IpsecEncAlg).toBe('aes256');
  });

  test('dual-tunnel by Role (no TunnelId, as terraform sends it), both tunnels in one request', async () => {
    const { em } = await manualClock();
    const client = new TestClient(em, { signing });
    await client.call(
      'ModifyVpnConnectionAttribute',
      { ...HZ, VpnConnectionId: 'vco-hzdual002' },
      {
        TunnelOptionsSpecification: [
          { Role: 'slave', EnableDpd: true, TunnelIkeConfig: { Psk: 'slave-by-role', IkeVersion: 'ikev2' } },
          { Role: 'master', TunnelIkeConfig: { Psk: 'master-by-role' }, TunnelIpsecConfig: { IpsecPfs: 'group5' } },
        ],
      },
    );
    const d = await client.call('DescribeVpnConnection', { ...HZ, VpnConnectionId: 'vco-hzdual002' });
    const byRole = Object.fromEntries(d.TunnelOptionsSpecification.TunnelOptions.map((t: { Role: string }) => [t.Role, t]));
    expect(byRole.master.TunnelIkeConfig.Psk).toBe('master-by-role');
    expect(byRole.master.TunnelIpsecConfig.IpsecPfs).toBe('group5');
    expect(byRole.slave.TunnelIkeConfig.Psk).toBe('slave-by-role');
    expect(byRole.slave.TunnelIkeConfig.IkeVersion).toBe('ikev2');
    expect(byRole.slave.EnableDpd).toBe('true');
    expect(em.modificationCount('vpn-hzdual001')).toBe(1);
  });

  test('a second modify on the updating gateway is VpnGateway.Configuring, and succeeds once active', async () => {
    const { em, advance } = await manualClock(5);
    const client = new TestClient(em, { signing });
    await client.call('ModifyVpnConnectionAttribute', { ...HZ, VpnConnectionId: 'vco-hzpol001', Name: 'first' });
    const err = await client.fail('ModifyVpnConnectionAttribute', { ...HZ, VpnConnectionId: 'vco-hzpol002', Name: 'second' });
    expect(err.code).toBe('VpnGateway.Configuring');
    expect(err.statusCode).toBe(400);
    const other = await client.call('ModifyVpnConnectionAttribute', { ...HZ, VpnConnectionId: 'vco-hzbgp001', Name: 'other gateway' });
    expect(other.Name).toBe('other gateway');
    advance(6_000);
    const ok = await client.call('ModifyVpnConnectionAttribute', { ...HZ, VpnConnectionId: 'vco-hzpol002', Name: 'second' });
    expect(ok.Name).toBe('second');
    expect(em.modificationCount('vpn-hzpolicy01')).toBe(2);
  });

  test('ClientToken: a repeat returns the first result without a second modification, even while updating', async () => {
    const { em, advance } = await manualClock(5);
    const client = new TestClient(em, { signing });
    const query = { ...HZ, VpnConnectionId: 'vco-hzpol001', Name: 'idempotent', ClientToken: `token-${signing}` };
    const first = await client.call('ModifyVpnConnectionAttribute', query);
    const second = await client.call('ModifyVpnConnectionAttribute', query);
    expect(second).toEqual(first);
    advance(6_000);
    const third = await client.call('ModifyVpnConnectionAttribute', query);
    expect(third.RequestId).toBe(first.RequestId);
    expect(em.modificationCount('vpn-hzpolicy01')).toBe(1);
    expect((await client.call('DescribeVpnGateway', { ...HZ, VpnGatewayId: 'vpn-hzpolicy01' })).Status).toBe('active');
  });

  test('IkeConfig without Psk gets a random 16-character key', async () => {
    const { em } = await manualClock();
    const client = new TestClient(em, { signing });
    const res = await client.call('ModifyVpnConnectionAttribute', {
      ...HZ,
      VpnConnectionId: 'vco-hzbgp001',
      IkeConfig: JSON.stringify({ IkePfs: 'group14' }),
    });
    expect(res.IkeConfig.Psk).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(res.IkeConfig.Psk).not.toBe('hz-branch-bgp-psk');
    expect(res.IkeConfig.IkePfs).toBe('group14');
    const d = await client.call('DescribeVpnConnection', { ...HZ, VpnConnectionId: 'vco-hzbgp001' });
    expect(d.IkeConfig.Psk).toBe(res.IkeConfig.Psk);
  });

  test('values at the documented limits are accepted (and no limit is invented where the document has none)', async () => {
    const { em } = await manualClock();
    const client = new TestClient(em, { signing });
    const symbols = "~!`@#$%^&*()_-+={}[]|;:',.<>/?";
    const res = await client.call('ModifyVpnConnectionAttribute', {
      ...HZ,
      VpnConnectionId: 'vco-hzbgp001',
      Name: '名'.repeat(100),
      IkeConfig: JSON.stringify({ Psk: symbols, IkeLifetime: 0, LocalId: '网'.repeat(100), RemoteId: 'x'.repeat(100) }),
      IpsecConfig: JSON.stringify({ IpsecLifetime: 86400 }),
      HealthCheckConfig: JSON.stringify({ enable: 'true', dip: '192.168.1.1', sip: '10.1.1.1', interval: '5000', retry: '500' }),
      BgpConfig: JSON.stringify({ EnableBgp: 'true', LocalAsn: '65535.65535', TunnelCidr: '169.254.6.4/30', LocalBgpIp: '169.254.6.6' }),
    });
    expect(res.IkeConfig).toMatchObject({ Psk: symbols, IkeLifetime: 0, LocalId: '网'.repeat(100) });
    expect(res.VcoHealthCheck).toMatchObject({ Interval: 5000, Retry: 500 });
    expect(res.VpnBgpConfig).toMatchObject({ LocalAsn: 4294967295, TunnelCidr: '169.254.6.4/30' });
  });

  test('a tunnel network moves while tunnel BGP is off when the request repeats the current LocalAsn', async () => {
    const { em } = await manualClock();
    const client = new TestClient(em, { signing });
    const res = await client.call(
      'ModifyVpnConnectionAttribute',
      { ...HZ, VpnConnectionId: 'vco-hzdual002' },
      { TunnelOptionsSpecification: [{ TunnelId: 'tun-hzdual002m', Role: 'master', TunnelBgpConfig: { LocalAsn: 45104, TunnelCidr: '169.254.47.0/30', LocalBgpIp: '169.254.47.1' } }] },
    );
    expect(res.EnableTunnelsBgp).toBe(false);
    expect(res.TunnelOptionsSpecification.TunnelOptions[0].TunnelBgpConfig).toMatchObject({ LocalAsn: 45104, TunnelCidr: '169.254.47.0/30' });
  });

  test('SM gateway accepts SM algorithms and a new CA certificate', async () => {
    const { em } = await manualClock();
    const client = new TestClient(em, { signing });
    const pem = '-----BEGIN CERTIFICATE----- MIIBnewSANDBOX -----END CERTIFICATE-----';
    const res = await client.call('ModifyVpnConnectionAttribute', {
      RegionId: 'cn-shanghai',
      VpnConnectionId: 'vco-shsm001',
      IkeConfig: JSON.stringify({ Psk: 'sm-new-psk', IkeEncAlg: 'sm4', IkeAuthAlg: 'sm3', IkeVersion: 'ikev1', IkeMode: 'main' }),
      IpsecConfig: JSON.stringify({ IpsecEncAlg: 'sm4', IpsecAuthAlg: 'sm3' }),
      RemoteCaCertificate: pem,
    });
    expect(res.IkeConfig.IkeEncAlg).toBe('sm4');
    const d = await client.call('DescribeVpnConnection', { RegionId: 'cn-shanghai', VpnConnectionId: 'vco-shsm001' });
    expect(d.RemoteCaCertificate).toBe(pem);
  });
});

test('the real clock also completes the cycle (small updateSeconds)', async () => {
  emulator = await withEmulator({ updateSeconds: 0.1 });
  const client = new TestClient(emulator);
  await client.call('ModifyVpnConnectionAttribute', { ...HZ, VpnConnectionId: 'vco-hzpol001', Name: 'real clock' });
  const seen = new Set<string>();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const status = (await client.call('DescribeVpnGateway', { ...HZ, VpnGatewayId: 'vpn-hzpolicy01' })).Status as string;
    seen.add(status);
    if (status === 'active') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(seen.has('active')).toBe(true);
});
