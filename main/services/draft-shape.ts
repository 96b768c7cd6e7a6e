// What makes two copies of a connection the same connection, and where its secrets are: shared by the drafts
// service and the import of draft files and bundles.
import { editableFields, type VpnConnection } from '../../core/index.ts';

/** The connection's secret fields (the model's `secret` flag): its PSKs. */
export function secretPaths(c: VpnConnection): string[] {
  return editableFields(c.mode)
    .filter((d) => d.secret === true)
    .map((d) => d.path);
}

export function sameIdentity(a: VpnConnection, b: VpnConnection): string | null {
  if (a.VpnConnectionId !== b.VpnConnectionId) return 'VpnConnectionId';
  if (a.VpnGatewayId !== b.VpnGatewayId) return 'VpnGatewayId';
  if (a.mode !== b.mode) return 'mode';
  if (a.mode === 'dual' && b.mode === 'dual') {
    for (const i of [0, 1] as const) {
      if (a.tunnels[i].TunnelId !== b.tunnels[i].TunnelId) return `TunnelOptionsSpecification.${i + 1}.TunnelId`;
      if (a.tunnels[i].Role !== b.tunnels[i].Role) return `TunnelOptionsSpecification.${i + 1}.Role`;
    }
  }
  return null;
}
