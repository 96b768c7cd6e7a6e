// Connections of the same VPN gateway and the same customer gateway share one IKE peer, so the API requires
// identical PSK and phase 1 settings and non-overlapping traffic selectors between them.
// A dual-tunnel connection has one customer gateway per tunnel, so each tunnel is its own "IKE unit".
import type { GatewayContext, IkeConfig, VpnConnection } from '../model/connection.ts';
import { overlaps, parseIpv4Cidr, splitCidrList, type Ipv4Network } from '../net/ipv4.ts';
import { issue, type RuleIssue } from './issue.ts';

interface IkeUnit {
  customerGatewayId: string;
  ikePath: string;
  ike: IkeConfig;
}

const IKE_KEYS = ['Psk', 'IkeVersion', 'IkeMode', 'IkeEncAlg', 'IkeAuthAlg', 'IkePfs', 'IkeLifetime', 'LocalId', 'RemoteId'] as const;

function unitsOf(c: VpnConnection): IkeUnit[] {
  if (c.mode === 'single') {
    return c.CustomerGatewayId ? [{ customerGatewayId: c.CustomerGatewayId, ikePath: 'IkeConfig', ike: c.IkeConfig }] : [];
  }
  return c.tunnels.flatMap((t, i) =>
    t.CustomerGatewayId
      ? [{ customerGatewayId: t.CustomerGatewayId, ikePath: `TunnelOptionsSpecification.${i + 1}.TunnelIkeConfig`, ike: t.TunnelIkeConfig }]
      : [],
  );
}

function networks(list: string): Ipv4Network[] {
  return splitCidrList(list).flatMap((s) => {
    const n = parseIpv4Cidr(s);
    return n ? [n] : [];
  });
}

function anyOverlap(a: readonly Ipv4Network[], b: readonly Ipv4Network[]): boolean {
  return a.some((x) => b.some((y) => overlaps(x, y)));
}

/** Both sides must overlap for two selectors to catch the same packets. */
function selectorsOverlap(a: VpnConnection, b: VpnConnection): boolean {
  return anyOverlap(networks(a.LocalSubnet), networks(b.LocalSubnet)) && anyOverlap(networks(a.RemoteSubnet), networks(b.RemoteSubnet));
}

export function sameCustomerGatewayRules(connection: VpnConnection, context: GatewayContext): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const mine = unitsOf(connection);
  if (mine.length === 0) return issues;
  const reportedOverlap = new Set<string>();
  for (const other of context.otherConnections) {
    if (other.VpnConnectionId === connection.VpnConnectionId || other.VpnGatewayId !== connection.VpnGatewayId) continue;
    for (const theirs of unitsOf(other)) {
      for (const unit of mine) {
        if (unit.customerGatewayId !== theirs.customerGatewayId) continue;
        for (const key of IKE_KEYS) {
          const a = unit.ike[key];
          const b = theirs.ike[key];
          if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) {
            issues.push(
              issue(`${unit.ikePath}.${key}`, 'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs', {
                other: other.VpnConnectionId,
                customerGatewayId: unit.customerGatewayId,
              }),
            );
          }
        }
        if (!reportedOverlap.has(other.VpnConnectionId) && selectorsOverlap(connection, other)) {
          reportedOverlap.add(other.VpnConnectionId);
          issues.push(
            issue('LocalSubnet', 'VpnConnectionParamInvalid.SameVpnAndCgwTrafficSelectorOverlap', {
              other: other.VpnConnectionId,
              customerGatewayId: unit.customerGatewayId,
            }),
          );
        }
      }
    }
  }
  return issues;
}
