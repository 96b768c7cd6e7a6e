// The apply job's state machine as data: every phase, where it may go next, and where a restarted process picks a
// persisted job up. The engine refuses any transition not listed here, so a new outcome is one row, not a hunt
// through if/else chains. docs/architecture.md draws this table.
import { FINAL_JOB_PHASES, type JobPhase } from '../../../core/contract.ts';

export const TRANSITIONS: Readonly<Record<JobPhase, readonly JobPhase[]>> = {
  queued: ['validating', 'failed'],
  validating: ['checking-live', 'failed'],
  // An empty request (the live connection already holds the draft) succeeds without a send.
  'checking-live': ['submitting', 'conflict', 'succeeded', 'failed'],
  // The answer was lost after the request may have reached the service: the live connection decides.
  // After a restart whose secrets cannot be unsealed, a perhaps-sent job that cannot be checked ends unknown.
  submitting: ['waiting-gateway', 'reconciling', 'unknown', 'failed'],
  reconciling: ['waiting-gateway', 'unknown', 'failed'],
  // Once the service accepted the change, failing to see it through is `unknown`, never a plain failure: the
  // change may stand, and rollback stays offered.
  'waiting-gateway': ['verifying', 'unknown'],
  verifying: ['settling', 'confirm-window', 'unknown'],
  settling: ['succeeded', 'degraded', 'unknown', 'rolling-back'],
  // Kept by the user or at the deadline, a change is still watched to the end of the settle period.
  'confirm-window': ['settling', 'rolling-back', 'unknown'],
  // A rollback that does not complete leaves the change perhaps in effect: unknown, and rollback offered again.
  'rolling-back': ['rolled-back', 'unknown'],
  succeeded: ['rolling-back'],
  degraded: ['rolling-back'],
  unknown: ['rolling-back'],
  failed: [],
  conflict: [],
  'rolled-back': [],
};

export const FINAL: ReadonlySet<JobPhase> = new Set(FINAL_JOB_PHASES);

/** Phases whose job may still be rolled back to its pre-change snapshot on request. */
export const ROLLBACKABLE: ReadonlySet<JobPhase> = new Set(['settling', 'confirm-window', 'succeeded', 'degraded', 'unknown']);

export function canMove(from: JobPhase, to: JobPhase): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** Where a job read from the journal continues. */
export type ResumePoint =
  /** Nothing to do. */
  | 'none'
  /** Not sent: validate, check live and send afresh. */
  | 'fresh'
  /** Written ahead and perhaps sent: the live connection decides whether to send it again (same ClientToken). */
  | 'reconcile'
  | 'await-gateway'
  | 'verify'
  | 'settle'
  | 'confirm'
  | 'rollback';

export interface ResumeFacts {
  phase: JobPhase;
  /** The request was written ahead. */
  sent: boolean;
  /** The pre-change snapshot is on record. */
  hasBefore: boolean;
  rollbackRequested: boolean;
}

export function resumePoint(job: ResumeFacts): ResumePoint {
  if (job.phase === 'rolling-back') return 'rollback';
  if (job.rollbackRequested && job.hasBefore && ROLLBACKABLE.has(job.phase)) return 'rollback';
  switch (job.phase) {
    case 'queued':
    case 'validating':
    case 'checking-live':
      return 'fresh';
    case 'submitting':
    case 'reconciling':
      return job.sent ? 'reconcile' : 'fresh';
    case 'waiting-gateway':
      return 'await-gateway';
    case 'verifying':
      return 'verify';
    case 'settling':
      return 'settle';
    case 'confirm-window':
      return 'confirm';
    default:
      return 'none';
  }
}
