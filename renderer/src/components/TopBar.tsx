import { useTranslation } from 'react-i18next';
import type { ProfileSummary } from '../../../core/contract.ts';
import type { Connectivity } from '../state/connectivity.ts';

export type View = 'editor' | 'drafts' | 'profiles' | 'settings';
const VIEWS: readonly View[] = ['editor', 'drafts', 'profiles', 'settings'];

export function TopBar({ view, onView, profile, connectivity, draftCount, onQuickOpen }: { view: View; onView(v: View): void; profile: ProfileSummary | undefined; connectivity: Connectivity; draftCount: number; onQuickOpen(): void }) {
  const { t } = useTranslation();
  return (
    <header className="title-bar">
      <span className="product">{t('app.product')}</span>
      <nav aria-label={t('app.mainNav')} className="view-tabs">
        {VIEWS.map((v) => (
          <button key={v} type="button" className={`tab${view === v ? ' current' : ''}`} aria-current={view === v ? 'page' : undefined} onClick={() => onView(v)} data-view={v}>
            {t(`nav.${v}`)}
            {v === 'drafts' && draftCount > 0 && <span className="tab-count">{draftCount}</span>}
          </button>
        ))}
      </nav>
      <span className="spacer" />
      <button type="button" className="btn ghost small" onClick={onQuickOpen} aria-keyshortcuts="Control+P">
        {t('rail.quickOpen')} <kbd>Ctrl+P</kbd>
      </button>
      <span className={`connectivity ${connectivity.online ? 'online' : 'offline'}`} role="status" data-testid="connectivity" title={connectivity.reason}>
        <span className="dot" aria-hidden="true" />
        {connectivity.online ? t('app.online') : t('app.offline')}
      </span>
      <span className="profile-chip" aria-label={t('app.activeProfile')} data-testid="active-profile">
        {profile?.name ?? 'Sandbox'}
      </span>
    </header>
  );
}
