import { badParam } from '../http/errors.ts';
import { endpoints } from '../state/store.ts';
import type { IkeConfig, VpnConnection } from '../types.ts';
import { splitSubnets, subnetListsOverlap } from './values.ts';

// Rules that look at the other connections of the same VPN gateway, evaluated on the state the change would produce,
// for what the request sends or changes: a connection's live faults elsewhere are not this request's.

/** What a request sends, by end (a tunnel's TunnelId; '' for a single-tunnel connection). */
export interface CheckScope {
  /** Ends whose IkeConfig / TunnelIkeConfig the request carries. */
  ikeSent: Set<string>;
  /** Ends whose TunnelCidr the request carries. */
  cidrSent: Set<string>;
  /** The request carries LocalSubnet or RemoteSubnet. */
  subnetsSent: boolean;
}

const endKey = (e: { tunnelId?: string }): string => e.tunnelId ?? '';

// "预共享密钥和IKE阶段的配置参数需保持相同": the PSK and every phase-1 parameter, identities included (the
// connections share one IKE peer, so they must present and expect the same LocalId / RemoteId).
const IKE_KEYS: Array<keyof IkeConfig> = ['Psk', 'IkeVersion', 'IkeMode', 'IkeEncAlg', 'IkeAuthAlg', 'IkePfs', 'IkeLifetime', 'LocalId', 'RemoteId'];

/**
 * ModifyIkeV1WithMultiRoutes.Invalid for a request that *introduces* IKEv1 with several subnets: an end switched to
 * IKEv1 while there are several, or subnets added while on IKEv1. The document's own Modify example is IKEv1 with
 * two subnets per side, so a connection that already has it can still be changed otherwise.
 */
export function checkIkeV1MultiRoutes(current: VpnConnection, next: VpnConnection): void {
  const count = (list: string) => splitSubnets(list).length;
  const multi = count(next.LocalSubnet) > 1 || count(next.RemoteSubnet) > 1;
  const added = count(next.LocalSubnet) > count(current.LocalSubnet) || count(next.RemoteSubnet) > count(current.RemoteSubnet);
  const before = new Map(endpoints(current).map((e) => [endKey(e), e.ike.IkeVersion]));
  const introduced = endpoints(next).some((e) => e.ike.IkeVersion === 'ikev1' && (added || before.get(endKey(e)) !== 'ikev1'));
  if (multi && introduced) {
    throw badParam(
      'ModifyIkeV1WithMultiRoutes.Invalid',
      'Failed to modify VPN connection parameters. Multi-network is configured while using IkeV1 protocol.',
    );
  }
}

export function checkSameGatewayAndCustomerGateway(current: VpnConnection, next: VpnConnection, siblings: readonly VpnConnection[], scope: CheckScope): void {
  const mine = endpoints(next);
  const before = new Map(endpoints(current).map((e) => [endKey(e), e]));
  // An end's IKE settings are checked when the request sends them or changes them anyway (a tunnel reset).
  const ikeTouched = (end: ReturnType<typeof endpoints>[number]): boolean => {
    const old = before.get(endKey(end));
    return scope.ikeSent.has(endKey(end)) || !old || old.cgw !== end.cgw || IKE_KEYS.some((k) => old.ike[k] !== end.ike[k]);
  };
  for (const other of siblings) {
    if (other.VpnConnectionId === next.VpnConnectionId) continue;
    for (const theirs of endpoints(other)) {
      for (const end of mine) {
        if (!end.cgw || end.cgw !== theirs.cgw) continue;
        if (ikeTouched(end) && IKE_KEYS.some((k) => end.ike[k] !== theirs.ike[k])) {
          throw badParam(
            'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs',
            'IPSec connections associated with the same user gateway and VPN gateway should have the same pre-shared key and IKE configuration.',
          );
        }
        if (
          scope.subnetsSent &&
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

/** Every tunnel CIDR the request sends must be unique within the gateway, across connections and across the tunnels
 * of one connection. */
export function checkTunnelCidrsUnique(next: VpnConnection, siblings: readonly VpnConnection[], scope: CheckScope): void {
  const cidrsOf = (c: VpnConnection): Array<{ end: string; cidr: string }> =>
    (c.TunnelOptions
      ? c.TunnelOptions.map((t) => ({ end: t.TunnelId, cidr: t.TunnelBgpConfig.TunnelCidr }))
      : [{ end: '', cidr: c.VpnBgpConfig.TunnelCidr }]
    ).filter((e) => e.cidr !== '');
  const mine = cidrsOf(next);
  const taken = new Set<string>();
  for (const other of siblings) {
    if (other.VpnConnectionId !== next.VpnConnectionId) for (const c of cidrsOf(other)) taken.add(c.cidr);
  }
  for (const { end, cidr } of mine) {
    if (!scope.cidrSent.has(end)) continue;
    if (taken.has(cidr) || mine.some((m) => m.end !== end && m.cidr === cidr)) {
      throw badParam('IllegalParam.TunnelCidr', `The specified TunnelCidr (${cidr}) is already used in this VPN gateway.`);
    }
  }
}
