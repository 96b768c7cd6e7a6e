// Rolling a change back to its pre-change snapshot: a new request with its own ClientToken, written ahead, sent,
// read back, and the tunnels watched until they are back. One that does not complete leaves the job unknown with
// rollback offered again.
import crypto from 'node:crypto';
import { buildModifyRequest, changedFields, isEmptyRequest, tunnelHealths, type VpnConnection } from '../../../core/index.ts';
import type { AppErrorShape } from '../../../core/errors.ts';
import { observeTunnels } from './confirm.ts';
import { lostUnder, type JobRecord } from './journal.ts';
import type { JobRuntime } from './runtime.ts';
import { statesOf, tunnelsBeforeOf } from './runtime.ts';
import type { Sender } from './send.ts';
import type { Watcher } from './watch.ts';

export function createRollback(rt: JobRuntime, sender: Sender, watcher: Watcher) {
  const { deps, save, progress, record, drafts, gateways, retriedFor, readOwn, nowMs, settleMs } = rt;
  const { submit, awaitGateway } = sender;
  const { watchTunnels } = watcher;
  /** A rollback that did not complete: the change may still be in effect, so the job says so and a new rollback (a
   * new request, a new ClientToken) can be asked for; the draft is the user's again. */
  const rollbackFailed = (job: JobRecord, error: AppErrorShape, live?: VpnConnection) => {
    delete job.rollback;
    job.rollbackRequested = false;
    save(job, { phase: 'unknown', error: { code: error.code, message: `The rollback did not complete: ${error.message}`, ...(error.field !== undefined && { field: error.field }) }, ...(live && { after: live }) });
    record(job, 'unknown', { code: error.code, for: 'rollback' });
    drafts.backToEditing(job.draftId, live);
  };

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
      const outcome = await submit(job, client, rollback, 'rollback', { base: live, context });
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
    const deadlineMs = nowMs() + settleMs();
    await watchTunnels(job, reads, deadlineMs, true, (losses) => (losses === 0 || nowMs() >= deadlineMs ? 'done' : 'wait'));
    // The error of the outcome it undid (a tunnel down, say) no longer describes the job.
    delete job.error;
    save(job, { phase: 'rolled-back' });
    record(job, 'rolled-back', { RequestId: rollback.RequestId ?? '', ClientToken: rollback.ClientToken, negotiation: job.tunnels ? job.tunnels.now.map((t) => `${t.position}:${t.Status}`).join(',') : statesOf(actual) });
    drafts.backToEditing(job.draftId, actual);
  }

  return { runRollback };
}
