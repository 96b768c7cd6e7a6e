// Watching every tunnel after a change: the settle period and the confirm window, each read compared per tunnel with
// the state before the change. A watch runs outside the gateway's queue; a rollback it decides on queues there.
import { tunnelHealths } from '../../../core/index.ts';
import type { VpcReads } from '../vpc-reads.ts';
import { decideConfirm, decideSettle, observeTunnels } from './confirm.ts';
import type { JobRecord } from './journal.ts';
import { Aborted } from './retry.ts';
import { positions, statesOf, tunnelsBeforeOf, type JobRuntime } from './runtime.ts';

export function createWatcher(rt: JobRuntime) {
  const { deps, nowMs, save, progress, record, readOwn, pause, drafts, running, stopped, enqueue, settleMs } = rt;
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

  const lossText = (job: JobRecord) => {
    const t = job.tunnels!;
    return `Applied, but ${t.losses.map((l) => (l.what === 'bgp' ? `the ${l.position} tunnel's BGP session` : l.position === 'connection' ? 'the tunnel' : `the ${l.position} tunnel`)).join(' and ')} went down (since ${t.downSince ?? t.checkedAt}).`;
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
    const settleDeadline = new Date(Math.max(nowMs(), openedMs + settleMs())).toISOString();
    save(job, { phase: 'settling', settleDeadline, keptBy: by });
    record(job, 'settling', { deadline: settleDeadline, keptBy: by });
    return watchSettle(job, reads, true);
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

  return { watchTunnels, startWatch, watches, watching: (jobId: string) => watched.has(jobId) };
}

export type Watcher = ReturnType<typeof createWatcher>;
