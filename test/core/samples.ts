// A broad set of invalid drafts (one bad value at a time) used to exercise every message template.
import { setField, type GatewayContext, type VpnConnection } from '../../core/index.ts';
import { dual, normalGateway, PEM, single, smGateway, smSingle } from './fixtures.ts';

interface Sample {
  connection: unknown;
  context: GatewayContext;
}

export function mutatedSamples(): Sample[] {
  const s = single();
  const d = dual();
  const sibling: VpnConnection = { ...s, VpnConnectionId: 'vco-sib', IkeConfig: { ...s.IkeConfig, Psk: 'otherKey' } };
  const edits: [VpnConnection, string, unknown][] = [
    [s, 'Name', ''], [s, 'Name', 'http://x'], [s, 'LocalSubnet', '10.1.1.1/24'], [s, 'LocalSubnet', 'x'],
    [s, 'LocalSubnet', '10.1.1.0/24,'], [s, 'RemoteSubnet', '10.2.1.0/24,10.2.1.0/24'], [s, 'RemoteSubnet', '0.0.0.0/0,10.0.0.0/8'],
    [s, 'LocalSubnet', '0.0.0.0/0'], [s, 'RemoteSubnet', '10.2.1.0/24,10.2.2.0/24'], [s, 'IkeConfig.Psk', ''], [s, 'IkeConfig.Psk', 'a b'],
    [s, 'IkeConfig.IkeEncAlg', 'sm4'], [s, 'IpsecConfig.IpsecPfs', 'x'], [s, 'IpsecConfig.IpsecAuthAlg', 'x'],
    [s, 'IkeConfig.IkeLifetime', -1], [s, 'IkeConfig.LocalId', 'x'.repeat(101)], [s, 'IkeConfig.RemoteId', 'a b'],
    [s, 'HealthCheckConfig.dip', ''], [s, 'HealthCheckConfig.sip', 'x'], [s, 'HealthCheckConfig.interval', 0],
    [s, 'BgpConfig.TunnelCidr', ''], [s, 'BgpConfig.TunnelCidr', 'x'], [s, 'BgpConfig.TunnelCidr', '169.254.11.0/29'],
    [s, 'BgpConfig.TunnelCidr', '169.254.11.1/30'], [s, 'BgpConfig.TunnelCidr', '10.0.0.0/30'], [s, 'BgpConfig.TunnelCidr', '169.254.1.0/30'],
    [s, 'BgpConfig.LocalBgpIp', 'x'], [s, 'BgpConfig.LocalBgpIp', '169.254.12.1'], [s, 'BgpConfig.LocalBgpIp', '169.254.11.0'],
    [s, 'BgpConfig.LocalBgpIp', ''], [s, 'BgpConfig.LocalAsn', '0'], [s, 'RemoteCaCertificate', PEM],
    [d, 'TunnelOptionsSpecification.1.Role', 'slave'], [d, 'TunnelOptionsSpecification.1.TunnelId', ''],
    [d, 'TunnelOptionsSpecification.2.TunnelId', d.tunnels[0].TunnelId], [d, 'TunnelOptionsSpecification.1.TunnelIkeConfig.IkeVersion', 'ikev1'],
    [d, 'TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr', '169.254.11.0/30'], [s, 'IkeConfig.IkeLifetime', '1'],
  ];
  return [
    ...edits.map(([c, path, value]) => ({ connection: setField(c, path, value), context: normalGateway })),
    { connection: s, context: { VpnType: 'Normal', otherConnections: [sibling] } },
    { connection: setField(smSingle(), 'RemoteCaCertificate', 'junk'), context: smGateway },
    { connection: { ...d, IkeConfig: s.IkeConfig }, context: normalGateway },
    { connection: { ...s, EnableTunnelsBgp: true }, context: normalGateway },
  ];
}
