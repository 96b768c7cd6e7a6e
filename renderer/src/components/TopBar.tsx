import { useTranslation } from 'react-i18next';
import type { JobSummary, ProfileSummary } from '../../../core/contract.ts';
import type { Connectivity } from '../state/connectivity.ts';
import { useNow } from '../state/use-now.ts';

export type View = 'editor' | 'drafts' | 'profiles' | 'settings';
const VIEWS: readonly View[] = ['editor', 'drafts', 'profiles', 'settings'];

/** A job whose countdown shows in the top bar (confirm window or settle period), with its connection's name. */
export interface WatchedJob {
  job: JobSummary;
  name: string;
}

export interface TopBarProps {
  view: View;
  onView(v: View): void;
  profile: ProfileSummary | undefined;
  connectivity: Connectivity;
  draftCount: number;
  onQuickOpen(): void;
  /** Changes counting down anywhere (any connection, any view). */
  watched?: readonly WatchedJob[];
  onOpenJob?(job: JobSummary): void;
}

export function TopBar({ view, onView, profile, connectivity, draftCount, onQuickOpen, watched = [], onOpenJob }: TopBarProps) {
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
      {watched.length > 0 && <WatchChips watched={watched} onOpen={(job) => onOpenJob?.(job)} />}
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

const secondsUntil = (iso: string | undefined, now: number) => (iso ? Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000)) : 0);

/** One chip per watched change: the connection, what happens and the seconds left; red when a tunnel was lost. */
function WatchChips({ watched, onOpen }: { watched: readonly WatchedJob[]; onOpen(job: JobSummary): void }) {
  const { t } = useTranslation();
  const now = useNow(500);
  return (
    <div className="watch-chips" role="group" aria-label={t('watch.label')} data-testid="watch-chips">
      {watched.map(({ job, name }) => {
        const lossy = (job.tunnels?.losses.length ?? 0) > 0;
        const confirm = job.phase === 'confirm-window';
        const seconds = secondsUntil(confirm ? job.confirmDeadline : job.settleDeadline, now);
        const text = job.phase === 'rolling-back'
          ? t('watch.rollingBack')
          : confirm
          ? lossy
            ? t('watch.confirmLoss', { seconds })
            : t('watch.confirm', { seconds })
          : lossy
            ? t('watch.settlingLoss', { seconds })
            : t('watch.settling', { seconds });
        return (
          <button
            key={job.jobId}
            type="button"
            className={`watch-chip ${lossy ? 'bad' : confirm ? 'confirm' : 'settling'}`}
            title={t('watch.open', { name })}
            data-testid="watch-chip"
            data-job={job.jobId}
            data-phase={job.phase}
            onClick={() => onOpen(job)}
          >
            <span className={`dot ${lossy ? 'bad' : 'warn'}`} aria-hidden="true" />
            {/* A long name gives way; the countdown never does. */}
            <span className="watch-name">{name}</span>
            <span className="watch-text">
              {' · '}
              {text}
            </span>
          </button>
        );
      })}
    </div>
  );
}
