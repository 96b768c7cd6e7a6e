import type {
  BgpConfig,
  CustomerGateway,
  HealthCheck,
  IkeConfig,
  IpsecConfig,
  NegotiationStatus,
  Tag,
  Tunnel,
  VpnConnection,
  VpnGateway,
} from '../types.ts';
import type { Store } from './store.ts';

// Response shapes with the real service's type quirks (reference §1.2, §5): per-tunnel scalars are strings in
// Describe* but booleans/numbers in the Modify response; VcoHealthCheck.Enable and VpnBgpConfig.EnableBgp are
// strings everywhere; lists are always arrays; the tag container is `Tags` in singular calls and `Tag` in plural.

export type DualTopLevel = 'empty' | 'mirror-master';

const tagList = (tags: readonly Tag[]): { Tag: Tag[] } => ({ Tag: tags.map((t) => ({ Key: t.Key, Value: t.Value })) });

const ikeView = (c: IkeConfig): Record<string, unknown> => ({ ...c });
const ipsecView = (c: IpsecConfig): Record<string, unknown> => ({ ...c });

function isDual(c: VpnConnection): c is VpnConnection & { TunnelOptions: Tunnel[] } {
  return Array.isArray(c.TunnelOptions);
}

/** BGP sessions run inside the tunnel: `success` only while BGP is on and the tunnel's IPsec SA is up. */
const bgpStatus = (enabled: boolean, negotiation: NegotiationStatus): 'success' | 'false' =>
  enabled && negotiation === 'ipsec_sa_established' ? 'success' : 'false';

function tunnelDescribeView(store: Store, connection: VpnConnection, t: Tunnel, index: number): Record<string, unknown> {
  const status = store.tunnelStatus(connection, t);
  return {
    CustomerGatewayId: t.CustomerGatewayId,
    EnableDpd: String(t.EnableDpd),
    EnableNatTraversal: String(t.EnableNatTraversal),
    InternetIp: t.InternetIp,
    RemoteCaCertificate: t.RemoteCaCertificate,
    Role: t.Role,
    State: store.isConnectionUpdating(connection.VpnConnectionId) ? 'updating' : 'active',
    Status: status,
    TunnelId: t.TunnelId,
    TunnelIndex: index + 1,
    ZoneNo: t.ZoneNo,
    TunnelBgpConfig: {
      BgpStatus: bgpStatus(connection.EnableTunnelsBgp, status),
      LocalAsn: String(t.TunnelBgpConfig.LocalAsn),
      LocalBgpIp: t.TunnelBgpConfig.LocalBgpIp,
      PeerAsn: String(t.TunnelBgpConfig.PeerAsn),
      PeerBgpIp: t.TunnelBgpConfig.PeerBgpIp,
      TunnelCidr: t.TunnelBgpConfig.TunnelCidr,
    },
    TunnelIkeConfig: { ...t.TunnelIkeConfig, IkeLifetime: String(t.TunnelIkeConfig.IkeLifetime) },
    TunnelIpsecConfig: { ...t.TunnelIpsecConfig, IpsecLifetime: String(t.TunnelIpsecConfig.IpsecLifetime) },
  };
}

function tunnelModifyView(store: Store, connection: VpnConnection, t: Tunnel): Record<string, unknown> {
  return {
    CustomerGatewayId: t.CustomerGatewayId,
    EnableDpd: t.EnableDpd,
    EnableNatTraversal: t.EnableNatTraversal,
    InternetIp: t.InternetIp,
    RemoteCaCertificate: t.RemoteCaCertificate,
    Role: t.Role,
    State: store.isConnectionUpdating(connection.VpnConnectionId) ? 'updating' : 'active',
    TunnelId: t.TunnelId,
    ZoneNo: t.ZoneNo,
    TunnelBgpConfig: {
      LocalAsn: t.TunnelBgpConfig.LocalAsn,
      LocalBgpIp: t.TunnelBgpConfig.LocalBgpIp,
      PeerAsn: t.TunnelBgpConfig.PeerAsn,
      PeerBgpIp: t.TunnelBgpConfig.PeerBgpIp,
      TunnelCidr: t.TunnelBgpConfig.TunnelCidr,
    },
    TunnelIkeConfig: ikeView(t.TunnelIkeConfig),
    TunnelIpsecConfig: ipsecView(t.TunnelIpsecConfig),
  };
}

function healthView(h: HealthCheck, withStatus: boolean): Record<string, unknown> {
  return {
    Dip: h.Dip,
    Enable: String(h.Enable),
    Interval: h.Interval,
    Retry: h.Retry,
    Sip: h.Sip,
    ...(withStatus ? { Policy: 'revoke_route', Status: h.Enable ? 'success' : 'failed' } : {}),
  };
}

function bgpView(b: BgpConfig, withEnable: boolean, negotiation: NegotiationStatus): Record<string, unknown> {
  return {
    AuthKey: '',
    ...(withEnable ? { EnableBgp: String(b.EnableBgp) } : {}),
    LocalAsn: b.LocalAsn,
    LocalBgpIp: b.LocalBgpIp,
    PeerAsn: b.PeerAsn,
    PeerBgpIp: b.PeerBgpIp,
    Status: bgpStatus(b.EnableBgp, negotiation),
    TunnelCidr: b.TunnelCidr,
  };
}

/** DescribeVpnConnection (`plural: false`) and the items of DescribeVpnConnections (`plural: true`). */
export function connectionDescribeView(
  store: Store,
  c: VpnConnection,
  options: { plural: boolean; dualTopLevel: DualTopLevel },
): Record<string, unknown> {
  const gateway = store.gateways.get(c.VpnGatewayId)?.gateway;
  const dual = isDual(c);
  const master = dual ? (c.TunnelOptions.find((t) => t.Role === 'master') ?? c.TunnelOptions[0]) : undefined;
  const mirror = dual && options.dualTopLevel === 'mirror-master' && master;
  const view: Record<string, unknown> = {
    VpnConnectionId: c.VpnConnectionId,
    VpnGatewayId: c.VpnGatewayId,
    CustomerGatewayId: c.CustomerGatewayId,
    Name: c.Name,
    Description: c.Description,
    LocalSubnet: c.LocalSubnet,
    RemoteSubnet: c.RemoteSubnet,
    CreateTime: c.CreateTime,
    EffectImmediately: c.EffectImmediately,
    EnableDpd: c.EnableDpd,
    EnableNatTraversal: c.EnableNatTraversal,
    ...(dual ? { EnableTunnelsBgp: c.EnableTunnelsBgp } : {}),
    Status: store.connectionStatus(c),
    State: store.connectionState(c),
    InternetIp: gateway?.InternetIp ?? '',
    NetworkType: c.NetworkType,
    RemoteCaCertificate: c.RemoteCaCertificate,
    ResourceGroupId: c.ResourceGroupId,
    Spec: c.Spec,
    TunnelBandwidth: c.TunnelBandwidth,
    ...(options.plural ? {} : { ZoneNo: c.ZoneNo }),
    AttachType: 'VPNGW',
    AttachInstanceId: '',
    CrossAccountAuthorized: false,
    TransitRouterId: '',
    TransitRouterName: '',
    ...(options.plural ? { Tag: tagList(c.Tags) } : { Tags: tagList(c.Tags) }),
    IkeConfig: dual ? (mirror ? ikeView(master.TunnelIkeConfig) : {}) : ikeView(c.IkeConfig),
    IpsecConfig: dual ? (mirror ? ipsecView(master.TunnelIpsecConfig) : {}) : ipsecView(c.IpsecConfig),
    VcoHealthCheck: dual ? {} : healthView(c.VcoHealthCheck, true),
    VpnBgpConfig: dual ? {} : bgpView(c.VpnBgpConfig, !options.plural, store.connectionStatus(c)),
    TunnelOptionsSpecification: {
      TunnelOptions: dual ? c.TunnelOptions.map((t, i) => tunnelDescribeView(store, c, t, i)) : [],
    },
  };
  return view;
}

/** The ModifyVpnConnectionAttribute response: native booleans/numbers, single- or dual-only parts as documented. */
export function connectionModifyView(store: Store, c: VpnConnection): Record<string, unknown> {
  const common = {
    VpnConnectionId: c.VpnConnectionId,
    VpnGatewayId: c.VpnGatewayId,
    Name: c.Name,
    Description: c.Description,
    LocalSubnet: c.LocalSubnet,
    RemoteSubnet: c.RemoteSubnet,
    CreateTime: c.CreateTime,
    EffectImmediately: c.EffectImmediately,
    ResourceGroupId: c.ResourceGroupId,
  };
  if (isDual(c)) {
    return {
      ...common,
      EnableTunnelsBgp: c.EnableTunnelsBgp,
      TunnelOptionsSpecification: { TunnelOptions: c.TunnelOptions.map((t) => tunnelModifyView(store, c, t)) },
    };
  }
  const { AuthKey: _authKey, ...bgp } = bgpView(c.VpnBgpConfig, true, store.connectionStatus(c));
  return {
    ...common,
    CustomerGatewayId: c.CustomerGatewayId,
    EnableDpd: c.EnableDpd,
    EnableNatTraversal: c.EnableNatTraversal,
    IkeConfig: ikeView(c.IkeConfig),
    IpsecConfig: ipsecView(c.IpsecConfig),
    VcoHealthCheck: healthView(c.VcoHealthCheck, false),
    VpnBgpConfig: bgp,
  };
}

export function gatewayView(store: Store, g: VpnGateway, includeReservation: boolean): Record<string, unknown> {
  return {
    VpnGatewayId: g.VpnGatewayId,
    Name: g.Name,
    Description: g.Description,
    VpcId: g.VpcId,
    VSwitchId: g.VSwitchId,
    InternetIp: g.InternetIp,
    ...(g.DisasterRecoveryInternetIp !== undefined ? { DisasterRecoveryInternetIp: g.DisasterRecoveryInternetIp } : {}),
    ...(g.DisasterRecoveryVSwitchId !== undefined ? { DisasterRecoveryVSwitchId: g.DisasterRecoveryVSwitchId } : {}),
    SslVpnInternetIp: g.SslVpnInternetIp,
    Status: store.gatewayStatus(g.VpnGatewayId),
    BusinessStatus: g.BusinessStatus,
    VpnType: g.VpnType,
    GatewayType: g.GatewayType,
    NetworkType: g.NetworkType,
    ChargeType: g.ChargeType,
    Spec: g.Spec,
    IpsecVpn: g.IpsecVpn,
    SslVpn: g.SslVpn,
    SslMaxConnections: g.SslMaxConnections,
    EnableBgp: g.EnableBgp,
    AutoPropagate: g.AutoPropagate,
    CreateTime: g.CreateTime,
    EndTime: g.EndTime,
    ResourceGroupId: g.ResourceGroupId,
    Tag: JSON.stringify({ VpnEnableBgp: String(g.EnableBgp), VpnNewImage: 'true', VpnVersion: g.VpnVersion }),
    Tags: tagList(g.Tags),
    EniInstanceIds: { EniInstanceId: [] },
    ...(includeReservation ? { ReservationData: {} } : {}),
  };
}

export function customerGatewayView(c: CustomerGateway): Record<string, unknown> {
  return {
    CustomerGatewayId: c.CustomerGatewayId,
    Name: c.Name,
    Description: c.Description,
    IpAddress: c.IpAddress,
    Asn: c.Asn,
    AuthKey: c.AuthKey,
    CreateTime: c.CreateTime,
    ResourceGroupId: c.ResourceGroupId,
    Tags: tagList(c.Tags),
  };
}
