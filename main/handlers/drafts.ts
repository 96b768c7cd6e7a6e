// Handlers of the contract's drafts domain (core/contract/drafts.ts).
import type { draftMethods } from '../../core/contract.ts';
import type { DraftsService } from '../services/drafts.ts';
import type { HandlerKit, HandlersFor } from './kit.ts';

export function draftHandlers({ need }: HandlerKit): HandlersFor<typeof draftMethods> {
  return {
    listDrafts: () => need('drafts', 'listDrafts').list(),
    openDraft: (args) => need('drafts', 'openDraft').open(args.RegionId, args.VpnConnectionId),
    getDraft: (args) => need('drafts', 'getDraft').get(args.draftId),
    saveDraft: (args) => need('drafts', 'saveDraft').save(args.draftId, args.draft as Parameters<DraftsService['save']>[1]),
    discardDraft: (args) => ({ discarded: need('drafts', 'discardDraft').discard(args.draftId) }),
    exportDraft: (args) => need('drafts', 'exportDraft').exportFile(args.draftId),
    importDraft: (args) => need('drafts', 'importDraft').importFile(args.content),
    reconcileDraft: (args) => need('drafts', 'reconcileDraft').reconcile(args.draftId),
    resolveConflict: (args) => need('drafts', 'resolveConflict').resolve(args.draftId, args.path, args.take),
  };
}
