// Scans the sources for settings that must never appear, and for calls that must stay in one place.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const appSources = ['main', 'preload', 'renderer', 'core'].flatMap(sourceFiles);
const read = (file: string) => readFileSync(file, 'utf8');

describe('source scan', () => {
  it.each([
    /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/,
    /contextIsolation\s*:\s*false/,
    /sandbox\s*:\s*false/,
    /webSecurity\s*:\s*false/,
    /allowRunningInsecureContent\s*:\s*true/,
    /webviewTag\s*:\s*true/,
    /experimentalFeatures\s*:\s*true/,
    /enableBlinkFeatures/,
  ])('no source sets %s', (pattern) => {
    const offenders = appSources.filter((file) => pattern.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it('calls shell.openExternal from exactly one helper', () => {
    const callers = appSources.filter((file) => /openExternal\(/.test(read(file)));
    expect(callers).toEqual([path.join('main', 'electron', 'open-external.ts')]);
  });

  it('builds webPreferences only through buildWebPreferences', () => {
    const literal = appSources.filter((file) => /webPreferences\s*:\s*\{/.test(read(file)));
    expect(literal).toEqual([]);
    expect(read('main/electron/main.ts')).toMatch(/webPreferences:\s*buildWebPreferences\(/);
  });

  it('enables the sandbox for every renderer before the app is ready', () => {
    const main = read('main/electron/main.ts');
    const sandbox = main.indexOf('app.enableSandbox()');
    expect(sandbox).toBeGreaterThan(-1);
    expect(sandbox).toBeLessThan(main.indexOf('app.whenReady()'));
    expect(main.indexOf('registerAppScheme()')).toBeLessThan(main.indexOf('app.whenReady()'));
  });

  it('composes nothing when another instance holds the lock', () => {
    const main = read('main/electron/main.ts');
    expect(main).toMatch(/const firstInstance = app\.requestSingleInstanceLock\(\);\s*if \(!firstInstance\) app\.quit\(\);/);
    expect(main).toMatch(/if \(firstInstance\) void app\.whenReady\(\)/);
    expect(main.match(/app\.whenReady\(\)/g)).toHaveLength(1);
    expect(main).not.toMatch(/process\.env\.ELECTRON_RENDERER_URL/);
  });

  it('applies the navigation policy to subframes too (will-frame-navigate)', () => {
    const harden = read('main/electron/harden.ts');
    expect(harden).toMatch(/on\('will-frame-navigate',[\s\S]*?isAllowedNavigation\(event\.url, appOrigin\)/);
  });

  it('hardens every web contents and the default session', () => {
    const main = read('main/electron/main.ts');
    expect(main).toMatch(/on\('web-contents-created',[^\n]*hardenWebContents\(/);
    expect(main).toMatch(/hardenSession\(session\.defaultSession\)/);
  });

  it('keeps ipcRenderer inside the preload and never exposes it', () => {
    const users = appSources.filter((file) => /ipcRenderer/.test(read(file)));
    expect(users).toEqual([path.join('preload', 'index.ts')]);
    // What crosses is the bridge built around it (two functions, tested in test/ipc), never ipcRenderer itself.
    const exposed = read('preload/index.ts').match(/exposeInMainWorld\(.*\);/g);
    expect(exposed).toEqual(["exposeInMainWorld('bridge', createBridge(ipcRenderer));"]);
  });

  it('loads no remote content in the window', () => {
    const main = read('main/electron/main.ts');
    expect(main).not.toMatch(/loadURL\(\s*['"`]https?:/);
  });
});
