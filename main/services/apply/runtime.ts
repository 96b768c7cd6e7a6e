// What every part of the apply engine shares: its dependencies, the job journal, the gateway queue, the draft
// bookkeeping, and the small acts every part performs on a job (record a timeline step, end it failed or unknown,
// read with the retry policy, pause between reads). One per engine; engine.ts wires the parts around it.
import { tunnelHealths, type TunnelLoss, type VpnConnection } from '../../../core/index.ts';
import type { TimelineEvent } from '../../../core/contract.ts';
import { AppError, type AppErrorShape } from '../../../core/errors.ts';
import { ApiError } from '../api-error.ts';
import type { DraftsService } from '../drafts.ts';
import type { EventSink } from '../events.ts';
import type { InventoryService } from '../inventory.ts';
import type { Sealer } from '../sealing.ts';
import type { KeyValueStore } from '../store.ts';
import type { TimelineService } from '../timeline.ts';
import type { VpcReads } from '../vpc-reads.ts';
import type { VpcAction, VpcClient } from '../vpc-client.ts';
import { createDraftSettling } from './draft-settling.ts';
import { createGatewayFacts, readConnection, type RetriedRead } from './gateway-facts.ts';
import { createJobJournal, type JobRecord } from './journal.ts';
import { apiErrorShape } from './landing.ts';
import { canMove } from './phases.ts';
import { createUpdateDurations, DEFAULT_POLL, type PollPolicy } from './poller.ts';
import { createGatewayQueue } from './queue.ts';
import { Aborted, DEFAULT_RETRY, realSleep, withRetry, type RetryPolicy, type Sleep } from './retry.ts';

export interface ApplyEngineDeps {
  store: KeyValueStore;
  sealer(): Sealer;
  drafts: DraftsService;
  inventory: InventoryService;
  timeline: TimelineService;
  clientFor(profileId: string): Promise<VpcClient>;
  readsFor(profileId: string): Promise<VpcReads>;
  emit: EventSink;
  now(): string;
  nowMs?: () => number;
  sleep?: Sleep;
  retry?: RetryPolicy;
  poll?: PollPolicy;
  /** Interval of negotiation checks during the settle period and the confirm window. */
  confirmPollMs?: number;
  maxParallelGateways?: number;
  /** How long a landed change's draft may wait to be marked applied together with others (ms). */
  draftSettleMs?: number;
  /** Where unexpected failures are reported (the app's log); their text never reaches a job record. */
  onInternalError?(error: unknown): void;
  defaultConfirmWindowSeconds?: () => number;
  /** How long every tunnel is watched after an apply without a confirm window (ms). */
  settleMs?: () => number;
}

/** Each tunnel's state before the change (what "nothing lost" is measured against), read from the pre-change
 * snapshot written ahead of the send. */
export const tunnelsBeforeOf = (job: JobRecord) => (job.before ? tunnelHealths(job.before) : []);
export const positions = (losses: readonly TunnelLoss[]) => losses.map((l) => (l.what === 'bgp' ? `${l.position}-bgp` : l.position)).join(',');
export const statesOf = (c: VpnConnection) => tunnelHealths(c).map((t) => `${t.position}:${t.Status || 'unknown'}`).join(',');


export function createJobRuntime(deps: ApplyEngineDeps) {
  const sleep = deps.sleep ?? realSleep;
  const nowMs = deps.nowMs ?? Date.now;
  const retryPolicy = deps.retry ?? DEFAULT_RETRY;
  const pollPolicy = deps.poll ?? DEFAULT_POLL;
  // Waiting jobs cost a timer and a poll per update, so many gateways can be in flight at once.
  const queue = createGatewayQueue(deps.maxParallelGateways ?? 16);
  const durations = createUpdateDurations();
  const journal = createJobJournal(deps);
  const drafts = createDraftSettling({
    drafts: deps.drafts,
    now: deps.now,
    busy: () => queue.running > 0,
    ...(deps.draftSettleMs !== undefined && { settleMs: deps.draftSettleMs }),
    ...(deps.onInternalError && { onInternalError: deps.onInternalError }),
  });
  const gateways = createGatewayFacts(deps.inventory);
  const lifetime = new AbortController();
  const wakers = new Map<string, () => void>();
  /** Jobs being run, by id: confirm and rollback requests change the very object the running loop holds. */
  const running = new Map<string, JobRecord>();
  const current = (jobId: string): JobRecord => {
    const job = running.get(jobId) ?? journal.read(jobId);
    if (!job) throw new AppError('Job.NotFound', `No job with id ${jobId}.`, 'jobId');
    return job;
  };
  const { save, progress } = journal;
  const record = (job: JobRecord, kind: TimelineEvent['kind'], detail: TimelineEvent['detail'] = {}) =>
    deps.timeline.append(kind, job.VpnConnectionId, detail, job.jobId);

  const fail = (job: JobRecord, error: AppErrorShape, fieldErrors: AppErrorShape[] = []) => {
    save(job, { phase: 'failed', error, fieldErrors });
    record(job, 'failed', { code: error.code, message: error.message, ...(error.field !== undefined && { field: error.field }) });
    if (job.rollback === undefined) drafts.backToEditing(job.draftId);
  };
  /** The change was sent, but whether it landed, or how the tunnels fare, cannot be told: rollback stays offered. */
  const endUnknown = (job: JobRecord, error: AppErrorShape, live?: VpnConnection) => {
    save(job, { phase: 'unknown', error, ...(live && { after: live }) });
    record(job, 'unknown', { code: error.code, message: error.message, ...(live && { negotiation: statesOf(live) }) });
    drafts.backToEditing(job.draftId, live);
  };
  /** Ends a job on an error its current phase allows: failed before the send, unknown after it. */
  const endWithError = (job: JobRecord, error: AppErrorShape) => {
    if (canMove(job.phase, 'failed')) fail(job, error);
    else if (canMove(job.phase, 'unknown')) endUnknown(job, error);
    else deps.onInternalError?.(new Error(`job ${job.jobId} in ${job.phase} stopped: ${error.code}`));
  };

  // Reads during an apply are retried like the send, and each retry is on the job's timeline: it is why an apply
  // took longer than its gateway's update.
  const retriedFor =
    (job: JobRecord): RetriedRead =>
    (action: VpcAction, task) =>
      withRetry(
        retryPolicy,
        {
          sleep,
          signal: lifetime.signal,
          onRetry: (error, attempt, delayMs) => record(job, 'retry', { code: error.code, attempt, delayMs, httpStatus: error.httpStatus, RequestId: error.requestId, for: 'read', action }),
        },
        task,
      );
  const readOwn = (job: JobRecord, reads: VpcReads) => readConnection(job, reads, retriedFor(job));

  /** Waits between reads; a confirm or rollback request, or the engine stopping, cuts it short. */
  async function pause(jobId: string, ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        lifetime.signal.removeEventListener('abort', done);
        wakers.delete(jobId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.set(jobId, done);
      lifetime.signal.addEventListener('abort', done, { once: true });
    });
    if (lifetime.signal.aborted) throw new Aborted();
  }

  /** An unexpected stop: the job ends on an error its phase allows. */
  function stopped(job: JobRecord, error: unknown): void {
    if (error instanceof Aborted || lifetime.signal.aborted) return;
    // An unexpected error's text may hold anything (paths, values): it goes to the log, not to the job record.
    if (!(error instanceof AppError) && !(error instanceof ApiError)) deps.onInternalError?.(error);
    const shape =
      error instanceof AppError
        ? error.toShape()
        : error instanceof ApiError
          ? apiErrorShape(error.shape)
          : { code: 'Apply.Internal', message: 'An unexpected error stopped this apply. Details are in the log.' };
    endWithError(job, shape);
  }

  let runner: (jobId: string) => Promise<void> = async () => undefined;
  return {
    deps,
    sleep,
    nowMs,
    retryPolicy,
    pollPolicy,
    queue,
    durations,
    journal,
    drafts,
    gateways,
    lifetime,
    wakers,
    running,
    current,
    save,
    progress,
    record,
    fail,
    endUnknown,
    endWithError,
    retriedFor,
    readOwn,
    pause,
    stopped,
    settleMs: () => deps.settleMs?.() ?? 20_000,
    /** Queues a job's next step on its gateway (one at a time per gateway). */
    enqueue: (job: JobRecord) => void queue.enqueue(job.VpnGatewayId, () => runner(job.jobId)),
    /** What the queue runs for a job (the engine's `run`). */
    setRunner(run: (jobId: string) => Promise<void>) {
      runner = run;
    },
  };
}

export type JobRuntime = ReturnType<typeof createJobRuntime>;
