// The main-side implementation of the contract: one entry per method, each delegating to a plain-Node service.
import type { MethodName, MethodResult, ParsedArgs } from '../../core/contract.ts';
import type { AppInfoService } from '../services/app-info.ts';

export type HandlerTable = {
  [M in MethodName]: (args: ParsedArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>;
};

export interface Services {
  appInfo: AppInfoService;
}

export function createHandlerTable(services: Services): HandlerTable {
  return {
    getAppInfo: () => services.appInfo.get(),
  };
}
