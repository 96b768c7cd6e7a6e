import { seededRandom } from '../faults.ts';
import type {
  EmulatorSeed,
  Region,
  SeedCustomerGateway,
  SeedTunnel,
  SeedVpnConnection,
  SeedVpnGateway,
} from '../types.ts';

export interface GenerateOptions {
  regions: number;
  gateways: number;
  connections: number;
  /** PRNG seed: the same options always give the same inventory. */
  seed: number;
}

const KNOWN_REGIONS: Array<[string, string, string]> = [
  ['cn-hangzhou', '华东1（杭州）', 'China (Hangzhou)'],
  ['cn-shanghai', '华东2（上海）', 'China (Shanghai)'],
  ['cn-beijing', '华北2（北京）', 'China (Beijing)'],
  ['cn-shenzhen', '华南1（深圳）', 'China (Shenzhen)'],
  ['cn-qingdao', '华北1（青岛）', 'China (Qingdao)'],
  ['cn-zhangjiakou', '华北3（张家口）', 'China (Zhangjiakou)'],
  ['cn-huhehaote', '华北5（呼和浩特）', 'China (Hohhot)'],
  ['cn-wulanchabu', '华北6（乌兰察布）', 'China (Ulanqab)'],
  ['cn-chengdu', '西南1（成都）', 'China (Chengdu)'],
  ['cn-hongkong', '中国香港', 'China (Hong Kong)'],
  ['ap-southeast-1', '新加坡', 'Singapore'],
  ['ap-southeast-3', '马来西亚（吉隆坡）', 'Malaysia (Kuala Lumpur)'],
  ['ap-southeast-5', '印度尼西亚（雅加达）', 'Indonesia (Jakarta)'],
  ['ap-northeast-1', '日本（东京）', 'Japan (Tokyo)'],
  ['us-west-1', '美国（硅谷）', 'US (Silicon Valley)'],
  ['us-east-1', '美国（弗吉尼亚）', 'US (Virginia)'],
  ['eu-central-1', '德国（法兰克福）', 'Germany (Frankfurt)'],
  ['eu-west-1', '英国（伦敦）', 'UK (London)'],
  ['me-east-1', '阿联酋（迪拜）', 'UAE (Dubai)'],
];

const CENTRAL = new Set(['cn-qingdao', 'cn-beijing', 'cn-hangzhou', 'cn-shanghai', 'cn-shenzhen', 'cn-hongkong', 'ap-southeast-1', 'us-east-1', 'us-west-1']);

const pad = (n: number, width = 6): string => String(n).padStart(width, '0');
const ip = (a: number, n: number): string => `${a}.${(n >> 16) & 255}.${(n >> 8) & 255}.${(n & 255) || 1}`;

const FIRST_TUNNEL_BLOCK = 10 * 64; // 169.254.10.0/30, past the reserved 169.254.0.0/30 … 169.254.6.0/30
const RESERVED_BLOCK = 169 * 64 + 63; // 169.254.169.252/30
const LAST_BLOCK = 255 * 64 + 63; // 169.254.255.252/30
/** How many tunnel networks one gateway can hand out. */
export const TUNNEL_CIDRS_PER_GATEWAY = LAST_BLOCK - FIRST_TUNNEL_BLOCK; // every block from the first to the last but the reserved one

/** The i-th usable /30 of 169.254.0.0/16 from 169.254.10.0, skipping the reserved 169.254.169.252/30. */
export function tunnelCidr(i: number): { cidr: string; local: string; peer: string } {
  if (!Number.isInteger(i) || i < 0 || i >= TUNNEL_CIDRS_PER_GATEWAY) throw new RangeError(`no tunnel network number ${i}`);
  let block = FIRST_TUNNEL_BLOCK + i;
  if (block >= RESERVED_BLOCK) block += 1;
  const third = Math.floor(block / 64);
  const fourth = (block % 64) * 4;
  return {
    cidr: `169.254.${third}.${fourth}/30`,
    local: `169.254.${third}.${fourth + 1}`,
    peer: `169.254.${third}.${fourth + 2}`,
  };
}

/**
 * A large, internally consistent inventory for benchmarks and virtualised-list tests: connections spread round-robin
 * over gateways, every end on its own customer gateway (so no same-gateway/same-CGW rule is violated), tunnel CIDRs
 * unique per gateway, one SM gateway in every ten and one financially locked gateway in every fifty.
 */
export function generateInventory(options: GenerateOptions): EmulatorSeed {
  if (![options.regions, options.gateways, options.connections, options.seed].every(Number.isFinite)) {
    throw new Error('generateInventory: regions, gateways, connections and seed must be numbers');
  }
  const regionCount = Math.max(1, Math.floor(options.regions));
  const gatewayCount = Math.max(1, Math.floor(options.gateways));
  const connectionCount = Math.max(0, Math.floor(options.connections));
  if (gatewayCount > 16_000 || connectionCount > 1_000_000) throw new Error('inventory too large');
  // Each gateway hands out up to two tunnel networks per connection; they must stay unique and unreserved.
  if (Math.ceil(connectionCount / gatewayCount) * 2 > TUNNEL_CIDRS_PER_GATEWAY) {
    throw new Error('inventory too large: more connections per gateway than tunnel networks in 169.254.0.0/16');
  }
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const regions: Region[] = [];
  for (let i = 0; i < regionCount; i++) {
    const known = KNOWN_REGIONS[i];
    const id = known ? known[0] : `xx-sandbox-${i + 1}`;
    regions.push({
      RegionId: id,
      LocalName: known ? known[1] : `沙箱地域 ${i + 1}`,
      LocalNameEn: known ? known[2] : `Sandbox region ${i + 1}`,
      RegionEndpoint: CENTRAL.has(id) ? 'vpc.aliyuncs.com' : `vpc.${id}.aliyuncs.com`,
    });
  }

  const gateways: SeedVpnGateway[] = [];
  for (let g = 0; g < gatewayCount; g++) {
    const region = regions[g % regionCount] as Region;
    const sm = g % 10 === 9 && region.RegionId.startsWith('cn-');
    const dual = !sm && g % 3 !== 2;
    gateways.push({
      VpnGatewayId: `vpn-gen${pad(g)}`,
      RegionId: region.RegionId,
      Name: `gen-gateway-${g}`,
      InternetIp: ip(47, 2 * g + 1),
      ...(dual ? { DisasterRecoveryInternetIp: ip(47, 2 * g + 2), DisasterRecoveryVSwitchId: `vsw-gen${pad(g)}b` } : {}),
      VpnType: sm ? 'NationalStandard' : 'Normal',
      BusinessStatus: g % 50 === 49 ? 'FinancialLocked' : 'Normal',
      GatewayType: dual ? 'Enhanced.SiteToSite' : 'Traditional',
      Spec: pick(['100M', '200M', '500M', '1000M']),
    });
  }

  const customerGateways: SeedCustomerGateway[] = [];
  const connections: SeedVpnConnection[] = [];
  const perGateway = new Map<string, number>();
  const newCgw = (region: string): string => {
    const n = customerGateways.length;
    const id = `cgw-gen${pad(n, 7)}`;
    customerGateways.push({ CustomerGatewayId: id, RegionId: region, IpAddress: ip(198, n + 1), Name: `gen-cpe-${n}`, Asn: 64512 + (n % 1000) });
    return id;
  };

  for (let c = 0; c < connectionCount; c++) {
    const gateway = gateways[c % gatewayCount] as SeedVpnGateway;
    const sm = gateway.VpnType === 'NationalStandard';
    const dual = gateway.DisasterRecoveryInternetIp !== undefined;
    const slot = perGateway.get(gateway.VpnGatewayId) ?? 0;
    const bgp = random() < 0.4;
    const version = sm ? 'ikev1' : pick(['ikev1', 'ikev2']);
    const ike = {
      Psk: `gen-psk-${pad(c)}`,
      IkeVersion: version,
      IkeEncAlg: sm ? 'sm4' : pick(['aes', 'aes256']),
      IkeAuthAlg: sm ? 'sm3' : pick(['sha1', 'sha256']),
    };
    const ipsec = { IpsecEncAlg: sm ? 'sm4' : 'aes', IpsecAuthAlg: sm ? 'sm3' : 'sha1', IpsecPfs: pick(['group2', 'group14']) };
    const routed = bgp || random() < 0.5;
    const third = c % 250;
    const base: SeedVpnConnection = {
      VpnConnectionId: `vco-gen${pad(c, 7)}`,
      VpnGatewayId: gateway.VpnGatewayId,
      RegionId: gateway.RegionId,
      Name: `gen-connection-${c}`,
      LocalSubnet: routed ? '0.0.0.0/0' : `10.${Math.floor(c / 250) % 250}.${third}.0/24`,
      RemoteSubnet: routed ? '0.0.0.0/0' : `172.16.${third}.0/24`,
      CreateTime: 1700000000000 + c * 60_000,
    };
    if (dual) {
      const tunnels: SeedTunnel[] = (['master', 'slave'] as const).map((role, k) => {
        const cidr = tunnelCidr(slot * 2 + k);
        return {
          TunnelId: `tun-gen${pad(c, 7)}${role === 'master' ? 'm' : 's'}`,
          Role: role,
          CustomerGatewayId: newCgw(gateway.RegionId),
          TunnelIkeConfig: ike,
          TunnelIpsecConfig: ipsec,
          ...(bgp ? { TunnelBgpConfig: { TunnelCidr: cidr.cidr, LocalBgpIp: cidr.local, PeerBgpIp: cidr.peer, PeerAsn: 65000 } } : {}),
        };
      });
      connections.push({ ...base, EnableTunnelsBgp: bgp, TunnelOptions: tunnels });
    } else {
      const cidr = tunnelCidr(slot);
      connections.push({
        ...base,
        CustomerGatewayId: newCgw(gateway.RegionId),
        IkeConfig: ike,
        IpsecConfig: ipsec,
        ...(bgp
          ? { VpnBgpConfig: { EnableBgp: true, TunnelCidr: cidr.cidr, LocalBgpIp: cidr.local, PeerBgpIp: cidr.peer, LocalAsn: 45104, PeerAsn: 65000 } }
          : {}),
      });
    }
    perGateway.set(gateway.VpnGatewayId, slot + 1);
  }
  return { regions, vpnGateways: gateways, customerGateways, vpnConnections: connections };
}
