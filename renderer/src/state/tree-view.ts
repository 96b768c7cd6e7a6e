// The rail's tree as the user sees it: the listing filtered by text and region, gateways collapsed or open, and each
// connection's health overlaid by an apply that read its tunnels after the listing was fetched.
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { ConnectionSummary, InventoryListing, JobSummary } from '../../../core/contract.ts';
import { jobHealthOverrides, withHealth, type ShownHealth } from './health.ts';
import { indexInventory, treeRows, type GatewayIndex, type TreeRow, type TreeSort } from './tree.ts';

export interface TreeView {
  index: GatewayIndex;
  rows: readonly TreeRow[];
  entries: readonly ConnectionSummary[];
  entryById: ReadonlyMap<string, ConnectionSummary>;
  healthOverrides: ReadonlyMap<string, ShownHealth>;
  regionId: string;
  setRegionId(regionId: string): void;
  filter: string;
  /** The filter the rows were built with: it trails `filter` while the user types fast. */
  appliedFilter: string;
  setFilter(filter: string): void;
  sort: TreeSort;
  setSort(sort: TreeSort): void;
  onToggle(gatewayId: string, expanded: boolean): void;
}

const NO_ENTRIES: readonly ConnectionSummary[] = [];

export function useTreeView(snapshot: InventoryListing | null, jobs: ReadonlyMap<string, JobSummary>): TreeView {
  const [regionId, setRegionId] = useState('');
  const [filter, setFilter] = useState('');
  const appliedFilter = useDeferredValue(filter);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [sort, setSort] = useState<TreeSort>('region');
  const index = useMemo(() => indexInventory(snapshot), [snapshot]);
  const listedRows = useMemo(() => treeRows(index, { filter: appliedFilter, regionId, collapsed, sort }), [index, appliedFilter, regionId, collapsed, sort]);
  // An apply watching the tunnels knows more than the listing fetched before it: its read shows in the tree.
  const healthOverrides = useMemo(() => jobHealthOverrides(jobs, snapshot?.fetchedAt ?? null), [jobs, snapshot?.fetchedAt]);
  const rows = useMemo(
    () => (healthOverrides.size === 0 ? listedRows : listedRows.map((r) => (r.kind === 'connection' && healthOverrides.has(r.key) ? { ...r, entry: withHealth(r.entry, healthOverrides.get(r.key)) } : r))),
    [listedRows, healthOverrides],
  );
  const entries = snapshot?.connections ?? NO_ENTRIES;
  const entryById = useMemo(() => new Map(entries.map((e) => [e.VpnConnectionId, e])), [entries]);
  const onToggle = useCallback((gatewayId: string, expanded: boolean) => {
    setCollapsed((s) => {
      const next = new Set(s);
      if (expanded) next.delete(gatewayId);
      else next.add(gatewayId);
      return next;
    });
  }, []);
  return { index, rows, entries, entryById, healthOverrides, regionId, setRegionId, filter, appliedFilter, setFilter, sort, setSort, onToggle };
}
