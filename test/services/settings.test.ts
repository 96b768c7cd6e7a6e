// Settings read back from settings.json are checked field by field: the file may be hand-edited or damaged.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSettingsService, DEFAULT_SETTINGS } from '../../main/services/settings.ts';
import { openStore } from '../../main/services/store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storeWith(settings: unknown) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-settings-'));
  dirs.push(dir);
  const store = openStore({ name: 'settings', version: 1, migrations: [(d) => d] }, { dataDir: dir });
  store.set('settings', settings);
  return store;
}

describe('settings service', () => {
  it('falls back to the default for each stored value that is not one the app knows', () => {
    const service = createSettingsService(storeWith({ language: 'fr', theme: 42, confirmWindowSeconds: -5, extra: 'x' }));
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid stored values and drops the rest', () => {
    const service = createSettingsService(storeWith({ language: 'zh-CN', theme: 'dark', confirmWindowSeconds: '60', settleSeconds: 45 }));
    expect(service.get()).toEqual({ language: 'zh-CN', theme: 'dark', confirmWindowSeconds: 0, settleSeconds: 45 });
  });

  it('reads a stored value that is not an object (a string, an array) as the defaults instead of spreading it', () => {
    expect(createSettingsService(storeWith('dark')).get()).toEqual(DEFAULT_SETTINGS);
    expect(createSettingsService(storeWith(['en'])).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses confirm windows outside what updateSettings accepts', () => {
    for (const seconds of [1.5, 3601, Number.MAX_SAFE_INTEGER]) {
      expect(createSettingsService(storeWith({ confirmWindowSeconds: seconds })).get().confirmWindowSeconds).toBe(0);
    }
    const service = createSettingsService(storeWith({}));
    expect(service.update({ confirmWindowSeconds: 120, theme: 'light' })).toEqual({ language: 'system', theme: 'light', confirmWindowSeconds: 120, settleSeconds: 20 });
    expect(service.get().confirmWindowSeconds).toBe(120);
  });

  it('keeps the settle period within what updateSettings accepts (5–600 s), else the 20 s default', () => {
    for (const seconds of [0, 4, 601, 7.5, '30', null]) {
      expect(createSettingsService(storeWith({ settleSeconds: seconds })).get().settleSeconds).toBe(20);
    }
    const service = createSettingsService(storeWith({}));
    expect(service.update({ settleSeconds: 90 }).settleSeconds).toBe(90);
    expect(service.get().settleSeconds).toBe(90);
  });
});
