// What the rules check a connection against (its gateway's type and BGP switch, the gateway's other connections, the
// ASNs of the region's customer gateways), built one way for everyone: the renderer's editor, main's draft readiness
// and the apply engine.
import type { CustomerGatewaySummary, GatewaySummary, InventorySnapshot } from './contract.ts';
import type { GatewayContext, VpnConnection } from './model/connection.ts';

export interface GatewayContextParts {
  /** The connection the context is for: left out of `otherConnections`. */
  VpnConnectionId: string;
  /** Its region: only this region's customer gateways are taken. */
  RegionId: string;
  /** The gateway's type and BGP switch; unknown counts as a Normal gateway without BGP. */
  gateway: Pick<GatewaySummary, 'VpnType' | 'EnableBgp'> | undefined;
  /** The connections of the gateway (the connection itself may be among them). */
  connections: readonly VpnConnection[];
  /** Customer gateways (any region); those of other regions are ignored. */
  customerGateways: readonly Pick<CustomerGatewaySummary, 'CustomerGatewayId' | 'RegionId' | 'Asn'>[];
}

export function buildGatewayContext(parts: GatewayContextParts): GatewayContext {
  const asns: Record<string, string> = {};
  for (const c of parts.customerGateways) if (c.RegionId === parts.RegionId) asns[c.CustomerGatewayId] = c.Asn ?? '';
  return {
    VpnType: parts.gateway?.VpnType === 'NationalStandard' ? 'NationalStandard' : 'Normal',
    otherConnections: parts.connections.filter((c) => c.VpnConnectionId !== parts.VpnConnectionId),
    ...(parts.gateway?.EnableBgp === true && { EnableBgp: true }),
    customerGatewayAsns: asns,
  };
}

/** Where a draft (or a job) belongs. */
export interface ConnectionRef {
  RegionId: string;
  VpnGatewayId: string;
  VpnConnectionId: string;
}

/**
 * The context of a connection from an inventory snapshot, or null when the snapshot does not hold its gateway (never
 * fetched, another profile, a region that was never read): without the gateway's connections the rules that look
 * across connections (tunnel networks, same customer gateway) cannot be checked.
 */
export function gatewayContextOf(snapshot: Pick<InventorySnapshot, 'gateways' | 'connections' | 'customerGateways'> | null | undefined, ref: ConnectionRef): GatewayContext | null {
  if (!snapshot) return null;
  const gateway = snapshot.gateways.find((g) => g.VpnGatewayId === ref.VpnGatewayId && g.RegionId === ref.RegionId);
  if (!gateway) return null;
  const connections = snapshot.connections.filter((e) => e.RegionId === ref.RegionId && e.connection.VpnGatewayId === ref.VpnGatewayId).map((e) => e.connection);
  return buildGatewayContext({ VpnConnectionId: ref.VpnConnectionId, RegionId: ref.RegionId, gateway, connections, customerGateways: snapshot.customerGateways });
}
