import type { TunnelRole } from '../model/connection.ts';

export interface IkeConfigPayload {
  Psk: string;
  IkeVersion: string;
  IkeMode: string;
  IkeEncAlg: string;
  IkeAuthAlg: string;
  IkePfs: string;
  IkeLifetime: number;
  LocalId?: string;
  RemoteId?: string;
}

export interface IpsecConfigPayload {
  IpsecEncAlg: string;
  IpsecAuthAlg: string;
  IpsecPfs: string;
  IpsecLifetime: number;
}

export interface TunnelBgpConfigPayload {
  LocalAsn?: number;
  LocalBgpIp?: string;
  TunnelCidr?: string;
}

/** One element of TunnelOptionsSpecification as the SDK flattens it into the form body. */
export interface TunnelOptionsRequest {
  TunnelId: string;
  Role: TunnelRole;
  EnableDpd?: boolean;
  EnableNatTraversal?: boolean;
  RemoteCaCertificate?: string;
  TunnelIkeConfig?: IkeConfigPayload;
  TunnelIpsecConfig?: IpsecConfigPayload;
  TunnelBgpConfig?: TunnelBgpConfigPayload;
}

/** ModifyVpnConnectionAttribute parameters, PascalCase as on the wire; JSON groups are already strings. */
export interface ModifyVpnConnectionAttributeRequest {
  RegionId: string;
  VpnConnectionId: string;
  ClientToken?: string;
  Name?: string;
  LocalSubnet?: string;
  RemoteSubnet?: string;
  EffectImmediately?: boolean;
  AutoConfigRoute?: boolean;
  IkeConfig?: string;
  IpsecConfig?: string;
  HealthCheckConfig?: string;
  BgpConfig?: string;
  EnableDpd?: boolean;
  EnableNatTraversal?: boolean;
  RemoteCaCertificate?: string;
  TunnelOptionsSpecification?: TunnelOptionsRequest[];
  EnableTunnelsBgp?: boolean;
}
