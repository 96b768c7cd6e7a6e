// What the rail's tree shows: the region picker and the filter, collapsed gateways, the rows (with the health an
// apply read more recently than the listing), which connections have a draft.
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { ConnectionSummary, DraftSummary, JobSummary } from '../../../core/contract.ts';
import { jobHealthOverrides, withHealth } from './health.ts';
import { treeRows, type GatewayIndex, type TreeRow } from './tree.ts';

/** The region picker and the filter box. */
export interface TreeFilter {
  /** '' = every region. */
  regionId: string;
  onRegion(regionId: string): void;
  text: string;
  /** The filter the rows were computed with (it trails the input while typing fast). */
  applied: string;
  onText(text: string): void;
}

/** What the tree component takes. */
export interface TreeState {
  rows: readonly TreeRow[];
  selectedId: string | null;
  draftIds: ReadonlySet<string>;
  onOpen(entry: ConnectionSummary): void;
  onToggle(gatewayId: string, expanded: boolean): void;
}

export interface TreeViewInput {
  index: GatewayIndex;
  /** When the listing was fetched (an apply's newer read of a connection's tunnels wins over it). */
  listedAt: string | null;
  jobs: ReadonlyMap<string, JobSummary>;
  /** The profile's drafts. */
  drafts: readonly DraftSummary[];
  selectedId: string | null;
  onOpen(entry: ConnectionSummary): void;
}

/** Each part is memoized: typing in the editor re-renders the app, and none of this changes then. */
export function useTreeView({ index, listedAt, jobs, drafts, selectedId, onOpen }: TreeViewInput) {
  const [regionId, setRegionId] = useState('');
  const [text, setText] = useState('');
  const applied = useDeferredValue(text);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  const listedRows = useMemo(() => treeRows(index, { filter: applied, regionId, collapsed }), [index, applied, regionId, collapsed]);
  // An apply watching the tunnels knows more than the listing fetched before it: its read shows in the tree.
  const healthOverrides = useMemo(() => jobHealthOverrides(jobs, listedAt), [jobs, listedAt]);
  const rows = useMemo(
    () => (healthOverrides.size === 0 ? listedRows : listedRows.map((r) => (r.kind === 'connection' && healthOverrides.has(r.key) ? { ...r, entry: withHealth(r.entry, healthOverrides.get(r.key)) } : r))),
    [listedRows, healthOverrides],
  );
  const draftIds = useMemo(() => new Set(drafts.filter((d) => d.status !== 'applied').map((d) => d.VpnConnectionId)), [drafts]);
  const onToggle = useCallback((gatewayId: string, expanded: boolean) => {
    setCollapsed((s) => {
      const next = new Set(s);
      if (expanded) next.delete(gatewayId);
      else next.add(gatewayId);
      return next;
    });
  }, []);

  const filter = useMemo<TreeFilter>(() => ({ regionId, onRegion: setRegionId, text, applied, onText: setText }), [regionId, text, applied]);
  const tree = useMemo<TreeState>(() => ({ rows, selectedId, draftIds, onOpen, onToggle }), [rows, selectedId, draftIds, onOpen, onToggle]);
  return { filter, tree, healthOverrides, setRegionId };
}
