import type {
  CustomerGateway,
  EmulatorSeed,
  IkeConfig,
  IpsecConfig,
  PeerConfig,
  SeedTunnel,
  SeedVpnConnection,
  Tunnel,
  VpnConnection,
  VpnGateway,
} from '../types.ts';

// Defaults follow the terraform docs and the old cn API doc (reference §1.1): ikev1/main/aes/group2/86400.
const SM = (g: VpnGateway | undefined): boolean => g?.VpnType === 'NationalStandard';

function ike(partial: Partial<IkeConfig> | undefined, sm: boolean, localId: string, remoteId: string): IkeConfig {
  return {
    Psk: partial?.Psk ?? 'sandbox-psk-0001',
    IkeVersion: partial?.IkeVersion ?? 'ikev1',
    IkeMode: partial?.IkeMode ?? 'main',
    IkeEncAlg: partial?.IkeEncAlg ?? (sm ? 'sm4' : 'aes'),
    IkeAuthAlg: partial?.IkeAuthAlg ?? (sm ? 'sm3' : 'sha1'),
    IkePfs: partial?.IkePfs ?? 'group2',
    IkeLifetime: partial?.IkeLifetime ?? 86400,
    LocalId: partial?.LocalId ?? localId,
    RemoteId: partial?.RemoteId ?? remoteId,
  };
}

function ipsec(partial: Partial<IpsecConfig> | undefined, sm: boolean): IpsecConfig {
  return {
    IpsecEncAlg: partial?.IpsecEncAlg ?? (sm ? 'sm4' : 'aes'),
    IpsecAuthAlg: partial?.IpsecAuthAlg ?? (sm ? 'sm3' : 'sha1'),
    IpsecPfs: partial?.IpsecPfs ?? 'group2',
    IpsecLifetime: partial?.IpsecLifetime ?? 86400,
  };
}

export function normalizeGateway(g: EmulatorSeed['vpnGateways'][number]): VpnGateway {
  return {
    Name: '',
    Description: '',
    VpcId: `vpc-${g.VpnGatewayId.slice(4)}`,
    VSwitchId: `vsw-${g.VpnGatewayId.slice(4)}`,
    InternetIp: '47.96.0.1',
    SslVpnInternetIp: '',
    VpnType: 'Normal',
    BusinessStatus: 'Normal',
    GatewayType: 'Enhanced.SiteToSite',
    NetworkType: 'public',
    ChargeType: 'POSTPAY',
    Spec: '200M',
    IpsecVpn: 'enable',
    SslVpn: 'disable',
    SslMaxConnections: 5,
    EnableBgp: false,
    AutoPropagate: false,
    CreateTime: 1700000000000,
    EndTime: 4102444800000,
    ResourceGroupId: 'rg-sandbox',
    Tags: [],
    VpnVersion: 'v1.2.4',
    UnsupportedOperations: [],
    ...g,
  };
}

export function normalizeCustomerGateway(c: EmulatorSeed['customerGateways'][number]): CustomerGateway {
  const { Peer: _peer, ...rest } = c;
  return {
    Name: '',
    Description: '',
    Asn: 65531,
    AuthKey: '',
    CreateTime: 1700000000000,
    ResourceGroupId: 'rg-sandbox',
    Tags: [],
    ...rest,
  };
}

function tunnel(t: SeedTunnel, gw: VpnGateway | undefined, cgwIp: string, index: number): Tunnel {
  const internetIp = t.InternetIp ?? (index === 0 ? gw?.InternetIp : gw?.DisasterRecoveryInternetIp) ?? '47.96.0.2';
  const bgp = t.TunnelBgpConfig;
  return {
    TunnelId: t.TunnelId,
    Role: t.Role,
    CustomerGatewayId: t.CustomerGatewayId,
    EnableDpd: t.EnableDpd ?? true,
    EnableNatTraversal: t.EnableNatTraversal ?? true,
    InternetIp: internetIp,
    ZoneNo: t.ZoneNo ?? `${gw?.RegionId ?? 'cn-hangzhou'}-${index === 0 ? 'h' : 'i'}`,
    RemoteCaCertificate: t.RemoteCaCertificate ?? '',
    TunnelIkeConfig: ike(t.TunnelIkeConfig, SM(gw), internetIp, cgwIp),
    TunnelIpsecConfig: ipsec(t.TunnelIpsecConfig, SM(gw)),
    TunnelBgpConfig: {
      LocalAsn: bgp?.LocalAsn ?? 45104,
      LocalBgpIp: bgp?.LocalBgpIp ?? '',
      TunnelCidr: bgp?.TunnelCidr ?? '',
      PeerAsn: bgp?.PeerAsn ?? 0,
      PeerBgpIp: bgp?.PeerBgpIp ?? '',
    },
  };
}

export function normalizeConnection(
  c: SeedVpnConnection,
  gateways: ReadonlyMap<string, VpnGateway>,
  cgws: ReadonlyMap<string, CustomerGateway>,
): VpnConnection {
  const gw = gateways.get(c.VpnGatewayId);
  const cgwIp = (id: string | undefined): string => (id ? cgws.get(id)?.IpAddress : undefined) ?? '';
  const bgp = c.VpnBgpConfig;
  const hc = c.VcoHealthCheck;
  return {
    VpnConnectionId: c.VpnConnectionId,
    RegionId: c.RegionId ?? gw?.RegionId ?? 'cn-hangzhou',
    VpnGatewayId: c.VpnGatewayId,
    CustomerGatewayId: c.TunnelOptions ? '' : (c.CustomerGatewayId ?? ''),
    Name: c.Name ?? c.VpnConnectionId,
    Description: c.Description ?? '',
    LocalSubnet: c.LocalSubnet ?? '0.0.0.0/0',
    RemoteSubnet: c.RemoteSubnet ?? '0.0.0.0/0',
    CreateTime: c.CreateTime ?? 1700000000000,
    EffectImmediately: c.EffectImmediately ?? false,
    AutoConfigRoute: c.AutoConfigRoute ?? true,
    EnableDpd: c.EnableDpd ?? true,
    EnableNatTraversal: c.EnableNatTraversal ?? true,
    EnableTunnelsBgp: c.EnableTunnelsBgp ?? false,
    NetworkType: c.NetworkType ?? 'public',
    Spec: c.Spec ?? '1000M',
    TunnelBandwidth: c.TunnelBandwidth ?? 'Standard',
    ZoneNo: c.ZoneNo ?? '',
    ResourceGroupId: c.ResourceGroupId ?? gw?.ResourceGroupId ?? 'rg-sandbox',
    RemoteCaCertificate: c.RemoteCaCertificate ?? '',
    IkeConfig: ike(c.IkeConfig, SM(gw), gw?.InternetIp ?? '', cgwIp(c.CustomerGatewayId)),
    IpsecConfig: ipsec(c.IpsecConfig, SM(gw)),
    VcoHealthCheck: {
      Enable: hc?.Enable ?? false,
      Dip: hc?.Dip ?? '',
      Sip: hc?.Sip ?? '',
      Interval: hc?.Interval ?? 3,
      Retry: hc?.Retry ?? 3,
    },
    VpnBgpConfig: {
      EnableBgp: bgp?.EnableBgp ?? false,
      LocalAsn: bgp?.LocalAsn ?? 45104,
      TunnelCidr: bgp?.TunnelCidr ?? '',
      LocalBgpIp: bgp?.LocalBgpIp ?? '',
      PeerAsn: bgp?.PeerAsn ?? 0,
      PeerBgpIp: bgp?.PeerBgpIp ?? '',
    },
    ...(c.TunnelOptions
      ? { TunnelOptions: c.TunnelOptions.map((t, i) => tunnel(t, gw, cgwIp(t.CustomerGatewayId), i)) }
      : {}),
    Tags: c.Tags ?? [],
  };
}

/** A peer that agrees with the connection as seeded, so seeded tunnels start established. */
export function peerFromConfig(ikeConfig: IkeConfig, ipsecConfig: IpsecConfig): PeerConfig {
  return {
    Psk: ikeConfig.Psk,
    IkeVersion: ikeConfig.IkeVersion,
    IkeMode: ikeConfig.IkeMode,
    IkeEncAlg: ikeConfig.IkeEncAlg,
    IkeAuthAlg: ikeConfig.IkeAuthAlg,
    IkePfs: ikeConfig.IkePfs,
    IpsecEncAlg: ipsecConfig.IpsecEncAlg,
    IpsecAuthAlg: ipsecConfig.IpsecAuthAlg,
    IpsecPfs: ipsecConfig.IpsecPfs,
    Online: true,
  };
}
