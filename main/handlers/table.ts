// The main-side implementation of the contract: one entry per method, each delegating to a plain-Node service.
// The dispatcher has already validated the payload against the contract's schema; the services add domain checks.
import type { MethodName, MethodResult, ParsedArgs } from '../../core/contract.ts';
import { AppError } from '../../core/errors.ts';
import { ApiError } from '../services/api-error.ts';
import type { ApplyEngine } from '../services/apply/engine.ts';
import type { AppInfoService } from '../services/app-info.ts';
import type { DraftsService } from '../services/drafts.ts';
import type { InventoryService } from '../services/inventory.ts';
import type { ImportResult } from '../services/profile-import.ts';
import type { ProfilesService } from '../services/profiles.ts';
import type { SettingsService } from '../services/settings.ts';
import type { TimelineService } from '../services/timeline.ts';
import type { StorageLocations } from '../../core/contract.ts';

export type HandlerTable = {
  [M in MethodName]: (args: ParsedArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>;
};

export interface FullServices {
  storage: { locations(): Promise<StorageLocations> };
  settings: SettingsService;
  profiles: ProfilesService;
  profileImport: { fromAliyunCli(): Promise<ImportResult>; fromEnvironment(): Promise<ImportResult> };
  inventory: InventoryService;
  drafts: DraftsService;
  apply: ApplyEngine;
  timeline: TimelineService;
}

/** appInfo is always there; the rest are optional so small tables (IPC tests) can be built with fakes. */
export type Services = { appInfo: AppInfoService } & Partial<FullServices>;

function need<K extends keyof FullServices>(services: Services, name: K, method: string): FullServices[K] {
  const service = services[name];
  if (!service) throw new AppError('NotImplemented', `${method} is not available in this build.`);
  return service as FullServices[K];
}

/** API failures cross as their own code (e.g. `InvalidVpnConnectionInstanceId.NotFound`), not as "Internal". */
function withApiErrors(table: HandlerTable): HandlerTable {
  const wrapped: Record<string, (args: never) => unknown> = {};
  for (const [method, handler] of Object.entries(table) as Array<[string, (args: never) => unknown]>) {
    wrapped[method] = async (args: never) => {
      try {
        return await handler(args);
      } catch (error) {
        if (error instanceof ApiError) throw new AppError(error.shape.code, error.shape.message, error.shape.field);
        throw error;
      }
    };
  }
  return wrapped as unknown as HandlerTable;
}

export function createHandlerTable(services: Services): HandlerTable {
  const s = <K extends keyof FullServices>(name: K, method: MethodName) => need(services, name, method);
  return withApiErrors({
    getAppInfo: () => services.appInfo.get(),
    getStorageLocations: () => s('storage', 'getStorageLocations').locations(),
    getSettings: () => s('settings', 'getSettings').get(),
    updateSettings: (args) => s('settings', 'updateSettings').update(args),
    listProfiles: () => s('profiles', 'listProfiles').state(),
    createProfile: (args) => s('profiles', 'createProfile').create(args),
    updateProfile: (args) => s('profiles', 'updateProfile').update(args),
    deleteProfile: (args) => s('profiles', 'deleteProfile').remove(args.profileId),
    switchProfile: (args) => s('profiles', 'switchProfile').switchTo(args.profileId),
    importProfiles: (args) => {
      const importer = s('profileImport', 'importProfiles');
      return args.source === 'aliyun-cli' ? importer.fromAliyunCli() : importer.fromEnvironment();
    },
    loadInventory: (args) => s('inventory', 'loadInventory').list(args),
    loadGatewayConnections: (args) => s('inventory', 'loadGatewayConnections').gatewayConnections(args.VpnGatewayIds),
    refreshConnection: (args) => s('inventory', 'refreshConnection').refreshConnection(args.RegionId, args.VpnConnectionId),
    cancelInventory: () => ({ cancelled: s('inventory', 'cancelInventory').cancel() }),
    listDrafts: () => s('drafts', 'listDrafts').list(),
    openDraft: (args) => s('drafts', 'openDraft').open(args.RegionId, args.VpnConnectionId),
    getDraft: (args) => s('drafts', 'getDraft').get(args.draftId),
    saveDraft: (args) => s('drafts', 'saveDraft').save(args.draftId, args.draft as Parameters<DraftsService['save']>[1]),
    discardDraft: (args) => ({ discarded: s('drafts', 'discardDraft').discard(args.draftId) }),
    exportDraft: (args) => s('drafts', 'exportDraft').exportFile(args.draftId),
    importDraft: (args) => s('drafts', 'importDraft').importFile(args.content),
    reconcileDraft: (args) => s('drafts', 'reconcileDraft').reconcile(args.draftId),
    resolveConflict: (args) => s('drafts', 'resolveConflict').resolve(args.draftId, args.path, args.take),
    applyDraft: (args) => s('apply', 'applyDraft').apply(args.draftId, args.confirmWindowSeconds),
    applyDrafts: (args) => s('apply', 'applyDrafts').applyMany(args.draftIds, args.confirmWindowSeconds),
    confirmJob: (args) => s('apply', 'confirmJob').confirm(args.jobId),
    rollbackJob: (args) => s('apply', 'rollbackJob').rollback(args.jobId),
    listJobs: () => s('apply', 'listJobs').list(),
    getTimeline: (args) => s('timeline', 'getTimeline').query(args),
    exportTimeline: (args) =>
      s('timeline', 'exportTimeline').export(args.format, {
        ...(args.VpnConnectionId !== undefined && { VpnConnectionId: args.VpnConnectionId }),
        ...(args.jobId !== undefined && { jobId: args.jobId }),
      }),
  });
}
