// Test harness: the real composeApp against a temp data folder (conf), the emulator over HTTP on 127.0.0.1, and a
// secret store (session by default; the real gnome-keyring when a test asks for it and it is available).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventName } from '../../../core/contract.ts';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/index.ts';
import { composeApp, type ComposedApp, type ComposeOptions } from '../../../main/compose.ts';
import { dispatch } from '../../../main/handlers/dispatch.ts';
import type { SecretStore } from '../../../main/services/secret-store.ts';

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';

export const keyringReady = process.env.IPSEC_STUDIO_TEST_KEYRING === '1';
export const FAST_APPLY = {
  retry: { maxAttempts: 12, baseDelayMs: 20, maxDelayMs: 200 },
  poll: { initialMs: 40, maxMs: 200, growth: 0.1, timeoutMs: 60_000 },
  confirmPollMs: 60,
  settleMs: 300,
} as const;

export const FACTS = { name: 'IPsec Studio', version: '0.0.0-test', platform: process.platform, arch: process.arch, versions: { node: process.versions.node } };
const APP_FRAME = { url: 'app://bundle/index.html', isMainFrame: true };

export interface Harness {
  app: ComposedApp;
  emulator: RunningEmulator;
  dataDir: string;
  events: Array<{ event: EventName; payload: unknown }>;
  call<T = unknown>(method: string, args?: unknown): Promise<T>;
  callRaw(method: string, args?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } }>;
  /** Re-composes on the same data folder (a restart). */
  restart(overrides?: Partial<ComposeOptions>): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: EmulatorOptions;
  existingEmulator?: RunningEmulator;
  keychain?: SecretStore | null;
  dataDir?: string;
  compose?: Partial<ComposeOptions>;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = options.existingEmulator ?? (await startEmulator({ port: 0, updateSeconds: 0.15, ...options.emulator }));
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-svc-'));
  const events: Harness['events'] = [];
  const build = (overrides: Partial<ComposeOptions> = {}) =>
    composeApp({
      facts: FACTS,
      dataDir,
      emit: (event, payload) => events.push({ event, payload }),
      keychain: options.keychain === undefined ? null : options.keychain,
      sandbox: async () => ({ endpoint: emulator.endpoint, credentials: emulator.credentials, close: async () => undefined }),
      homeDir: dataDir,
      env: {},
      ...options.compose,
      ...overrides,
      // A test that tunes one apply setting keeps the fast others (the settle period above all).
      apply: { ...FAST_APPLY, ...options.compose?.apply, ...overrides.apply },
    });
  let app = await build();
  const harness: Harness = {
    get app() {
      return app;
    },
    emulator,
    dataDir,
    events,
    async callRaw(method, args = {}) {
      return (await dispatch(app.table, method, args, APP_FRAME, { allowedOrigins: ['app://bundle'] })) as Awaited<ReturnType<Harness['callRaw']>>;
    },
    async call<T>(method: string, args: unknown = {}) {
      const reply = await harness.callRaw(method, args);
      if (!reply.ok) throw Object.assign(new Error(`${method}: ${reply.error?.code} ${reply.error?.message}`), { shape: reply.error });
      return reply.value as T;
    },
    async restart(overrides) {
      await app.dispose();
      app = await build(overrides);
    },
    async close() {
      await app.dispose();
      if (!options.existingEmulator) await emulator.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000, everyMs = 25): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Every file under the data folder (stores, record folders, timeline), concatenated: for secret scans. */
export function allDataText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}
