// Keeping the inventory current without the user asking: retried while offline (main only notices reachability when
// it calls the API), refreshed when back online, and refreshed when an apply of the open connection ends. Drafts are
// reconciled with the live state by main itself when the API comes back (main/services/draft-reconcile.ts); what is
// left here is saving the open editor's unsaved edits at once, so that main merges them rather than the save
// overwriting main's merge.
import { useEffect, useRef } from 'react';
import type { JobSummary } from '../../../core/contract.ts';
import type { EditorSession } from './editor-session.ts';
import { isInFlight } from './jobs.ts';

const OFFLINE_RETRY_MS = 4000;

export interface InventorySyncInput {
  online: boolean;
  loadInventory(force: boolean): Promise<unknown>;
  session: EditorSession;
  /** The open connection's latest apply. */
  job: JobSummary | undefined;
}

export function useInventorySync({ online, loadInventory, session, job }: InventorySyncInput): void {
  const wasOnline = useRef(online);
  const sessionRef = useRef(session);
  useEffect(() => {
    sessionRef.current = session;
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
    })();
  }, [online, loadInventory]);

  // A finished apply changes the live state: fetch it again.
  const lastPhase = useRef<string | undefined>(undefined);
  useEffect(() => {
    const phase = job?.phase;
    if (phase && phase !== lastPhase.current && !isInFlight(job) && lastPhase.current !== undefined) void loadInventory(false);
    lastPhase.current = phase;
  }, [job, loadInventory]);
}
