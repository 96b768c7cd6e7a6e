import { useTranslation } from 'react-i18next';
import type { Notice } from '../../state/notices.ts';

/** The notices region under the top bar, each closable; errors are alerts, the rest status messages. */
export function Notices({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss(id: number): void }) {
  const { t } = useTranslation();
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="region" aria-label={t('app.notice')}>
      {notices.map((n) => (
        <p
          key={n.id}
          className={`banner ${n.level === 'error' ? 'error' : n.level === 'warning' ? 'warn' : 'ok'}`}
          role={n.level === 'error' ? 'alert' : 'status'}
          data-code={n.code}
          title={n.code}
        >
          <span className="notice-text">{n.message}</span>
          <button type="button" className="btn small ghost" onClick={() => onDismiss(n.id)} aria-label={t('app.close')}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
