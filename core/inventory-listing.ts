// The inventory as the renderer first receives it: every connection reduced to what the tree shows. Main holds the
// full snapshot and hands out whole connections per gateway when one is opened.
import type { ConnectionEntry, ConnectionSummary, InventoryListing, InventorySnapshot } from './contract.ts';
import { connectionHealth, tunnelHealths } from './model/health.ts';
import { searchFactsOf, searchHealth, subjectLookup, subjectOf, type SubjectLookup } from './search/match.ts';

export function summarizeConnection(entry: ConnectionEntry, lookup?: SubjectLookup): ConnectionSummary {
  const { RegionId, connection } = entry;
  const { VpnConnectionId, VpnGatewayId, Name, mode, Status } = connection;
  return {
    RegionId,
    VpnConnectionId,
    VpnGatewayId,
    Name,
    mode,
    ...(Status !== undefined && { Status }),
    health: connectionHealth(connection),
    ...(mode === 'dual' && { tunnels: tunnelHealths(connection) }),
    // What the rail filter and quick open search (addresses, subnets, algorithms, customer gateways), small and flat.
    ...(lookup && { search: searchFactsOf(subjectOf(entry, lookup, searchHealth(tunnelHealths(connection)))) }),
  };
}

export function listInventory(snapshot: InventorySnapshot): InventoryListing {
  const lookup = subjectLookup(snapshot.gateways, snapshot.customerGateways);
  return { ...snapshot, connections: snapshot.connections.map((entry) => summarizeConnection(entry, lookup)) };
}

/** The full connections of the given gateways, in snapshot order. */
export function connectionsOfGateways(snapshot: InventorySnapshot, VpnGatewayIds: readonly string[]): ConnectionEntry[] {
  const wanted = new Set(VpnGatewayIds);
  return snapshot.connections.filter((entry) => wanted.has(entry.connection.VpnGatewayId));
}

/** The same profile and revision hold the same data, whichever call returned it. */
export function revisionOf(listing: Pick<InventoryListing, 'profileId' | 'revision'>): string {
  return `${listing.profileId}#${listing.revision}`;
}
