// What the rules need to know about a job's gateway, read once: a gateway's VpnType never changes and its BGP switch
// and customer gateways' ASNs rarely do, so they come from the inventory (or one read) per gateway / region rather
// than on every job. The service still has the last word on each request.
import { buildGatewayContext, type GatewayContext, type VpnConnection, type VpnType } from '../../../core/index.ts';
import type { CustomerGatewaySummary } from '../../../core/contract.ts';
import type { InventoryService } from '../inventory.ts';
import type { VpcReads } from '../vpc-reads.ts';
import type { VpcAction } from '../vpc-client.ts';

export interface JobPlace {
  profileId: string;
  RegionId: string;
  VpnGatewayId: string;
  VpnConnectionId: string;
}

/** Runs one read with the job's retry policy (each retry on the job's timeline). */
export type RetriedRead = <T>(action: VpcAction, task: () => Promise<T>) => Promise<T>;

export function createGatewayFacts(inventory: InventoryService) {
  const facts = new Map<string, { VpnType: VpnType; EnableBgp: boolean }>();
  const customerGateways = new Map<string, readonly CustomerGatewaySummary[]>();

  /** The rules' view of the connection's gateway (core `buildGatewayContext`, as the editor builds it), and the
   * connection itself read live, in parallel. */
  async function contextFor(place: JobPlace, reads: VpcReads, retried: RetriedRead): Promise<{ context: GatewayContext; live: VpnConnection }> {
    const regionKey = `${place.profileId}|${place.RegionId}`;
    let known = facts.get(place.VpnGatewayId);
    if (!known || !customerGateways.has(regionKey)) {
      const snapshot = inventory.cached(place.profileId);
      const summary = snapshot?.gateways.find((g) => g.VpnGatewayId === place.VpnGatewayId);
      if (!known && summary) known = { VpnType: summary.VpnType, EnableBgp: summary.EnableBgp === true };
      if (snapshot && !customerGateways.has(regionKey)) customerGateways.set(regionKey, snapshot.customerGateways.filter((c) => c.RegionId === place.RegionId));
    }
    const [gateway, connections, live] = await Promise.all([
      known ?? retried('DescribeVpnGateway', () => reads.gateway(place.RegionId, place.VpnGatewayId)).then((g) => ({ VpnType: g.VpnType, EnableBgp: g.EnableBgp === true })),
      retried('DescribeVpnConnections', () => reads.gatewayConnections(place.RegionId, place.VpnGatewayId)),
      readConnection(place, reads, retried),
    ]);
    facts.set(place.VpnGatewayId, gateway);
    const context = buildGatewayContext({ VpnConnectionId: place.VpnConnectionId, RegionId: place.RegionId, gateway, connections, customerGateways: customerGateways.get(regionKey) ?? [] });
    return { context, live };
  }

  return { contextFor };
}

// DescribeVpnConnection, not the gateway's list: DescribeVpnConnections leaves out BgpConfig.EnableBgp, which the
// parser can only infer from a configured tunnel network (still there after BGP is switched off).
export const readConnection = (place: JobPlace, reads: VpcReads, retried: RetriedRead) =>
  retried('DescribeVpnConnection', () => reads.connection(place.RegionId, place.VpnConnectionId));
