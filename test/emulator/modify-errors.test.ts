import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.ts';
import { SIGNINGS, TestClient, withEmulator } from './helpers.ts';

// Every documented parameter error, driven through the real SDK. Failed requests change nothing, so one emulator
// serves the whole table; the final test checks that no gateway was modified.

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await withEmulator();
});
afterAll(() => emulator.close());

interface Case {
  name: string;
  code: string;
  connection?: string;
  region?: string;
  query?: Record<string, string>;
  tunnels?: Array<Record<string, unknown>>;
}

const ike = (o: Record<string, unknown>): string => JSON.stringify({ Psk: 'hz-policy-shared', ...o });
const bgp = (o: Record<string, unknown>): string => JSON.stringify(o);

const CASES: Case[] = [
  { name: 'name starting with http://', code: 'InvalidName', query: { Name: 'http://conn' } },
  { name: 'name starting with https://', code: 'InvalidName', query: { Name: 'https://conn' } },
  { name: 'name longer than 100', code: 'InvalidName', query: { Name: 'n'.repeat(101) } },
  { name: 'empty name', code: 'InvalidName', query: { Name: '' } },
  { name: 'LocalSubnet prefix 33', code: 'IllegalParam.LocalSubnet', query: { LocalSubnet: '10.20.1.0/33' } },
  { name: 'LocalSubnet host bits set', code: 'IllegalParam.LocalSubnet', query: { LocalSubnet: '10.20.1.1/24' } },
  { name: 'RemoteSubnet garbage', code: 'IllegalParam.RemoteSubnet', query: { RemoteSubnet: '192.168.20.0/24,abc' } },
  { name: 'LocalSubnet listing a network twice', code: 'IllegalParam.LocalSubnet', query: { LocalSubnet: '10.20.1.0/24,10.20.1.0/24' } },
  { name: 'LocalSubnet mixing 0.0.0.0/0 with a network', code: 'IllegalParam.LocalSubnet', query: { LocalSubnet: '0.0.0.0/0,10.20.1.0/24' } },
  { name: '0.0.0.0/0 on one side only', code: 'IllegalParam.RemoteSubnet', query: { LocalSubnet: '0.0.0.0/0' } },
  { name: 'IpsecPfs not supported', code: 'NotSupportVpnConnectionParameter.IpsecPfs', query: { IpsecConfig: '{"IpsecPfs":"group24"}' } },
  { name: 'IpsecAuthAlg sm3 on a normal gateway', code: 'NotSupportVpnConnectionParameter.IpsecAuthAlg', query: { IpsecConfig: '{"IpsecAuthAlg":"sm3"}' } },
  { name: 'IkeEncAlg sm4 on a normal gateway', code: 'IllegalParam.IkeEncAlg', query: { IkeConfig: ike({ IkeEncAlg: 'sm4' }) } },
  { name: 'Psk with a space', code: 'IllegalParam.Psk', query: { IkeConfig: JSON.stringify({ Psk: 'has space' }) } },
  { name: 'Psk with a double quote (the document lists the single quote)', code: 'IllegalParam.Psk', query: { IkeConfig: JSON.stringify({ Psk: 'say"hi"' }) } },
  { name: 'empty Psk', code: 'IllegalParam.Psk', query: { IkeConfig: JSON.stringify({ Psk: '' }) } },
  { name: 'LocalId of 101 characters', code: 'IllegalParam.LocalId', query: { IkeConfig: ike({ LocalId: '网'.repeat(101) }) } },
  { name: 'Psk longer than 100', code: 'IllegalParam.Psk', query: { IkeConfig: JSON.stringify({ Psk: 'p'.repeat(101) }) } },
  { name: 'IkeLifetime above 86400', code: 'IllegalParam.IkeLifetime', query: { IkeConfig: ike({ IkeLifetime: 86401 }) } },
  { name: 'IkeConfig not JSON', code: 'IllegalParam.IkeConfig', query: { IkeConfig: '{Psk:' } },
  { name: 'HealthCheckConfig enable not boolean', code: 'IllegalParam.HealthCheckConfig', query: { HealthCheckConfig: '{"enable":"maybe"}' } },
  { name: 'RemoteCaCertificate on a normal gateway', code: 'IllegalParam.RemoteCaCertificate', query: { RemoteCaCertificate: '-----BEGIN CERTIFICATE----- x -----END CERTIFICATE-----' } },
  { name: 'EnableBgp without TunnelCidr', code: 'MissingParameter.TunnelCidr', query: { BgpConfig: bgp({ EnableBgp: 'true' }) } },
  { name: 'bad ClientToken', code: 'InvalidClientToken.Malformed', query: { ClientToken: 'é'.repeat(3), Name: 'x' } },
  { name: 'IKEv1 with several local subnets', code: 'ModifyIkeV1WithMultiRoutes.Invalid', connection: 'vco-hzpol002', query: { LocalSubnet: '10.20.2.0/24,10.20.3.0/24' } },
  { name: 'IKEv2 multi-subnet switched to IKEv1', code: 'ModifyIkeV1WithMultiRoutes.Invalid', connection: 'vco-eu001', region: 'eu-central-1', query: { IkeConfig: JSON.stringify({ Psk: 'eu-office-psk', IkeVersion: 'ikev1' }) } },
  { name: 'same gateway and CGW with a different PSK', code: 'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs', connection: 'vco-hzpol002', query: { IkeConfig: JSON.stringify({ Psk: 'another-psk' }) } },
  { name: 'same gateway and CGW with a different IKE proposal', code: 'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs', connection: 'vco-hzpol002', query: { IkeConfig: ike({ IkeAuthAlg: 'sha256' }) } },
  { name: 'same gateway and CGW with a different RemoteId', code: 'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs', connection: 'vco-hzpol002', query: { IkeConfig: ike({ RemoteId: 'peer.example.com' }) } },
  { name: 'same gateway and CGW with overlapping selectors', code: 'VpnConnectionParamInvalid.SameVpnAndCgwTrafficSelectorOverlap', connection: 'vco-hzpol002', query: { LocalSubnet: '10.20.0.0/16', RemoteSubnet: '192.168.20.128/25' } },
  { name: 'unknown connection', code: 'InvalidVpnConnectionInstanceId.NotFound', connection: 'vco-doesnotexist', query: { Name: 'x' } },
  { name: 'connection in another region', code: 'InvalidVpnConnectionInstanceId.NotFound', region: 'cn-shanghai', query: { Name: 'x' } },
  { name: 'financially locked gateway', code: 'VpnGateway.FinancialLocked', connection: 'vco-sglocked01', region: 'ap-southeast-1', query: { Name: 'x' } },
  // single-tunnel BGP (gateway with BGP enabled)
  { name: 'TunnelCidr not /30', code: 'IllegalParam.TunnelCidr', connection: 'vco-hzbgp001', query: { BgpConfig: bgp({ EnableBgp: 'true', TunnelCidr: '169.254.20.0/29', LocalBgpIp: '169.254.20.1' }) } },
  { name: 'TunnelCidr outside 169.254/16', code: 'IllegalParam.TunnelCidr', connection: 'vco-hzbgp001', query: { BgpConfig: bgp({ TunnelCidr: '10.0.0.0/30' }) } },
  { name: 'TunnelCidr reserved', code: 'IllegalParam.TunnelCidr', connection: 'vco-hzbgp001', query: { BgpConfig: bgp({ TunnelCidr: '169.254.6.0/30' }) } },
  { name: 'TunnelCidr malformed', code: 'InvalidTunnelCidr.Malformed', connection: 'vco-hzbgp001', query: { BgpConfig: bgp({ TunnelCidr: '169.254.x.0/30' }) } },
  { name: 'LocalBgpIp outside the tunnel CIDR', code: 'IllegalParam.LocalBgpIp', connection: 'vco-hzbgp001', query: { BgpConfig: bgp({ LocalBgpIp: '169.254.99.1' }) } },
  { name: 'LocalBgpIp is the network address', code: 'IllegalParam.LocalBgpIp', connection: 'vco-hzbgp001', query: { BgpConfig: bgp({ LocalBgpIp: '169.254.20.0' }) } },
  { name: 'LocalBgpIp malformed', code: 'InvalidLocalBgpIp.Malformed', connection: 'vco-hzbgp001', query: { BgpConfig: bgp({ LocalBgpIp: '169.254.20' }) } },
  { name: 'LocalAsn zero', code: 'IllegalParam.LocalAsn', connection: 'vco-hzbgp001', query: { BgpConfig: bgp({ LocalAsn: '0' }) } },
  { name: 'LocalAsn above 2^32-1', code: 'IllegalParam.LocalAsn', connection: 'vco-hzbgp001', query: { BgpConfig: bgp({ LocalAsn: 4294967296 }) } },
  { name: 'LocalAsn dotted part above 65535', code: 'IllegalParam.LocalAsn', connection: 'vco-hzbgp001', query: { BgpConfig: bgp({ LocalAsn: '65536.1' }) } },
  { name: 'disabling BGP on a BGP gateway', code: 'IllegalParam.EnableBgp', connection: 'vco-hzbgp001', query: { BgpConfig: bgp({ EnableBgp: false }) } },
  { name: 'BGP with a customer gateway that has no ASN', code: 'MissingParam.CustomerGatewayAsn', connection: 'vco-shnoasn01', region: 'cn-shanghai', query: { BgpConfig: bgp({ EnableBgp: true, TunnelCidr: '169.254.30.0/30' }) } },
  // SM (NationalStandard) gateway limits
  { name: 'SM: IKEv2', code: 'IllegalParam.IkeVersion', connection: 'vco-shsm001', region: 'cn-shanghai', query: { IkeConfig: JSON.stringify({ Psk: 'sh-sm-psk-0001', IkeVersion: 'ikev2' }) } },
  { name: 'SM: aggressive mode', code: 'IllegalParam.IkeMode', connection: 'vco-shsm001', region: 'cn-shanghai', query: { IkeConfig: JSON.stringify({ Psk: 'sh-sm-psk-0001', IkeMode: 'aggressive' }) } },
  { name: 'SM: aes', code: 'IllegalParam.IkeEncAlg', connection: 'vco-shsm001', region: 'cn-shanghai', query: { IkeConfig: JSON.stringify({ Psk: 'sh-sm-psk-0001', IkeEncAlg: 'aes' }) } },
  { name: 'SM: sha1 for IKE', code: 'IllegalParam.IkeAuthAlg', connection: 'vco-shsm001', region: 'cn-shanghai', query: { IkeConfig: JSON.stringify({ Psk: 'sh-sm-psk-0001', IkeAuthAlg: 'sha1' }) } },
  { name: 'SM: sha1 for IPsec', code: 'NotSupportVpnConnectionParameter.IpsecAuthAlg', connection: 'vco-shsm001', region: 'cn-shanghai', query: { IpsecConfig: '{"IpsecAuthAlg":"sha1"}' } },
  { name: 'SM: aes for IPsec', code: 'IllegalParam.IpsecEncAlg', connection: 'vco-shsm001', region: 'cn-shanghai', query: { IpsecConfig: '{"IpsecEncAlg":"aes"}' } },
  { name: 'SM: CA certificate whose body is not base64', code: 'IllegalParam.RemoteCaCertificate', connection: 'vco-shsm001', region: 'cn-shanghai', query: { RemoteCaCertificate: '-----BEGIN CERTIFICATE----- not*base64! -----END CERTIFICATE-----' } },
  { name: 'SM: CA certificate cleared', code: 'IllegalParam.RemoteCaCertificate', connection: 'vco-shsm001', region: 'cn-shanghai', query: { RemoteCaCertificate: '' } },
  { name: 'SM: a private key instead of a certificate', code: 'IllegalParam.RemoteCaCertificate', connection: 'vco-shsm001', region: 'cn-shanghai', query: { RemoteCaCertificate: '-----BEGIN PRIVATE KEY----- MIIB -----END PRIVATE KEY-----' } },
  { name: 'HealthCheckConfig interval 0', code: 'IllegalParam.HealthCheckConfig', query: { HealthCheckConfig: '{"enable":"false","interval":"0"}' } },
  // single- vs dual-tunnel parameter sets
  { name: 'IkeConfig on a dual-tunnel connection', code: 'IllegalParam.IkeConfig', connection: 'vco-hzdual002', query: { IkeConfig: ike({}) } },
  { name: 'EnableDpd on a dual-tunnel connection', code: 'IllegalParam.EnableDpd', connection: 'vco-hzdual002', query: { EnableDpd: 'false' } },
  { name: 'EnableTunnelsBgp on a single-tunnel connection', code: 'IllegalParam.EnableTunnelsBgp', query: { EnableTunnelsBgp: 'true' } },
  { name: 'TunnelOptionsSpecification on a single-tunnel connection', code: 'IllegalParam.TunnelOptionsSpecification', tunnels: [{ Role: 'master', EnableDpd: false }] },
  // dual-tunnel element rules
  { name: 'unknown TunnelId', code: 'IllegalParam.TunnelId', connection: 'vco-hzdual002', tunnels: [{ TunnelId: 'tun-nope', EnableDpd: true }] },
  { name: 'TunnelId of another connection', code: 'IllegalParam.TunnelId', connection: 'vco-hzdual002', tunnels: [{ TunnelId: 'tun-hzdual001m', EnableDpd: true }] },
  { name: 'neither TunnelId nor Role', code: 'IllegalParam.TunnelId', connection: 'vco-hzdual002', tunnels: [{ EnableDpd: true }] },
  { name: 'same tunnel twice', code: 'IllegalParam.TunnelId', connection: 'vco-hzdual002', tunnels: [{ Role: 'master' }, { TunnelId: 'tun-hzdual002m' }] },
  { name: 'Role not master/slave', code: 'IllegalParam.Role', connection: 'vco-hzdual002', tunnels: [{ Role: 'primary', EnableDpd: true }] },
  { name: 'Role contradicting TunnelId', code: 'IllegalParam.Role', connection: 'vco-hzdual002', tunnels: [{ TunnelId: 'tun-hzdual002m', Role: 'slave' }] },
  { name: 'tunnel LocalAsn changed while tunnel BGP is off', code: 'IllegalParam.LocalAsn', connection: 'vco-hzdual002', tunnels: [{ Role: 'master', TunnelBgpConfig: { LocalAsn: 65000 } }] },
  { name: 'tunnel LocalAsn changed (high.low form) while tunnel BGP is off', code: 'IllegalParam.LocalAsn', connection: 'vco-hzdual002', tunnels: [{ Role: 'master', TunnelBgpConfig: { LocalAsn: '1.1' } }] },
  { name: 'tunnel BGP on without TunnelCidr', code: 'MissingParameter.TunnelCidr', connection: 'vco-hzdual002', query: { EnableTunnelsBgp: 'true' } },
  { name: 'tunnel CIDR already used in the gateway', code: 'IllegalParam.TunnelCidr', connection: 'vco-hzdual002', query: { EnableTunnelsBgp: 'true' }, tunnels: [{ Role: 'master', TunnelBgpConfig: { TunnelCidr: '169.254.10.0/30' } }, { Role: 'slave', TunnelBgpConfig: { TunnelCidr: '169.254.40.0/30' } }] },
  { name: 'both tunnels on one CIDR', code: 'IllegalParam.TunnelCidr', connection: 'vco-hzdual002', query: { EnableTunnelsBgp: 'true' }, tunnels: [{ Role: 'master', TunnelBgpConfig: { TunnelCidr: '169.254.40.0/30' } }, { Role: 'slave', TunnelBgpConfig: { TunnelCidr: '169.254.40.0/30' } }] },
  { name: 'tunnel TunnelCidr malformed', code: 'InvalidTunnelCidr.Malformed', connection: 'vco-hzdual001', tunnels: [{ Role: 'master', TunnelBgpConfig: { TunnelCidr: 'nope' } }] },
  { name: 'tunnel LocalBgpIp outside its CIDR', code: 'IllegalParam.LocalBgpIp', connection: 'vco-hzdual001', tunnels: [{ Role: 'slave', TunnelBgpConfig: { LocalBgpIp: '169.254.10.1' } }] },
  { name: 'tunnel LocalBgpIp malformed', code: 'InvalidLocalBgpIp.Malformed', connection: 'vco-hzdual001', tunnels: [{ Role: 'slave', TunnelBgpConfig: { LocalBgpIp: '169.254.11.256' } }] },
  { name: 'tunnel LocalAsn out of range', code: 'IllegalParam.LocalAsn', connection: 'vco-hzdual001', tunnels: [{ Role: 'master', TunnelBgpConfig: { LocalAsn: 0 } }] },
  { name: 'tunnel IpsecPfs not supported', code: 'NotSupportVpnConnectionParameter.IpsecPfs', connection: 'vco-hzdual001', tunnels: [{ Role: 'master', TunnelIpsecConfig: { IpsecPfs: 'group20' } }] },
  { name: 'tunnel IpsecAuthAlg not supported', code: 'NotSupportVpnConnectionParameter.IpsecAuthAlg', connection: 'vco-hzdual001', tunnels: [{ Role: 'master', TunnelIpsecConfig: { IpsecAuthAlg: 'sha3' } }] },
  { name: 'tunnel unknown customer gateway', code: 'InvalidCustomerGatewayInstanceId.NotFound', connection: 'vco-hzdual001', tunnels: [{ Role: 'master', CustomerGatewayId: 'cgw-sg001' }] },
  { name: 'missing VpnConnectionId', code: 'MissingVpnConnectionId', connection: '', query: { Name: 'x' } },
];

describe.each(SIGNINGS)('documented parameter errors (%s)', (signing) => {
  test.each(CASES)('$name → $code', async (c) => {
    const client = new TestClient(emulator, { signing });
    const err = await client.fail(
      'ModifyVpnConnectionAttribute',
      { RegionId: c.region ?? 'cn-hangzhou', VpnConnectionId: c.connection ?? 'vco-hzpol001', ...c.query },
      c.tunnels ? { TunnelOptionsSpecification: c.tunnels } : undefined,
    );
    expect(err.code).toBe(c.code);
    expect(err.statusCode).toBe(c.code.endsWith('.NotFound') ? 404 : 400);
    expect(err.data.RequestId).toBeTruthy();
    expect(err.data.Message).toBeTruthy();
  });
});

test('no rejected request modified anything', async () => {
  const state = emulator.dumpState() as { vpnGateways: Array<{ modificationCount: number; Status: string }> };
  expect(state.vpnGateways.every((g) => g.modificationCount === 0 && g.Status === 'active')).toBe(true);
});

test('a changed ClientToken reuse with different parameters is IdempotentParameterMismatch', async () => {
  const em = await withEmulator();
  try {
    const client = new TestClient(em);
    await client.call('ModifyVpnConnectionAttribute', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzpol001', Name: 'a', ClientToken: 'tok-1' });
    const err = await client.fail('ModifyVpnConnectionAttribute', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzpol001', Name: 'b', ClientToken: 'tok-1' });
    expect(err.code).toBe('IdempotentParameterMismatch');
  } finally {
    await em.close();
  }
});

test("tunnelModeMismatch: 'ignore' accepts and drops single-tunnel parameters on a dual-tunnel connection", async () => {
  const em = await withEmulator({ tunnelModeMismatch: 'ignore' });
  try {
    const client = new TestClient(em);
    const res = await client.call('ModifyVpnConnectionAttribute', {
      RegionId: 'cn-hangzhou',
      VpnConnectionId: 'vco-hzdual002',
      Name: 'renamed',
      IkeConfig: JSON.stringify({ Psk: 'ignored-psk' }),
    });
    expect(res.Name).toBe('renamed');
    expect(res.IkeConfig).toBeUndefined();
    const d = await client.call('DescribeVpnConnection', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzdual002' });
    expect(d.TunnelOptionsSpecification.TunnelOptions[0].TunnelIkeConfig.Psk).toBe('hzB-master-Psk3');
  } finally {
    await em.close();
  }
});
