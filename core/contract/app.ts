// The contract's app domain: what the app is and runs on, where it keeps things, and the user's settings.
import * as z from 'zod';
import { noArgs, shape, type MethodSpecs } from './schema.ts';

export type KeychainBackend = 'libsecret' | 'macos-keychain' | 'windows-credential-manager' | 'unavailable';

export interface KeychainStatus {
  backend: KeychainBackend;
  available: boolean;
  /** Why the keychain is unavailable, as a code the renderer words (keychain.reason.* in both languages). */
  reason?: KeychainUnavailableReason;
  /** The underlying error, in the platform's words (English), for support only. */
  detail?: string;
}

export type KeychainUnavailableReason = 'no-secret-service' | 'no-keychain' | 'no-answer' | 'not-configured';

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  arch: string;
  /** Runtime versions as seen by main: node always, electron/chrome when running inside Electron. */
  versions: { node: string; electron?: string; chrome?: string };
  keychain: KeychainStatus;
}

export interface Settings {
  language: 'system' | 'zh-CN' | 'en';
  theme: 'system' | 'light' | 'dark';
  /** Default confirm window for applies (0 = apply without a confirm window). */
  confirmWindowSeconds: number;
  /** How long every tunnel is watched after an apply without a confirm window before it counts as succeeded. */
  settleSeconds: number;
}

export interface StorageLocations {
  dataFolder: string;
  secrets: KeychainStatus;
}

export const appMethods = {
  getAppInfo: { args: noArgs, result: shape<AppInfo>() },
  getStorageLocations: { args: noArgs, result: shape<StorageLocations>() },

  getSettings: { args: noArgs, result: shape<Settings>() },
  updateSettings: {
    args: z
      .object({
        language: z.enum(['system', 'zh-CN', 'en']).optional(),
        theme: z.enum(['system', 'light', 'dark']).optional(),
        confirmWindowSeconds: z.number().int().min(0).max(3600).optional(),
        settleSeconds: z.number().int().min(5).max(600).optional(),
      })
      .strict(),
    result: shape<Settings>(),
  },
} as const satisfies MethodSpecs;
