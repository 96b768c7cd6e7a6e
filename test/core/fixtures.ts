// Describe bodies modelled on the seed document's own response example, and the parsed connections.
import { parseDescribeConnectionOrThrow, type DualTunnelConnection, type GatewayContext, type SingleTunnelConnection } from '../../core/index.ts';

/** The document's example response, minus its one-tunnel TunnelOptionsSpecification (a single-tunnel connection). */
export function singleDescribe(): Record<string, unknown> {
  return {
    EnableNatTraversal: true,
    CreateTime: 1492753817000,
    EffectImmediately: false,
    VpnGatewayId: 'vpn-bp1q8bgx4xnkm2ogj****',
    LocalSubnet: '10.1.1.0/24',
    RequestId: '7DB79D0C-5F27-4AB5-995B-79BE55102F90',
    VpnConnectionId: 'vco-bp1bbi27hojx80nck****',
    Description: 'description',
    RemoteSubnet: '10.2.1.0/24',
    CustomerGatewayId: 'cgw-p0w2jemrcj5u61un8****',
    Name: 'nametest',
    EnableDpd: true,
    IkeConfig: {
      RemoteId: '139.18.XX.XX',
      IkeLifetime: 86400,
      IkeEncAlg: 'aes',
      LocalId: '116.64.XX.XX',
      IkeMode: 'main',
      IkeVersion: 'ikev1',
      IkePfs: 'group2',
      Psk: 'pgw6dy7d1i8i****',
      IkeAuthAlg: 'sha1',
    },
    IpsecConfig: { IpsecAuthAlg: 'sha1', IpsecLifetime: 86400, IpsecEncAlg: 'aes', IpsecPfs: 'group2' },
    VcoHealthCheck: { Dip: '192.168.1.1', Interval: 3, Retry: 3, Sip: '10.1.1.1', Enable: 'true' },
    VpnBgpConfig: {
      Status: 'success',
      PeerBgpIp: '169.254.11.2',
      TunnelCidr: '169.254.11.0/30',
      EnableBgp: 'true',
      LocalBgpIp: '169.254.11.1',
      PeerAsn: 65531,
      LocalAsn: 65530,
    },
    ResourceGroupId: 'rg-acfmzs372yg****',
  };
}

function tunnelDescribe(role: 'master' | 'slave', n: number): Record<string, unknown> {
  // Describe types tunnel scalars as strings (reference §1.2); the document example values otherwise.
  return {
    CustomerGatewayId: `cgw-p0wy363lucf1uyae${n}`,
    EnableDpd: 'true',
    EnableNatTraversal: 'true',
    InternetIp: `47.21.0.${n}`,
    RemoteCaCertificate: '',
    Role: role,
    State: 'active',
    Status: 'ipsec_sa_established',
    TunnelBgpConfig: {
      LocalAsn: '65530',
      LocalBgpIp: `169.254.1${n}.1`,
      PeerAsn: '65531',
      PeerBgpIp: `169.254.1${n}.2`,
      TunnelCidr: `169.254.1${n}.0/30`,
    },
    TunnelId: `tun-opsqc4d97wni27${n}`,
    TunnelIkeConfig: {
      IkeAuthAlg: 'sha1',
      IkeEncAlg: 'aes',
      IkeLifetime: '86400',
      IkeMode: 'main',
      IkePfs: 'group2',
      IkeVersion: 'ikev2',
      LocalId: `47.21.0.${n}`,
      Psk: `123456ab${n}`,
      RemoteId: '47.42.0.1',
    },
    TunnelIpsecConfig: { IpsecAuthAlg: 'sha1', IpsecEncAlg: 'aes', IpsecLifetime: '86400', IpsecPfs: 'group2' },
    ZoneNo: 'ap-southeast-5a',
  };
}

export function dualDescribe(): Record<string, unknown> {
  return {
    VpnConnectionId: 'vco-dual0000000001',
    VpnGatewayId: 'vpn-bp1q8bgx4xnkm2ogj****',
    Name: 'dual-test',
    LocalSubnet: '10.1.0.0/16,10.3.0.0/16',
    RemoteSubnet: '10.2.0.0/16',
    EffectImmediately: false,
    EnableTunnelsBgp: 'true',
    Status: 'ipsec_sa_established',
    State: 'active',
    // One of the two behaviours seen in the wild: a dual-tunnel connection with an empty top-level IkeConfig.
    IkeConfig: {},
    IpsecConfig: {},
    TunnelOptionsSpecification: { TunnelOptions: [tunnelDescribe('slave', 2), tunnelDescribe('master', 1)] },
  };
}

export const single = (): SingleTunnelConnection => parseDescribeConnectionOrThrow(singleDescribe()) as SingleTunnelConnection;
export const dual = (): DualTunnelConnection => parseDescribeConnectionOrThrow(dualDescribe()) as DualTunnelConnection;

export const normalGateway: GatewayContext = { VpnType: 'Normal', otherConnections: [] };
export const smGateway: GatewayContext = { VpnType: 'NationalStandard', otherConnections: [] };

/** A connection valid on an SM (国密) gateway: ikev1/main/sm4/sm3 and a peer CA certificate. */
export function smSingle(): SingleTunnelConnection {
  const c = single();
  return {
    ...c,
    IkeConfig: { ...c.IkeConfig, IkeEncAlg: 'sm4', IkeAuthAlg: 'sm3', RemoteId: 'CN=test,OU=test,O=test,C=CHN' },
    IpsecConfig: { ...c.IpsecConfig, IpsecEncAlg: 'sm4', IpsecAuthAlg: 'sm3' },
    RemoteCaCertificate: PEM,
  };
}

/** The document's example certificate with its masked body replaced by real base64. */
export const PEM = '-----BEGIN CERTIFICATE----- MIIB7zCCAZWgAwIBAgIJAKx2 -----END CERTIFICATE-----';
export const PEM_MULTILINE = '-----BEGIN CERTIFICATE-----\nMIIB7zCCAZWgAwIBAgIJAKx2\nQm9iMB4XDTIwMDEwMTAw\n-----END CERTIFICATE-----\n';
