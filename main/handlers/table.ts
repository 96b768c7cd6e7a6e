// The main-side implementation of the contract: one entry per method, each delegating to a plain-Node service.
import type { MethodName, MethodResult, ParsedArgs } from '../../core/contract.ts';
import { AppError } from '../../core/errors.ts';
import type { AppInfoService } from '../services/app-info.ts';

export type HandlerTable = {
  [M in MethodName]: (args: ParsedArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>;
};

export interface Services {
  appInfo: AppInfoService;
}

function notYet(method: string): () => never {
  return () => {
    throw new AppError('NotImplemented', `${method} is not implemented yet.`);
  };
}

export function createHandlerTable(services: Services): HandlerTable {
  return {
    getAppInfo: () => services.appInfo.get(),
    getStorageLocations: notYet('getStorageLocations'),
    getSettings: notYet('getSettings'),
    updateSettings: notYet('updateSettings'),
    listProfiles: notYet('listProfiles'),
    createProfile: notYet('createProfile'),
    updateProfile: notYet('updateProfile'),
    deleteProfile: notYet('deleteProfile'),
    switchProfile: notYet('switchProfile'),
    importProfiles: notYet('importProfiles'),
    loadInventory: notYet('loadInventory'),
    cancelInventory: notYet('cancelInventory'),
    listDrafts: notYet('listDrafts'),
    openDraft: notYet('openDraft'),
    getDraft: notYet('getDraft'),
    saveDraft: notYet('saveDraft'),
    discardDraft: notYet('discardDraft'),
    exportDraft: notYet('exportDraft'),
    importDraft: notYet('importDraft'),
    reconcileDraft: notYet('reconcileDraft'),
    resolveConflict: notYet('resolveConflict'),
    applyDraft: notYet('applyDraft'),
    confirmJob: notYet('confirmJob'),
    rollbackJob: notYet('rollbackJob'),
    listJobs: notYet('listJobs'),
    getTimeline: notYet('getTimeline'),
    exportTimeline: notYet('exportTimeline'),
  };
}
