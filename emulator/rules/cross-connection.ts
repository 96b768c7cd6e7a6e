import { badParam } from '../http/errors.ts';
import { endpoints } from '../state/store.ts';
import type { IkeConfig, VpnConnection } from '../types.ts';
import { splitSubnets, subnetListsOverlap } from './values.ts';

// Rules that look at the other connections of the same VPN gateway, evaluated on the state the change would produce.

// "预共享密钥和IKE阶段的配置参数需保持相同": the PSK and every phase-1 parameter, identities included (the
// connections share one IKE peer, so they must present and expect the same LocalId / RemoteId).
const IKE_KEYS: Array<keyof IkeConfig> = ['Psk', 'IkeVersion', 'IkeMode', 'IkeEncAlg', 'IkeAuthAlg', 'IkePfs', 'IkeLifetime', 'LocalId', 'RemoteId'];

export function checkIkeV1MultiRoutes(next: VpnConnection): void {
  const multi = splitSubnets(next.LocalSubnet).length > 1 || splitSubnets(next.RemoteSubnet).length > 1;
  if (multi && endpoints(next).some((e) => e.ike.IkeVersion === 'ikev1')) {
    throw badParam(
      'ModifyIkeV1WithMultiRoutes.Invalid',
      'Failed to modify VPN connection parameters. Multi-network is configured while using IkeV1 protocol.',
    );
  }
}

export function checkSameGatewayAndCustomerGateway(next: VpnConnection, siblings: readonly VpnConnection[]): void {
  const mine = endpoints(next);
  for (const other of siblings) {
    if (other.VpnConnectionId === next.VpnConnectionId) continue;
    for (const theirs of endpoints(other)) {
      for (const end of mine) {
        if (!end.cgw || end.cgw !== theirs.cgw) continue;
        if (IKE_KEYS.some((k) => end.ike[k] !== theirs.ike[k])) {
          throw badParam(
            'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs',
            'IPSec connections associated with the same user gateway and VPN gateway should have the same pre-shared key and IKE configuration.',
          );
        }
        if (
          subnetListsOverlap(next.LocalSubnet, other.LocalSubnet) &&
          subnetListsOverlap(next.RemoteSubnet, other.RemoteSubnet)
        ) {
          throw badParam(
            'VpnConnectionParamInvalid.SameVpnAndCgwTrafficSelectorOverlap',
            'Traffic selectors of IPSec connections associated with the same user gateway and VPN gateway should not overlap.',
          );
        }
      }
    }
  }
}

/** Every tunnel CIDR must be unique within the gateway, across connections and across the tunnels of one connection. */
export function checkTunnelCidrsUnique(next: VpnConnection, siblings: readonly VpnConnection[]): void {
  const cidrsOf = (c: VpnConnection): string[] =>
    c.TunnelOptions
      ? c.TunnelOptions.map((t) => t.TunnelBgpConfig.TunnelCidr).filter(Boolean)
      : c.VpnBgpConfig.TunnelCidr
        ? [c.VpnBgpConfig.TunnelCidr]
        : [];
  const mine = cidrsOf(next);
  const taken = new Set<string>();
  for (const other of siblings) {
    if (other.VpnConnectionId !== next.VpnConnectionId) for (const c of cidrsOf(other)) taken.add(c);
  }
  const seen = new Set<string>();
  for (const cidr of mine) {
    if (taken.has(cidr) || seen.has(cidr)) {
      throw badParam('IllegalParam.TunnelCidr', `The specified TunnelCidr (${cidr}) is already used in this VPN gateway.`);
    }
    seen.add(cidr);
  }
}
