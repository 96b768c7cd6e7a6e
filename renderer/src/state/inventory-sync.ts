// Keeping the inventory current without the user asking: retried while offline (main only notices reachability when
// it calls the API), refreshed when back online with every open draft reconciled against the new live state
// (conflicts appear), and refreshed when an apply of the open connection ends.
import { useEffect, useRef } from 'react';
import type { Api, DraftSummary, JobSummary } from '../../../core/contract.ts';
import type { EditorSession } from './editor-session.ts';
import { isInFlight } from './jobs.ts';

const OFFLINE_RETRY_MS = 4000;

export interface InventorySyncInput {
  online: boolean;
  loadInventory(force: boolean): Promise<unknown>;
  session: EditorSession;
  drafts: readonly DraftSummary[];
  /** The open connection's latest apply. */
  job: JobSummary | undefined;
}

export function useInventorySync(api: Api, { online, loadInventory, session, drafts, job }: InventorySyncInput): void {
  const wasOnline = useRef(online);
  const sessionRef = useRef(session);
  const draftsRef = useRef(drafts);
  useEffect(() => {
    sessionRef.current = session;
    draftsRef.current = drafts;
  });
  useEffect(() => {
    if (online) return;
    const timer = setInterval(() => void loadInventory(true), OFFLINE_RETRY_MS);
    return () => clearInterval(timer);
  }, [online, loadInventory]);
  useEffect(() => {
    const back = online && !wasOnline.current;
    wasOnline.current = online;
    if (!back) return;
    void (async () => {
      if (sessionRef.current.dirty) await sessionRef.current.save();
      await loadInventory(true);
      for (const d of draftsRef.current.filter((x) => x.status === 'editing' || x.status === 'conflict')) {
        await api.reconcileDraft({ draftId: d.draftId }).catch(() => undefined);
      }
    })();
  }, [online, loadInventory, api]);

  // A finished apply changes the live state: fetch it again.
  const lastPhase = useRef<string | undefined>(undefined);
  useEffect(() => {
    const phase = job?.phase;
    if (phase && phase !== lastPhase.current && !isInFlight(job) && lastPhase.current !== undefined) void loadInventory(false);
    lastPhase.current = phase;
  }, [job, loadInventory]);
}
