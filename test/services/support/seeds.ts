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
