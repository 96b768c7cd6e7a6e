// What every handler module shares: the handler types derived from the contract, the services the handlers delegate
// to, and `need`, which answers NotImplemented when a small table (IPC tests) was built without that service.
import type { MethodName, MethodResult, ParsedArgs, StorageLocations } from '../../core/contract.ts';
import { AppError } from '../../core/errors.ts';
import type { ApplyEngine } from '../services/apply/engine.ts';
import type { AppInfoService } from '../services/app-info.ts';
import type { BundlesService } from '../services/bundles.ts';
import type { ChangeSheetService } from '../services/change-sheet.ts';
import type { DraftsService } from '../services/drafts.ts';
import type { InventoryService } from '../services/inventory.ts';
import type { PeerGate } from '../services/peer-gate.ts';
import type { PeersService } from '../services/peers.ts';
import type { ImportResult } from '../services/profile-import.ts';
import type { ProfilesService } from '../services/profiles.ts';
import type { SettingsService } from '../services/settings.ts';
import type { TimelineService } from '../services/timeline.ts';

/** A method's handler: the payload is already valid by the contract's schema; the services add domain checks. */
export type Handler<M extends MethodName> = (args: ParsedArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>;

/** The whole table: one handler per contract method. */
export type HandlerTable = { [M in MethodName]: Handler<M> };

/** One handler module's part of the table: a handler for each method of its contract domain module
 * (`HandlersFor<typeof draftMethods>`), so a method added there without a handler fails to compile here. */
export type HandlersFor<Methods> = { [M in keyof Methods & MethodName]: Handler<M> };

export interface FullServices {
  storage: { locations(): Promise<StorageLocations> };
  settings: SettingsService;
  profiles: ProfilesService;
  profileImport: { fromAliyunCli(): Promise<ImportResult>; fromEnvironment(): Promise<ImportResult> };
  inventory: InventoryService;
  drafts: DraftsService;
  peers: PeersService;
  peerGate: PeerGate;
  bundles: BundlesService;
  changeSheet: ChangeSheetService;
  apply: ApplyEngine;
  timeline: TimelineService;
}

/** appInfo is always there; the rest are optional so small tables (IPC tests) can be built with fakes. */
export type Services = { appInfo: AppInfoService } & Partial<FullServices>;

/** What a handler module is built from: the services, and `need(service, method)` for the optional ones. */
export interface HandlerKit {
  services: Services;
  need<K extends keyof FullServices>(name: K, method: MethodName): FullServices[K];
}

export function handlerKit(services: Services): HandlerKit {
  return {
    services,
    need<K extends keyof FullServices>(name: K, method: MethodName): FullServices[K] {
      const service = services[name];
      if (!service) throw new AppError('NotImplemented', `${method} is not available in this build.`);
      return service as FullServices[K];
    },
  };
}
