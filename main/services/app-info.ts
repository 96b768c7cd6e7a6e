import type { AppInfo, KeychainStatus } from '../../core/contract.ts';

export interface AppInfoService {
  get(): Promise<AppInfo>;
}

export interface AppInfoSource {
  name: string;
  version: string;
  platform: string;
  arch: string;
  versions: AppInfo['versions'];
  /** The keychain status found when the app started. */
  keychainStatus: () => Promise<KeychainStatus>;
}

export function createAppInfoService(source: AppInfoSource): AppInfoService {
  return {
    async get() {
      return {
        name: source.name,
        version: source.version,
        platform: source.platform,
        arch: source.arch,
        versions: source.versions,
        keychain: await source.keychainStatus(),
      };
    },
  };
}
