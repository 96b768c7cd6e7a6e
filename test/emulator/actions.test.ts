import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.ts';
import { SIGNINGS, TestClient, withEmulator } from './helpers.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await withEmulator();
});
afterAll(() => emulator.close());

describe.each(SIGNINGS)('Describe actions over HTTP with %s signatures', (signing) => {
  const client = (): TestClient => new TestClient(emulator, { signing });

  test('DescribeRegions lists the seeded regions in both languages', async () => {
    const zh = await client().call('DescribeRegions');
    expect(zh.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    const ids = zh.Regions.Region.map((r: { RegionId: string }) => r.RegionId);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids).toContain('cn-hangzhou');
    const en = await client().call('DescribeRegions', { AcceptLanguage: 'en-US' });
    expect(en.Regions.Region.find((r: { RegionId: string }) => r.RegionId === 'cn-hangzhou').LocalName).toBe('China (Hangzhou)');
  });

  test('DescribeVpnGateways filters by region and pages', async () => {
    const all = await client().call('DescribeVpnGateways', { RegionId: 'cn-hangzhou' });
    expect(all.TotalCount).toBe(3);
    expect(all.PageNumber).toBe(1);
    expect(all.PageSize).toBe(10);
    expect(all.VpnGateways.VpnGateway.every((g: { Status: string }) => g.Status === 'active')).toBe(true);
    const page = await client().call('DescribeVpnGateways', { RegionId: 'cn-hangzhou', PageSize: 2, PageNumber: 2 });
    expect(page.VpnGateways.VpnGateway).toHaveLength(1);
    const tagged = await client().call('DescribeVpnGateways', { RegionId: 'cn-hangzhou', 'Tag.1.Key': 'env', 'Tag.1.Value': 'test' });
    expect(tagged.VpnGateways.VpnGateway.map((g: { VpnGatewayId: string }) => g.VpnGatewayId)).toEqual(['vpn-hzpolicy01']);
    const locked = await client().call('DescribeVpnGateways', { RegionId: 'ap-southeast-1', BusinessStatus: 'FinancialLocked' });
    expect(locked.TotalCount).toBe(1);
  });

  test('DescribeVpnGateway: dual-tunnel gateways carry the disaster-recovery fields, SM gateways their type', async () => {
    const dual = await client().call('DescribeVpnGateway', { RegionId: 'cn-hangzhou', VpnGatewayId: 'vpn-hzdual001' });
    expect(dual.DisasterRecoveryInternetIp).toBe('47.96.10.2');
    expect(dual.Tags.Tag).toEqual([{ Key: 'env', Value: 'prod' }]);
    expect(Array.isArray(dual.EniInstanceIds.EniInstanceId)).toBe(true);
    const single = await client().call('DescribeVpnGateway', { RegionId: 'cn-hangzhou', VpnGatewayId: 'vpn-hzsingle01' });
    expect(single.DisasterRecoveryInternetIp).toBeUndefined();
    const sm = await client().call('DescribeVpnGateway', { RegionId: 'cn-shanghai', VpnGatewayId: 'vpn-shsm001' });
    expect(sm.VpnType).toBe('NationalStandard');
    const err = await client().fail('DescribeVpnGateway', { RegionId: 'cn-shanghai', VpnGatewayId: 'vpn-hzdual001' });
    expect(err.code).toBe('InvalidVpnGatewayInstanceId.NotFound');
    expect(err.statusCode).toBe(404);
  });

  test('DescribeVpnConnection: single-tunnel types and containers', async () => {
    const c = await client().call('DescribeVpnConnection', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzbgp001' });
    expect(c.CustomerGatewayId).toBe('cgw-hz005');
    expect(c.IkeConfig.IkeLifetime).toBe(86400);
    expect(c.IkeConfig.Psk).toBe('hz-branch-bgp-psk');
    expect(c.VcoHealthCheck.Enable).toBe('true');
    expect(c.VpnBgpConfig.EnableBgp).toBe('true');
    expect(c.VpnBgpConfig.LocalAsn).toBe(65530);
    expect(c.Tags).toEqual({ Tag: [] });
    expect(c.Tag).toBeUndefined();
    expect(c.TunnelOptionsSpecification.TunnelOptions).toEqual([]);
    expect(c.EnableTunnelsBgp).toBeUndefined();
    expect(c.Status).toBe('ipsec_sa_established');
    expect(c.State).toBe('active');
  });

  test('DescribeVpnConnection: dual-tunnel per-tunnel scalars are strings, top-level IKE empty', async () => {
    const c = await client().call('DescribeVpnConnection', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzdual001' });
    const [master, slave] = c.TunnelOptionsSpecification.TunnelOptions;
    expect(master.Role).toBe('master');
    expect(slave.Role).toBe('slave');
    expect(master.EnableDpd).toBe('true');
    expect(master.TunnelIkeConfig.IkeLifetime).toBe('86400');
    expect(master.TunnelIpsecConfig.IpsecLifetime).toBe('86400');
    expect(master.TunnelBgpConfig.LocalAsn).toBe('45104');
    expect(master.TunnelIndex).toBe(1);
    expect(master.Status).toBe('ipsec_sa_established');
    expect(c.EnableTunnelsBgp).toBe(true);
    expect(c.IkeConfig).toEqual({});
  });

  test('DescribeVpnConnections: `Tag` container, filters, paging bounds', async () => {
    const all = await client().call('DescribeVpnConnections', { RegionId: 'cn-hangzhou' });
    expect(all.TotalCount).toBe(5);
    const first = all.VpnConnections.VpnConnection[0];
    expect(first.Tag).toBeDefined();
    expect(first.Tags).toBeUndefined();
    expect(first.ZoneNo).toBeUndefined();
    const byGateway = await client().call('DescribeVpnConnections', { RegionId: 'cn-hangzhou', VpnGatewayId: 'vpn-hzpolicy01' });
    expect(byGateway.VpnConnections.VpnConnection.map((x: { VpnConnectionId: string }) => x.VpnConnectionId).sort()).toEqual([
      'vco-hzpol001',
      'vco-hzpol002',
    ]);
    const byTunnelCgw = await client().call('DescribeVpnConnections', { RegionId: 'cn-hangzhou', CustomerGatewayId: 'cgw-hz002' });
    expect(byTunnelCgw.VpnConnections.VpnConnection[0].VpnConnectionId).toBe('vco-hzdual001');
    const paged = await client().call('DescribeVpnConnections', { RegionId: 'cn-hangzhou', PageSize: 2, PageNumber: 3 });
    expect(paged.VpnConnections.VpnConnection).toHaveLength(1);
    expect(paged.TotalCount).toBe(5);
    const max = await client().call('DescribeVpnConnections', { RegionId: 'cn-hangzhou', PageSize: 50 });
    expect(max.PageSize).toBe(50);
    for (const size of [0, 51]) {
      const err = await client().fail('DescribeVpnConnections', { RegionId: 'cn-hangzhou', PageSize: size });
      expect(err.code).toBe('InvalidParameter');
    }
  });

  test('DescribeCustomerGateway(s)', async () => {
    const list = await client().call('DescribeCustomerGateways', { RegionId: 'cn-shanghai' });
    expect(list.TotalCount).toBe(2);
    const one = await client().call('DescribeCustomerGateway', { RegionId: 'cn-hangzhou', CustomerGatewayId: 'cgw-hz001' });
    expect(one.IpAddress).toBe('203.0.113.11');
    expect(one.Asn).toBe(65011);
    expect(one.Tags.Tag).toEqual([]);
    const err = await client().fail('DescribeCustomerGateway', { RegionId: 'cn-hangzhou', CustomerGatewayId: 'cgw-nope' });
    expect(err.code).toBe('InvalidCustomerGatewayInstanceId.NotFound');
  });

  test('missing and unknown RegionId, unknown connection', async () => {
    expect((await client().fail('DescribeVpnConnections', {})).code).toBe('MissingRegionId');
    expect((await client().fail('DescribeVpnConnections', { RegionId: 'mars-1' })).code).toBe('InvalidRegionId.NotFound');
    const err = await client().fail('DescribeVpnConnection', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-nope' });
    expect(err.code).toBe('InvalidVpnConnectionInstanceId.NotFound');
    expect(err.statusCode).toBe(404);
    expect(err.data.HostId).toBe('vpc.aliyuncs.com');
    expect(String(err.data.Recommend)).toContain('InvalidVpnConnectionInstanceId.NotFound');
  });

  test('unknown action is InvalidAction.NotFound', async () => {
    const err = await client().fail('DeleteVpnConnection', { RegionId: 'cn-hangzhou' });
    expect(err.code).toBe('InvalidAction.NotFound');
    expect(err.statusCode).toBe(404);
  });
});

test('mirror-master option fills a dual-tunnel connection top-level IkeConfig from the master tunnel', async () => {
  const mirror = await withEmulator({ dualTopLevelIkeConfig: 'mirror-master' });
  try {
    const c = await new TestClient(mirror).call('DescribeVpnConnection', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzdual001' });
    expect(c.IkeConfig.Psk).toBe('hzA-master-Psk1');
    expect(c.IpsecConfig.IpsecPfs).toBe('group14');
  } finally {
    await mirror.close();
  }
});
