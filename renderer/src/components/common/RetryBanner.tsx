// A banner over the editor that says what could not be loaded and offers to try again.
import { useTranslation } from 'react-i18next';

export function RetryBanner({ tone, text, onRetry, testId }: { tone: 'error' | 'warn'; text: string; onRetry(): void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <p role={tone === 'error' ? 'alert' : 'status'} className={`banner ${tone}`} data-testid={testId}>
      {text}{' '}
      <button type="button" className="btn small" onClick={onRetry}>
        {t('app.retry')}
      </button>
    </p>
  );
}
