// A change in flight: a progress indicator through the apply phases, and the confirm window's countdown with
// Confirm and Roll back (like Junos `commit confirmed`).
import { useTranslation } from 'react-i18next';
import type { JobPhase, JobSummary } from '../../../../core/contract.ts';

const STEPS: readonly JobPhase[] = ['queued', 'validating', 'checking-live', 'submitting', 'waiting-gateway', 'verifying', 'confirm-window', 'succeeded'];

export function JobProgress({ job, now, onConfirm, onRollback }: { job: JobSummary; now: number; onConfirm(): void; onRollback(): void }) {
  const { t } = useTranslation();
  const final = job.phase === 'succeeded' || job.phase === 'failed' || job.phase === 'conflict' || job.phase === 'rolled-back';
  const step = Math.max(0, STEPS.indexOf(job.phase));
  const seconds = job.confirmDeadline ? Math.max(0, Math.ceil((Date.parse(job.confirmDeadline) - now) / 1000)) : 0;
  return (
    <div className={`job-progress ${job.phase}`} data-testid="job-progress" data-phase={job.phase}>
      {final ? (
        <p role="status" className={job.phase === 'succeeded' ? 'ok' : 'error'}>
          {t('timeline.result', { phase: t(`timeline.phase.${job.phase}`) })}
          {job.error && <span className="mono"> — {job.error.code}: {job.error.message}</span>}
        </p>
      ) : (
        <>
          <p role="status">{t('timeline.inFlight', { phase: t(`timeline.phase.${job.phase}`) })}</p>
          <progress max={STEPS.length - 1} value={job.phase === 'rolling-back' ? undefined : step} aria-label={t('timeline.inFlight', { phase: t(`timeline.phase.${job.phase}`) })} />
        </>
      )}
      {job.phase === 'confirm-window' && (
        <div className="confirm-window" role="group" aria-labelledby="confirm-title">
          <strong id="confirm-title">{t('timeline.confirmTitle')}</strong>
          <span role="timer" aria-live="off" data-testid="countdown">
            {t('timeline.confirmCountdown', { seconds })}
          </span>
          <button type="button" className="btn primary" onClick={onConfirm}>
            {t('timeline.confirm')}
          </button>
          <button type="button" className="btn danger" onClick={onRollback}>
            {t('timeline.rollback')}
          </button>
        </div>
      )}
    </div>
  );
}
