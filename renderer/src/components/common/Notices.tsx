import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/error-text.ts';
import type { Connectivity } from '../../state/connectivity.ts';
import type { Notice } from '../../state/notices.ts';

/** Offline: what still works is said once, above everything; main's reason is kept small, for support. */
export function OfflineBanner({ connectivity }: { connectivity: Connectivity }) {
  const { t } = useTranslation();
  if (connectivity.online) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <strong>{t('app.offline')}</strong> — {t('app.offlineHint')}
      {connectivity.reason && (
        <span className="muted mono reason" title={connectivity.reason}>
          {' '}
          ({connectivity.reason})
        </span>
      )}
    </div>
  );
}

/** Main's notices and the renderer's own failures; errors are alerts, the rest status. The code is kept in title. */
export function Notices({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss(id: number): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="region" aria-label={t('app.notice')}>
      {notices.map((n) => (
        <p key={n.id} className={`banner ${n.level === 'error' ? 'error' : n.level === 'warning' ? 'warn' : 'ok'}`} role={n.level === 'error' ? 'alert' : 'status'} data-code={n.code} title={n.code}>
          <span className="notice-text">{errorText(n)}</span>
          <button type="button" className="btn small ghost" onClick={() => onDismiss(n.id)} aria-label={t('app.close')}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
