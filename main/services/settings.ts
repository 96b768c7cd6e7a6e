import type { MethodArgs, Settings } from '../../core/contract.ts';
import type { KeyValueStore } from './store.ts';

export const DEFAULT_SETTINGS: Settings = { language: 'system', theme: 'system', confirmWindowSeconds: 0 };

export function createSettingsService(store: KeyValueStore) {
  const get = (): Settings => ({ ...DEFAULT_SETTINGS, ...(store.get<Partial<Settings>>('settings') ?? {}) });
  return {
    get,
    update(patch: MethodArgs<'updateSettings'>): Settings {
      const next: Settings = { ...get() };
      if (patch.language !== undefined) next.language = patch.language;
      if (patch.theme !== undefined) next.theme = patch.theme;
      if (patch.confirmWindowSeconds !== undefined) next.confirmWindowSeconds = patch.confirmWindowSeconds;
      store.set('settings', next);
      return next;
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
