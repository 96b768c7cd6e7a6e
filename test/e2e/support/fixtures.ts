// Playwright fixtures: the built renderer in Chromium, with window.api made by the preload's createApi and every
// call forwarded to main's real dispatcher and handler table (real services, real keychain probe).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import type { EventName, EventPayload } from '../../../core/contract.ts';
import { composeHandlerTable } from '../../../main/compose.ts';
import { dispatch } from '../../../main/handlers/dispatch.ts';
import { BRIDGE_BUNDLE } from './global-setup.ts';
import { serveRenderer } from './static-server.ts';

export const SCREENSHOT_DIR = path.resolve('screenshots/e2e');

export interface AppHarness {
  page: Page;
  origin: string;
  ipcLog: Array<{ method: string; args: unknown; reply: unknown }>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
  open(): Promise<void>;
}

const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

export const test = base.extend<{ app: AppHarness }>({
  app: async ({ page }, use) => {
    const server = await serveRenderer(path.resolve('out/renderer'));
    const table = composeHandlerTable({
      name: 'IPsec Studio',
      version: packageVersion,
      platform: process.platform,
      arch: process.arch,
      versions: { node: process.versions.node },
    });
    const ipcLog: AppHarness['ipcLog'] = [];
    await page.exposeBinding('__e2eInvoke', async (source, method: string, args: unknown) => {
      const sender = { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() };
      const reply = await dispatch(table, method, args, sender, { allowedOrigins: [server.origin] });
      ipcLog.push({ method, args, reply });
      return reply;
    });
    await page.addInitScript({ path: BRIDGE_BUNDLE });
    await use({
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
    });
    await server.close();
  },
});

export { expect } from '@playwright/test';
