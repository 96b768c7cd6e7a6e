// Flattens the inventory into the rows the virtualized tree renders: gateway rows followed by their connections.
import type { ConnectionSummary, GatewaySummary, InventoryListing } from '../../../core/contract.ts';
import { compileQuery } from '../../../core/search/match.ts';
import { parseQuery } from '../../../core/search/query.ts';

// One collator for every sort (String#localeCompare builds one per call: ~10× slower on 2,000 names).
const COLLATOR = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export type TreeRow =
  | { kind: 'gateway'; key: string; gateway: GatewaySummary; childCount: number; expanded: boolean }
  | { kind: 'connection'; key: string; entry: ConnectionSummary; gateway: GatewaySummary | undefined };

/** `region`: by region, then name (the default); `name`: gateways by name across regions; `health`: the gateways
 * and connections that need attention first (down, then unknown, then up), then by name. */
export type TreeSort = 'region' | 'name' | 'health';

export interface TreeOptions {
  filter: string;
  /** '' = every region. */
  regionId: string;
  collapsed: ReadonlySet<string>;
  sort?: TreeSort;
}

const ATTENTION: Readonly<Record<string, number>> = { down: 0, unknown: 1, up: 2 };
const attention = (e: ConnectionSummary) => ATTENTION[e.tunnels?.some((t) => t.health === 'down') ? 'down' : e.health] ?? 1;

export interface GatewayIndex {
  gateways: GatewaySummary[];
  byId: Map<string, GatewaySummary>;
  connectionsByGateway: Map<string, ConnectionSummary[]>;
}

/** Built once per snapshot (not per keystroke of the filter). */
export function indexInventory(snapshot: InventoryListing | null): GatewayIndex {
  const byId = new Map<string, GatewaySummary>();
  const connectionsByGateway = new Map<string, ConnectionSummary[]>();
  if (!snapshot) return { gateways: [], byId, connectionsByGateway };
  for (const g of snapshot.gateways) {
    byId.set(g.VpnGatewayId, g);
    connectionsByGateway.set(g.VpnGatewayId, []);
  }
  const orphans: GatewaySummary[] = [];
  for (const entry of snapshot.connections) {
    const id = entry.VpnGatewayId;
    let list = connectionsByGateway.get(id);
    if (!list) {
      // A connection whose gateway was not listed (partial fetch): show it under a placeholder gateway.
      const placeholder: GatewaySummary = {
        VpnGatewayId: id, RegionId: entry.RegionId, Name: id, Status: 'unknown', BusinessStatus: 'Normal',
        VpnType: 'Normal', dualTunnelCapable: entry.mode === 'dual',
      };
      byId.set(id, placeholder);
      orphans.push(placeholder);
      list = [];
      connectionsByGateway.set(id, list);
    }
    list.push(entry);
  }
  const byName = (a: { Name: string }, b: { Name: string }) => COLLATOR.compare(a.Name, b.Name);
  for (const list of connectionsByGateway.values()) list.sort(byName);
  const gateways = [...snapshot.gateways, ...orphans].sort((a, b) => COLLATOR.compare(a.RegionId, b.RegionId) || byName(a, b));
  return { gateways, byId, connectionsByGateway };
}

function matches(needle: string, ...haystack: string[]): boolean {
  return haystack.some((h) => h.toLowerCase().includes(needle));
}

/**
 * The filter as a predicate on a connection (core/search: names and ids, addresses, subnets, customer gateways,
 * algorithms, health; `ike:des`, `-down`…), and whether it is plain text only (then a gateway whose name matches
 * shows all its connections, as before). A listing without search facts falls back to name and id.
 */
export function connectionFilter(filter: string): { plain: boolean; match(e: ConnectionSummary): boolean } | null {
  const parsed = parseQuery(filter);
  if (parsed.terms.length === 0) return null;
  const predicate = compileQuery(parsed);
  const plain = parsed.terms.every((t) => t.kind === 'text' && !t.negated);
  return {
    plain,
    match: (e) => (e.search ? predicate(e.search) : plain && parsed.terms.every((t) => matches(t.value, e.Name, e.VpnConnectionId))),
  };
}

export function treeRows(index: GatewayIndex, options: TreeOptions): TreeRow[] {
  const needle = options.filter.trim().toLowerCase();
  const filter = connectionFilter(options.filter);
  const sort = options.sort ?? 'region';
  const groups: Array<{ gateway: GatewaySummary; children: ConnectionSummary[] }> = [];
  for (const gateway of index.gateways) {
    if (options.regionId !== '' && gateway.RegionId !== options.regionId) continue;
    const all = index.connectionsByGateway.get(gateway.VpnGatewayId) ?? [];
    const gatewayMatches = filter === null || (filter.plain && matches(needle, gateway.Name, gateway.VpnGatewayId));
    const children = gatewayMatches ? all : all.filter((e) => filter!.match(e));
    if (!gatewayMatches && children.length === 0) continue;
    groups.push({ gateway, children: sort === 'health' ? [...children].sort((a, b) => attention(a) - attention(b) || COLLATOR.compare(a.Name, b.Name)) : children });
  }
  // The index is in region order already; the other orders sort the groups (stable: ties keep region order).
  const worst = (g: (typeof groups)[number]) => Math.min(2, ...g.children.map(attention));
  if (sort === 'name') groups.sort((a, b) => COLLATOR.compare(a.gateway.Name, b.gateway.Name));
  if (sort === 'health') groups.sort((a, b) => worst(a) - worst(b) || COLLATOR.compare(a.gateway.Name, b.gateway.Name));
  const rows: TreeRow[] = [];
  for (const { gateway, children } of groups) {
    // A filter always expands what it found.
    const expanded = needle !== '' || !options.collapsed.has(gateway.VpnGatewayId);
    rows.push({ kind: 'gateway', key: gateway.VpnGatewayId, gateway, childCount: children.length, expanded });
    if (expanded) {
      for (const entry of children) rows.push({ kind: 'connection', key: entry.VpnConnectionId, entry, gateway });
    }
  }
  return rows;
}

/** Quick-open ranking: exact ID first, then prefix matches of name/ID, then substring matches. */
export function quickOpenMatches(entries: readonly ConnectionSummary[], query: string, limit = 50): ConnectionSummary[] {
  const q = query.trim().toLowerCase();
  if (q === '') return entries.slice(0, limit);
  const filter = connectionFilter(query);
  const scored: Array<[number, ConnectionSummary]> = [];
  for (const e of entries) {
    // Tokens (ike:des, ip:…, down): what the filter keeps, by name. Plain text: ids and names rank first, then
    // anything else the connection holds (a peer address, a subnet, a customer gateway).
    if (filter && !filter.plain) {
      if (filter.match(e)) scored.push([2, e]);
      continue;
    }
    const id = e.VpnConnectionId.toLowerCase();
    const name = e.Name.toLowerCase();
    const gw = e.VpnGatewayId.toLowerCase();
    let score = -1;
    if (id === q) score = 0;
    else if (name.startsWith(q) || id.startsWith(q)) score = 1;
    else if (name.includes(q) || id.includes(q)) score = 2;
    else if (gw.includes(q)) score = 3;
    else if (filter?.match(e)) score = 4;
    if (score >= 0) scored.push([score, e]);
  }
  scored.sort((a, b) => a[0] - b[0] || COLLATOR.compare(a[1].Name, b[1].Name));
  return scored.slice(0, limit).map(([, e]) => e);
}
