import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../core/errors.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useLang } from '../../i18n/index.ts';
import { formatSearchProblem } from '../../../../core/search/messages.ts';
import { parseQuery } from '../../../../core/search/query.ts';
import type { ConnectionSummary, InventoryListing, InventoryProgress, ProfilesState } from '../../../../core/contract.ts';
import { formatAge } from '../../state/format.ts';
import type { TreeRow, TreeSort } from '../../state/tree.ts';
import { InventoryTree } from './InventoryTree.tsx';

export interface RailProps {
  profiles: ProfilesState;
  onSwitchProfile(profileId: string): void;
  snapshot: InventoryListing | null;
  progress: InventoryProgress | null;
  loading: boolean;
  error: AppErrorShape | null;
  regionId: string;
  onRegion(regionId: string): void;
  filter: string;
  appliedFilter: string;
  onFilter(filter: string): void;
  sort: TreeSort;
  onSort(sort: TreeSort): void;
  onRefresh(): void;
  onCancel(): void;
  rows: readonly TreeRow[];
  selectedId: string | null;
  draftIds: ReadonlySet<string>;
  onOpen(entry: ConnectionSummary): void;
  onToggle(gatewayId: string, expanded: boolean): void;
  onQuickOpen(): void;
  now: number;
}

// Memoized: typing in the editor re-renders the app, and the rail's props do not change then.
export const Rail = memo(function Rail(props: RailProps) {
  const { t } = useTranslation();
  const lang = useLang();
  // What the filter could not read (an unknown key, a malformed address), said under it; the rest still filters.
  const problems = useMemo(() => parseQuery(props.filter).problems, [props.filter]);
  const errorText = useErrorText();
  const { snapshot } = props;
  const regionName = (id: string) => snapshot?.regions.find((r) => r.RegionId === id)?.LocalName ?? id;
  return (
    <nav className="rail" aria-label={t('rail.label')}>
      <div className="rail-controls">
        <label className="stack">
          <span className="caption">{t('rail.profile')}</span>
          <select className="control select" value={props.profiles.activeProfileId} onChange={(e) => props.onSwitchProfile(e.target.value)} data-testid="profile-switcher">
            {props.profiles.profiles.map((p) => (
              <option key={p.profileId} value={p.profileId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="stack">
          <span className="caption">{t('rail.region')}</span>
          <select className="control select" value={props.regionId} onChange={(e) => props.onRegion(e.target.value)} data-testid="region-picker">
            <option value="">{t('rail.allRegions')}</option>
            {(snapshot?.regions ?? []).map((r) => (
              <option key={r.RegionId} value={r.RegionId}>
                {r.LocalName ? `${r.LocalName} · ${r.RegionId}` : r.RegionId}
              </option>
            ))}
          </select>
        </label>
        <label className="stack">
          <span className="caption">{t('rail.sort')}</span>
          <select className="control select" data-testid="tree-sort" value={props.sort} onChange={(e) => props.onSort(e.target.value as TreeSort)}>
            <option value="region">{t('rail.sortRegion')}</option>
            <option value="name">{t('rail.sortName')}</option>
            <option value="health">{t('rail.sortHealth')}</option>
          </select>
        </label>
        <div className="filter-row">
          <label className="sr-only" htmlFor="tree-filter">
            {t('rail.filter')}
          </label>
          <input
            id="tree-filter"
            className="control"
            type="search"
            placeholder={t('rail.filterPlaceholder')}
            title={t('rail.filterHelp')}
            aria-describedby={problems.length > 0 ? 'tree-filter-problems' : undefined}
            value={props.filter}
            onChange={(e) => props.onFilter(e.target.value)}
          />
          <button type="button" className="btn icon" onClick={props.onRefresh} aria-label={t('rail.refresh')} title={t('rail.refresh')} disabled={props.loading}>
            ⟳
          </button>
          <button type="button" className="btn icon" onClick={props.onQuickOpen} aria-label={t('rail.quickOpen')} title={`${t('rail.quickOpen')} (Ctrl+P)`} aria-keyshortcuts="Control+P">
            ⌕
          </button>
        </div>
        {problems.length > 0 && (
          <p id="tree-filter-problems" className="hint error" data-testid="filter-problems">
            {problems.map((p) => formatSearchProblem(p, lang)).join(' ')}
          </p>
        )}
        <p className="rail-meta muted" role="status" data-testid="inventory-status">
          {props.progress
            ? t('rail.loadingInventory', { done: props.progress.completedRequests, total: props.progress.totalRequests })
            : snapshot
              ? t('rail.counts', {
                  gateways: props.regionId ? snapshot.gateways.filter((g) => g.RegionId === props.regionId).length : snapshot.gateways.length,
                  connections: props.regionId ? snapshot.connections.filter((c) => c.RegionId === props.regionId).length : snapshot.connections.length,
                })
              : props.loading
                ? t('app.loading')
                : ''}
          {snapshot?.source === 'cache' && snapshot.fetchedAt && <span> · {t('rail.fromCache', { age: formatAge(snapshot.fetchedAt, props.now, lang) })}</span>}
          {props.regionId && <span className="sr-only"> · {regionName(props.regionId)}</span>}
        </p>
        {props.progress && (
          <button type="button" className="btn small" onClick={props.onCancel}>
            {t('rail.cancel')}
          </button>
        )}
        {props.error && (
          <p className="banner error small" role="alert" data-code={props.error.code}>
            {errorText(props.error)}
          </p>
        )}
        {snapshot && snapshot.errors.length > 0 && snapshot.source === 'live' && (
          <details className="region-errors">
            <summary className="warn">{t('rail.regionErrors', { count: snapshot.errors.length })}</summary>
            <ul>
              {snapshot.errors.map((e, i) => (
                <li key={i} data-code={e.code} title={e.code}>
                  {e.RegionId ? <span className="mono">{e.RegionId}: </span> : ''}
                  {errorText(e)}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <InventoryTree appliedFilter={props.appliedFilter} rows={props.rows} selectedId={props.selectedId} draftIds={props.draftIds} onOpen={props.onOpen} onToggle={props.onToggle} />
    </nav>
  );
});
