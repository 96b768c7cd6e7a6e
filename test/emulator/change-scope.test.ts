// Issue 14 on the emulator's side: a request is judged by what it sends (a connection's live faults elsewhere do not
// refuse it), IKEv1 with several subnets is refused only when introduced, a tunnel element that leaves part of its
// tunnel out resets it (the behaviour the app's whole-tunnel requests protect against), and the codes the app must
// handle: VpnTask.CONFLICT, OperationUnsupported.* and MissingParameter.TunnelCidr.
import { afterEach, describe, expect, test } from 'vitest';
import { DEFAULT_SEED, parseFaultSpec, type EmulatorSeed, type RunningEmulator } from '../../emulator/index.ts';
import { type Body, TestClient, withEmulator } from './helpers.ts';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const HZ = { RegionId: 'cn-hangzhou' };
const MODIFY = 'ModifyVpnConnectionAttribute';

/** The default seed with some connections and gateways changed. */
function seedWith(change: { connections?: Record<string, object>; gateways?: Record<string, object> }): EmulatorSeed {
  const seed = structuredClone(DEFAULT_SEED);
  seed.vpnConnections = seed.vpnConnections.map((c) => ({ ...c, ...change.connections?.[c.VpnConnectionId] }));
  seed.vpnGateways = seed.vpnGateways.map((g) => ({ ...g, ...change.gateways?.[g.VpnGatewayId] }));
  return seed;
}

async function start(seed?: EmulatorSeed, options: Parameters<typeof withEmulator>[0] = {}): Promise<TestClient> {
  emulator = await withEmulator({ updateSeconds: 0, ...(seed && { seed }), ...options });
  return new TestClient(emulator);
}

const describeConn = (client: TestClient, id: string, region = HZ): Promise<Record<string, Body>> =>
  client.call('DescribeVpnConnection', { ...region, VpnConnectionId: id });
const tunnel = (d: Record<string, Body>, role: string): Body => d.TunnelOptionsSpecification.TunnelOptions.find((t: { Role: string }) => t.Role === role);

describe('a tunnel element that leaves part of its tunnel out (partialTunnel)', () => {
  test('reset (default): what it leaves out gets the creation defaults, a random PSK among them', async () => {
    const client = await start();
    const before = tunnel(await describeConn(client, 'vco-hzdual002'), 'slave');
    await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzdual002' }, { TunnelOptionsSpecification: [{ Role: 'slave', EnableDpd: false }] });
    const after = tunnel(await describeConn(client, 'vco-hzdual002'), 'slave');
    expect(after.EnableDpd).toBe('false');
    expect(after.TunnelIkeConfig.Psk).not.toBe(before.TunnelIkeConfig.Psk);
    expect(after.TunnelIkeConfig.Psk).toMatch(/^[A-Za-z0-9]{16}$/);
    // The peer still expects the old key: the tunnel is down.
    expect(after.Status).toBe('ike_sa_not_established');
  });

  test('a whole element keeps everything it repeats', async () => {
    const client = await start();
    const before = tunnel(await describeConn(client, 'vco-hzdual002'), 'slave');
    const { EnableNatTraversal, TunnelIkeConfig, TunnelIpsecConfig } = before;
    await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzdual002' }, { TunnelOptionsSpecification: [{ Role: 'slave', EnableDpd: false, EnableNatTraversal, TunnelIkeConfig, TunnelIpsecConfig }] });
    const after = tunnel(await describeConn(client, 'vco-hzdual002'), 'slave');
    expect(after.TunnelIkeConfig).toEqual(before.TunnelIkeConfig);
    expect(after.Status).toBe('ipsec_sa_established');
  });

  test('keep: the older, lenient reading keeps what the element leaves out', async () => {
    const client = await start(undefined, { partialTunnel: 'keep' });
    const before = tunnel(await describeConn(client, 'vco-hzdual002'), 'slave');
    await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzdual002' }, { TunnelOptionsSpecification: [{ Role: 'slave', EnableDpd: false }] });
    expect(tunnel(await describeConn(client, 'vco-hzdual002'), 'slave').TunnelIkeConfig.Psk).toBe(before.TunnelIkeConfig.Psk);
  });
});

describe('judged by what the request sends', () => {
  // vco-hzpol002 shares vco-hzpol001's VPN gateway and customer gateway; here its live PSK already differs.
  const split = () => seedWith({ connections: { 'vco-hzpol002': { IkeConfig: { ...DEFAULT_SEED.vpnConnections.find((c) => c.VpnConnectionId === 'vco-hzpol002')!.IkeConfig, Psk: 'diverged-psk' } } } });

  test('a rename is accepted although the live IKE settings differ from a sibling on the same customer gateway', async () => {
    const client = await start(split());
    await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzpol001', Name: 'renamed' });
    expect((await describeConn(client, 'vco-hzpol001')).Name).toBe('renamed');
  });

  test('a request that sends IkeConfig is still refused', async () => {
    const client = await start(split());
    const ike = (await describeConn(client, 'vco-hzpol001')).IkeConfig;
    const error = await client.fail(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzpol001', IkeConfig: JSON.stringify({ ...ike, IkeLifetime: 3600 }) });
    expect(error.code).toBe('VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs');
  });
});

describe('IKEv1 with several subnets (ModifyIkeV1WithMultiRoutes.Invalid) only when a request introduces it', () => {
  // The document's own example: IKEv1 with two subnets per side.
  const example = () => seedWith({ connections: { 'vco-hzpol001': { LocalSubnet: '10.20.1.0/24,10.20.3.0/24', RemoteSubnet: '192.168.20.0/24,192.168.22.0/24' } } });

  test('a connection that already has it can be renamed and its subnets replaced', async () => {
    const client = await start(example());
    await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzpol001', Name: 'renamed' });
    await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzpol001', LocalSubnet: '10.20.1.0/24,10.20.4.0/24' });
    expect((await describeConn(client, 'vco-hzpol001')).LocalSubnet).toBe('10.20.1.0/24,10.20.4.0/24');
  });

  test('adding a subnet while on IKEv1, or switching to IKEv1 with several subnets, is refused', async () => {
    const client = await start(example());
    const added = await client.fail(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzpol001', LocalSubnet: '10.20.1.0/24,10.20.3.0/24,10.20.5.0/24' });
    expect(added.code).toBe('ModifyIkeV1WithMultiRoutes.Invalid');
    // vco-eu001: IKEv2 with two local subnets.
    const ike = (await describeConn(client, 'vco-eu001', { RegionId: 'eu-central-1' })).IkeConfig;
    const switched = await client.fail(MODIFY, { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001', IkeConfig: JSON.stringify({ ...ike, IkeVersion: 'ikev1' }) });
    expect(switched.code).toBe('ModifyIkeV1WithMultiRoutes.Invalid');
  });
});

describe('VpnTask.CONFLICT (fault conflictNext)', () => {
  test('the next N Modify requests are refused before they run; Describe never conflicts', async () => {
    const client = await start();
    emulator!.setFaults({ conflictNext: 1 });
    await client.call('DescribeVpnConnection', { ...HZ, VpnConnectionId: 'vco-hzbgp001' });
    const error = await client.fail(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzbgp001', Name: 'first' });
    expect([error.statusCode, error.code]).toEqual([400, 'VpnTask.CONFLICT']);
    expect(emulator!.modificationCount('vpn-hzsingle01')).toBe(0);
    await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzbgp001', Name: 'second' });
    expect((await describeConn(client, 'vco-hzbgp001')).Name).toBe('second');
  });

  test('the CLI spelling', () => {
    expect(parseFaultSpec('conflictnext=2')).toMatchObject({ conflictNext: 2 });
    expect(() => parseFaultSpec('conflictnext=-1')).toThrow(/conflictNext/);
  });
});

describe('an older gateway version (UnsupportedOperations): OperationUnsupported.*', () => {
  const old = () =>
    seedWith({ gateways: { 'vpn-hzsingle01': { VpnVersion: 'v1.0.0', UnsupportedOperations: ['SetDPD', 'SetNatTraversal', 'EnableBgp'] }, 'vpn-hzdual001': { UnsupportedOperations: ['SetDPD'] } } });

  test('changing DPD or NAT traversal, or switching BGP on, is refused; repeating the current value is not', async () => {
    const client = await start(old());
    const id = { ...HZ, VpnConnectionId: 'vco-hzbgp001' };
    expect((await client.fail(MODIFY, { ...id, EnableDpd: false })).code).toBe('OperationUnsupported.SetDPD');
    expect((await client.fail(MODIFY, { ...id, EnableNatTraversal: false })).code).toBe('OperationUnsupported.SetNatTraversal');
    await client.call(MODIFY, { ...id, EnableDpd: true, EnableNatTraversal: true });
    const gateway = await client.call('DescribeVpnGateway', { ...HZ, VpnGatewayId: 'vpn-hzsingle01' });
    expect(JSON.parse(gateway.Tag as string).VpnVersion).toBe('v1.0.0');
  });

  test('switching BGP on (single and dual), and a tunnel DPD change, are refused', async () => {
    const c = await start(
      seedWith({
        gateways: { 'vpn-hzsingle01': { UnsupportedOperations: ['EnableBgp'] }, 'vpn-hzdual001': { UnsupportedOperations: ['SetDPD', 'EnableBgp'] } },
        connections: { 'vco-hzbgp001': { VpnBgpConfig: { EnableBgp: false, LocalAsn: 65010, TunnelCidr: '169.254.20.0/30', LocalBgpIp: '169.254.20.1' } } },
      }),
    );
    const bgp = await c.fail(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzbgp001', BgpConfig: JSON.stringify({ EnableBgp: 'true', TunnelCidr: '169.254.20.0/30', LocalBgpIp: '169.254.20.1' }) });
    expect(bgp.code).toBe('OperationUnsupported.EnableBgp');
    const tunnels = await c.fail(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzdual002', EnableTunnelsBgp: true });
    expect(tunnels.code).toBe('OperationUnsupported.EnableBgp');
    const slave = tunnel(await describeConn(c, 'vco-hzdual002'), 'slave');
    const { EnableNatTraversal, TunnelIkeConfig, TunnelIpsecConfig } = slave;
    const flipped = slave.EnableDpd === 'true' ? 'false' : 'true';
    const dpd = await c.fail(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzdual002' }, { TunnelOptionsSpecification: [{ Role: 'slave', EnableDpd: flipped, EnableNatTraversal, TunnelIkeConfig, TunnelIpsecConfig }] });
    expect(dpd.code).toBe('OperationUnsupported.SetDPD');
    // The whole tunnel repeated with its current DPD flag is no change of it.
    await c.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzdual002' }, { TunnelOptionsSpecification: [{ Role: 'slave', EnableDpd: slave.EnableDpd, EnableNatTraversal, TunnelIkeConfig, TunnelIpsecConfig: { ...TunnelIpsecConfig, IpsecLifetime: 3600 } }] });
  });
});

describe('MissingParameter.TunnelCidr when BGP is switched on with no TunnelCidr in the request or on the connection', () => {
  test('refused without one, accepted when the connection already has one', async () => {
    const noCidr = seedWith({ connections: { 'vco-hzbgp001': { VpnBgpConfig: { EnableBgp: false, LocalAsn: 65010 } } } });
    const client = await start(noCidr);
    const id = { ...HZ, VpnConnectionId: 'vco-hzbgp001' };
    expect((await client.fail(MODIFY, { ...id, BgpConfig: JSON.stringify({ EnableBgp: 'true', LocalBgpIp: '169.254.20.1' }) })).code).toBe('MissingParameter.TunnelCidr');
    await emulator!.close();
    const withCidr = await start(seedWith({ connections: { 'vco-hzbgp001': { VpnBgpConfig: { EnableBgp: false, LocalAsn: 65010, TunnelCidr: '169.254.20.0/30', LocalBgpIp: '169.254.20.1' } } } }));
    await withCidr.call(MODIFY, { ...id, BgpConfig: JSON.stringify({ EnableBgp: 'true' }) });
    expect((await describeConn(withCidr, 'vco-hzbgp001')).VpnBgpConfig.EnableBgp).toBe('true');
  });
});
