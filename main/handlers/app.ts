// Handlers of the contract's app domain (core/contract/app.ts): app info, storage locations, settings.
import type { appMethods } from '../../core/contract.ts';
import type { HandlerKit, HandlersFor } from './kit.ts';

export function appHandlers({ services, need }: HandlerKit): HandlersFor<typeof appMethods> {
  return {
    getAppInfo: () => services.appInfo.get(),
    getStorageLocations: () => need('storage', 'getStorageLocations').locations(),
    getSettings: () => need('settings', 'getSettings').get(),
    updateSettings: (args) => need('settings', 'updateSettings').update(args),
  };
}
