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
  probeKeychain: () => Promise<KeychainStatus>;
}

export function createAppInfoService(source: AppInfoSource): AppInfoService {
  // The keychain can appear or vanish while the app runs (session unlocked later), so it is probed per call.
  return {
    async get() {
      return {
        name: source.name,
        version: source.version,
        platform: source.platform,
        arch: source.arch,
        versions: source.versions,
        keychain: await source.probeKeychain(),
      };
    },
  };
}
