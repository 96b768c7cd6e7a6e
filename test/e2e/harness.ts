// The running studio outside the Playwright test runner (screenshot script, renderer bench): the built renderer in
// Debian's Chromium, window.bridge from the e2e bridge (standing in for the preload), every call dispatched to the same
// composeApp as Electron with a temp data folder and the Sandbox emulator in-process. Mirrors support/fixtures.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { EventName } from '../../core/contract.ts';
import { startEmulator, type EmulatorSeed, type RunningEmulator } from '../../emulator/index.ts';
import { composeApp, type ComposedApp } from '../../main/compose.ts';
import { dispatchText } from '../../main/handlers/dispatch.ts';
import buildBridge, { BRIDGE_BUNDLE } from './support/global-setup.ts';
import { logEntry, type IpcLogEntry } from './support/ipc-log.ts';
import { serveRenderer } from './support/static-server.ts';

export interface Studio {
  browser: Browser;
  page: Page;
  origin: string;
  emulator: RunningEmulator;
  composed: ComposedApp;
  dataDir: string;
  /** Every call the page made through the bridge, with main's reply envelope. */
  ipcLog: IpcLogEntry[];
  open(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  seed?: EmulatorSeed;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  locale?: string;
  settings?: { language?: 'system' | 'zh-CN' | 'en'; theme?: 'system' | 'light' | 'dark'; confirmWindowSeconds?: number };
}

export async function launchStudio(options: LaunchOptions = {}): Promise<Studio> {
  await buildBridge();
  const server = await serveRenderer(path.resolve('out/renderer'));
  process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-run-'));
  const emulator = await startEmulator({ port: 0, updateSeconds: 0.3, ...(options.seed && { seed: options.seed }) });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const forward = (event: EventName, payload: unknown) => {
    page
      .evaluate(([name, value]) => (window as unknown as { __e2eEmit?(e: string, p: unknown): void }).__e2eEmit?.(name, value), [event, payload] as const)
      .catch(() => undefined);
  };
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  const composed = await composeApp({
    facts: { name: 'IPsec Studio', version, platform: process.platform, arch: process.arch, versions: { node: process.versions.node } },
    dataDir,
    emit: forward,
    keychain: null,
    sandbox: async () => ({ endpoint: emulator.endpoint, credentials: emulator.credentials, close: async () => undefined }),
    apply: { retry: { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 400 }, poll: { initialMs: 50, maxMs: 250, growth: 0.1, timeoutMs: 60_000 }, confirmPollMs: 200, settleMs: 1500 },
  });
  if (options.settings) composed.services.settings.update(options.settings);
  const ipcLog: Studio['ipcLog'] = [];
  await page.exposeBinding('__e2eInvoke', async (source, method: string, args: unknown) => {
    const sender = { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() };
    const started = performance.now();
    const text = await dispatchText(composed.table, method, args, sender, { allowedOrigins: [server.origin] });
    ipcLog.push(logEntry(method, args, text, performance.now() - started));
    return text;
  });
  await page.addInitScript({ path: BRIDGE_BUNDLE });
  return {
    browser,
    page,
    origin: server.origin,
    emulator,
    composed,
    dataDir,
    ipcLog,
    open: async () => {
      await page.goto(`${server.origin}/index.html`);
    },
    close: async () => {
      await browser.close();
      await composed.dispose();
      await emulator.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
