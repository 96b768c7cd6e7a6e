// A vertical, time-stamped list per connection, grouped per apply job, updating live from main's pushes.
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import type { JobSummary, TimelineEvent } from '../../../../core/contract.ts';
import { formatElapsed, formatTime } from '../../state/format.ts';
import { detailEntries } from './detail.ts';

export function Timeline({ events, jobs, onExport }: { events: readonly TimelineEvent[]; jobs: ReadonlyMap<string, JobSummary>; onExport?(format: 'json' | 'csv'): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (events.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  const exportBar = onExport && (
    <div className="timeline-actions">
      <button type="button" className="btn small" onClick={() => onExport('json')}>
        {t('timeline.export')} JSON
      </button>
      <button type="button" className="btn small" onClick={() => onExport('csv')}>
        {t('timeline.export')} CSV
      </button>
    </div>
  );
  // Group consecutive events by job (events without a job — draft saved — stand alone). Newest group first.
  const groups: Array<{ jobId: string | undefined; events: TimelineEvent[] }> = [];
  for (const e of events) {
    const last = groups[groups.length - 1];
    if (last && last.jobId === e.jobId) last.events.push(e);
    else groups.push({ jobId: e.jobId, events: [e] });
  }
  groups.reverse();
  return (
    <>
      {exportBar}
      <div className="timeline" role="log" aria-live="polite" aria-label={t('timeline.title')} data-testid="timeline">
        {groups.map((g, gi) => {
          const job = g.jobId ? jobs.get(g.jobId) : undefined;
          const start = Date.parse(g.events[0]?.at ?? '');
          return (
            <section key={`${g.jobId ?? 'none'}-${gi}`} className="timeline-group" data-job={g.jobId}>
              {g.jobId && (
                <h3 className="timeline-job">
                  <span title={g.jobId}>{t('timeline.job', { id: g.jobId.slice(0, 8) })}</span>
                  {job && <span className={`phase ${job.phase}`}>{t(`timeline.phase.${job.phase}`)}</span>}
                  {job && job.attempts > 1 && <span className="muted"> · {t('timeline.attempts', { count: job.attempts })}</span>}
                </h3>
              )}
              <ol className="timeline-list">
                {g.events.map((e) => (
                  <li key={e.seq} className={`tl-event tl-${e.kind}`} data-kind={e.kind}>
                    <span className="tl-dot" aria-hidden="true" />
                    <time dateTime={e.at} className="tl-time mono">
                      {formatTime(e.at, lang)}
                    </time>
                    <span className="tl-elapsed mono">{g.jobId && !Number.isNaN(start) ? t('timeline.elapsed', { time: formatElapsed(Date.parse(e.at) - start) }) : ''}</span>
                    <span className="tl-kind">{t(`timeline.kind.${e.kind}`)}</span>
                    <span className="tl-detail">
                      {detailEntries(e.detail, t, lang).map(({ key, label, value, literal, code }) =>
                        literal && value.length > 72 ? (
                          <details key={key} className="kv long" data-key={key}>
                            <summary>
                              <span className="k">{label}</span>
                            </summary>
                            <span className={literal ? 'v mono' : 'v'}>{value}</span>
                          </details>
                        ) : (
                          <span key={key} className="kv" data-key={key}>
                            <span className="k">{label}</span>{' '}
                            <span className={literal ? 'v mono' : 'v'} {...(code && { 'data-code': code, title: code })}>
                              {value}
                            </span>
                          </span>
                        ),
                      )}
                    </span>
                  </li>
                ))}
              </ol>
            </section>
          );
        })}
      </div>
    </>
  );
}
