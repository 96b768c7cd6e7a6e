// The apply engine (design.md "Apply engine"): validate → re-read live and stop on conflict → persist the job with
// its ClientToken (write-ahead) → send the minimal request, retried with the same token → poll the gateway until
// active → read back and compare → optional confirm window with automatic rollback. One job at a time per gateway,
// several gateways in parallel. After a restart, unfinished jobs are resumed from what was persisted: a job that
// may have been sent is first reconciled against live state, and is resent only with its original ClientToken.
import crypto from 'node:crypto';
import {
  applyModifyRequest,
  buildModifyRequest,
  changedFields,
  formatIssue,
  isEmptyRequest,
  maskSecrets,
  mergeThreeWay,
  toWire,
  validate,
  type GatewayContext,
  type ModifyVpnConnectionAttributeRequest,
  type RuleIssue,
  type VpnConnection,
  type VpnType,
} from '../../../core/index.ts';
import type { DraftRecord, JobPhase, JobSummary, TimelineEvent } from '../../../core/contract.ts';
import { AppError, type AppErrorShape } from '../../../core/errors.ts';
import { ApiError, fieldForApiError, normalizeApiError, type ApiErrorShape } from '../api-error.ts';
import type { DraftsService } from '../drafts.ts';
import type { EventSink } from '../events.ts';
import type { InventoryService } from '../inventory.ts';
import type { Sealer } from '../sealing.ts';
import type { KeyValueStore, StoreSpec } from '../store.ts';
import type { TimelineService } from '../timeline.ts';
import type { VpcReads } from '../vpc-reads.ts';
import type { VpcAction, VpcClient } from '../vpc-client.ts';
import { decide, establishedCount, negotiationRecovered, negotiationStates } from './confirm.ts';
import { createUpdateDurations, DEFAULT_POLL, waitForActive, type PollPolicy } from './poller.ts';
import { createGatewayQueue } from './queue.ts';
import { Aborted, DEFAULT_RETRY, realSleep, withRetry, type RetryPolicy, type Sleep } from './retry.ts';

export const JOBS_STORE: StoreSpec = { name: 'jobs', version: 1, migrations: [(data) => data] };

const TERMINAL: ReadonlySet<JobPhase> = new Set(['succeeded', 'failed', 'conflict', 'rolled-back']);

interface SendState {
  ClientToken: string;
  request: ModifyVpnConnectionAttributeRequest;
  changedPaths: string[];
  RequestId?: string;
}

/** What is persisted per job (PSKs and certificates sealed by the store layer). */
export interface JobRecord extends JobSummary {
  order: number;
  confirmWindowSeconds: number;
  /** Write-ahead payload, set before the first send. */
  before?: VpnConnection;
  target?: VpnConnection;
  /** The connection as read back once the change landed (what its draft becomes). */
  after?: VpnConnection;
  send?: SendState;
  establishedBefore?: number;
  confirmed?: boolean;
  rollbackRequested?: boolean;
  rollback?: SendState;
}

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
  /** Interval of negotiation checks during the confirm window. */
  confirmPollMs?: number;
  maxParallelGateways?: number;
  /** How long a landed change's draft may wait to be marked applied together with others (ms). */
  draftSettleMs?: number;
  /** Where unexpected failures are reported (the app's log); their text never reaches a job record. */
  onInternalError?(error: unknown): void;
  defaultConfirmWindowSeconds?: () => number;
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

function summaryOf(job: JobRecord): JobSummary {
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
    ...(job.error !== undefined && { error: job.error }),
    fieldErrors: job.fieldErrors,
  };
}

/** Fields of the request that read back differently from what was asked. */
export function readBackMismatches(before: VpnConnection, request: ModifyVpnConnectionAttributeRequest, changedPaths: string[], actual: VpnConnection): string[] {
  const expected = applyModifyRequest(before, request);
  if (expected.mode !== actual.mode) return ['mode'];
  const differing = new Set(changedFields(expected, actual).map((d) => d.path));
  return changedPaths.filter((p) => differing.has(p));
}

const apiErrorShape = (e: ApiErrorShape): AppErrorShape & Record<string, unknown> => ({
  code: e.code,
  message: e.message,
  requestId: e.requestId,
  httpStatus: e.httpStatus,
  retryable: e.retryable,
  ...(e.field !== undefined && { field: e.field }),
});

export function createApplyEngine(deps: ApplyEngineDeps): ApplyEngine {
  const sleep = deps.sleep ?? realSleep;
  const nowMs = deps.nowMs ?? Date.now;
  const retryPolicy = deps.retry ?? DEFAULT_RETRY;
  const pollPolicy = deps.poll ?? DEFAULT_POLL;
  // Waiting jobs cost a timer and a poll per update, so many gateways can be in flight at once.
  const queue = createGatewayQueue(deps.maxParallelGateways ?? 16);
  const durations = createUpdateDurations();
  // A gateway's VpnType never changes and its BGP switch and customer gateways' ASNs rarely do: they are taken from
  // the inventory (or read) once per gateway / region, not on every job. The service still has the last word.
  const gatewayFacts = new Map<string, { VpnType: VpnType; EnableBgp: boolean }>();
  const customerGatewayAsns = new Map<string, Record<string, string>>();
  const lifetime = new AbortController();
  const wakers = new Map<string, () => void>();
  const active = new Set<string>();

  const key = (jobId: string) => `job:${jobId}`;
  const read = (jobId: string): JobRecord | null => {
    const stored = deps.store.get<JobRecord>(key(jobId));
    return stored ? deps.sealer().unsealDeep(stored) : null;
  };
  const allJobs = (): JobRecord[] =>
    deps.store
      .keys()
      .filter((k) => k.startsWith('job:'))
      .map((k) => read(k.slice(4)))
      .filter((j): j is JobRecord => j !== null)
      .sort((a, b) => a.order - b.order);
  // Reading every job to find the next order number made queueing n changes cost O(n²) unseals.
  let lastOrder: number | undefined;
  const nextOrder = (): number => {
    lastOrder = (lastOrder ?? allJobs().reduce((max, j) => Math.max(max, j.order), 0)) + 1;
    return lastOrder;
  };
  const save = (job: JobRecord, patch: Partial<JobRecord> = {}): JobRecord => {
    Object.assign(job, patch, { updatedAt: deps.now() });
    deps.store.set(key(job.jobId), deps.sealer().sealDeep(job));
    deps.emit('jobUpdated', summaryOf(job));
    return job;
  };
  // Progress that a restart does not need (a job not yet sent is run afresh from any of these phases; a job past
  // `active` simply polls once more) is shown live but not written: each write rewrites the whole jobs file.
  const progress = (job: JobRecord, patch: Partial<JobRecord>): JobRecord => {
    Object.assign(job, patch, { updatedAt: deps.now() });
    deps.emit('jobUpdated', summaryOf(job));
    return job;
  };
  const record = (job: JobRecord, kind: TimelineEvent['kind'], detail: TimelineEvent['detail'] = {}) =>
    deps.timeline.append(kind, job.VpnConnectionId, detail, job.jobId);

  const writeDraft = (draftId: string, status: DraftRecord['status'], patch: Partial<DraftRecord>) => {
    try {
      deps.drafts.setStatus(draftId, status, patch);
    } catch (error) {
      // A draft discarded after its job finished is fine: the job's own record is what counts. A file that cannot
      // be written is reported; the drafts store holds the change in memory and a start after a crash takes it
      // from the job journal.
      if (!(error instanceof AppError && error.code === 'Draft.NotFound')) deps.onInternalError?.(error);
    }
  };
  // Marking a landed change's draft applied rewrites the drafts file (every draft in it). Changes on many gateways
  // land in the same instant, and each write there delays every other gateway's next change, so these writes wait
  // a moment and go out as one, while the gateways are busy updating. The job record (written at once) is the
  // truth: a start after a crash in between finishes the draft from it (`settleDrafts`).
  const settling = new Map<string, { status: DraftRecord['status']; patch: Partial<DraftRecord> }>();
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  const flushDrafts = () => {
    clearTimeout(settleTimer);
    settleTimer = undefined;
    if (settling.size === 0) return;
    const pending = [...settling];
    settling.clear();
    try {
      deps.drafts.batch(() => {
        for (const [draftId, { status, patch }] of pending) writeDraft(draftId, status, patch);
      });
    } catch (error) {
      // The batch's one write failed (disk full, permissions): as in writeDraft, reported, never thrown at a timer.
      deps.onInternalError?.(error);
    }
  };
  const setDraftSoon = (job: JobRecord, status: DraftRecord['status'], patch: Partial<DraftRecord>) => {
    settling.set(job.draftId, { status, patch });
    settleTimer ??= setTimeout(flushDrafts, deps.draftSettleMs ?? 200);
    settleTimer.unref?.();
  };
  const setDraft = (job: JobRecord, status: DraftRecord['status'], patch: Partial<DraftRecord> = {}) => {
    // Anything still settling was decided earlier: it goes first.
    flushDrafts();
    writeDraft(job.draftId, status, patch);
  };
  /** Drafts still marked applying whose job has ended (the process stopped between the two writes). */
  const settleDrafts = (jobs: JobRecord[]) => {
    const latest = new Map<string, JobRecord>();
    for (const job of jobs) latest.set(job.draftId, job);
    for (const draft of deps.drafts.list()) {
      if (draft.status !== 'applying') continue;
      const job = latest.get(draft.draftId);
      if (job && !TERMINAL.has(job.phase)) continue;
      if (job?.phase !== 'succeeded') writeDraft(draft.draftId, 'editing', {});
      // Without a read-back on record the draft keeps what it holds; only its status follows the job.
      else writeDraft(draft.draftId, 'applied', job.after ? { base: job.after, baseFetchedAt: job.updatedAt, draft: job.after, conflicts: [] } : {});
    }
  };

  const fail = (job: JobRecord, error: AppErrorShape, fieldErrors: AppErrorShape[] = []) => {
    save(job, { phase: 'failed', error, fieldErrors });
    record(job, 'failed', { code: error.code, message: error.message, ...(error.field !== undefined && { field: error.field }) });
    setDraft(job, 'editing');
  };

  // Reads during an apply are retried like the send, and each retry is on the job's timeline: it is why an apply
  // took longer than its gateway's update.
  const retried = <T>(job: JobRecord, action: VpcAction, task: () => Promise<T>) =>
    withRetry(
      retryPolicy,
      {
        sleep,
        signal: lifetime.signal,
        onRetry: (error, attempt, delayMs) => record(job, 'retry', { code: error.code, attempt, delayMs, httpStatus: error.httpStatus, RequestId: error.requestId, for: 'read', action }),
      },
      task,
    );

  // DescribeVpnConnection, not the gateway's list: DescribeVpnConnections leaves out BgpConfig.EnableBgp, which the
  // parser can only infer from a configured tunnel network (still there after BGP is switched off).
  const readOwn = (job: JobRecord, reads: VpcReads) => retried(job, 'DescribeVpnConnection', () => reads.connection(job.RegionId, job.VpnConnectionId));

  async function gatewayContext(job: JobRecord, reads: VpcReads): Promise<{ context: GatewayContext; live: VpnConnection }> {
    const asnKey = `${job.profileId}|${job.RegionId}`;
    let known = gatewayFacts.get(job.VpnGatewayId);
    if (!known || !customerGatewayAsns.has(asnKey)) {
      const snapshot = deps.inventory.cached(job.profileId);
      const summary = snapshot?.gateways.find((g) => g.VpnGatewayId === job.VpnGatewayId);
      if (!known && summary) known = { VpnType: summary.VpnType, EnableBgp: summary.EnableBgp === true };
      if (snapshot && !customerGatewayAsns.has(asnKey)) {
        const asns = snapshot.customerGateways.filter((c) => c.RegionId === job.RegionId).map((c) => [c.CustomerGatewayId, c.Asn ?? ''] as const);
        customerGatewayAsns.set(asnKey, Object.fromEntries(asns));
      }
    }
    const [facts, connections, live] = await Promise.all([
      known ?? retried(job, 'DescribeVpnGateway', () => reads.gateway(job.RegionId, job.VpnGatewayId)).then((g) => ({ VpnType: g.VpnType, EnableBgp: g.EnableBgp === true })),
      retried(job, 'DescribeVpnConnections', () => reads.gatewayConnections(job.RegionId, job.VpnGatewayId)),
      readOwn(job, reads),
    ]);
    gatewayFacts.set(job.VpnGatewayId, facts);
    const asns = customerGatewayAsns.get(asnKey);
    const context: GatewayContext = {
      VpnType: facts.VpnType,
      otherConnections: connections.filter((c) => c.VpnConnectionId !== job.VpnConnectionId),
      ...(facts.EnableBgp && { EnableBgp: true }),
      ...(asns && { customerGatewayAsns: asns }),
    };
    return { context, live };
  }

  /** Sends (or re-sends, with the same ClientToken) a persisted request until the service accepts it. */
  async function submit(job: JobRecord, client: VpcClient, send: SendState, label: 'apply' | 'rollback'): Promise<boolean> {
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
      return true;
    } catch (error) {
      if (error instanceof Aborted) throw error;
      const shape = normalizeApiError(error);
      const field = fieldForApiError(shape.code, send.changedPaths);
      const withField = field ? { ...shape, field } : shape;
      fail(job, apiErrorShape(withField), field ? [{ code: shape.code, message: shape.message, field }] : []);
      return false;
    }
  }

  async function awaitGateway(job: JobRecord, reads: VpcReads): Promise<boolean> {
    const expectedMs = durations.expectedMs(job.VpnGatewayId);
    const outcome = await waitForActive(pollPolicy, {
      readStatus: async () => (await reads.gateway(job.RegionId, job.VpnGatewayId)).Status,
      sleep,
      nowMs,
      ...(expectedMs !== undefined && { expectedMs }),
      signal: lifetime.signal,
      onStatus: (status, elapsedMs) => record(job, 'gateway-status', { status, elapsedMs }),
    });
    if (outcome.ok) durations.observe(job.VpnGatewayId, outcome.elapsedMs);
    if (!outcome.ok) {
      fail(job, outcome.error ? apiErrorShape(outcome.error) : { code: 'Apply.GatewayTimeout', message: `The VPN gateway did not become active (last status: ${outcome.lastStatus || 'unknown'}).` });
      return false;
    }
    return true;
  }

  async function verify(job: JobRecord, reads: VpcReads, send: SendState, before: VpnConnection): Promise<VpnConnection | null> {
    const actual = await readOwn(job, reads);
    deps.inventory.rememberConnection(job.profileId, { RegionId: job.RegionId, connection: actual });
    const mismatches = readBackMismatches(before, send.request, send.changedPaths, actual);
    if (mismatches.length > 0) {
      record(job, 'mismatch', { paths: mismatches.join(','), count: mismatches.length });
      fail(job, { code: 'Apply.ReadBackMismatch', message: `The connection reads back differently on ${mismatches.join(', ')}.`, field: mismatches[0]! });
      return null;
    }
    record(job, 'verified', { fields: send.changedPaths.length, RequestId: send.RequestId ?? '' });
    return actual;
  }

  /** Whether a persisted, possibly-sent request is already visible in live state. */
  function alreadyApplied(before: VpnConnection, send: SendState, live: VpnConnection): boolean {
    return readBackMismatches(before, send.request, send.changedPaths, live).length === 0;
  }

  async function runRollback(job: JobRecord, reason: string): Promise<void> {
    const client = await deps.clientFor(job.profileId);
    const reads = await deps.readsFor(job.profileId);
    const before = job.before!;
    if (job.phase !== 'rolling-back') {
      save(job, { phase: 'rolling-back' });
      record(job, 'rolling-back', { reason });
    }
    const { context, live } = await gatewayContext(job, reads);
    if (!job.rollback) {
      const built = buildModifyRequest(live, before, context, { RegionId: job.RegionId, ClientToken: crypto.randomUUID() });
      if (!built.ok) return fail(job, { code: 'Apply.RollbackRefused', message: 'The pre-change snapshot cannot be re-applied.' }, issuesToErrors(built.issues));
      if (isEmptyRequest(built.request)) {
        save(job, { phase: 'rolled-back' });
        record(job, 'rolled-back', { noChange: true });
        setDraft(job, 'editing', { base: live, baseFetchedAt: deps.now() });
        return;
      }
      // Write-ahead: the rollback request and its token are on disk before the first send.
      save(job, { rollback: { ClientToken: built.request.ClientToken!, request: built.request, changedPaths: built.changedPaths } });
    }
    const rollback = job.rollback!;
    const current = live;
    // After a restart the rollback may already be visible in live state: then it is not sent again.
    const alreadyRolledBack = changedFields(before, current).every((d) => !rollback.changedPaths.includes(d.path));
    const sent = rollback.RequestId !== undefined || alreadyRolledBack ? true : await submit(job, client, rollback, 'rollback');
    if (!sent) return;
    if (!(await awaitGateway(job, reads))) return;
    const actual = await readOwn(job, reads);
    deps.inventory.rememberConnection(job.profileId, { RegionId: job.RegionId, connection: actual });
    const mismatches = changedFields(before, actual)
      .map((d) => d.path)
      .filter((p) => rollback.changedPaths.includes(p));
    if (mismatches.length > 0) {
      record(job, 'mismatch', { paths: mismatches.join(','), for: 'rollback' });
      return fail(job, { code: 'Apply.RollbackMismatch', message: `After the rollback the connection differs on ${mismatches.join(', ')}.` });
    }
    save(job, { phase: 'rolled-back' });
    record(job, 'rolled-back', { RequestId: rollback.RequestId ?? '', ClientToken: rollback.ClientToken, negotiation: negotiationStates(actual).join(',') });
    setDraft(job, 'editing', { base: actual, baseFetchedAt: deps.now() });
  }

  async function watchConfirm(job: JobRecord, reads: VpcReads): Promise<void> {
    const deadlineMs = Date.parse(job.confirmDeadline!);
    let lastStates = '';
    for (;;) {
      const fresh = read(job.jobId);
      if (fresh) Object.assign(job, { confirmed: fresh.confirmed, rollbackRequested: fresh.rollbackRequested });
      let recovered = false;
      try {
        const c = await reads.connection(job.RegionId, job.VpnConnectionId);
        const states = negotiationStates(c).join(',');
        if (states !== lastStates) {
          record(job, 'negotiation', { status: states, established: establishedCount(c), establishedBefore: job.establishedBefore ?? 0 });
          lastStates = states;
        }
        recovered = negotiationRecovered(c, job.establishedBefore ?? 0);
      } catch (error) {
        if (error instanceof Aborted) throw error;
        recovered = false;
      }
      const decision = decide({ confirmed: job.confirmed === true, rollbackRequested: job.rollbackRequested === true, recovered, nowMs: nowMs(), deadlineMs });
      if (decision === 'confirmed' || decision === 'recovered') {
        if (job.phase !== 'succeeded') {
          save(job, { phase: 'succeeded' });
          record(job, 'confirmed', { by: decision === 'confirmed' ? 'user' : 'negotiation' });
          record(job, 'succeeded', { RequestId: job.send?.RequestId ?? '' });
          setDraft(job, 'applied');
        }
        return;
      }
      if (decision === 'rollback') return runRollback(job, job.rollbackRequested ? 'user' : 'negotiation-failed');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(10, Math.min(deps.confirmPollMs ?? 1000, deadlineMs - nowMs())));
        wakers.set(job.jobId, () => {
          clearTimeout(timer);
          resolve();
        });
        lifetime.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
      wakers.delete(job.jobId);
      if (lifetime.signal.aborted) throw new Aborted();
    }
  }

  async function afterSubmit(job: JobRecord, reads: VpcReads): Promise<void> {
    const send = job.send!;
    if (job.phase !== 'waiting-gateway' && job.phase !== 'verifying') save(job, { phase: 'waiting-gateway' });
    if (job.phase === 'waiting-gateway') {
      if (!(await awaitGateway(job, reads))) return;
      progress(job, { phase: 'verifying' });
    }
    const actual = await verify(job, reads, send, job.before!);
    if (!actual) return;
    if (job.confirmWindowSeconds > 0) {
      const deadline = new Date(nowMs() + job.confirmWindowSeconds * 1000).toISOString();
      save(job, { phase: 'confirm-window', confirmDeadline: deadline, after: actual });
      record(job, 'confirm-window', { seconds: job.confirmWindowSeconds, deadline });
      setDraft(job, 'applying', { base: actual, baseFetchedAt: deps.now(), draft: actual, conflicts: [] });
      return watchConfirm(job, reads);
    }
    save(job, { phase: 'succeeded', after: actual });
    record(job, 'succeeded', { RequestId: send.RequestId ?? '', ClientToken: send.ClientToken, attempts: job.attempts });
    setDraftSoon(job, 'applied', { base: actual, baseFetchedAt: deps.now(), draft: actual, conflicts: [] });
  }

  async function runFresh(job: JobRecord): Promise<void> {
    const client = await deps.clientFor(job.profileId);
    const reads = await deps.readsFor(job.profileId);
    const draft = deps.drafts.get(job.draftId);

    progress(job, { phase: 'validating' });
    const { context, live } = await gatewayContext(job, reads);
    const issues = validate(draft.draft, context);
    if (issues.length > 0) {
      const fieldErrors = issuesToErrors(issues);
      record(job, 'validation-failed', { issues: issues.length, codes: [...new Set(issues.map((i) => i.code))].join(','), fields: issues.map((i) => i.path).join(',') });
      save(job, { phase: 'failed', error: { code: 'Apply.ValidationFailed', message: `${issues.length} rule(s) refuse this draft.`, field: issues[0]!.path }, fieldErrors });
      record(job, 'failed', { code: 'Apply.ValidationFailed' });
      setDraft(job, 'editing');
      return;
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
      setDraft(job, 'applied', { base: live, draft: live, baseFetchedAt: deps.now() });
      return;
    }
    // Write-ahead: request, token and the pre-change snapshot reach the disk before anything is sent.
    save(job, {
      phase: 'submitting',
      before: live,
      target: merged.merged,
      establishedBefore: establishedCount(live),
      send: { ClientToken: job.ClientToken, request: built.request, changedPaths: built.changedPaths },
    });
    if (!(await submit(job, client, job.send!, 'apply'))) return;
    await afterSubmit(job, reads);
  }

  async function resumeSubmitted(job: JobRecord): Promise<void> {
    const client = await deps.clientFor(job.profileId);
    const reads = await deps.readsFor(job.profileId);
    const send = job.send!;
    if (send.RequestId === undefined) {
      // The process stopped around the send: the service may or may not have it. Live state decides; a resend
      // carries the original ClientToken, so even a processed-but-unanswered request is not applied twice.
      const live = await readOwn(job, reads);
      if (alreadyApplied(job.before!, send, live)) {
        record(job, 'submitted', { ClientToken: send.ClientToken, resumed: true, reconciled: true });
        send.RequestId = '';
        save(job, { phase: 'waiting-gateway' });
      } else if (!(await submit(job, client, send, 'apply'))) return;
    }
    await afterSubmit(job, reads);
  }

  async function run(jobId: string): Promise<void> {
    const job = read(jobId);
    if (!job) return;
    if (TERMINAL.has(job.phase) && !(job.phase === 'succeeded' && job.rollbackRequested)) return;
    active.add(jobId);
    try {
      if (job.phase === 'rolling-back' || (job.rollbackRequested && job.before)) await runRollback(job, job.rollbackRequested ? 'user' : 'negotiation-failed');
      else if (job.phase === 'confirm-window') await watchConfirm(job, await deps.readsFor(job.profileId));
      else if (job.send && job.phase !== 'queued' && job.phase !== 'validating' && job.phase !== 'checking-live') await resumeSubmitted(job);
      else await runFresh(job);
    } catch (error) {
      if (error instanceof Aborted || lifetime.signal.aborted) return;
      // An unexpected error's text may hold anything (paths, values): it goes to the log, not to the job record.
      if (!(error instanceof AppError) && !(error instanceof ApiError)) deps.onInternalError?.(error);
      const shape =
        error instanceof AppError
          ? error.toShape()
          : error instanceof ApiError
            ? apiErrorShape(error.shape)
            : { code: 'Apply.Internal', message: 'An unexpected error stopped this apply. Details are in the log.' };
      fail(job, shape);
    } finally {
      active.delete(jobId);
    }
  }

  const enqueue = (job: JobRecord) => {
    void queue.enqueue(job.VpnGatewayId, () => run(job.jobId));
  };

  const applicable = (draftId: string, field: string): DraftRecord => {
    const draft = deps.drafts.get(draftId);
    const name = draft.draft.Name || draft.VpnConnectionId;
    if (draft.status === 'applying') throw new AppError('Draft.Busy', `The draft of ${name} is already being applied.`, field);
    if (draft.status === 'applied') throw new AppError('Draft.Applied', `The draft of ${name} was applied already.`, field);
    if (draft.conflicts.length > 0) throw new AppError('Draft.HasConflicts', `Resolve the conflicts of ${name}’s draft before applying.`, draft.conflicts[0]!.path);
    return draft;
  };

  /** Writes the job ahead and marks the draft; the caller enqueues. */
  const queueJob = (draft: DraftRecord, confirmWindowSeconds: number | undefined): JobRecord => {
    const draftId = draft.draftId;
    const now = deps.now();
    const jobId = crypto.randomUUID();
    const job: JobRecord = {
      jobId,
      draftId,
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
      order: nextOrder(),
      confirmWindowSeconds: confirmWindowSeconds ?? deps.defaultConfirmWindowSeconds?.() ?? 0,
    };
    save(job);
    deps.drafts.setStatus(draftId, 'applying');
    record(job, 'queued', { draftId, ClientToken: job.ClientToken, VpnGatewayId: job.VpnGatewayId, confirmWindowSeconds: job.confirmWindowSeconds });
    return job;
  };

  return {
    async apply(draftId, confirmWindowSeconds) {
      // A draft whose change has landed is applied, even while its write is settling.
      flushDrafts();
      const job = queueJob(applicable(draftId, 'draftId'), confirmWindowSeconds);
      enqueue(job);
      return summaryOf(job);
    },
    async applyMany(draftIds, confirmWindowSeconds) {
      const unique = [...new Set(draftIds)];
      flushDrafts();
      const drafts = unique.map((draftId, i) => applicable(draftId, `draftIds.${i}`));
      // The drafts file is written once for the whole batch, not once per draft.
      const jobs = deps.store.batch(() => deps.drafts.batch(() => drafts.map((draft) => queueJob(draft, confirmWindowSeconds))));
      // Each gateway's first change starts now; later ones wait their turn on their gateway.
      for (const job of jobs) enqueue(job);
      return jobs.map(summaryOf);
    },
    async confirm(jobId) {
      const job = read(jobId);
      if (!job) throw new AppError('Job.NotFound', `No job with id ${jobId}.`, 'jobId');
      if (job.phase !== 'confirm-window') throw new AppError('Job.NotConfirmable', `The job is ${job.phase}, not waiting for confirmation.`, 'jobId');
      save(job, { confirmed: true });
      wakers.get(jobId)?.();
      return summaryOf(job);
    },
    async rollback(jobId) {
      const job = read(jobId);
      if (!job) throw new AppError('Job.NotFound', `No job with id ${jobId}.`, 'jobId');
      if (job.phase === 'confirm-window') {
        save(job, { rollbackRequested: true });
        wakers.get(jobId)?.();
        return summaryOf(job);
      }
      if (job.phase === 'succeeded' && job.before) {
        save(job, { rollbackRequested: true });
        enqueue(job);
        return summaryOf(job);
      }
      throw new AppError('Job.NotRollbackable', `A ${job.phase} job cannot be rolled back.`, 'jobId');
    },
    list: () => allJobs().map(summaryOf),
    get(jobId) {
      const job = read(jobId);
      if (!job) throw new AppError('Job.NotFound', `No job with id ${jobId}.`, 'jobId');
      return summaryOf(job);
    },
    async resume() {
      const jobs = allJobs();
      settleDrafts(jobs);
      for (const job of jobs) if (!TERMINAL.has(job.phase)) enqueue(job);
    },
    async idle() {
      await queue.idle();
      flushDrafts();
    },
    async dispose() {
      lifetime.abort();
      await Promise.race([queue.idle(), new Promise((r) => setTimeout(r, 2000))]);
      flushDrafts();
    },
  };
}

