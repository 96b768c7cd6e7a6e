// Playwright fixtures: the built renderer in Chromium, with window.bridge standing in for the preload (replies as JSON
// text, as over IPC) and every call forwarded to main's real dispatcher and handler table: the same composeApp as Electron, with a temp data
// folder per test, the Sandbox emulator in-process (short update time), the real keychain when
// IPSEC_STUDIO_TEST_KEYRING=1 (else session-only secrets), and every pushed event forwarded to the page.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import type { EventName, EventPayload } from '../../../core/contract.ts';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/index.ts';
import { composeApp, type ComposedApp } from '../../../main/compose.ts';
import { dispatchText } from '../../../main/handlers/dispatch.ts';
import { startCuttableProxy, type CuttableProxy } from './cuttable-proxy.ts';
import { BRIDGE_BUNDLE } from './global-setup.ts';
import { logEntry, type IpcLogEntry } from './ipc-log.ts';
import { serveRenderer } from './static-server.ts';

export const SCREENSHOT_DIR = path.resolve('screenshots/e2e');

export interface AppHarness {
  page: Page;
  origin: string;
  ipcLog: IpcLogEntry[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
  open(): Promise<void>;
  /** The running Sandbox emulator: setFaults, close() to simulate offline, modificationCount, setPeer, dumpState. */
  emulator: RunningEmulator;
  /** This test's data folder (store files, timeline.jsonl). */
  dataDir: string;
  /** The composed main-side services (drafts, apply engine, timeline, …) behind the handler table. */
  services: ComposedApp['services'];
  /** Every event main pushed, in order (also forwarded to the page when it is open). */
  events: Array<{ event: EventName; payload: unknown }>;
}

/** Gateway update time of the e2e Sandbox: short, so applies finish in well under a second. */
export const E2E_UPDATE_SECONDS = 0.2;

const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** One studio: its own data folder and composed main, a page bound to it, against the given Sandbox emulator. */
async function startInstance(page: Page, emulator: RunningEmulator, endpoint = emulator.endpoint): Promise<{ harness: AppHarness; close(): Promise<void> }> {
  const server = await serveRenderer(path.resolve('out/renderer'));
  process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-e2e-'));
  const events: AppHarness['events'] = [];
  const forward = (event: EventName, payload: unknown) => {
    events.push({ event, payload });
    // Before the page has loaded the bridge there is nobody to tell; the renderer fetches state on start.
    page
      .evaluate(([name, value]) => {
        (window as unknown as { __e2eEmit?(e: string, p: unknown): void }).__e2eEmit?.(name, value);
      }, [event, payload] as const)
      .catch(() => undefined);
  };
  const composed = await composeApp({
    facts: { name: 'IPsec Studio', version: packageVersion, platform: process.platform, arch: process.arch, versions: { node: process.versions.node } },
    dataDir,
    emit: (event, payload) => forward(event, payload),
    ...(process.env.IPSEC_STUDIO_TEST_KEYRING === '1' ? {} : { keychain: null }),
    sandbox: async () => ({ endpoint, credentials: emulator.credentials, close: async () => undefined }),
    apply: { retry: { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 400 }, poll: { initialMs: 50, maxMs: 250, growth: 0.1, timeoutMs: 60_000 }, confirmPollMs: 200, settleMs: 1500 },
    // Electron prints with printToPDF; here the same Chromium prints the same page (headless page.pdf).
    printPdf: (html) => printInChromium(page, html),
  }).catch(async (error: unknown) => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const table = composed.table;
  const ipcLog: AppHarness['ipcLog'] = [];
  await page.exposeBinding('__e2eInvoke', async (source, method: string, args: unknown) => {
    const sender = { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() };
    const text = await dispatchText(table, method, args, sender, { allowedOrigins: [server.origin] });
    ipcLog.push(logEntry(method, args, text));
    return text;
  });
  await page.addInitScript({ path: BRIDGE_BUNDLE });
  const harness: AppHarness = {
    page,
    origin: server.origin,
    ipcLog,
    emit: async (event, payload) => {
      await page.evaluate(([name, value]) => {
        (window as unknown as { __e2eEmit(e: string, p: unknown): void }).__e2eEmit(name, value);
      }, [event, payload] as const);
    },
    open: async () => {
      await page.goto(`${server.origin}/index.html`);
    },
    emulator,
    dataDir,
    services: composed.services,
    events,
  };
  return {
    harness,
    close: async () => {
      await composed.dispose();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function printInChromium(page: Page, html: string): Promise<Uint8Array> {
  const printer = await page.context().newPage();
  try {
    await printer.setContent(html);
    return new Uint8Array(await printer.pdf({ preferCSSPageSize: true, printBackground: true }));
  } finally {
    await printer.close();
  }
}

/** A second studio, with a network cable of its own to the shared Sandbox. */
export type SecondApp = AppHarness & { setConnected(connected: boolean): void };

export const test = base.extend<{ app: AppHarness; emulatorOptions: EmulatorOptions; secondApp: () => Promise<SecondApp> }>({
  /** Extra options for this test's Sandbox emulator (e.g. a strongSwan-backed `peerNegotiator`), via `test.use`. */
  emulatorOptions: [{}, { option: true }],
  app: async ({ page, emulatorOptions }, use) => {
    const emulator = await startEmulator({ port: 0, updateSeconds: E2E_UPDATE_SECONDS, ...emulatorOptions });
    const instance = await startInstance(page, emulator);
    await use(instance.harness);
    await instance.close();
    await emulator.close();
  },
  /** Another person's machine: a second studio (own data folder, own browser context) against the same Sandbox. */
  secondApp: async ({ app, browser }, use) => {
    const started: Array<{ close(): Promise<void>; page: Page; proxy: CuttableProxy }> = [];
    await use(async () => {
      const context = await browser.newContext({ acceptDownloads: true });
      const page = await context.newPage();
      const proxy = await startCuttableProxy(app.emulator.endpoint);
      try {
        const instance = await startInstance(page, app.emulator, proxy.endpoint);
        started.push({ close: instance.close, page, proxy });
        return { ...instance.harness, setConnected: proxy.setConnected };
      } catch (error) {
        await proxy.close();
        await context.close();
        throw error;
      }
    });
    // Every instance is torn down even when one of them fails to close.
    const failures: unknown[] = [];
    for (const s of started) {
      for (const step of [() => s.close(), () => s.page.context().close(), () => s.proxy.close()]) await step().catch((e: unknown) => failures.push(e));
    }
    if (failures.length > 0) throw failures[0];
  },
});

export { expect } from '@playwright/test';
