// VPN gateway → IPsec connections, virtualized (@tanstack/react-virtual) so thousands of rows stay smooth.
// One tab stop (role=tree with aria-activedescendant); arrows, Home/End, PageUp/PageDown, Enter, Left/Right.
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { memo, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionSummary } from '../../../../core/contract.ts';
import { useLang } from '../../i18n/index.ts';
import { allTunnelWords, connectionTone, healthTone, shortWords, summaryHealth, tunnelWords } from '../../state/health.ts';
import type { TreeRow } from '../../state/tree.ts';
import { tunnelOverall } from '../../../../core/index.ts';
import { statusTone } from '../editor/EditorView.tsx';

export const GATEWAY_ROW_HEIGHT = 30;
export const CONNECTION_ROW_HEIGHT = 40;
const ROW_HEIGHT = CONNECTION_ROW_HEIGHT;

export interface InventoryTreeProps {
  rows: readonly TreeRow[];
  selectedId: string | null;
  draftIds: ReadonlySet<string>;
  onOpen(entry: ConnectionSummary): void;
  onToggle(gatewayId: string, expanded: boolean): void;
  /** The filter the rows were computed with (it trails the input while typing fast). */
  appliedFilter: string;
}

const rowId = (key: string) => `ti-${key}`;

export function InventoryTree({ rows, selectedId, draftIds, onOpen, onToggle, appliedFilter }: InventoryTreeProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const positions = useMemo(() => {
    // aria-posinset / aria-setsize, since only a window of the rows exists in the DOM.
    const pos = new Map<string, [number, number]>();
    const gateways = rows.filter((r) => r.kind === 'gateway');
    gateways.forEach((g, i) => pos.set(g.key, [i + 1, gateways.length]));
    let n = 0;
    let size = 0;
    for (const r of rows) {
      if (r.kind === 'gateway') {
        n = 0;
        size = r.expanded ? r.childCount : 0;
      } else pos.set(r.key, [++n, size]);
    }
    return pos;
  }, [rows]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'gateway' ? GATEWAY_ROW_HEIGHT : CONNECTION_ROW_HEIGHT),
    // Keys (a new function per rows) make the virtualizer re-measure when filtering or collapsing reshapes the list.
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 16,
    initialRect: { width: 280, height: 640 },
    // Before layout (and in DOM shims without layout) the element reports 0×0: assume a screenful.
    observeElementRect: (instance, cb) => observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width || 280, height: 640 })),
  });

  // For the renderer bench: when a new set of rows is on the page (after React's commit, before paint).
  useLayoutEffect(() => {
    performance.mark('ipsec:tree-committed', { detail: rows.length });
  }, [rows]);

  const activeIndex = Math.max(0, activeKey === null ? rows.findIndex((r) => r.key === selectedId) : rows.findIndex((r) => r.key === activeKey));
  const active = rows[activeIndex];

  const moveTo = (index: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    const row = rows[clamped];
    if (!row) return;
    setActiveKey(row.key);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  const activate = (row: TreeRow) => {
    if (row.kind === 'gateway') onToggle(row.key, !row.expanded);
    else onOpen(row.entry);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!active) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(activeIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex - 1);
        break;
      case 'PageDown':
        moveTo(activeIndex + page);
        break;
      case 'PageUp':
        moveTo(activeIndex - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (active.kind === 'gateway' && !active.expanded) onToggle(active.key, true);
        else if (active.kind === 'gateway') moveTo(activeIndex + 1);
        break;
      case 'ArrowLeft':
        if (active.kind === 'gateway' && active.expanded) onToggle(active.key, false);
        else if (active.kind === 'connection') moveTo(rows.findIndex((r) => r.key === active.entry.VpnGatewayId));
        break;
      case 'Enter':
      case ' ':
        activate(active);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div
      ref={scrollRef}
      className="tree-scroll"
      role="tree"
      tabIndex={0}
      aria-label={t('rail.tree')}
      aria-activedescendant={active ? rowId(active.key) : undefined}
      onKeyDown={onKeyDown}
      data-testid="tree"
      data-filter={appliedFilter}
    >
      {rows.length === 0 ? (
        <p className="muted pad">{t('rail.empty')}</p>
      ) : (
        <div className="tree-inner" role="none" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const [pos, size] = positions.get(row.key) ?? [1, 1];
            return (
              <TreeItem
                key={row.key}
                row={row}
                start={item.start}
                pos={pos}
                size={size}
                active={row.key === active?.key}
                selected={row.key === selectedId}
                hasDraft={row.kind === 'connection' && draftIds.has(row.key)}
                onClick={() => {
                  setActiveKey(row.key);
                  activate(row);
                }}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}

interface TreeItemProps {
  row: TreeRow;
  start: number;
  pos: number;
  size: number;
  active: boolean;
  selected: boolean;
  hasDraft: boolean;
  onClick(): void;
}

const TreeItem = memo(function TreeItem({ row, start, pos, size, active, selected, hasDraft, onClick }: TreeItemProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const className = `tree-row ${row.kind}${active ? ' active' : ''}${selected ? ' selected' : ''}`;
  const style = { transform: `translateY(${start}px)` };
  if (row.kind === 'gateway') {
    const g = row.gateway;
    return (
      <div id={rowId(row.key)} role="treeitem" aria-level={1} aria-posinset={pos} aria-setsize={size} aria-expanded={row.expanded} aria-selected={false} className={className} style={style} onClick={onClick}>
        <span className="caret" aria-hidden="true">{row.expanded ? '▾' : '▸'}</span>
        <span className={`dot ${statusTone(g.BusinessStatus === 'FinancialLocked' ? 'financiallocked' : g.Status)}`} title={t('rail.gatewayStatus', { status: g.Status })} aria-hidden="true" />
        <span className="tree-name">{g.Name || g.VpnGatewayId}</span>
        {g.VpnType === 'NationalStandard' && <span className="badge sm">{t('rail.sm')}</span>}
        <span className="sr-only">{t('rail.gatewayStatus', { status: g.Status })}</span>
        <span className="tree-region muted mono">{g.RegionId}</span>
        <span className="tree-count muted">{row.childCount}</span>
      </div>
    );
  }
  const c = row.entry;
  // Health from the listing (every tunnel; a dual connection's own Status is only its master's).
  const health = summaryHealth(c);
  const tone = connectionTone(health.health, row.gateway?.Status);
  const words = shortWords(t, lang, health);
  const everyTunnel = allTunnelWords(t, health);
  return (
    <div
      id={rowId(row.key)}
      role="treeitem"
      aria-level={2}
      aria-posinset={pos}
      aria-setsize={size}
      aria-selected={selected}
      className={className}
      style={style}
      onClick={onClick}
      data-connection-id={c.VpnConnectionId}
    >
      <span className={`dot ${tone}`} title={everyTunnel} aria-hidden="true" data-health={health.health} />
      <span className="tree-lines">
        <span className="tree-line">
          <span className="tree-name">{c.Name || c.VpnConnectionId}</span>
          <span className={`badge ${c.mode}`}>{c.mode === 'dual' ? t('rail.dual') : t('rail.single')}</span>
          {hasDraft && (
            <span className="draft-marker" title={t('rail.hasDraft')}>
              <span aria-hidden="true">●</span>
              <span className="sr-only">{t('rail.hasDraft')}</span>
            </span>
          )}
        </span>
        <span className="tree-line sub">
          <span className="tree-id mono">{c.VpnConnectionId}</span>
          <span className={`tree-status ${healthTone(health.health)}`} title={everyTunnel}>
            {c.mode === 'dual' && (
              <span className="tunnel-dots" aria-hidden="true">
                {health.tunnels.map((x) => (
                  <span key={x.position} className={`dot mini ${healthTone(tunnelOverall(x))}`} title={tunnelWords(t, x)} />
                ))}
              </span>
            )}
            <span className="tree-status-text" aria-hidden="true">
              {words}
            </span>
          </span>
        </span>
      </span>
      <span className="sr-only">{everyTunnel}</span>
    </div>
  );
});
