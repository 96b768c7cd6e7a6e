// The IPsec connection as the editor sees it. Key names inside every group are spelled exactly as the
// ModifyVpnConnectionAttribute API spells them, so a field path (see paths.ts) is also the API parameter path.

export type VpnType = 'Normal' | 'NationalStandard';
export type TunnelRole = 'master' | 'slave';

/** Phase 1 settings: `IkeConfig` on single-tunnel connections, `TunnelIkeConfig` per tunnel on dual-tunnel ones. */
export interface IkeConfig {
  Psk: string;
  IkeVersion: string;
  IkeMode: string;
  IkeEncAlg: string;
  IkeAuthAlg: string;
  IkePfs: string;
  /** Seconds. Kept as a number even though Describe sometimes sends a string. NaN marks unparsable input. */
  IkeLifetime: number;
  /** Empty string = service default (the gateway / customer-gateway IP). */
  LocalId: string;
  RemoteId: string;
}

/** Phase 2 settings: `IpsecConfig` (single) or `TunnelIpsecConfig` (per tunnel). */
export interface IpsecConfig {
  IpsecEncAlg: string;
  IpsecAuthAlg: string;
  IpsecPfs: string;
  IpsecLifetime: number;
}

/**
 * Keys are lower-case because that is how the Modify API documents `HealthCheckConfig`
 * (Describe returns the same data as `VcoHealthCheck` with capitalised keys; the parser maps them).
 */
export interface HealthCheckConfig {
  enable: boolean;
  dip: string;
  sip: string;
  interval: number;
  retry: number;
}

/** Single-tunnel BGP (`BgpConfig` on Modify, `VpnBgpConfig` on Describe). */
export interface BgpConfig {
  EnableBgp: boolean;
  /** Text so the two-part `high.low` form the API accepts can be edited; empty = unset. */
  LocalAsn: string;
  TunnelCidr: string;
  LocalBgpIp: string;
  /** Read-only, Describe only. */
  PeerAsn?: string;
  PeerBgpIp?: string;
  Status?: string;
}

export interface TunnelBgpConfig {
  LocalAsn: string;
  TunnelCidr: string;
  LocalBgpIp: string;
  /** Read-only, Describe only. */
  PeerAsn?: string;
  PeerBgpIp?: string;
  BgpStatus?: string;
}

export interface TunnelOptions {
  TunnelId: string;
  Role: TunnelRole;
  CustomerGatewayId?: string;
  EnableDpd: boolean;
  EnableNatTraversal: boolean;
  /** Empty string = none (only SM gateways may carry one). */
  RemoteCaCertificate: string;
  TunnelIkeConfig: IkeConfig;
  TunnelIpsecConfig: IpsecConfig;
  TunnelBgpConfig: TunnelBgpConfig;
  /** Read-only status for display. */
  State?: string;
  Status?: string;
  InternetIp?: string;
  ZoneNo?: string;
}

interface ConnectionCommon {
  VpnConnectionId: string;
  VpnGatewayId: string;
  /** Single-tunnel: the connection's customer gateway. Dual-tunnel: each tunnel carries its own. */
  CustomerGatewayId?: string;
  Name: string;
  LocalSubnet: string;
  RemoteSubnet: string;
  EffectImmediately: boolean;
  /** Describe does not return AutoConfigRoute, so it is unknown (undefined) until the user sets it. */
  AutoConfigRoute?: boolean;
  /** Read-only status for display (negotiation `Status`, lifecycle `State`). */
  Status?: string;
  State?: string;
  CreateTime?: number;
}

export interface SingleTunnelConnection extends ConnectionCommon {
  mode: 'single';
  IkeConfig: IkeConfig;
  IpsecConfig: IpsecConfig;
  HealthCheckConfig: HealthCheckConfig;
  BgpConfig: BgpConfig;
  EnableDpd: boolean;
  EnableNatTraversal: boolean;
  RemoteCaCertificate: string;
}

export interface DualTunnelConnection extends ConnectionCommon {
  mode: 'dual';
  EnableTunnelsBgp: boolean;
  /** Always [master, slave]; the parser sorts them, so index 0 ↔ path `TunnelOptionsSpecification.1`. */
  tunnels: [TunnelOptions, TunnelOptions];
}

export type VpnConnection = SingleTunnelConnection | DualTunnelConnection;

/** What the rules need to know about the gateway the connection belongs to. */
export interface GatewayContext {
  VpnType: VpnType;
  /** The other connections of the same VPN gateway (the connection itself is ignored if present). */
  otherConnections: readonly VpnConnection[];
  /** The gateway has BGP enabled (DescribeVpnGateway `EnableBgp`): its connections may not turn BGP off. */
  EnableBgp?: boolean;
  /** ASN of each customer gateway the connection may use ('' or '0' = none); customer gateways not listed are not checked. */
  customerGatewayAsns?: Readonly<Record<string, string>>;
}

export const TUNNEL_ROLES: readonly TunnelRole[] = ['master', 'slave'];
