import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { InventoryListing, InventoryProgress, ProfilesState } from '../../../../core/contract.ts';
import { useLang } from '../../i18n/index.ts';
import { useApi } from '../../state/api-context.tsx';
import { formatAge } from '../../state/format.ts';
import type { TreeFilter, TreeState } from '../../state/tree-view.ts';
import { InventoryTree } from './InventoryTree.tsx';

export interface RailProps {
  profiles: ProfilesState;
  onSwitchProfile(profileId: string): void;
  inventory: {
    snapshot: InventoryListing | null;
    progress: InventoryProgress | null;
    loading: boolean;
    error: string | null;
    load(refresh: boolean): Promise<void>;
  };
  filter: TreeFilter;
  tree: TreeState;
  onQuickOpen(): void;
  now: number;
}

// Memoized: typing in the editor re-renders the app, and the rail's props do not change then.
export const Rail = memo(function Rail(props: RailProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const api = useApi();
  const { profiles, inventory, filter } = props;
  const { snapshot, progress } = inventory;
  const regionName = (id: string) => snapshot?.regions.find((r) => r.RegionId === id)?.LocalName ?? id;
  return (
    <nav className="rail" aria-label={t('rail.label')}>
      <div className="rail-controls">
        <label className="stack">
          <span className="caption">{t('rail.profile')}</span>
          <select className="control select" value={profiles.activeProfileId} onChange={(e) => props.onSwitchProfile(e.target.value)} data-testid="profile-switcher">
            {profiles.profiles.map((p) => (
              <option key={p.profileId} value={p.profileId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="stack">
          <span className="caption">{t('rail.region')}</span>
          <select className="control select" value={filter.regionId} onChange={(e) => filter.onRegion(e.target.value)} data-testid="region-picker">
            <option value="">{t('rail.allRegions')}</option>
            {(snapshot?.regions ?? []).map((r) => (
              <option key={r.RegionId} value={r.RegionId}>
                {r.LocalName ? `${r.LocalName} · ${r.RegionId}` : r.RegionId}
              </option>
            ))}
          </select>
        </label>
        <div className="filter-row">
          <label className="sr-only" htmlFor="tree-filter">
            {t('rail.filter')}
          </label>
          <input id="tree-filter" className="control" type="search" placeholder={t('rail.filterPlaceholder')} value={filter.text} onChange={(e) => filter.onText(e.target.value)} />
          <button type="button" className="btn icon" onClick={() => void inventory.load(true)} aria-label={t('rail.refresh')} title={t('rail.refresh')} disabled={inventory.loading}>
            ⟳
          </button>
          <button type="button" className="btn icon" onClick={props.onQuickOpen} aria-label={t('rail.quickOpen')} title={`${t('rail.quickOpen')} (Ctrl+P)`} aria-keyshortcuts="Control+P">
            ⌕
          </button>
        </div>
        <p className="rail-meta muted" role="status" data-testid="inventory-status">
          {progress
            ? t('rail.loadingInventory', { done: progress.completedRequests, total: progress.totalRequests })
            : snapshot
              ? t('rail.counts', {
                  gateways: filter.regionId ? snapshot.gateways.filter((g) => g.RegionId === filter.regionId).length : snapshot.gateways.length,
                  connections: filter.regionId ? snapshot.connections.filter((c) => c.RegionId === filter.regionId).length : snapshot.connections.length,
                })
              : inventory.loading
                ? t('app.loading')
                : ''}
          {snapshot?.source === 'cache' && snapshot.fetchedAt && <span> · {t('rail.fromCache', { age: formatAge(snapshot.fetchedAt, props.now, lang) })}</span>}
          {filter.regionId && <span className="sr-only"> · {regionName(filter.regionId)}</span>}
        </p>
        {progress && (
          <button type="button" className="btn small" onClick={() => void api.cancelInventory().catch(() => undefined)}>
            {t('rail.cancel')}
          </button>
        )}
        {inventory.error && (
          <p className="banner error small" role="alert">
            {inventory.error}
          </p>
        )}
        {snapshot && snapshot.errors.length > 0 && snapshot.source === 'live' && (
          <details className="region-errors">
            <summary className="warn">{t('rail.regionErrors', { count: snapshot.errors.length })}</summary>
            <ul>
              {snapshot.errors.map((e, i) => (
                <li key={i} className="mono">
                  {e.RegionId ? `${e.RegionId}: ` : ''}
                  {e.code} — {e.message}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <InventoryTree appliedFilter={filter.applied} {...props.tree} />
    </nav>
  );
});
