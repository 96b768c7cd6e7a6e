// The apply engine (design.md "Apply engine"): validate → re-read live and stop on conflict → write the job ahead
// with its ClientToken → send the minimal request, retried with the same token (an answer lost after the request
// may have landed is settled by reading the connection) → poll the gateway until active → read back and compare →
// watch every tunnel (the settle period, or the confirm window with automatic rollback) and end `succeeded` only
// when no tunnel that was up before is down. The phases and their moves are the table in phases.ts; a restarted
// process continues each persisted job at its `resumePoint`. One job at a time per gateway, gateways in parallel.
import crypto from 'node:crypto';
import {
  buildModifyRequest,
  changedFields,
  draftReadiness,
  fieldDef,
  gatewayContextOf,
  getField,
  sameFieldValue,
  type DraftReadiness,
  formatIssue,
  isEmptyRequest,
  maskSecrets,
  mergeThreeWay,
  toWire,
  tunnelHealths,
  validate,
  type ModifyVpnConnectionAttributeRequest,
  type RuleIssue,
  type TunnelLoss,
  type VpnConnection,
} from '../../../core/index.ts';
import { applyModifyRequest } from '../../../core/request/apply-request.ts';
import type { DraftRecord, JobSummary, TimelineEvent } from '../../../core/contract.ts';
import { AppError, type AppErrorShape } from '../../../core/errors.ts';
import { ApiError, fieldForApiError, normalizeApiError, type ApiErrorShape } from '../api-error.ts';
import type { DraftsService } from '../drafts.ts';
import type { EventSink } from '../events.ts';
import type { InventoryService } from '../inventory.ts';
import type { Sealer } from '../sealing.ts';
import type { KeyValueStore } from '../store.ts';
import type { TimelineService } from '../timeline.ts';
import type { VpcReads } from '../vpc-reads.ts';
import type { VpcAction, VpcClient } from '../vpc-client.ts';
import { decideConfirm, decideSettle, observeTunnels } from './confirm.ts';
import { createDraftSettling } from './draft-settling.ts';
import { createGatewayFacts, readConnection, type RetriedRead } from './gateway-facts.ts';
import { canRollBack, createJobJournal, lostUnder, summaryOf, type JobRecord, type SendState } from './journal.ts';
import { canMove, FINAL, resumePoint } from './phases.ts';
import { createUpdateDurations, DEFAULT_POLL, waitForActive, type PollPolicy } from './poller.ts';
import { createGatewayQueue } from './queue.ts';
import { Aborted, DEFAULT_RETRY, realSleep, withRetry, type RetryPolicy, type Sleep } from './retry.ts';

export { JOBS_STORE, type JobRecord } from './journal.ts';

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

export interface ApplyEngine {
  apply(draftId: string, confirmWindowSeconds?: number): Promise<JobSummary>;
  /** Queues several drafts at once, or none: every draft is checked before any job is written. */
  applyMany(draftIds: string[], confirmWindowSeconds?: number): Promise<JobSummary[]>;
  confirm(jobId: string): Promise<JobSummary>;
  rollback(jobId: string): Promise<JobSummary>;
  list(): JobSummary[];
  get(jobId: string): JobSummary;
  /** Picks up jobs a previous process left unfinished. */
  resume(): Promise<void>;
  /** Resolves when no job is queued or running. */
  idle(): Promise<void>;
  /** Stops every loop without changing persisted state (what a crash would leave, minus the crash); drafts of
   * changes that landed are written. */
  dispose(): Promise<void>;
}

// Rule parameters can quote the value that broke the rule; for a PSK that is part of the secret, which job records,
// the timeline and IPC results must never hold. The renderer words the message itself from code and field.
function issuesToErrors(issues: RuleIssue[]): AppErrorShape[] {
  return issues.map((i) => ({
    code: i.code,
    message: /(^|\.)Psk$/.test(i.path) ? formatIssue({ ...i, params: {} }, 'en') : formatIssue(i, 'en'),
    field: i.path,
  }));
}

/** Fields of the request that read back differently from what was asked. */
export function readBackMismatches(before: VpnConnection, request: ModifyVpnConnectionAttributeRequest, changedPaths: string[], actual: VpnConnection): string[] {
  const expected = applyModifyRequest(before, request);
  if (expected.mode !== actual.mode) return ['mode'];
  const differing = new Set(changedFields(expected, actual).map((d) => d.path));
  return changedPaths.filter((p) => differing.has(p));
}

/** Whether a request the service may or may not have processed shows in the live connection: all of it, none of
 * it (every changed field still as before), or some (undecidable). */
export function landedState(before: VpnConnection, send: Pick<SendState, 'request' | 'changedPaths'>, live: VpnConnection): 'applied' | 'not-applied' | 'partial' {
  if (readBackMismatches(before, send.request, send.changedPaths, live).length === 0) return 'applied';
  if (before.mode !== live.mode) return 'partial';
  const moved = new Set(changedFields(before, live).map((d) => d.path));
  return send.changedPaths.some((p) => moved.has(p)) ? 'partial' : 'not-applied';
}

/** `landedState` for a job whose secrets could not be unsealed in this process: only the fields that are not secret
 * can be compared. A Modify lands whole or not at all, so those decide; with none of them, nothing can be told. */
export function landedWithoutSecrets(before: VpnConnection, target: VpnConnection, changedPaths: readonly string[], live: VpnConnection): 'applied' | 'not-applied' | 'partial' | 'undecidable' {
  const plain = changedPaths.filter((p) => fieldDef(p)?.secret !== true);
  if (plain.length === 0 || before.mode !== live.mode) return 'undecidable';
  const same = (a: VpnConnection, b: VpnConnection, p: string) => sameFieldValue(fieldDef(p)?.kind ?? 'text', getField(a, p), getField(b, p));
  if (plain.every((p) => same(before, live, p))) return 'not-applied';
  return plain.every((p) => same(target, live, p)) ? 'applied' : 'partial';
}

/** Whether an error could have come after the service received the request (so it may have applied it): anything
 * but a refusal the service answered and a connection that never opened. */
export function mayHaveLanded(error: ApiErrorShape): boolean {
  if (['Network.ConnectionRefused', 'Network.HostNotFound', 'Network.Unreachable'].includes(error.code)) return false;
  if (error.httpStatus >= 400 && error.httpStatus < 500) return false;
  return true;
}

const apiErrorShape = (e: ApiErrorShape): AppErrorShape & Record<string, unknown> => ({
  code: e.code,
  message: e.message,
  requestId: e.requestId,
  httpStatus: e.httpStatus,
  retryable: e.retryable,
  ...(e.field !== undefined && { field: e.field }),
});

/** Each tunnel's state before the change; jobs written before it was recorded take it from their snapshot. */
const tunnelsBeforeOf = (job: JobRecord) => job.tunnelsBefore ?? (job.before ? tunnelHealths(job.before) : []);
const positions = (losses: readonly TunnelLoss[]) => losses.map((l) => (l.what === 'bgp' ? `${l.position}-bgp` : l.position)).join(',');
const statesOf = (c: VpnConnection) => tunnelHealths(c).map((t) => `${t.position}:${t.Status || 'unknown'}`).join(',');

export function createApplyEngine(deps: ApplyEngineDeps): ApplyEngine {
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

  type Submitted = 'accepted' | { refused: AppErrorShape; fieldErrors: AppErrorShape[] } | { lost: ApiErrorShape };
  /** Sends (or re-sends, with the same ClientToken) a persisted request until the service accepts it. */
  async function submit(job: JobRecord, client: VpcClient, send: SendState, label: 'apply' | 'rollback'): Promise<Submitted> {
    const wire = toWire(send.request);
    try {
      const body = await withRetry(
        retryPolicy,
        {
          sleep,
          signal: lifetime.signal,
          onAttempt: (attempt) => {
            if (label === 'apply') progress(job, { attempts: Math.max(job.attempts, attempt) });
          },
          onRetry: (error, attempt, delayMs) =>
            record(job, 'retry', { code: error.code, attempt, delayMs, httpStatus: error.httpStatus, RequestId: error.requestId, ClientToken: send.ClientToken, for: label }),
        },
        () => client.call({ action: 'ModifyVpnConnectionAttribute', RegionId: job.RegionId, query: wire.query, body: wire.body }),
      );
      send.RequestId = typeof body.RequestId === 'string' ? body.RequestId : '';
      // Sent and accepted: an apply now waits for the gateway (one write for both facts).
      save(job, label === 'apply' ? { phase: 'waiting-gateway' } : {});
      record(job, 'submitted', { RequestId: send.RequestId, ClientToken: send.ClientToken, attempts: label === 'apply' ? job.attempts : 0, for: label, request: JSON.stringify(maskSecrets(send.request)) });
      return 'accepted';
    } catch (error) {
      if (error instanceof Aborted) throw error;
      const shape = normalizeApiError(error);
      if (mayHaveLanded(shape)) return { lost: shape };
      const field = fieldForApiError(shape.code, send.changedPaths);
      const withField = field ? { ...shape, field } : shape;
      return { refused: apiErrorShape(withField), fieldErrors: field ? [{ code: shape.code, message: shape.message, field }] : [] };
    }
  }

  /** The answer to a Modify was lost: the live connection says whether it landed. */
  async function reconcile(job: JobRecord, reads: VpcReads, lost: ApiErrorShape): Promise<boolean> {
    const send = job.send!;
    save(job, { phase: 'reconciling' });
    let live: VpnConnection;
    try {
      live = await readOwn(job, reads);
    } catch (error) {
      if (error instanceof Aborted) throw error;
      endUnknown(job, { code: 'Apply.Unknown', message: `The answer to the change was lost (${lost.code}) and the connection could not be read to tell whether it landed.` });
      return false;
    }
    const state = landedState(job.before!, send, live);
    record(job, 'reconciled', { code: lost.code, landed: state });
    if (state === 'applied') {
      send.RequestId = '';
      save(job, { phase: 'waiting-gateway' });
      return true;
    }
    if (state === 'not-applied') {
      fail(job, apiErrorShape(lost));
      return false;
    }
    endUnknown(job, { code: 'Apply.Unknown', message: `The answer to the change was lost (${lost.code}) and the connection holds part of it.` }, live);
    return false;
  }

  async function awaitGateway(job: JobRecord, reads: VpcReads): Promise<ApiErrorShape | AppErrorShape | null> {
    const expectedMs = durations.expectedMs(job.VpnGatewayId);
    const outcome = await waitForActive(pollPolicy, {
      readStatus: async () => (await reads.gateway(job.RegionId, job.VpnGatewayId)).Status,
      sleep,
      nowMs,
      ...(expectedMs !== undefined && { expectedMs }),
      signal: lifetime.signal,
      onStatus: (status, elapsedMs) => record(job, 'gateway-status', { status, elapsedMs }),
    });
    if (outcome.ok) {
      durations.observe(job.VpnGatewayId, outcome.elapsedMs);
      return null;
    }
    return outcome.error ? apiErrorShape(outcome.error) : { code: 'Apply.GatewayTimeout', message: `The VPN gateway did not become active (last status: ${outcome.lastStatus || 'unknown'}).` };
  }

  /** Reads the tunnels until `decide` stops waiting; each change of state is on the timeline. */
  /** Reads the tunnels until `decide` stops waiting; each change of state is on the timeline. `seen`: the state was
   * just read in this process (the read-back), so the first read waits one interval. */
  async function watchTunnels<D extends string>(job: JobRecord, reads: VpcReads, deadlineMs: number, seen: boolean, decide: (losses: number | null) => D | 'wait'): Promise<D> {
    let lastStates = job.tunnels ? job.tunnels.now.map((t) => `${t.position}:${t.Status}`).join(',') : '';
    // Null until a read succeeds in this run: a state persisted before a restart may be stale.
    let observed: number | null = seen && job.tunnels ? job.tunnels.losses.length : null;
    let lastChance = false;
    for (let first = true; ; first = false) {
      if (!(first && seen)) {
        try {
          // Past the deadline with nothing seen yet, the read is retried like any other before the job is called
          // unknown: a flaky API for a few seconds should not cost the verdict.
          const late = observed === null && nowMs() >= deadlineMs;
          if (late) lastChance = true;
          const c = late ? await readOwn(job, reads) : await reads.connection(job.RegionId, job.VpnConnectionId);
          const tunnels = observeTunnels(tunnelsBeforeOf(job), tunnelHealths(c), job.tunnels, deps.now());
          const states = statesOf(c);
          const lossesChanged = positions(tunnels.losses) !== positions(job.tunnels?.losses ?? []);
          if (states !== lastStates) {
            record(job, 'negotiation', { status: states, lost: positions(tunnels.losses) });
            lastStates = states;
          }
          // A new loss (or its end) is written, so a restart and the UI agree on it; a plain re-read is only shown.
          if (lossesChanged) save(job, { tunnels });
          else progress(job, { tunnels });
          observed = tunnels.losses.length;
        } catch (error) {
          if (error instanceof Aborted) throw error;
        }
      }
      // Nothing seen by the deadline: one more, retried read before the verdict.
      const decision = observed === null && !lastChance && nowMs() >= deadlineMs ? 'wait' : decide(observed);
      if (decision !== 'wait') return decision;
      await pause(job.jobId, Math.max(10, Math.min(deps.confirmPollMs ?? 1000, deadlineMs - nowMs())));
    }
  }

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

  const lossText = (job: JobRecord) => {
    const t = job.tunnels!;
    return `Applied, but ${t.losses.map((l) => (l.what === 'bgp' ? `the ${l.position} tunnel's BGP session` : l.position === 'connection' ? 'the tunnel' : `the ${l.position} tunnel`)).join(' and ')} went down (since ${t.downSince ?? t.checkedAt}).`;
  };

  /** A rollback that did not complete: the change may still be in effect, so the job says so and a new rollback (a
   * new request, a new ClientToken) can be asked for; the draft is the user's again. */
  const rollbackFailed = (job: JobRecord, error: AppErrorShape, live?: VpnConnection) => {
    delete job.rollback;
    job.rollbackRequested = false;
    save(job, { phase: 'unknown', error: { code: error.code, message: `The rollback did not complete: ${error.message}`, ...(error.field !== undefined && { field: error.field }) }, ...(live && { after: live }) });
    record(job, 'unknown', { code: error.code, for: 'rollback' });
    drafts.backToEditing(job.draftId, live);
  };

  const endDegraded = (job: JobRecord, keptBy?: 'user') => {
    save(job, { phase: 'degraded', error: { code: 'Apply.TunnelDown', message: lossText(job) }, ...(keptBy && { keptBy }) });
    record(job, 'degraded', { lost: positions(job.tunnels!.losses), since: job.tunnels!.downSince ?? '', RequestId: job.send?.RequestId ?? '' });
    drafts.markApplied(job.draftId, job.after);
  };

  async function watchSettle(job: JobRecord, reads: VpcReads, seen: boolean): Promise<void> {
    const deadlineMs = Date.parse(job.settleDeadline!);
    const decision = await watchTunnels(job, reads, deadlineMs, seen, (losses) => (job.rollbackRequested ? 'rollback' : decideSettle({ losses, nowMs: nowMs(), deadlineMs })));
    if (decision === 'rollback') return rollBackOnGateway(job, 'user');
    if (decision === 'succeeded') {
      save(job, { phase: 'succeeded' });
      record(job, 'succeeded', { RequestId: job.send?.RequestId ?? '', ClientToken: job.ClientToken, attempts: job.attempts, negotiation: job.tunnels ? job.tunnels.now.map((t) => `${t.position}:${t.Status}`).join(',') : '' });
      drafts.markApplied(job.draftId, job.after, { soon: true });
    } else if (decision === 'degraded') endDegraded(job);
    else {
      save(job, { phase: 'unknown', error: { code: 'Apply.NegotiationUnknown', message: 'The change landed, but the tunnels could not be read to tell whether they still negotiate.' } });
      record(job, 'unknown', { code: 'Apply.NegotiationUnknown' });
      drafts.markApplied(job.draftId, job.after, { soon: true });
    }
  }

  async function watchConfirm(job: JobRecord, reads: VpcReads, seen: boolean): Promise<void> {
    const deadlineMs = Date.parse(job.confirmDeadline!);
    const decision = await watchTunnels(job, reads, deadlineMs, seen, (losses) =>
      decideConfirm({ confirmed: job.confirmed === true, rollbackRequested: job.rollbackRequested === true, losses, nowMs: nowMs(), deadlineMs }),
    );
    if (decision === 'rollback') return rollBackOnGateway(job, job.rollbackRequested ? 'user' : 'negotiation-failed');
    // Kept (by the user, or by every tunnel negotiating at the deadline): the tunnels are still watched until the
    // settle period since the read-back is over, so a Confirm right after the change is judged on a settled state.
    const by = decision === 'kept' ? 'user' : 'negotiation';
    record(job, 'confirmed', { by, lost: positions(job.tunnels?.losses ?? []) });
    const openedMs = deadlineMs - job.confirmWindowSeconds * 1000;
    const settleDeadline = new Date(Math.max(nowMs(), openedMs + (deps.settleMs?.() ?? 20_000))).toISOString();
    save(job, { phase: 'settling', settleDeadline, keptBy: by });
    record(job, 'settling', { deadline: settleDeadline, keptBy: by });
    return watchSettle(job, reads, true);
  }

  async function afterSubmit(job: JobRecord, reads: VpcReads): Promise<void> {
    const send = job.send!;
    if (job.phase === 'waiting-gateway') {
      const stuck = await awaitGateway(job, reads);
      if (stuck) return endUnknown(job, stuck);
      progress(job, { phase: 'verifying' });
    }
    const actual = await readOwn(job, reads);
    deps.inventory.rememberConnection(job.profileId, { RegionId: job.RegionId, connection: actual });
    const mismatches = readBackMismatches(job.before!, send.request, send.changedPaths, actual);
    if (mismatches.length > 0) {
      record(job, 'mismatch', { paths: mismatches.join(','), count: mismatches.length });
      return endUnknown(job, { code: 'Apply.ReadBackMismatch', message: `The connection reads back differently on ${mismatches.join(', ')}.`, field: mismatches[0]! }, actual);
    }
    record(job, 'verified', { fields: send.changedPaths.length, RequestId: send.RequestId ?? '' });
    const tunnels = observeTunnels(tunnelsBeforeOf(job), tunnelHealths(actual), undefined, deps.now());
    record(job, 'negotiation', { status: statesOf(actual), lost: positions(tunnels.losses) });
    if (job.confirmWindowSeconds > 0) {
      const deadline = new Date(nowMs() + job.confirmWindowSeconds * 1000).toISOString();
      save(job, { phase: 'confirm-window', confirmDeadline: deadline, after: actual, tunnels });
      record(job, 'confirm-window', { seconds: job.confirmWindowSeconds, deadline });
      drafts.holdLanded(job.draftId, actual);
      return startWatch(job, true);
    }
    const settleMs = deps.settleMs?.() ?? 20_000;
    const deadline = new Date(nowMs() + settleMs).toISOString();
    save(job, { phase: 'settling', settleDeadline: deadline, after: actual, tunnels });
    record(job, 'settling', { seconds: Math.round(settleMs / 1000), deadline });
    startWatch(job, true);
  }

  // Watching the tunnels does not hold the gateway's queue: the next change on the gateway (another connection's)
  // goes ahead meanwhile. A rollback, which sends, queues on the gateway like any change.
  const watches = new Set<Promise<void>>();
  const watched = new Set<string>();
  function startWatch(job: JobRecord, seen = false): void {
    running.set(job.jobId, job);
    watched.add(job.jobId);
    const watch = (async () => {
      try {
        const reads = await deps.readsFor(job.profileId);
        await (job.phase === 'settling' ? watchSettle(job, reads, seen) : watchConfirm(job, reads, seen));
      } catch (error) {
        stopped(job, error);
      } finally {
        watched.delete(job.jobId);
        if (running.get(job.jobId) === job) running.delete(job.jobId);
      }
    })();
    watches.add(watch);
    void watch.finally(() => watches.delete(watch));
  }
  function rollBackOnGateway(job: JobRecord, reason: string): void {
    save(job, { phase: 'rolling-back' });
    record(job, 'rolling-back', { reason });
    enqueue(job);
  }

  async function runFresh(job: JobRecord): Promise<void> {
    const client = await deps.clientFor(job.profileId);
    const reads = await deps.readsFor(job.profileId);
    const draft = deps.drafts.get(job.draftId);

    progress(job, { phase: 'validating' });
    const { context, live } = await gateways.contextFor(job, reads, retriedFor(job));
    const issues = validate(draft.draft, context);
    if (issues.length > 0) {
      const fieldErrors = issuesToErrors(issues);
      record(job, 'validation-failed', { issues: issues.length, codes: [...new Set(issues.map((i) => i.code))].join(','), fields: issues.map((i) => i.path).join(',') });
      return fail(job, { code: 'Apply.ValidationFailed', message: `${issues.length} rule(s) refuse this draft.`, field: issues[0]!.path }, fieldErrors);
    }
    record(job, 'validated', { rules: 'all', otherConnections: context.otherConnections.length });

    progress(job, { phase: 'checking-live' });
    const merged = mergeThreeWay(draft.base, draft.draft, live);
    if (!merged.ok) {
      return fail(job, { code: 'Apply.ConnectionChanged', message: `The connection changed ${merged.reason === 'modeChanged' ? 'tunnel mode' : 'identity'} since the draft was made.` });
    }
    if (merged.conflicts.length > 0) {
      const paths = merged.conflicts.map((c) => c.path);
      record(job, 'conflict', { paths: paths.join(','), count: paths.length });
      save(job, {
        phase: 'conflict',
        error: { code: 'Apply.Conflict', message: `The live connection changed on ${paths.join(', ')} since the draft was made.`, field: paths[0]! },
        fieldErrors: paths.map((p) => ({ code: 'Apply.Conflict', message: 'Changed in the cloud and in the draft.', field: p })),
      });
      deps.drafts.mergeWithLive({ ...draft, status: 'editing' }, live);
      return;
    }
    const built = buildModifyRequest(live, merged.merged, context, { RegionId: job.RegionId, ClientToken: job.ClientToken });
    if (!built.ok) {
      const fieldErrors = issuesToErrors(built.issues);
      record(job, 'validation-failed', { issues: built.issues.length, fields: built.issues.map((i) => i.path).join(',') });
      return fail(job, { code: 'Apply.ValidationFailed', message: 'The request was refused before sending.', field: built.issues[0]!.path }, fieldErrors);
    }
    if (isEmptyRequest(built.request)) {
      save(job, { phase: 'succeeded', after: live });
      record(job, 'succeeded', { noChange: true });
      drafts.markApplied(job.draftId, live);
      return;
    }
    // Write-ahead: request, token and the pre-change snapshot (with each tunnel's state) reach the disk before
    // anything is sent.
    save(job, {
      phase: 'submitting',
      before: live,
      target: merged.merged,
      tunnelsBefore: tunnelHealths(live),
      send: { ClientToken: job.ClientToken, request: built.request, changedPaths: built.changedPaths },
    });
    await sendAndFollow(job, client, reads);
  }

  async function sendAndFollow(job: JobRecord, client: VpcClient, reads: VpcReads): Promise<void> {
    const outcome = await submit(job, client, job.send!, 'apply');
    if (outcome !== 'accepted' && 'refused' in outcome) return fail(job, outcome.refused, outcome.fieldErrors);
    if (outcome !== 'accepted' && !(await reconcile(job, reads, outcome.lost))) return;
    await afterSubmit(job, reads);
  }

  /** A job written ahead and perhaps sent before the process stopped: the live connection decides whether to send
   * it again; a resend carries the original ClientToken, so a processed-but-unanswered request is not applied twice. */
  async function resumeSubmitted(job: JobRecord): Promise<void> {
    const client = await deps.clientFor(job.profileId);
    const reads = await deps.readsFor(job.profileId);
    const send = job.send!;
    if (send.RequestId !== undefined) return afterSubmit(job, reads);
    const live = await readOwn(job, reads);
    // Secrets sealed under a key this process does not have read as '': only the other fields can be compared, and
    // the request cannot be sent again.
    const secretsLost = lostUnder(job, 'send.');
    const state = secretsLost ? landedWithoutSecrets(job.before!, job.target ?? job.before!, send.changedPaths, live) : landedState(job.before!, send, live);
    if (state === 'not-applied' && secretsLost) {
      return fail(job, { code: 'Apply.SecretsLost', message: "The change's secrets were held for the last session only; open the draft and enter the PSK again. Nothing was sent." });
    }
    if (secretsLost || state === 'partial') {
      const message = secretsLost
        ? "The change's secrets were held for the last session only, so whether it landed cannot be checked; nothing more was sent. Open the connection to check it, and the draft to enter the PSK again."
        : 'The connection holds part of the change (its answer was lost before the restart); nothing more was sent.';
      return endUnknown(job, { code: secretsLost ? 'Apply.SecretsLost' : 'Apply.Unknown', message }, live);
    }
    if (state === 'applied') {
      record(job, 'submitted', { ClientToken: send.ClientToken, resumed: true, reconciled: true });
      send.RequestId = '';
      save(job, { phase: 'waiting-gateway' });
      return afterSubmit(job, reads);
    }
    await sendAndFollow(job, client, reads);
  }

  async function runRollback(job: JobRecord, reason: string): Promise<void> {
    const client = await deps.clientFor(job.profileId);
    const reads = await deps.readsFor(job.profileId);
    const before = job.before!;
    if (job.phase !== 'rolling-back') {
      save(job, { phase: 'rolling-back' });
      record(job, 'rolling-back', { reason });
    }
    if (lostUnder(job, 'before.') || (job.rollback === undefined ? false : lostUnder(job, 'rollback.'))) {
      return rollbackFailed(job, { code: 'Apply.SecretsLost', message: 'the pre-change secrets were held for the last session only, so nothing was sent.' });
    }
    const { context, live } = await gateways.contextFor(job, reads, retriedFor(job));
    if (!job.rollback) {
      const built = buildModifyRequest(live, before, context, { RegionId: job.RegionId, ClientToken: crypto.randomUUID() });
      if (!built.ok) return rollbackFailed(job, { code: 'Apply.RollbackRefused', message: `the rules refuse the pre-change values (${built.issues.map((i) => i.path).join(', ')}).` }, live);
      if (isEmptyRequest(built.request)) {
        save(job, { phase: 'rolled-back' });
        record(job, 'rolled-back', { noChange: true });
        drafts.backToEditing(job.draftId, live);
        return;
      }
      // Write-ahead: the rollback request and its token are on disk before the first send.
      save(job, { rollback: { ClientToken: built.request.ClientToken!, request: built.request, changedPaths: built.changedPaths } });
    }
    const rollback = job.rollback!;
    // After a restart the rollback may already be visible in live state: then it is not sent again.
    const alreadyRolledBack = changedFields(before, live).every((d) => !rollback.changedPaths.includes(d.path));
    if (rollback.RequestId === undefined && !alreadyRolledBack) {
      const outcome = await submit(job, client, rollback, 'rollback');
      if (outcome !== 'accepted' && 'refused' in outcome) return rollbackFailed(job, outcome.refused, live);
      // A lost answer is settled by the read-back below, as after a restart.
      if (outcome !== 'accepted') record(job, 'reconciled', { code: outcome.lost.code, for: 'rollback' });
    }
    const stuck = await awaitGateway(job, reads);
    if (stuck) return rollbackFailed(job, stuck);
    const actual = await readOwn(job, reads);
    deps.inventory.rememberConnection(job.profileId, { RegionId: job.RegionId, connection: actual });
    const mismatches = changedFields(before, actual)
      .map((d) => d.path)
      .filter((p) => rollback.changedPaths.includes(p));
    if (mismatches.length > 0) {
      record(job, 'mismatch', { paths: mismatches.join(','), for: 'rollback' });
      return rollbackFailed(job, { code: 'Apply.RollbackMismatch', message: `the connection still differs from before the change on ${mismatches.join(', ')}.` }, actual);
    }
    // A rollback is a change too: the tunnels are watched until those that were up before the original change are
    // up again (or the settle period ends), so what the job last read is what the UI shows afterwards.
    progress(job, { tunnels: observeTunnels(tunnelsBeforeOf(job), tunnelHealths(actual), job.tunnels, deps.now()) });
    const deadlineMs = nowMs() + (deps.settleMs?.() ?? 20_000);
    await watchTunnels(job, reads, deadlineMs, true, (losses) => (losses === 0 || nowMs() >= deadlineMs ? 'done' : 'wait'));
    save(job, { phase: 'rolled-back' });
    record(job, 'rolled-back', { RequestId: rollback.RequestId ?? '', ClientToken: rollback.ClientToken, negotiation: job.tunnels ? job.tunnels.now.map((t) => `${t.position}:${t.Status}`).join(',') : statesOf(actual) });
    drafts.backToEditing(job.draftId, actual);
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

  async function run(jobId: string): Promise<void> {
    if (lifetime.signal.aborted) return;
    const job = journal.read(jobId);
    if (!job) return;
    const point = resumePoint({ phase: job.phase, sent: job.send !== undefined, hasBefore: job.before !== undefined, rollbackRequested: job.rollbackRequested === true });
    if (point === 'none') return;
    if (point === 'settle' || point === 'confirm') return startWatch(job);
    running.set(jobId, job);
    try {
      if (point === 'fresh') await runFresh(job);
      else if (point === 'rollback') await runRollback(job, job.rollbackRequested ? 'user' : 'negotiation-failed');
      else await resumeSubmitted(job);
    } catch (error) {
      stopped(job, error);
    } finally {
      // A job now watching its tunnels stays known to confirm and rollback requests.
      if (running.get(jobId) === job && !watched.has(jobId)) running.delete(jobId);
    }
  }

  const enqueue = (job: JobRecord) => {
    void queue.enqueue(job.VpnGatewayId, () => run(job.jobId));
  };

  const applicable = (draftId: string, field: string, batch = false): DraftRecord => {
    const draft = deps.drafts.get(draftId);
    const name = draft.draft.Name || draft.VpnConnectionId;
    if (draft.status === 'applying') throw new AppError('Draft.Busy', `The draft of ${name} is already being applied.`, field);
    if (draft.status === 'applied') throw new AppError('Draft.Applied', `The draft of ${name} was applied already.`, field);
    if (draft.conflicts.length > 0) throw new AppError('Draft.HasConflicts', `Resolve the conflicts of ${name}’s draft before applying.`, draft.conflicts[0]!.path);
    // Checked against main's inventory before any job of a batch is written (each job checks again against live
    // state): a batch never queues a draft the rules already refuse. A single apply ends as a failed job that
    // names the fields instead.
    const readiness: DraftReadiness = batch ? draftReadiness(draft, gatewayContextOf(deps.inventory.cached(draft.profileId), draft)) : { ready: true };
    if (!readiness.ready && readiness.reason === 'rules') {
      throw new AppError('Draft.BreaksRules', `The draft of ${name} breaks ${readiness.issueCount ?? 1} rule(s); fix them before applying.`, field);
    }
    return draft;
  };

  /** Writes the job ahead and marks the draft; the caller enqueues. */
  const queueJob = (draft: DraftRecord, confirmWindowSeconds: number | undefined): JobRecord => {
    const now = deps.now();
    const jobId = crypto.randomUUID();
    const job: JobRecord = {
      jobId,
      draftId: draft.draftId,
      profileId: draft.profileId,
      RegionId: draft.RegionId,
      VpnConnectionId: draft.VpnConnectionId,
      VpnGatewayId: draft.VpnGatewayId,
      phase: 'queued',
      // One token per job, reused by every retry and by a resume after a crash.
      ClientToken: jobId,
      createdAt: now,
      updatedAt: now,
      attempts: 0,
      fieldErrors: [],
      order: journal.nextOrder(),
      confirmWindowSeconds: confirmWindowSeconds ?? deps.defaultConfirmWindowSeconds?.() ?? 0,
    };
    save(job);
    drafts.markApplying(draft.draftId);
    record(job, 'queued', { draftId: draft.draftId, ClientToken: job.ClientToken, VpnGatewayId: job.VpnGatewayId, confirmWindowSeconds: job.confirmWindowSeconds });
    return job;
  };

  return {
    async apply(draftId, confirmWindowSeconds) {
      // A draft whose change has landed is applied, even while its write is settling.
      drafts.flush();
      const job = queueJob(applicable(draftId, 'draftId'), confirmWindowSeconds);
      enqueue(job);
      return summaryOf(job);
    },
    async applyMany(draftIds, confirmWindowSeconds) {
      const unique = [...new Set(draftIds)];
      drafts.flush();
      const list = unique.map((draftId, i) => applicable(draftId, `draftIds.${i}`, true));
      // The drafts file is written once for the whole batch, not once per draft.
      const jobs = deps.store.batch(() => deps.drafts.batch(() => list.map((draft) => queueJob(draft, confirmWindowSeconds))));
      // Each gateway's first change starts now; later ones wait their turn on their gateway.
      for (const job of jobs) enqueue(job);
      return jobs.map(summaryOf);
    },
    async confirm(jobId) {
      const job = current(jobId);
      if (job.phase !== 'confirm-window') throw new AppError('Job.NotConfirmable', `The job is ${job.phase}, not waiting for confirmation.`, 'jobId');
      save(job, { confirmed: true });
      wakers.get(jobId)?.();
      return summaryOf(job);
    },
    async rollback(jobId) {
      const job = current(jobId);
      if (!canRollBack(job)) {
        const why = lostUnder(job, 'before.') ? ' (its pre-change secrets were held for the last session only)' : '';
        throw new AppError('Job.NotRollbackable', `A ${job.phase} job cannot be rolled back${why}.`, 'jobId');
      }
      save(job, { rollbackRequested: true });
      // A job still watching its tunnels rolls back from its own loop; a finished one is queued on its gateway.
      if (running.has(jobId)) wakers.get(jobId)?.();
      else enqueue(job);
      return summaryOf(job);
    },
    list: () => journal.all().map(summaryOf),
    get: (jobId) => summaryOf(current(jobId)),
    async resume() {
      const jobs = journal.all();
      drafts.settleAfterRestart(jobs);
      for (const job of jobs) {
        // Watching does not wait for the gateway: a settle period or confirm window goes on at once.
        if ((job.phase === 'settling' || job.phase === 'confirm-window') && !job.rollbackRequested) startWatch(job);
        else if (!FINAL.has(job.phase) || job.rollbackRequested) enqueue(job);
      }
    },
    async idle() {
      // A watch may queue a rollback, and a queued job may start a watch: wait until neither has anything left.
      while (watches.size > 0 || queue.running > 0) {
        await Promise.all([queue.idle(), ...watches]);
      }
      await queue.idle();
      drafts.flush();
    },
    async dispose() {
      lifetime.abort();
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([Promise.all([queue.idle(), ...watches]), new Promise((r) => (timer = setTimeout(r, 2000)))]);
      clearTimeout(timer);
      // What a crash would leave: nothing the loops still finish writes a job record after this.
      journal.close();
      drafts.flush();
    },
  };
}
