// A vertical, time-stamped list per connection, grouped per apply job, updating live from main's pushes.
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import type { JobSummary, TimelineEvent } from '../../../../core/contract.ts';
import { formatElapsed, formatTime } from '../../state/format.ts';

const DETAIL_ORDER = ['RequestId', 'ClientToken', 'code', 'attempt', 'status', 'from', 'to', 'elapsedMs', 'message'];

function detailEntries(detail: TimelineEvent['detail']): Array<[string, string]> {
  const keys = Object.keys(detail).sort((a, b) => {
    const ia = DETAIL_ORDER.indexOf(a);
    const ib = DETAIL_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  return keys.filter((k) => detail[k] !== null && detail[k] !== '').map((k) => [k, k === 'elapsedMs' ? formatElapsed(Number(detail[k])) : String(detail[k])]);
}

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
                      {detailEntries(e.detail).map(([k, v]) =>
                        v.length > 72 ? (
                          <details key={k} className="kv long">
                            <summary>
                              <span className="k">{k}</span>
                            </summary>
                            <span className="v mono">{v}</span>
                          </details>
                        ) : (
                          <span key={k} className="kv">
                            <span className="k">{k}</span> <span className="v mono">{v}</span>
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
