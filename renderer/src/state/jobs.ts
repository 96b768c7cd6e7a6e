// Apply jobs and timeline events: fetched once, then kept current by main's jobUpdated / timelineEvent pushes.
import { useCallback, useEffect, useState } from 'react';
import type { Api, JobPhase, JobSummary, TimelineEvent } from '../../../core/contract.ts';
import { useApiEvent } from './events.ts';

export const FINAL_PHASES: ReadonlySet<JobPhase> = new Set(['succeeded', 'failed', 'conflict', 'rolled-back']);

export function isInFlight(job: JobSummary | undefined): boolean {
  return job !== undefined && !FINAL_PHASES.has(job.phase);
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

  const upsertJob = useCallback((job: JobSummary) => setJobs((m) => new Map(m).set(job.jobId, job)), []);
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
