// Handlers of the contract's apply domain (core/contract/apply.ts): apply jobs and the timeline.
import type { applyMethods } from '../../core/contract.ts';
import type { HandlerKit, HandlersFor } from './kit.ts';

export function applyHandlers({ need, services }: HandlerKit): HandlersFor<typeof applyMethods> {
  // Without a peer gate (small IPC tables) nothing is known of the devices, so nothing is refused for them.
  const admit = (draftIds: readonly string[], acknowledged: boolean | undefined) => services.peerGate?.admit(draftIds, acknowledged === true) ?? [];
  return {
    applyDraft: async (args) => {
      const breaks = admit([args.draftId], args.acknowledgePeerBreak);
      const job = await need('apply', 'applyDraft').apply(args.draftId, args.confirmWindowSeconds);
      services.peerGate?.record(breaks, new Map([[job.VpnConnectionId, job.jobId]]));
      return job;
    },
    applyDrafts: async (args) => {
      const breaks = admit(args.draftIds, args.acknowledgePeerBreak);
      const jobs = await need('apply', 'applyDrafts').applyMany(args.draftIds, args.confirmWindowSeconds);
      services.peerGate?.record(breaks, new Map(jobs.map((j) => [j.VpnConnectionId, j.jobId])));
      return jobs;
    },
    confirmJob: (args) => need('apply', 'confirmJob').confirm(args.jobId),
    rollbackJob: (args) => need('apply', 'rollbackJob').rollback(args.jobId),
    listJobs: () => need('apply', 'listJobs').list(),
    getTimeline: (args) => need('timeline', 'getTimeline').query(args),
    exportTimeline: (args) =>
      need('timeline', 'exportTimeline').export(args.format, {
        ...(args.VpnConnectionId !== undefined && { VpnConnectionId: args.VpnConnectionId }),
        ...(args.jobId !== undefined && { jobId: args.jobId }),
      }),
  };
}
