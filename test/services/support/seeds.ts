import { DEFAULT_SEED, type EmulatorSeed } from '../../../emulator/index.ts';

/** The default seed plus gateway `vpn-queue01` (cn-hangzhou) carrying five single-tunnel connections. */
export function seedWithBusyGateway(): EmulatorSeed {
  const seed = structuredClone(DEFAULT_SEED) as EmulatorSeed & Record<string, unknown[]>;
  (seed.vpnGateways as unknown[]).push({ VpnGatewayId: 'vpn-queue01', RegionId: 'cn-hangzhou', Name: 'queue-gateway', InternetIp: '47.96.99.1', Spec: '200M' });
  for (let i = 1; i <= 5; i++) {
    (seed.customerGateways as unknown[]).push({ CustomerGatewayId: `cgw-q${i}`, RegionId: 'cn-hangzhou', IpAddress: `203.0.113.${100 + i}`, Name: `queue-peer-${i}`, Asn: 65100 + i });
    (seed.vpnConnections as unknown[]).push({
      VpnConnectionId: `vco-q${i}`,
      VpnGatewayId: 'vpn-queue01',
      CustomerGatewayId: `cgw-q${i}`,
      Name: `queue connection ${i}`,
      LocalSubnet: `10.${60 + i}.0.0/24`,
      RemoteSubnet: `172.${16 + i}.0.0/24`,
      CreateTime: 1704067200000 + i,
      IkeConfig: { Psk: `queue-psk-${i}`, IkeVersion: 'ikev2', IkeMode: 'main', IkeEncAlg: 'aes', IkeAuthAlg: 'sha256', IkePfs: 'group14', IkeLifetime: 86400 },
      IpsecConfig: { IpsecEncAlg: 'aes', IpsecAuthAlg: 'sha256', IpsecPfs: 'group14', IpsecLifetime: 86400 },
    });
  }
  return seed;
}

/** The busy-gateway seed plus `vco-q6` on `vpn-queue01`: BGP switched off with its tunnel network still configured,
 * which DescribeVpnConnections (no EnableBgp in its BGP block) cannot tell apart from BGP on. */
export function seedWithBgpOffConnection(): EmulatorSeed {
  const seed = seedWithBusyGateway() as EmulatorSeed & Record<string, unknown[]>;
  (seed.customerGateways as unknown[]).push({ CustomerGatewayId: 'cgw-q6', RegionId: 'cn-hangzhou', IpAddress: '203.0.113.106', Name: 'queue-peer-6', Asn: 65106 });
  (seed.vpnConnections as unknown[]).push({
    VpnConnectionId: 'vco-q6',
    VpnGatewayId: 'vpn-queue01',
    CustomerGatewayId: 'cgw-q6',
    Name: 'bgp switched off',
    LocalSubnet: '10.66.0.0/24',
    RemoteSubnet: '172.22.0.0/24',
    CreateTime: 1704067200006,
    IkeConfig: { Psk: 'queue-psk-6', IkeVersion: 'ikev2', IkeMode: 'main', IkeEncAlg: 'aes', IkeAuthAlg: 'sha256', IkePfs: 'group14', IkeLifetime: 86400 },
    IpsecConfig: { IpsecEncAlg: 'aes', IpsecAuthAlg: 'sha256', IpsecPfs: 'group14', IpsecLifetime: 86400 },
    VpnBgpConfig: { EnableBgp: false, LocalAsn: 65530, TunnelCidr: '169.254.66.0/30', LocalBgpIp: '169.254.66.1' },
  });
  return seed;
}
