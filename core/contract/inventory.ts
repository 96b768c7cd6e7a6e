// The contract's inventory domain: regions, VPN gateways, connections and customer gateways of a profile, as main
// holds them (the snapshot) and as it sends them (the listing, and whole connections per gateway).
import * as z from 'zod';
import type { VpnConnection, VpnType } from '../model/connection.ts';
import type { Health, TunnelHealth } from '../model/health.ts';
import type { SearchFacts } from '../search/match.ts';
import type { AppErrorShape } from '../errors.ts';
import { id, noArgs, regionId, shape, type MethodSpecs } from './schema.ts';

export interface RegionSummary {
  RegionId: string;
  LocalName: string;
}

export interface GatewaySummary {
  VpnGatewayId: string;
  RegionId: string;
  Name: string;
  /** init | provisioning | active | updating | deleting */
  Status: string;
  /** Normal | FinancialLocked */
  BusinessStatus: string;
  VpnType: VpnType;
  /** DisasterRecoveryInternetIp present: the gateway can carry dual-tunnel connections. */
  dualTunnelCapable: boolean;
  /** BGP is enabled on the gateway: its connections may not switch BGP off (IllegalParam.EnableBgp). */
  EnableBgp?: boolean;
  InternetIp?: string;
}

export interface CustomerGatewaySummary {
  CustomerGatewayId: string;
  RegionId: string;
  Name: string;
  IpAddress: string;
  Asn?: string;
}

export interface ConnectionEntry {
  RegionId: string;
  connection: VpnConnection;
}

/** What the tree, its filter and quick-open show of a connection. The full connection is fetched per gateway
 * (`loadGatewayConnections`) when one is opened: the first reply stays ~8× smaller than the whole inventory. */
export interface ConnectionSummary {
  RegionId: string;
  VpnConnectionId: string;
  VpnGatewayId: string;
  Name: string;
  mode: VpnConnection['mode'];
  /** IPsec negotiation: ike_sa_not_established | ike_sa_established | ipsec_sa_not_established | ipsec_sa_established.
   * A dual-tunnel connection's own Status is its master tunnel's: read `health` and `tunnels` instead. */
  Status?: string;
  /** The worst of its tunnels (core `connectionHealth`). */
  health: Health;
  /** Dual-tunnel only: each tunnel's state, so a slave that is down shows without opening the connection. */
  tunnels?: TunnelHealth[];
  /** What the rail filter and quick open search (core/search): addresses, subnets, algorithms, customer gateways. */
  search?: SearchFacts;
}

/** The whole inventory main holds (and caches) for a profile. */
export interface InventorySnapshot {
  profileId: string;
  /** ISO time of the fetch this snapshot comes from; null when nothing was ever fetched. */
  fetchedAt: string | null;
  /** Goes up with every change main makes to the snapshot (a fetch, a read-back): the same revision is the same
   * data, whichever call returned it. */
  revision: number;
  /** `cache`: served from the last snapshot because the API could not be reached (offline). */
  source: 'live' | 'cache' | 'empty';
  regions: RegionSummary[];
  gateways: GatewaySummary[];
  connections: ConnectionEntry[];
  customerGateways: CustomerGatewaySummary[];
  /** Per-region failures that did not stop the rest. */
  errors: Array<AppErrorShape & { RegionId?: string }>;
}

/** What `loadInventory` sends the renderer: the snapshot with each connection summarized. */
export type InventoryListing = Omit<InventorySnapshot, 'connections'> & { connections: ConnectionSummary[] };

/** Full connections of some gateways, from the snapshot main holds: the listing's, or newer once an apply's
 * read-back has replaced a connection in it. */
export interface GatewayConnections {
  profileId: string;
  fetchedAt: string | null;
  connections: ConnectionEntry[];
}

/** One connection as the editor opens it: read live (DescribeVpnConnection), or main's copy when the API cannot be
 * reached. */
export interface ConnectionRead {
  profileId: string;
  source: 'live' | 'cache';
  /** ISO time of the read, or of the snapshot the cached copy comes from. */
  fetchedAt: string | null;
  /** null: not read live and main holds no copy of it. */
  entry: ConnectionEntry | null;
  /** Why it was not read live (source `cache`): offline, no credentials, throttled, not allowed… */
  reason?: AppErrorShape;
}

export interface InventoryProgress {
  profileId: string;
  phase: 'regions' | 'gateways' | 'connections' | 'customer-gateways' | 'done' | 'cancelled' | 'failed';
  completedRequests: number;
  /** Grows as pages are discovered. */
  totalRequests: number;
  RegionId?: string;
}

export const inventoryMethods = {
  loadInventory: {
    args: z.object({ refresh: z.boolean(), regionIds: z.array(regionId).max(64).optional() }).strict(),
    result: shape<InventoryListing>(),
  },
  /** Served from main's snapshot (no API call), so it works offline. */
  loadGatewayConnections: {
    args: z.object({ VpnGatewayIds: z.array(id).min(1).max(100) }).strict(),
    result: shape<GatewayConnections>(),
  },
  /** The live state of the connection being opened; DescribeVpnConnections (what the inventory lists) leaves out
   * EnableBgp, and the connection may have changed since the inventory was fetched. */
  refreshConnection: {
    args: z.object({ RegionId: regionId, VpnConnectionId: id }).strict(),
    result: shape<ConnectionRead>(),
  },
  cancelInventory: { args: noArgs, result: shape<{ cancelled: boolean }>() },
} as const satisfies MethodSpecs;
