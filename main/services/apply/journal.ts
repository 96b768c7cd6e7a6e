// The apply journal: one durable record per job (write-ahead: the request and its ClientToken reach the disk before
// the first send), read back after a restart. PSKs and certificates are sealed at rest; a secret that cannot be
// unsealed any more (session-only keys after a restart) is reported per job, never silently sent as ''.
import * as z from 'zod';
import type { ModifyVpnConnectionAttributeRequest, VpnConnection } from '../../../core/index.ts';
import type { JobPhase, JobSummary } from '../../../core/contract.ts';
import { AppError } from '../../../core/errors.ts';
import { connectionShape } from '../../../core/model/shape.ts';
import { reviveNumbers } from '../../../core/model/stored-numbers.ts';
import type { EventSink } from '../events.ts';
import type { Sealer } from '../sealing.ts';
import { RECORD_OK, recordMatches, type KeyValueStore, type StoreSpec } from '../store.ts';
import { canMove, ROLLBACKABLE, TRANSITIONS } from './phases.ts';

const sendShape = z.object({ ClientToken: z.string(), request: z.record(z.string(), z.unknown()), changedPaths: z.array(z.string()) });
/** What the engine reads from a stored job before anything else can check it (secrets sealed: strings all the same). */
const storedJobShape = z.object({
  jobId: z.string(),
  draftId: z.string(),
  profileId: z.string(),
  RegionId: z.string(),
  VpnConnectionId: z.string(),
  VpnGatewayId: z.string(),
  phase: z.enum(Object.keys(TRANSITIONS) as [JobPhase, ...JobPhase[]]),
  ClientToken: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  attempts: z.number(),
  order: z.number(),
  confirmWindowSeconds: z.number(),
  fieldErrors: z.array(z.object({ code: z.string(), message: z.string() })),
  before: connectionShape.optional(),
  target: connectionShape.optional(),
  after: connectionShape.optional(),
  send: sendShape.optional(),
  rollback: sendShape.optional(),
  lostSecrets: z.array(z.string()).optional(),
});

export const JOBS_STORE: StoreSpec = {
  name: 'jobs',
  version: 1,
  migrations: [(data) => data],
  // A damaged job record is set aside at start instead of being resumed, listed or sent from.
  check(key, value) {
    if (!key.startsWith('job:')) return RECORD_OK;
    const shaped = recordMatches(storedJobShape, value);
    if (!shaped.ok) return shaped;
    return (value as JobRecord).jobId === key.slice('job:'.length) ? RECORD_OK : { ok: false, reason: 'jobId does not match its key' };
  },
};

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
  /** Persists a change, then applies it to `job` and pushes it to the UI. A write the disk refuses throws with `job`
   * unchanged, except for a job ending failed before anything was sent (its record goes; held for the session). */
  save(job: JobRecord, patch?: Partial<JobRecord>): JobRecord;
  /** Pushes a change to the UI without writing it: progress a restart does not need (a job not yet sent is run
   * afresh from any of these phases; a job past `active` simply polls once more). Each write rewrites the record. */
  progress(job: JobRecord, patch: Partial<JobRecord>): JobRecord;
  /** Stops writing (the engine was disposed): loops still unwinding change only their in-memory job. */
  close(): void;
}

export function createJobJournal(deps: { store: KeyValueStore; sealer(): Sealer; emit: EventSink; now(): string }): JobJournal {
  const key = (jobId: string) => `job:${jobId}`;
  /** Jobs that ended failed before anything was sent while the disk refused to record it: held for this session. */
  const unsaved = new Map<string, JobRecord>();
  const read = (jobId: string): JobRecord | null => {
    const held = unsaved.get(jobId);
    if (held) return { ...held };
    const stored = deps.store.get<JobRecord>(key(jobId));
    if (!stored) return null;
    const lost: string[] = [];
    const job = reviveNumbers(deps.sealer().unsealDeep(stored, (path) => lost.push(path)));
    const all = [...new Set([...(job.lostSecrets ?? []), ...lost])];
    return all.length > 0 ? { ...job, lostSecrets: all } : job;
  };
  const all = (): JobRecord[] => {
    const stored = deps.store
      .keys()
      .filter((k) => k.startsWith('job:') && !unsaved.has(k.slice(4)))
      .map((k) => read(k.slice(4)));
    return [...stored, ...[...unsaved.values()].map((j) => ({ ...j }))].filter((j): j is JobRecord => j !== null).sort((a, b) => a.order - b.order);
  };
  // Reading every job to find the next order number made queueing n changes cost O(n²) unseals.
  let lastOrder: number | undefined;
  let closed = false;
  const next = (job: JobRecord, patch: Partial<JobRecord>): JobRecord => {
    if (patch.phase !== undefined && !canMove(job.phase, patch.phase)) {
      throw new AppError('Apply.Internal', `A job cannot go from ${job.phase} to ${patch.phase}.`);
    }
    return { ...job, ...patch, updatedAt: deps.now() };
  };
  /** The job takes the change only once it is on record: a write-ahead the disk refused did not happen. */
  const persist = (job: JobRecord, changed: JobRecord) => {
    try {
      deps.store.set(key(job.jobId), deps.sealer().sealDeep(changed));
      unsaved.delete(job.jobId);
    } catch (error) {
      if (changed.phase !== 'failed' || changed.send !== undefined) throw error;
      // It ends failed before anything was sent, and the disk will not say so: a record left `queued` would run
      // again at the next start. It goes (a full disk still deletes), and the failure is held for this session.
      try {
        deps.store.delete(key(job.jobId));
      } catch {
        // A folder turned read-only keeps the record; the next start runs it afresh, from validation.
      }
      unsaved.set(job.jobId, changed);
    }
  };
  return {
    read,
    all,
    nextOrder() {
      lastOrder = (lastOrder ?? all().reduce((max, j) => Math.max(max, j.order), 0)) + 1;
      return lastOrder;
    },
    save(job, patch = {}) {
      const changed = next(job, patch);
      if (!closed) persist(job, changed);
      Object.assign(job, changed);
      if (closed) return job;
      deps.emit('jobUpdated', summaryOf(job));
      return job;
    },
    progress(job, patch) {
      Object.assign(job, next(job, patch));
      if (closed) return job;
      deps.emit('jobUpdated', summaryOf(job));
      return job;
    },
    close() {
      closed = true;
    },
  };
}

