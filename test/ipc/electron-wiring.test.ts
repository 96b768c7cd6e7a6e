// main/electron/{ipc,harden}.ts against recorders standing in for Electron objects.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../core/contract.ts';
import { createHandlerTable } from '../../main/handlers/table.ts';
import { APP_ORIGIN } from '../../main/security/origin.ts';
import { appInfoService } from './support/app-info.ts';

const handlers = new Map<string, (event: unknown, args: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (event: unknown, args: unknown) => Promise<unknown>) => handlers.set(channel, fn) },
}));

const { registerIpcHandlers } = await import('../../main/electron/ipc.ts');
const { hardenSession, hardenWebContents } = await import('../../main/electron/harden.ts');

const table = createHandlerTable(appInfoService);

describe('registerIpcHandlers', () => {
  registerIpcHandlers(table, { allowedOrigins: [APP_ORIGIN] });

  it('registers one namespaced channel per contract method', () => {
    expect([...handlers.keys()].sort()).toEqual(methodNames.map((m) => `api:${m}`).sort());
  });

  it('passes the real sender frame to the dispatcher', async () => {
    const handle = handlers.get('api:getAppInfo')!;
    const mainFrame = { url: `${APP_ORIGIN}/index.html`, parent: null };
    // Replies cross IPC as JSON text.
    const reply = async (frame: unknown) => JSON.parse((await handle({ senderFrame: frame }, {})) as string) as unknown;
    await expect(reply(mainFrame)).resolves.toMatchObject({ ok: true });
    const subFrame = { url: `${APP_ORIGIN}/index.html`, parent: mainFrame };
    await expect(reply(subFrame)).resolves.toMatchObject({ error: { code: 'Ipc.UntrustedSender' } });
    await expect(reply(null)).resolves.toMatchObject({ error: { code: 'Ipc.UntrustedSender' } });
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const emitter = new EventEmitter() as EventEmitter & { setWindowOpenHandler: ReturnType<typeof vi.fn> };
    emitter.setWindowOpenHandler = vi.fn();
    hardenWebContents(emitter as never, APP_ORIGIN);
    return emitter;
  }

  function fire(contents: EventEmitter, name: string, url?: string) {
    const event = { preventDefault: vi.fn() };
    contents.emit(name, event, url);
    return event.preventDefault;
  }

  it('blocks navigation and redirects away from the app origin', () => {
    const contents = fakeContents();
    expect(fire(contents, 'will-navigate', 'https://evil.example/')).toHaveBeenCalled();
    expect(fire(contents, 'will-redirect', 'file:///etc/passwd')).toHaveBeenCalled();
    expect(fire(contents, 'will-navigate', `${APP_ORIGIN}/index.html#x`)).not.toHaveBeenCalled();
  });

  it('blocks webviews and denies window.open', () => {
    const contents = fakeContents();
    expect(fire(contents, 'will-attach-webview')).toHaveBeenCalled();
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]![0] as (details: unknown) => unknown;
    expect(openHandler({ url: 'https://help.aliyun.com/' })).toEqual({ action: 'deny' });
  });
});

describe('hardenSession', () => {
  it('denies permission requests and checks', () => {
    let request: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((wc: unknown, permission: string) => boolean) | undefined;
    hardenSession({
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
    } as never);
    const callback = vi.fn();
    request?.(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check?.(null, 'notifications')).toBe(false);
  });
});
