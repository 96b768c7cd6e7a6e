// The one service the IPC tests need for real answers: app info with fixed values they can assert.
import type { AppInfo } from '../../../core/contract.ts';

export const appInfoService = {
  appInfo: {
    get: async (): Promise<AppInfo> => ({
      name: 'IPsec Studio',
      version: '1.2.3',
      platform: 'linux',
      arch: 'x64',
      versions: { node: '22.0.0' },
      keychain: { backend: 'libsecret', available: true },
    }),
  },
};
