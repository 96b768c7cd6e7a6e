// Keeping the inventory and the drafts current while the network comes and goes, and after an apply ends.
import { useEffect, useRef } from 'react';
import type { Api, DraftSummary, JobSummary } from '../../../core/contract.ts';
import { isInFlight } from './jobs.ts';
import type { OpenDraftRef } from './workspace.ts';

const OFFLINE_RETRY_MS = 4000;

export interface ResyncInput {
  online: boolean;
  /** Loads the inventory (refresh: from the API, not main's cache). */
  load(refresh: boolean): Promise<void>;
  openDraft: OpenDraftRef;
  /** The profile's drafts. */
  drafts: readonly DraftSummary[];
  /** The latest apply of the open connection. */
  job: JobSummary | undefined;
}

export function useResync(api: Api, { online, load, openDraft, drafts, job }: ResyncInput): void {
  // Offline: main only notices reachability when it calls the API, so retry the inventory every few seconds.
  // Back online: refresh the inventory and reconcile every open draft with the new live state (conflicts appear).
  const wasOnline = useRef(online);
  const draftsRef = useRef(drafts);
  useEffect(() => {
    draftsRef.current = drafts;
  });
  useEffect(() => {
    if (online) return;
    const timer = setInterval(() => void load(true), OFFLINE_RETRY_MS);
    return () => clearInterval(timer);
  }, [online, load]);
  useEffect(() => {
    const back = online && !wasOnline.current;
    wasOnline.current = online;
    if (!back) return;
    void (async () => {
      const draft = openDraft.current;
      if (draft?.dirty) await draft.save();
      await load(true);
      for (const d of draftsRef.current.filter((x) => x.status === 'editing' || x.status === 'conflict')) {
        await api.reconcileDraft({ draftId: d.draftId }).catch(() => undefined);
      }
    })();
  }, [online, load, api, openDraft]);

  // A finished apply changes the live state: fetch it again.
  const lastPhase = useRef<string | undefined>(undefined);
  useEffect(() => {
    const phase = job?.phase;
    if (phase && phase !== lastPhase.current && !isInFlight(job) && lastPhase.current !== undefined) void load(false);
    lastPhase.current = phase;
  }, [job, load]);
}
