// What an apply does to its draft, in intent words. Marking a landed change's draft applied rewrites the drafts
// file (every draft in it); changes on many gateways land in the same instant, and each write there delays every
// other gateway's next change, so those writes wait a moment and go out as one while the gateways are busy
// updating. The job record (written at once) is the truth: a start after a crash in between finishes the draft
// from it (`settleAfterRestart`).
import type { VpnConnection } from '../../../core/index.ts';
import type { DraftRecord } from '../../../core/contract.ts';
import { AppError } from '../../../core/errors.ts';
import type { DraftsService } from '../drafts.ts';
import type { JobRecord } from './journal.ts';
import { FINAL } from './phases.ts';

export interface DraftSettling {
  markApplying(draftId: string): void;
  /** The change landed and reads back as `after`: the draft becomes it. `soon` lets the write join others. */
  markApplied(draftId: string, after: VpnConnection | undefined, options?: { soon?: boolean }): void;
  /** The change landed but its job goes on (confirm window, settle period): the draft shows it, still applying. */
  holdLanded(draftId: string, after: VpnConnection): void;
  /** The change did not land (or was rolled back): the draft is the user's again, optionally on a new base. */
  backToEditing(draftId: string, base?: VpnConnection): void;
  /** Writes whatever is waiting. */
  flush(): void;
  /** Drafts still marked applying whose job has ended (the process stopped between the two writes). */
  settleAfterRestart(jobs: readonly JobRecord[]): void;
}

export function createDraftSettling(deps: {
  drafts: DraftsService;
  now(): string;
  settleMs?: number;
  /** Changes are still being sent: a waiting write holds off (up to `maxWaitMs`), since each one delays them. */
  busy?: () => boolean;
  maxWaitMs?: number;
  onInternalError?(error: unknown): void;
}): DraftSettling {
  const write = (draftId: string, status: DraftRecord['status'], patch: Partial<DraftRecord>) => {
    try {
      deps.drafts.setStatus(draftId, status, patch);
    } catch (error) {
      // A draft discarded after its job finished is fine: the job's own record is what counts. A file that cannot
      // be written is reported; the draft stays as the disk has it, and the next start finishes it from the job
      // journal.
      if (!(error instanceof AppError && error.code === 'Draft.NotFound')) deps.onInternalError?.(error);
    }
  };
  const pending = new Map<string, { status: DraftRecord['status']; patch: Partial<DraftRecord> }>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waitingSince: number | undefined;
  const settleMs = deps.settleMs ?? 200;
  const schedule = () => {
    timer = setTimeout(() => {
      timer = undefined;
      if (deps.busy?.() && Date.now() - (waitingSince ?? 0) < (deps.maxWaitMs ?? 5000)) schedule();
      else flush();
    }, settleMs);
    timer.unref?.();
  };
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    waitingSince = undefined;
    if (pending.size === 0) return;
    const batch = [...pending];
    pending.clear();
    try {
      deps.drafts.batch(() => {
        for (const [draftId, { status, patch }] of batch) write(draftId, status, patch);
      });
    } catch (error) {
      // The batch's one write failed (disk full, permissions): reported, never thrown at a timer.
      deps.onInternalError?.(error);
    }
  };
  const now = (draftId: string, status: DraftRecord['status'], patch: Partial<DraftRecord> = {}) => {
    // Anything still waiting was decided earlier: it goes first.
    flush();
    write(draftId, status, patch);
  };
  const landed = (after: VpnConnection): Partial<DraftRecord> => ({ base: after, baseFetchedAt: deps.now(), draft: after, conflicts: [] });

  return {
    markApplying: (draftId) => now(draftId, 'applying'),
    markApplied(draftId, after, options = {}) {
      const patch = after ? landed(after) : {};
      if (!options.soon) return now(draftId, 'applied', patch);
      pending.set(draftId, { status: 'applied', patch });
      waitingSince ??= Date.now();
      if (timer === undefined) schedule();
    },
    holdLanded: (draftId, after) => now(draftId, 'applying', landed(after)),
    backToEditing: (draftId, base) => now(draftId, 'editing', base ? { base, baseFetchedAt: deps.now() } : {}),
    flush,
    settleAfterRestart(jobs) {
      const latest = new Map<string, JobRecord>();
      for (const job of jobs) latest.set(job.draftId, job);
      for (const draft of deps.drafts.list()) {
        if (draft.status !== 'applying') continue;
        const job = latest.get(draft.draftId);
        if (job && !FINAL.has(job.phase)) continue;
        // A change that landed (kept, or kept with a tunnel down) is applied; anything else is the user's again.
        // Without a read-back on record the draft keeps what it holds; only its status follows the job.
        if (job?.phase === 'succeeded' || job?.phase === 'degraded') write(draft.draftId, 'applied', job.after ? { ...landed(job.after), baseFetchedAt: job.updatedAt } : {});
        else write(draft.draftId, 'editing', {});
      }
    },
  };
}
