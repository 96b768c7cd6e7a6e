// Composition root for main's services, shared by the Electron entry point and the e2e bridge so that both run the
// same wiring (only the runtime facts differ).
import type { AppInfo } from '../core/contract.ts';
import { createHandlerTable, type HandlerTable, type Services } from './handlers/table.ts';
import { createAppInfoService } from './services/app-info.ts';
import { loadKeytar, probeKeychain } from './services/keychain-probe.ts';

export interface RuntimeFacts {
  name: string;
  version: string;
  platform: string;
  arch: string;
  versions: AppInfo['versions'];
}

export function composeServices(facts: RuntimeFacts): Services {
  return {
    appInfo: createAppInfoService({ ...facts, probeKeychain: () => probeKeychain(loadKeytar, facts.platform) }),
  };
}

export function composeHandlerTable(facts: RuntimeFacts): HandlerTable {
  return createHandlerTable(composeServices(facts));
}
