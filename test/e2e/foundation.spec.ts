/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, SCREENSHOT_DIR, test } from './support/fixtures.ts';

/** The "About this installation" panel lives in Settings (the first screen is the editor). */
async function openAbout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
}

test('the built renderer calls a real main handler through the bridge', async ({ app }) => {
  await app.open();
  await openAbout(app.page);
  await expect(app.page.getByTestId('app-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(app.page.getByTestId('keychain')).toBeVisible();
  expect(app.ipcLog.map((entry) => entry.method)).toContain('getAppInfo');
  expect(app.ipcLog.every((entry) => (entry.reply as { ok: boolean }).ok)).toBe(true);
  if (process.env.IPSEC_STUDIO_TEST_KEYRING === '1') {
    await expect(app.page.getByTestId('keychain')).toHaveText(/Secret Service \(libsecret\) \(available\)/);
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, 'foundation-app-info.png');
  await app.page.screenshot({ path: file });
  console.log(`e2e screenshot saved to ${file}`);
});

test('window.bridge is two frozen functions over the contract and nothing from Node leaks', async ({ app }) => {
  await app.open();
  const surface = await app.page.evaluate(async () => {
    const bridge = (window as unknown as { bridge: { invoke(m: string, a: unknown): Promise<string> } }).bridge;
    const refused = await bridge.invoke('require', {}).then(
      () => 'sent',
      (reason: { code?: string }) => reason.code,
    );
    return {
      bridge: Object.keys(bridge).sort(),
      frozen: Object.isFrozen(bridge),
      reply: typeof (await bridge.invoke('getAppInfo', {})),
      refused,
      api: typeof (window as unknown as { api?: unknown }).api,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    };
  });
  expect(surface).toEqual({ bridge: ['invoke', 'on'], frozen: true, reply: 'string', refused: 'Ipc.UnknownMethod', api: 'undefined', require: 'undefined', process: 'undefined' });
  expect(app.ipcLog.some((entry) => entry.method === 'require')).toBe(false);
});

test('the production CSP blocks injected inline script', async ({ app }) => {
  await app.open();
  const violations = await app.page.evaluate(async () => {
    const seen: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => seen.push(event.violatedDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.head.appendChild(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, seen };
  });
  expect(violations.ran).toBe(false);
  expect(violations.seen.join(' ')).toMatch(/script-src/);
});

test('the renderer makes no request outside its own origin', async ({ app }) => {
  const foreign: string[] = [];
  app.page.on('request', (request) => {
    if (!request.url().startsWith(app.origin)) foreign.push(request.url());
  });
  await app.open();
  await openAbout(app.page);
  await expect(app.page.getByTestId('app-version')).toBeVisible();
  const fetchResult = await app.page.evaluate(async () => {
    try {
      await fetch('https://vpc.aliyuncs.com/');
      return 'fetched';
    } catch {
      return 'blocked';
    }
  });
  expect(fetchResult).toBe('blocked');
  expect(foreign.filter((url) => !url.startsWith('https://vpc.aliyuncs.com'))).toEqual([]);
});

test('a subframe cannot call main even on the app origin, and the app cannot be framed', async ({ app }) => {
  await app.open();
  await openAbout(app.page);
  await expect(app.page.getByTestId('app-version')).toBeVisible();
  await app.page.evaluate(async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = '<p>child</p>';
    document.body.appendChild(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve));
  });
  const child = app.page.frames().find((frame) => frame !== app.page.mainFrame());
  expect(child).toBeDefined();
  const reply = await child!.evaluate(() =>
    (window as unknown as { __e2eInvoke(m: string, a: unknown): Promise<string> }).__e2eInvoke('getAppInfo', {}),
  );
  expect(JSON.parse(reply)).toMatchObject({ ok: false, error: { code: 'Ipc.UntrustedSender' } });

  const framedAppLoaded = await app.page.evaluate(async () => {
    const frame = document.createElement('iframe');
    frame.src = '/index.html';
    document.body.appendChild(frame);
    await new Promise((resolve) => setTimeout(resolve, 500));
    try {
      return frame.contentDocument?.getElementById('root') !== null && frame.contentDocument !== null;
    } catch {
      return false;
    }
  });
  expect(framedAppLoaded).toBe(false);
});
