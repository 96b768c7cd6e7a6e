import type { IkeConfig, IpsecConfig, TunnelRole } from '../model/connection.ts';

/** The model's phase 1 group as sent; LocalId and RemoteId are optional on the wire. */
export type IkeConfigPayload = Omit<IkeConfig, 'LocalId' | 'RemoteId'> & Partial<Pick<IkeConfig, 'LocalId' | 'RemoteId'>>;

export type IpsecConfigPayload = IpsecConfig;

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
