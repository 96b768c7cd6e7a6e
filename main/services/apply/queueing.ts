// Turning drafts into queued jobs: which drafts may be applied (a batch is all or nothing), and the job written
// ahead with its one ClientToken before anything runs.
import crypto from 'node:crypto';
import { draftReadiness, gatewayContextOf, type DraftReadiness } from '../../../core/index.ts';
import type { DraftRecord } from '../../../core/contract.ts';
import { AppError } from '../../../core/errors.ts';
import type { JobRecord } from './journal.ts';
import type { JobRuntime } from './runtime.ts';

export function createJobQueueing(rt: JobRuntime) {
  const { deps, journal, save, drafts, record } = rt;
  const applicable = (draftId: string, field: string, batch = false): DraftRecord => {
    const draft = deps.drafts.get(draftId);
    const name = draft.draft.Name || draft.VpnConnectionId;
    if (draft.status === 'applying') throw new AppError('Draft.Busy', `The draft of ${name} is already being applied.`, field, { name });
    if (draft.status === 'applied') throw new AppError('Draft.Applied', `The draft of ${name} was applied already.`, field, { name });
    if ((draft.needsSecrets?.length ?? 0) > 0) throw new AppError('Draft.NeedsSecret', `The draft of ${name} needs the pre-shared key its sender changed; enter it before applying.`, draft.needsSecrets![0]!, { name });
    if (draft.notInAccount === true) throw new AppError('Draft.NotInAccount', `${name} was not found in this account: the draft came from another one (a hand-off bundle) and cannot be applied here.`, field, { name });
    if (draft.conflicts.length > 0) throw new AppError('Draft.HasConflicts', `Resolve the conflicts of ${name}’s draft before applying.`, draft.conflicts[0]!.path, { name });
    // Checked against main's inventory before any job of a batch is written (each job checks again against live
    // state): a batch never queues a draft the rules already refuse. A single apply ends as a failed job that
    // names the fields instead.
    const readiness: DraftReadiness = batch ? draftReadiness(draft, gatewayContextOf(deps.inventory.cached(draft.profileId), draft)) : { ready: true };
    if (!readiness.ready && readiness.reason === 'rules') {
      throw new AppError('Draft.BreaksRules', `The draft of ${name} breaks ${readiness.issueCount ?? 1} rule(s); fix them before applying.`, field, { name, count: readiness.issueCount ?? 1 });
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
    // A refused write throws here and nothing is queued.
    save(job);
    try {
      drafts.markApplying(draft.draftId);
      record(job, 'queued', { draftId: draft.draftId, ClientToken: job.ClientToken, VpnGatewayId: job.VpnGatewayId, confirmWindowSeconds: job.confirmWindowSeconds });
    } catch (error) {
      withdraw(job, error);
      throw error;
    }
    return job;
  };

  /** A job written but never started, because the apply around it failed: it ends failed (a record left `queued`
   * would run at the next start) and its draft is the user's again. Each step on its own: the disk may be failing. */
  const withdraw = (job: JobRecord, error: unknown) => {
    const shape = error instanceof AppError ? error.toShape() : { code: 'Apply.Internal', message: 'The change could not be queued. Details are in the log.' };
    try {
      save(job, { phase: 'failed', error: shape, fieldErrors: [] });
      record(job, 'failed', { code: shape.code, message: shape.message });
    } catch {
      // The journal holds it failed for this session at least.
    }
    drafts.backToEditing(job.draftId);
  };

  /** Queues a batch all or nothing: the job and draft files are written once each; if either write fails, every job
   * of the batch is withdrawn. */
  const queueJobs = (list: readonly DraftRecord[], confirmWindowSeconds: number | undefined): JobRecord[] => {
    const jobs: JobRecord[] = [];
    try {
      deps.store.batch(() => deps.drafts.batch(() => list.forEach((draft) => jobs.push(queueJob(draft, confirmWindowSeconds)))));
      return jobs;
    } catch (error) {
      for (const job of jobs) if (job.phase === 'queued') withdraw(job, error);
      throw error;
    }
  };

  return { applicable, queueJob, queueJobs };
}
