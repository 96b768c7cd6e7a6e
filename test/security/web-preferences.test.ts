import { describe, expect, it } from 'vitest';
import { buildWebPreferences } from '../../main/security/web-preferences.ts';

describe('buildWebPreferences', () => {
  it('isolates the renderer completely', () => {
    expect(buildWebPreferences('/app/out/preload/index.cjs')).toStrictEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('allows DevTools only when asked (unpacked runs)', () => {
    expect(buildWebPreferences('/x/preload/index.cjs', { devTools: true }).devTools).toBe(true);
    expect(buildWebPreferences('/x/preload/index.cjs', { devTools: false }).devTools).toBe(false);
  });

  it('loads a CommonJS preload, the only kind a sandboxed window can run', () => {
    expect(buildWebPreferences('/x/preload/index.cjs').preload.endsWith('.cjs')).toBe(true);
  });
});
