// Internal model of the emulated VPC inventory. Field names are Alibaba's own so that seed files, state dumps and
// responses read the same; values use native JSON types here, and the response views apply the wire's type quirks.

export type VpnType = 'Normal' | 'NationalStandard';
export type BusinessStatus = 'Normal' | 'FinancialLocked';
export type GatewayStatus = 'init' | 'provisioning' | 'active' | 'updating' | 'deleting';
export type NegotiationStatus =
  | 'ike_sa_not_established'
  | 'ike_sa_established'
  | 'ipsec_sa_not_established'
  | 'ipsec_sa_established';
export type TunnelRole = 'master' | 'slave';

export interface Tag {
  Key: string;
  Value: string;
}

export interface Region {
  RegionId: string;
  LocalName: string;
  /** English name, returned when AcceptLanguage=en-US. */
  LocalNameEn?: string;
  RegionEndpoint: string;
}

export interface IkeConfig {
  Psk: string;
  IkeVersion: string;
  IkeMode: string;
  IkeEncAlg: string;
  IkeAuthAlg: string;
  IkePfs: string;
  IkeLifetime: number;
  LocalId: string;
  RemoteId: string;
}

export interface IpsecConfig {
  IpsecEncAlg: string;
  IpsecAuthAlg: string;
  IpsecPfs: string;
  IpsecLifetime: number;
}

export interface HealthCheck {
  Enable: boolean;
  Dip: string;
  Sip: string;
  Interval: number;
  Retry: number;
}

export interface BgpConfig {
  EnableBgp: boolean;
  LocalAsn: number;
  TunnelCidr: string;
  LocalBgpIp: string;
  PeerAsn: number;
  PeerBgpIp: string;
}

export interface TunnelBgpConfig {
  LocalAsn: number;
  LocalBgpIp: string;
  TunnelCidr: string;
  PeerAsn: number;
  PeerBgpIp: string;
}

export interface Tunnel {
  TunnelId: string;
  Role: TunnelRole;
  CustomerGatewayId: string;
  EnableDpd: boolean;
  EnableNatTraversal: boolean;
  InternetIp: string;
  ZoneNo: string;
  RemoteCaCertificate: string;
  TunnelIkeConfig: IkeConfig;
  TunnelIpsecConfig: IpsecConfig;
  TunnelBgpConfig: TunnelBgpConfig;
}

export interface VpnConnection {
  VpnConnectionId: string;
  RegionId: string;
  VpnGatewayId: string;
  /** Single-tunnel: the customer gateway. Dual-tunnel: empty (each tunnel names its own). */
  CustomerGatewayId: string;
  Name: string;
  Description: string;
  LocalSubnet: string;
  RemoteSubnet: string;
  CreateTime: number;
  EffectImmediately: boolean;
  AutoConfigRoute: boolean;
  EnableDpd: boolean;
  EnableNatTraversal: boolean;
  EnableTunnelsBgp: boolean;
  NetworkType: 'public' | 'private';
  Spec: string;
  TunnelBandwidth: string;
  ZoneNo: string;
  ResourceGroupId: string;
  RemoteCaCertificate: string;
  IkeConfig: IkeConfig;
  IpsecConfig: IpsecConfig;
  VcoHealthCheck: HealthCheck;
  VpnBgpConfig: BgpConfig;
  /** Present (two entries, master and slave) only for dual-tunnel connections. */
  TunnelOptions?: Tunnel[];
  Tags: Tag[];
}

/**
 * What an older gateway version refuses, named after the document's codes (`OperationUnsupported.SetDPD`,
 * `.SetNatTraversal`, `.EnableBgp`). The document gives no version table, so a seed names them per gateway.
 */
export type UnsupportedOperation = 'SetDPD' | 'SetNatTraversal' | 'EnableBgp';

export interface VpnGateway {
  VpnGatewayId: string;
  RegionId: string;
  Name: string;
  Description: string;
  VpcId: string;
  VSwitchId: string;
  InternetIp: string;
  /** Only dual-tunnel-capable gateways have these. */
  DisasterRecoveryInternetIp?: string;
  DisasterRecoveryVSwitchId?: string;
  SslVpnInternetIp: string;
  VpnType: VpnType;
  BusinessStatus: BusinessStatus;
  GatewayType: string;
  NetworkType: 'public' | 'private';
  ChargeType: string;
  Spec: string;
  IpsecVpn: 'enable' | 'disable';
  SslVpn: 'enable' | 'disable';
  SslMaxConnections: number;
  EnableBgp: boolean;
  AutoPropagate: boolean;
  CreateTime: number;
  EndTime: number;
  ResourceGroupId: string;
  Tags: Tag[];
  /** Shown in DescribeVpnGateway's system `Tag` (`VpnVersion`); informative only. */
  VpnVersion: string;
  /** Operations this gateway's version refuses (default none). */
  UnsupportedOperations: UnsupportedOperation[];
}

export interface CustomerGateway {
  CustomerGatewayId: string;
  RegionId: string;
  Name: string;
  Description: string;
  IpAddress: string;
  Asn: number;
  AuthKey: string;
  CreateTime: number;
  ResourceGroupId: string;
  Tags: Tag[];
}

/** What the simulated device behind a customer gateway is configured with; unset fields accept anything. */
export interface PeerConfig {
  Psk?: string;
  IkeVersion?: string;
  IkeMode?: string;
  IkeEncAlg?: string;
  IkeAuthAlg?: string;
  IkePfs?: string;
  IpsecEncAlg?: string;
  IpsecAuthAlg?: string;
  IpsecPfs?: string;
  /** false simulates a peer that is down: nothing negotiates. Default true. */
  Online?: boolean;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

export type SeedTunnel = Omit<DeepPartial<Tunnel>, 'TunnelId' | 'Role' | 'CustomerGatewayId'> &
  Pick<Tunnel, 'TunnelId' | 'Role' | 'CustomerGatewayId'>;
export type SeedVpnConnection = Omit<DeepPartial<VpnConnection>, 'VpnConnectionId' | 'VpnGatewayId' | 'TunnelOptions'> &
  Pick<VpnConnection, 'VpnConnectionId' | 'VpnGatewayId'> & { TunnelOptions?: SeedTunnel[] };
export type SeedVpnGateway = Partial<VpnGateway> &
  Pick<VpnGateway, 'VpnGatewayId' | 'RegionId'> & { /** Seed a non-steady status such as `provisioning`. */ Status?: GatewayStatus };
export type SeedCustomerGateway = Partial<CustomerGateway> &
  Pick<CustomerGateway, 'CustomerGatewayId' | 'RegionId' | 'IpAddress'> & { Peer?: PeerConfig };

/** The seed file format: Alibaba field names; omitted fields get documented defaults. */
export interface EmulatorSeed {
  regions: Region[];
  vpnGateways: SeedVpnGateway[];
  customerGateways: SeedCustomerGateway[];
  vpnConnections: SeedVpnConnection[];
}

export interface FaultConfig {
  /** PRNG seed: the same seed and request sequence give the same faults. */
  seed: number;
  /** Probability (0–1) of answering `Throttling.User`. */
  throttleRate: number;
  /** Probability (0–1) of answering 503 `ServiceUnavailable`. */
  serverErrorRate: number;
  /** Added delay before every API response, in ms. */
  latencyMs: number;
  /** Probability (0–1) of destroying the socket without a response. */
  resetRate: number;
  /** Probability (0–1) of never answering (until `hangMs` passes, then the socket is destroyed). */
  hangRate: number;
  /** How long a hung request is held; 0 holds it until the client gives up or the emulator closes. */
  hangMs: number;
  /** Restrict faults to these actions; empty means every action. */
  actions: string[];
  /**
   * Probability (0–1) that the request is carried out (state changes as usual) and then its answer is lost, as
   * one of `lostAnswerKinds`. Checked after the pre-action faults above, so a request they fault never runs.
   */
  lostAnswerRate: number;
  /** How a lost answer looks to the client; the seeded generator picks one per lost answer. Default: all four. */
  lostAnswerKinds: LostAnswerKind[];
  /**
   * One-shot and deterministic: the next N requests faults apply to run and lose their answer (before any other
   * fault is considered), then this counts back down to 0.
   */
  lostAnswerNext: number;
  /**
   * One-shot and deterministic: the next N ModifyVpnConnectionAttribute requests the faults apply to are refused with
   * 400 `VpnTask.CONFLICT` (another task on the VPN) before they run. Other actions never conflict.
   */
  conflictNext: number;
}

/**
 * `reset`: socket destroyed without a response. `timeout`: nothing is sent (socket closed after `hangMs` if set).
 * `5xx`: a load balancer's 502 with an HTML body. `garbage`: 200 with a body that is not valid JSON.
 */
export type LostAnswerKind = 'reset' | 'timeout' | '5xx' | 'garbage';

export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  /** RAM-style action patterns, e.g. `vpc:*`, `vpc:Describe*`, `vpc:ModifyVpnConnectionAttribute`. */
  allow: string[];
  /** STS keys must present this token (x-acs-security-token / SecurityToken). */
  securityToken?: string;
  /** Epoch ms after which an STS token is expired. */
  expiration?: number;
}
