// Apply jobs and timeline events: fetched once, then kept current by main's jobUpdated / timelineEvent pushes.
import { useCallback, useEffect, useState } from 'react';
import { FINAL_JOB_PHASES, type Api, type JobPhase, type JobSummary, type TimelineEvent } from '../../../core/contract.ts';
import { useApiEvent } from './events.ts';

export const FINAL_PHASES: ReadonlySet<JobPhase> = new Set(FINAL_JOB_PHASES);

/**
 * Whether `incoming` is older news than `held`: a reply to confirm/rollback (the job as it was when asked) can arrive
 * after the pushes that followed it (rolling back, rolled back), and must not take the job back.
 */
export function isOlder(incoming: JobSummary, held: JobSummary): boolean {
  const a = Date.parse(incoming.updatedAt);
  const b = Date.parse(held.updatedAt);
  if (a !== b) return a < b;
  return FINAL_PHASES.has(held.phase) && !FINAL_PHASES.has(incoming.phase);
}

/** Not yet final: the job still acts on its own (including the settle period and the confirm window). */
export function isInFlight(job: JobSummary | undefined): boolean {
  return job !== undefined && !FINAL_PHASES.has(job.phase);
}

/** Final, but a tunnel is down or the outcome is unknown, and a rollback is on offer: keep it in front of the user. */
export function needsAttention(job: JobSummary | undefined): boolean {
  return job !== undefined && (job.phase === 'degraded' || job.phase === 'unknown') && job.rollbackable;
}

/** Jobs that count down where the user can see it from anywhere: the confirm window and the settle period. */
export function watchedJobs(jobs: ReadonlyMap<string, JobSummary>): JobSummary[] {
  // A rollback (automatic at a confirm deadline, or asked for) stays in view until its result is in.
  return [...jobs.values()].filter((j) => j.phase === 'confirm-window' || j.phase === 'settling' || j.phase === 'rolling-back').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function mergeEvents(current: TimelineEvent[], incoming: readonly TimelineEvent[]): TimelineEvent[] {
  const bySeq = new Map(current.map((e) => [e.seq, e]));
  let changed = false;
  for (const e of incoming) {
    if (!bySeq.has(e.seq)) {
      bySeq.set(e.seq, e);
      changed = true;
    }
  }
  return changed ? [...bySeq.values()].sort((a, b) => a.seq - b.seq) : current;
}

export function useJobs(api: Api) {
  const [jobs, setJobs] = useState<Map<string, JobSummary>>(new Map());
  const [events, setEvents] = useState<TimelineEvent[]>([]);

  useEffect(() => {
    api.listJobs().then(
      (list) => setJobs(new Map(list.map((j) => [j.jobId, j]))),
      () => undefined,
    );
  }, [api]);

  const upsertJob = useCallback(
    (job: JobSummary) =>
      setJobs((m) => {
        const held = m.get(job.jobId);
        return held && isOlder(job, held) ? m : new Map(m).set(job.jobId, job);
      }),
    [],
  );
  useApiEvent(api, 'jobUpdated', upsertJob);
  useApiEvent(api, 'timelineEvent', (e) => setEvents((list) => mergeEvents(list, [e])));

  const fetchTimeline = useCallback(
    async (VpnConnectionId: string) => {
      try {
        const list = await api.getTimeline({ VpnConnectionId });
        setEvents((current) => mergeEvents(current, list));
      } catch {
        // The pushed events still arrive.
      }
    },
    [api],
  );

  return { jobs, events, upsertJob, fetchTimeline };
}

/** The latest job of a connection (by creation time). */
export function latestJobFor(jobs: ReadonlyMap<string, JobSummary>, VpnConnectionId: string): JobSummary | undefined {
  let latest: JobSummary | undefined;
  for (const job of jobs.values()) {
    if (job.VpnConnectionId === VpnConnectionId && (!latest || job.createdAt >= latest.createdAt)) latest = job;
  }
  return latest;
}
