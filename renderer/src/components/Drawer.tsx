// The right-hand drawer: Preview | Timeline tabs (arrow keys move between them), collapsible, one tab panel.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type DrawerTab = 'diff' | 'timeline';
const TABS: readonly DrawerTab[] = ['diff', 'timeline'];

export interface DrawerProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  tab: DrawerTab;
  onTab(tab: DrawerTab): void;
  changeCount: number;
  busy: boolean;
  children: ReactNode;
}

export function Drawer({ open, onOpenChange, tab, onTab, changeCount, busy, children }: DrawerProps) {
  const { t } = useTranslation();
  return (
    <aside className={`drawer${open ? '' : ' closed'}`} aria-label={t('drawer.label')}>
      <div className="drawer-tabs">
        <div role="tablist" aria-label={t('drawer.label')} className="tablist">
          {TABS.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`drawer-tab-${name}`}
              aria-selected={open && tab === name}
              aria-controls="drawer-panel"
              tabIndex={tab === name ? 0 : -1}
              className={tab === name ? 'current' : undefined}
              onClick={() => {
                onTab(name);
                onOpenChange(true);
              }}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                  const next = name === 'diff' ? 'timeline' : 'diff';
                  onTab(next);
                  document.getElementById(`drawer-tab-${next}`)?.focus();
                }
              }}
            >
              {name === 'diff' ? t('drawer.diff') : t('drawer.timeline')}
              {name === 'diff' && changeCount > 0 && <span className="tab-count">{changeCount}</span>}
              {name === 'timeline' && busy && <span className="tab-count busy">…</span>}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <button type="button" className="btn icon small" aria-expanded={open} aria-label={open ? t('drawer.collapse') : t('drawer.expand')} onClick={() => onOpenChange(!open)}>
          {open ? '⟩' : '⟨'}
        </button>
      </div>
      {open && (
        <div className="drawer-body" role="tabpanel" id="drawer-panel" aria-labelledby={`drawer-tab-${tab}`} tabIndex={-1}>
          {children}
        </div>
      )}
    </aside>
  );
}
