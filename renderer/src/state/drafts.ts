import { useCallback, useEffect, useState } from 'react';
import type { Api, DraftSummary, JobSummary } from '../../../core/contract.ts';
import { useApiEvent } from './events.ts';

export function useDrafts(api: Api, profileId: string) {
  const [drafts, setDrafts] = useState<DraftSummary[]>([]);
  const reload = useCallback(async () => {
    try {
      setDrafts(await api.listDrafts());
    } catch {
      // Listed again on the next draftsChanged event.
    }
  }, [api]);
  useEffect(() => {
    let live = true;
    api.listDrafts().then(
      (list) => live && setDrafts(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, profileId]);
  useApiEvent(api, 'draftsChanged', ({ drafts: next }) => setDrafts(next));
  return { drafts: drafts.filter((d) => d.profileId === profileId), all: drafts, reload };
}

export type LastOutcome = 'degraded' | 'unknown';

/** Each draft's last apply, where it needs the user's eye: it left a tunnel down, or its outcome is unknown. */
export function lastOutcomes(jobs: ReadonlyMap<string, JobSummary>): Map<string, LastOutcome> {
  const latest = new Map<string, JobSummary>();
  for (const job of jobs.values()) {
    const seen = latest.get(job.draftId);
    if (!seen || job.createdAt >= seen.createdAt) latest.set(job.draftId, job);
  }
  const out = new Map<string, LastOutcome>();
  for (const [draftId, job] of latest) if (job.phase === 'degraded' || job.phase === 'unknown') out.set(draftId, job.phase);
  return out;
}

/**
 * The drafts the Drafts view lists and its tab counts: applied drafts are history (the timeline keeps it) and leave,
 * except one whose apply left a tunnel down or an unknown outcome: that one stays until the user has dealt with it.
 */
export function openDrafts(drafts: readonly DraftSummary[], outcomes: ReadonlyMap<string, LastOutcome>): DraftSummary[] {
  return drafts.filter((d) => d.status !== 'applied' || outcomes.has(d.draftId));
}
