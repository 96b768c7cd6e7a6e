import { describe, expect, it } from 'vitest';
import { buildPrintWebPreferences, buildWebPreferences } from '../../main/security/web-preferences.ts';

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

describe('buildPrintWebPreferences', () => {
  it('prints the change sheet in a window with no preload, no script and no Node', () => {
    expect(buildPrintWebPreferences()).toStrictEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      javascript: false,
      devTools: false,
    });
  });
});
