// The apply engine (design.md "Apply engine"): validate → re-read live and stop on conflict → write the job ahead
// with its ClientToken → send the minimal request, retried with the same token (an answer lost after the request
// may have landed is settled by reading the connection) → poll the gateway until active → read back and compare →
// watch every tunnel (the settle period, or the confirm window with automatic rollback) and end `succeeded` only
// when no tunnel that was up before is down. The phases and their moves are the table in phases.ts; a restarted
// process continues each persisted job at its `resumePoint`. One job at a time per gateway, gateways in parallel.
import { buildModifyRequest, isEmptyRequest, judgeChange, mergeThreeWay, tunnelHealths } from '../../../core/index.ts';
import type { JobSummary } from '../../../core/contract.ts';
import { AppError } from '../../../core/errors.ts';
import type { VpcReads } from '../vpc-reads.ts';
import type { VpcClient } from '../vpc-client.ts';
import { observeTunnels } from './confirm.ts';
import { canRollBack, lostUnder, summaryOf, type JobRecord } from './journal.ts';
import { issuesToErrors, landedState, landedWithoutSecrets, readBackMismatches } from './landing.ts';
import { FINAL, resumePoint } from './phases.ts';
import { createJobQueueing } from './queueing.ts';
import { createRollback } from './rollback.ts';
import { createJobRuntime, positions, statesOf, tunnelsBeforeOf, type ApplyEngineDeps } from './runtime.ts';
import { createSender, type SendGate } from './send.ts';
import { createWatcher } from './watch.ts';

export { JOBS_STORE, type JobRecord } from './journal.ts';
export type { ApplyEngineDeps } from './runtime.ts';

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

export function createApplyEngine(deps: ApplyEngineDeps): ApplyEngine {
  const rt = createJobRuntime(deps);
  const { nowMs, journal, drafts, gateways, lifetime, wakers, running, current, save, progress, record, fail, endUnknown, retriedFor, readOwn, stopped, enqueue, queue } = rt;
  const sender = createSender(rt);
  const { submit, reconcile, awaitGateway } = sender;
  const watcher = createWatcher(rt);
  const { startWatch, watches } = watcher;
  const { runRollback } = createRollback(rt, sender, watcher);
  const { applicable, queueJob, queueJobs } = createJobQueueing(rt);

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
    const settleMs = rt.settleMs();
    const deadline = new Date(nowMs() + settleMs).toISOString();
    save(job, { phase: 'settling', settleDeadline: deadline, after: actual, tunnels });
    record(job, 'settling', { seconds: Math.round(settleMs / 1000), deadline });
    startWatch(job, true);
  }

  async function runFresh(job: JobRecord): Promise<void> {
    const client = await deps.clientFor(job.profileId);
    const reads = await deps.readsFor(job.profileId);
    const draft = deps.drafts.get(job.draftId);

    progress(job, { phase: 'validating' });
    const { context, live } = await gateways.contextFor(job, reads, retriedFor(job));
    // Judged by what the draft changes: a fault of a field it leaves alone is the live value's, not the change's.
    const issues = judgeChange(draft.base, draft.draft, context).errors;
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
      send: { ClientToken: job.ClientToken, request: built.request, changedPaths: built.changedPaths },
    });
    await sendAndFollow(job, client, reads, { base: live, context });
  }

  async function sendAndFollow(job: JobRecord, client: VpcClient, reads: VpcReads, gate: SendGate): Promise<void> {
    const outcome = await submit(job, client, job.send!, 'apply', gate);
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
    const { context, live } = await gateways.contextFor(job, reads, retriedFor(job));
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
    await sendAndFollow(job, client, reads, { base: job.before!, context });
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
      if (running.get(jobId) === job && !watcher.watching(jobId)) running.delete(jobId);
    }
  }

  rt.setRunner(run);

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
      const jobs = queueJobs(list, confirmWindowSeconds);
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
