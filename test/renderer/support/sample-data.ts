// Realistic inventory for component tests, shaped exactly like the contract: connections are parsed from
// Describe-like JSON with core's own parser, as main does.
import type { ConnectionEntry, GatewaySummary, InventorySnapshot } from '../../../core/contract.ts';
import { parseDescribeConnectionOrThrow, type VpnConnection } from '../../../core/index.ts';

const ike = (psk: string, overrides: Record<string, unknown> = {}) => ({
  Psk: psk, IkeVersion: 'ikev2', IkeMode: 'main', IkeEncAlg: 'aes', IkeAuthAlg: 'sha256', IkePfs: 'group2', IkeLifetime: 86400, LocalId: '', RemoteId: '', ...overrides,
});
const ipsec = (overrides: Record<string, unknown> = {}) => ({ IpsecEncAlg: 'aes', IpsecAuthAlg: 'sha256', IpsecPfs: 'group14', IpsecLifetime: 86400, ...overrides });

export function dualDescribe(id: string, gatewayId: string, n: number) {
  return {
    VpnConnectionId: id,
    VpnGatewayId: gatewayId,
    Name: `dc-${n} dual BGP`,
    LocalSubnet: '0.0.0.0/0',
    RemoteSubnet: '0.0.0.0/0',
    EffectImmediately: false,
    EnableTunnelsBgp: 'true',
    Status: 'ipsec_sa_established',
    State: 'active',
    CreateTime: 1704067200000,
    TunnelOptionsSpecification: {
      TunnelOptions: [
        {
          TunnelId: `tun-${n}m`, Role: 'master', CustomerGatewayId: `cgw-${n}a`, EnableDpd: 'true', EnableNatTraversal: 'true', RemoteCaCertificate: '',
          TunnelIkeConfig: ike(`master-Psk-${n}`), TunnelIpsecConfig: ipsec(),
          TunnelBgpConfig: { LocalAsn: '45104', TunnelCidr: `169.254.${10 + (n % 200)}.0/30`, LocalBgpIp: `169.254.${10 + (n % 200)}.1`, PeerAsn: '65011', PeerBgpIp: `169.254.${10 + (n % 200)}.2` },
          State: 'active', Status: 'ipsec_sa_established', InternetIp: '47.96.10.1', ZoneNo: 'cn-hangzhou-h',
        },
        {
          TunnelId: `tun-${n}s`, Role: 'slave', CustomerGatewayId: `cgw-${n}b`, EnableDpd: 'true', EnableNatTraversal: 'true', RemoteCaCertificate: '',
          TunnelIkeConfig: ike(`slave-Psk-${n}`), TunnelIpsecConfig: ipsec(),
          TunnelBgpConfig: { LocalAsn: '45104', TunnelCidr: `169.254.${10 + (n % 200)}.4/30`, LocalBgpIp: `169.254.${10 + (n % 200)}.5`, PeerAsn: '65011', PeerBgpIp: `169.254.${10 + (n % 200)}.6` },
          State: 'active', Status: 'ike_sa_not_established', InternetIp: '47.96.10.2', ZoneNo: 'cn-hangzhou-i',
        },
      ],
    },
  };
}

export function singleDescribe(id: string, gatewayId: string, n: number, bgp = false) {
  return {
    VpnConnectionId: id,
    VpnGatewayId: gatewayId,
    CustomerGatewayId: `cgw-s${n}`,
    Name: `branch-${n}`,
    LocalSubnet: `10.${n % 250}.0.0/16`,
    RemoteSubnet: `192.168.${n % 250}.0/24`,
    EffectImmediately: 'true',
    EnableDpd: 'true',
    EnableNatTraversal: 'true',
    Status: n % 3 === 0 ? 'ike_sa_not_established' : 'ipsec_sa_established',
    IkeConfig: ike(`branch-Psk-${n}`, { IkeVersion: 'ikev1' }),
    IpsecConfig: ipsec({ IpsecPfs: 'group2' }),
    VcoHealthCheck: { Enable: 'false', Dip: '', Sip: '', Interval: 3, Retry: 3 },
    ...(bgp && { VpnBgpConfig: { EnableBgp: 'true', LocalAsn: '65100', TunnelCidr: `169.254.${100 + (n % 100)}.0/30`, LocalBgpIp: `169.254.${100 + (n % 100)}.1` } }),
  };
}

export const DUAL: VpnConnection = parseDescribeConnectionOrThrow(dualDescribe('vco-dual001', 'vpn-dual001', 1));
export const SINGLE: VpnConnection = parseDescribeConnectionOrThrow(singleDescribe('vco-single001', 'vpn-single001', 1, true));
export const SINGLE_2: VpnConnection = parseDescribeConnectionOrThrow(singleDescribe('vco-single002', 'vpn-single001', 2));

export const GATEWAYS: GatewaySummary[] = [
  { VpnGatewayId: 'vpn-dual001', RegionId: 'cn-hangzhou', Name: 'hz-dual-gateway', Status: 'active', BusinessStatus: 'Normal', VpnType: 'Normal', dualTunnelCapable: true, InternetIp: '47.96.10.1' },
  { VpnGatewayId: 'vpn-single001', RegionId: 'cn-hangzhou', Name: 'hz-branch-gateway', Status: 'active', BusinessStatus: 'Normal', VpnType: 'Normal', dualTunnelCapable: false, InternetIp: '47.96.20.1' },
  { VpnGatewayId: 'vpn-sm001', RegionId: 'cn-shanghai', Name: 'sh-sm-gateway', Status: 'updating', BusinessStatus: 'Normal', VpnType: 'NationalStandard', dualTunnelCapable: false },
];

export function snapshot(overrides: Partial<InventorySnapshot> = {}): InventorySnapshot {
  const connections: ConnectionEntry[] = [
    { RegionId: 'cn-hangzhou', connection: DUAL },
    { RegionId: 'cn-hangzhou', connection: SINGLE },
    { RegionId: 'cn-hangzhou', connection: SINGLE_2 },
  ];
  return {
    profileId: 'sandbox',
    fetchedAt: new Date(Date.now() - 120_000).toISOString(),
    revision: 1,
    source: 'live',
    regions: [
      { RegionId: 'cn-hangzhou', LocalName: '华东1(杭州)' },
      { RegionId: 'cn-shanghai', LocalName: '华东2(上海)' },
    ],
    gateways: GATEWAYS,
    connections,
    customerGateways: [{ CustomerGatewayId: 'cgw-s1', RegionId: 'cn-hangzhou', Name: 'branch office 1', IpAddress: '203.0.113.21' }],
    errors: [],
    ...overrides,
  };
}

/** A large inventory: `count` connections over count/10 gateways, alternating dual and single. */
export function bigSnapshot(count: number): InventorySnapshot {
  const gateways: GatewaySummary[] = [];
  const connections: ConnectionEntry[] = [];
  const perGateway = 10;
  for (let g = 0; g < Math.ceil(count / perGateway); g++) {
    gateways.push({ VpnGatewayId: `vpn-g${g}`, RegionId: 'cn-hangzhou', Name: `gateway-${String(g).padStart(4, '0')}`, Status: 'active', BusinessStatus: 'Normal', VpnType: 'Normal', dualTunnelCapable: true });
  }
  for (let i = 0; i < count; i++) {
    const gw = `vpn-g${Math.floor(i / perGateway)}`;
    const raw = i % 2 === 0 ? dualDescribe(`vco-${i}`, gw, i) : singleDescribe(`vco-${i}`, gw, i);
    connections.push({ RegionId: 'cn-hangzhou', connection: parseDescribeConnectionOrThrow(raw) });
  }
  return { ...snapshot(), gateways, connections };
}
