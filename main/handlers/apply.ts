// Handlers of the contract's apply domain (core/contract/apply.ts): apply jobs and the timeline.
import type { applyMethods } from '../../core/contract.ts';
import type { HandlerKit, HandlersFor } from './kit.ts';

export function applyHandlers({ need }: HandlerKit): HandlersFor<typeof applyMethods> {
  return {
    applyDraft: (args) => need('apply', 'applyDraft').apply(args.draftId, args.confirmWindowSeconds),
    applyDrafts: (args) => need('apply', 'applyDrafts').applyMany(args.draftIds, args.confirmWindowSeconds),
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
