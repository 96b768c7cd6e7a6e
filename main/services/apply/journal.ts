// The apply journal: one durable record per job (write-ahead: the request and its ClientToken reach the disk before
// the first send), read back after a restart. PSKs and certificates are sealed at rest; a secret that cannot be
// unsealed any more (session-only keys after a restart) is reported per job, never silently sent as ''.
import type { ModifyVpnConnectionAttributeRequest, VpnConnection } from '../../../core/index.ts';
import type { JobSummary } from '../../../core/contract.ts';
import { AppError } from '../../../core/errors.ts';
import type { EventSink } from '../events.ts';
import type { Sealer } from '../sealing.ts';
import type { KeyValueStore, StoreSpec } from '../store.ts';
import { canMove, ROLLBACKABLE } from './phases.ts';

export const JOBS_STORE: StoreSpec = { name: 'jobs', version: 1, migrations: [(data) => data] };

export interface SendState {
  ClientToken: string;
  request: ModifyVpnConnectionAttributeRequest;
  changedPaths: string[];
  RequestId?: string;
}

/** What is persisted per job (PSKs and certificates sealed by the store layer). */
export interface JobRecord extends Omit<JobSummary, 'rollbackable'> {
  order: number;
  confirmWindowSeconds: number;
  /** Write-ahead payload, set before the first send. */
  before?: VpnConnection;
  target?: VpnConnection;
  /** The connection as read back once the change landed (what its draft becomes). */
  after?: VpnConnection;
  send?: SendState;
  confirmed?: boolean;
  rollbackRequested?: boolean;
  rollback?: SendState;
  /** Sealed paths that could not be opened (the key was this session's only). Kept once written: a record saved
   * after the loss holds '' there, which must never pass for the real value. */
  lostSecrets?: string[];
}

export function summaryOf(job: JobRecord): JobSummary {
  return {
    jobId: job.jobId,
    draftId: job.draftId,
    profileId: job.profileId,
    RegionId: job.RegionId,
    VpnConnectionId: job.VpnConnectionId,
    VpnGatewayId: job.VpnGatewayId,
    phase: job.phase,
    ClientToken: job.ClientToken,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    attempts: job.attempts,
    ...(job.confirmDeadline !== undefined && { confirmDeadline: job.confirmDeadline }),
    ...(job.settleDeadline !== undefined && { settleDeadline: job.settleDeadline }),
    ...(job.tunnels !== undefined && { tunnels: job.tunnels }),
    ...(job.keptBy !== undefined && { keptBy: job.keptBy }),
    ...(job.error !== undefined && { error: job.error }),
    fieldErrors: job.fieldErrors,
    rollbackable: canRollBack(job),
  };
}

/** Whether the pre-change snapshot can be re-applied now: on record, whole, and the job in a phase that allows it. */
export function canRollBack(job: JobRecord): boolean {
  return ROLLBACKABLE.has(job.phase) && job.before !== undefined && !job.rollbackRequested && !lostUnder(job, 'before.');
}

export function lostUnder(job: JobRecord, prefix: string): boolean {
  return (job.lostSecrets ?? []).some((p) => p.startsWith(prefix));
}

export interface JobJournal {
  read(jobId: string): JobRecord | null;
  /** Every job, oldest first. */
  all(): JobRecord[];
  nextOrder(): number;
  /** Persists a change and pushes it to the UI. */
  save(job: JobRecord, patch?: Partial<JobRecord>): JobRecord;
  /** Pushes a change to the UI without writing it: progress a restart does not need (a job not yet sent is run
   * afresh from any of these phases; a job past `active` simply polls once more). Each write rewrites the record. */
  progress(job: JobRecord, patch: Partial<JobRecord>): JobRecord;
  /** Stops writing (the engine was disposed): loops still unwinding change only their in-memory job. */
  close(): void;
}

export function createJobJournal(deps: { store: KeyValueStore; sealer(): Sealer; emit: EventSink; now(): string }): JobJournal {
  const key = (jobId: string) => `job:${jobId}`;
  const read = (jobId: string): JobRecord | null => {
    const stored = deps.store.get<JobRecord>(key(jobId));
    if (!stored) return null;
    const lost: string[] = [];
    const job = deps.sealer().unsealDeep(stored, (path) => lost.push(path));
    const all = [...new Set([...(job.lostSecrets ?? []), ...lost])];
    return all.length > 0 ? { ...job, lostSecrets: all } : job;
  };
  const all = (): JobRecord[] =>
    deps.store
      .keys()
      .filter((k) => k.startsWith('job:'))
      .map((k) => read(k.slice(4)))
      .filter((j): j is JobRecord => j !== null)
      .sort((a, b) => a.order - b.order);
  // Reading every job to find the next order number made queueing n changes cost O(n²) unseals.
  let lastOrder: number | undefined;
  let closed = false;
  const apply = (job: JobRecord, patch: Partial<JobRecord>) => {
    if (patch.phase !== undefined && !canMove(job.phase, patch.phase)) {
      throw new AppError('Apply.Internal', `A job cannot go from ${job.phase} to ${patch.phase}.`);
    }
    Object.assign(job, patch, { updatedAt: deps.now() });
  };
  return {
    read,
    all,
    nextOrder() {
      lastOrder = (lastOrder ?? all().reduce((max, j) => Math.max(max, j.order), 0)) + 1;
      return lastOrder;
    },
    save(job, patch = {}) {
      apply(job, patch);
      if (closed) return job;
      deps.store.set(key(job.jobId), deps.sealer().sealDeep(job));
      deps.emit('jobUpdated', summaryOf(job));
      return job;
    },
    progress(job, patch) {
      apply(job, patch);
      if (closed) return job;
      deps.emit('jobUpdated', summaryOf(job));
      return job;
    },
    close() {
      closed = true;
    },
  };
}

