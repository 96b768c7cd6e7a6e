// A change in flight: a progress indicator through the apply phases, the settle period and the confirm window's
// countdown (like Junos `commit confirmed`), then the outcome. Green must mean up: an outcome is green only when every
// tunnel negotiates; a tunnel that was up before and is down now is named, in red, and Roll back becomes the primary
// action.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobPhase, JobSummary } from '../../../../core/contract.ts';
import type { TunnelLoss } from '../../../../core/index.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useLang } from '../../i18n/index.ts';
import { formatTime } from '../../state/format.ts';
import { cap, lossesPhrase, notUp, tunnelName, type Tone } from '../../state/health.ts';
import { FINAL_PHASES } from '../../state/jobs.ts';
import { useNow } from '../../state/use-now.ts';

const STEP_OF: Partial<Record<JobPhase, number>> = {
  queued: 0,
  validating: 1,
  'checking-live': 2,
  submitting: 3,
  reconciling: 3,
  'waiting-gateway': 4,
  verifying: 5,
  settling: 6,
  'confirm-window': 6,
};
const LAST_STEP = 7;

const secondsUntil = (iso: string | undefined, now: number) => (iso ? Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000)) : 0);

export interface JobProgressProps {
  job: JobSummary;
  now: number;
  onConfirm(): void;
  onRollback(): void;
}

export function JobProgress({ job, now, onConfirm, onRollback }: JobProgressProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const final = FINAL_PHASES.has(job.phase);
  const losses = job.tunnels?.losses ?? [];
  const lossy = losses.length > 0;
  const since = formatTime(job.tunnels?.downSince ?? job.tunnels?.checkedAt ?? job.updatedAt, lang);
  const phaseName = t(`timeline.phase.${job.phase}`);
  const watching = job.phase === 'settling' || job.phase === 'confirm-window';
  return (
    <div className={`job-progress phase-${job.phase}${lossy && (watching || job.phase === 'degraded') ? ' lossy' : ''}`} data-testid="job-progress" data-phase={job.phase} data-job={job.jobId}>
      {final ? (
        <Outcome job={job} since={since} onRollback={onRollback} />
      ) : (
        <>
          <p role="status">{t('timeline.inFlight', { phase: phaseName })}</p>
          <progress max={LAST_STEP} value={job.phase === 'rolling-back' ? undefined : (STEP_OF[job.phase] ?? 0)} aria-label={t('timeline.inFlight', { phase: phaseName })} />
        </>
      )}
      {watching && lossy && <LossList losses={losses} since={since} />}
      {job.phase === 'settling' && (
        <div className="settle-window">
          <span role="timer" aria-live="off" data-testid="settle-countdown">
            {t('timeline.settleCountdown', { seconds: secondsUntil(job.settleDeadline, now) })}
          </span>
          {lossy && job.rollbackable && (
            <button type="button" className="btn primary" onClick={onRollback}>
              {t('timeline.rollback')}
            </button>
          )}
        </div>
      )}
      {job.phase === 'confirm-window' && <ConfirmWindow job={job} losses={losses} seconds={secondsUntil(job.confirmDeadline, now)} onConfirm={onConfirm} onRollback={onRollback} />}
    </div>
  );
}

function LossList({ losses, since }: { losses: readonly TunnelLoss[]; since: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div role="alert" data-testid="tunnel-losses">
      <ul className="losses">
        {losses.map((loss) => (
          <li key={`${loss.position}-${loss.what}`}>
            <span className="dot bad" aria-hidden="true" />
            {cap(t('timeline.lossSince', { what: lossesPhrase(t, lang, [loss]), time: since }))}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ConfirmWindow({ job, losses, seconds, onConfirm, onRollback }: { job: JobSummary; losses: readonly TunnelLoss[]; seconds: number; onConfirm(): void; onRollback(): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  // Keeping a change that took a tunnel down takes two clicks; a different set of losses asks again.
  const lossKey = losses.map((l) => `${l.position}:${l.what}`).join(',');
  const [armedFor, setArmedFor] = useState<string | null>(null);
  const armed = armedFor !== null && armedFor === `${job.jobId}|${lossKey}`;
  const lossy = losses.length > 0;
  const rollback = (
    <button type="button" className={`btn ${lossy ? 'primary' : 'danger'}`} onClick={onRollback}>
      {t('timeline.rollback')}
    </button>
  );
  return (
    <div className={`confirm-window${lossy ? ' lossy' : ''}`} role="group" aria-labelledby="confirm-title">
      <strong id="confirm-title">{t('timeline.confirmTitle')}</strong>
      <span role="timer" aria-live="off" data-testid="countdown">
        {t(lossy ? 'timeline.confirmCountdownLoss' : 'timeline.confirmCountdown', { seconds })}
      </span>
      {/* With a tunnel down, Roll back leads and keeping the change takes a second click. */}
      {lossy && rollback}
      {lossy ? (
        <button
          type="button"
          className={`btn${armed ? ' danger' : ''}`}
          data-testid="keep-anyway"
          onClick={() => {
            if (armed) {
              setArmedFor(null);
              onConfirm();
            } else setArmedFor(`${job.jobId}|${lossKey}`);
          }}
        >
          {armed ? t('timeline.keepAgain', { what: lossesPhrase(t, lang, losses) }) : t('timeline.keepAnyway')}
        </button>
      ) : (
        <button type="button" className="btn primary" onClick={onConfirm}>
          {t('timeline.confirm')}
        </button>
      )}
      {!lossy && rollback}
    </div>
  );
}

function Outcome({ job, since, onRollback }: { job: JobSummary; since: string; onRollback(): void }) {
  const errorText = useErrorText();
  const { t } = useTranslation();
  const lang = useLang();
  const tunnels = job.tunnels;
  let tone: Tone;
  let text: string;
  switch (job.phase) {
    case 'succeeded': {
      const stillDown = tunnels ? notUp(tunnels.now) : [];
      if (!tunnels || tunnels.now.length === 0) {
        // Nothing says how the tunnels fare (a job from before tunnels were watched): no green promise.
        tone = 'idle';
        text = t('timeline.result', { phase: t('timeline.phase.succeeded') });
      } else if (stillDown.length > 0) {
        tone = 'warn';
        text = t('timeline.succeededStillDown', { what: new Intl.ListFormat(lang, { type: 'conjunction' }).format(stillDown.map((x) => tunnelName(t, x.position))) });
      } else {
        tone = 'ok';
        text = job.keptBy === 'negotiation' ? t('timeline.keptNegotiation') : job.keptBy === 'user' ? t('timeline.keptUser') : t('timeline.succeededAll');
      }
      break;
    }
    case 'degraded': {
      const losses = tunnels?.losses ?? [];
      const what = losses.length > 0 ? lossesPhrase(t, lang, losses) : new Intl.ListFormat(lang, { type: 'conjunction' }).format(notUp(tunnels?.now ?? []).map((x) => tunnelName(t, x.position)));
      tone = 'bad';
      text = t(job.keptBy === 'user' ? 'timeline.degradedKept' : 'timeline.degraded', { what: what || t('health.connection'), time: since });
      break;
    }
    case 'rolled-back': {
      // The change is undone: amber (it is not in effect), and whether the tunnels came back, in words.
      const stillDown = tunnels ? notUp(tunnels.now) : [];
      tone = stillDown.length > 0 ? 'bad' : 'warn';
      text =
        stillDown.length > 0
          ? t('timeline.rolledBackDown', { what: new Intl.ListFormat(lang, { type: 'conjunction' }).format(stillDown.map((x) => tunnelName(t, x.position))) })
          : tunnels && tunnels.now.length > 0
            ? t('timeline.rolledBackUp')
            : t('timeline.result', { phase: t('timeline.phase.rolled-back') });
      break;
    }
    case 'unknown':
      tone = 'warn';
      text = tunnels && tunnels.now.length > 0 ? t('timeline.unknownTunnels') : t('timeline.unknownLanded');
      break;
    default:
      tone = 'bad';
      text = t('timeline.result', { phase: t(`timeline.phase.${job.phase}`) });
  }
  const offerRollback = (job.phase === 'degraded' || job.phase === 'unknown') && job.rollbackable;
  return (
    <>
      <p role="status" className={`outcome ${tone}`} data-testid="job-outcome" data-tone={tone} data-code={job.error?.code} title={job.error?.code}>
        {tone !== 'idle' && <span className={`dot ${tone}`} aria-hidden="true" />}
        {text}
        {/* A degraded outcome already says which tunnel is down and since when, in the UI language. */}
        {job.error && job.phase !== 'degraded' && job.phase !== 'rolled-back' && (
          <span className="outcome-reason">
            {' '}
            — {errorText(job.error)}
          </span>
        )}
      </p>
      {job.phase === 'rolled-back' && <p className="hint">{t('timeline.rolledBackDraft')}</p>}
      {offerRollback && (
        <div className="outcome-actions">
          <button type="button" className="btn primary" onClick={onRollback}>
            {t('timeline.rollback')}
          </button>
          <span className="hint">{t('timeline.rollbackHint')}</span>
        </div>
      )}
    </>
  );
}

/** JobProgress with its own half-second clock, so a countdown ticks without re-rendering the app around it. */
export function TickingJobProgress(props: Omit<JobProgressProps, 'now'>) {
  const now = useNow(500);
  return <JobProgress {...props} now={now} />;
}
