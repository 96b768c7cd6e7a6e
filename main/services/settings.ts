import type { MethodArgs, Settings } from '../../core/contract.ts';
import { RECORD_OK, type KeyValueStore, type StoreSpec } from './store.ts';

export const SETTINGS_STORE: StoreSpec = {
  name: 'settings',
  version: 1,
  migrations: [(d) => d],
  // Settings that are not an object at all are kept aside for the user, and the defaults take over; a single odd
  // value inside falls back on its own (fromStored).
  check: (key, value) => (key !== 'settings' || (value !== null && typeof value === 'object' && !Array.isArray(value)) ? RECORD_OK : { ok: false, reason: 'not a settings object' }),
};

export const DEFAULT_SETTINGS: Settings = { language: 'system', theme: 'system', confirmWindowSeconds: 0, settleSeconds: 20 };

const LANGUAGES: ReadonlySet<string> = new Set(['system', 'zh-CN', 'en']);
const THEMES: ReadonlySet<string> = new Set(['system', 'light', 'dark']);

/**
 * The stored settings, field by field: settings.json can be edited by hand or written by another version, and what
 * comes back goes to the renderer and sets the default confirm window of every apply, so an unknown value falls
 * back to its default and unknown keys are not passed on.
 */
function fromStored(stored: unknown): Settings {
  const s = stored !== null && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const seconds = s.confirmWindowSeconds;
  const settle = s.settleSeconds;
  return {
    language: typeof s.language === 'string' && LANGUAGES.has(s.language) ? (s.language as Settings['language']) : DEFAULT_SETTINGS.language,
    theme: typeof s.theme === 'string' && THEMES.has(s.theme) ? (s.theme as Settings['theme']) : DEFAULT_SETTINGS.theme,
    confirmWindowSeconds:
      typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0 && seconds <= 3600 ? seconds : DEFAULT_SETTINGS.confirmWindowSeconds,
    settleSeconds: typeof settle === 'number' && Number.isInteger(settle) && settle >= 5 && settle <= 600 ? settle : DEFAULT_SETTINGS.settleSeconds,
  };
}

export function createSettingsService(store: KeyValueStore) {
  const get = (): Settings => fromStored(store.get<unknown>('settings'));
  return {
    get,
    update(patch: MethodArgs<'updateSettings'>): Settings {
      const next: Settings = { ...get() };
      if (patch.language !== undefined) next.language = patch.language;
      if (patch.theme !== undefined) next.theme = patch.theme;
      if (patch.confirmWindowSeconds !== undefined) next.confirmWindowSeconds = patch.confirmWindowSeconds;
      if (patch.settleSeconds !== undefined) next.settleSeconds = patch.settleSeconds;
      store.set('settings', next);
      return next;
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
