// The preload file itself, with Electron's contextBridge/ipcRenderer replaced by recorders (the Electron binary
// cannot run here; this is the one thin seam).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../core/contract.ts';

const exposed: Array<{ key: string; value: Record<string, unknown> }> = [];
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
const invoke = vi.fn(async (_channel: string, _args: unknown) => ({ ok: true, value: 'pong' }));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: Record<string, unknown>) => exposed.push({ key, value }),
  },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

beforeAll(async () => {
  await import('../../preload/index.ts');
});

describe('preload', () => {
  it('exposes a single `api` object with the contract methods and on()', () => {
    expect(exposed.map((entry) => entry.key)).toEqual(['api']);
    expect(Object.keys(exposed[0]!.value).sort()).toEqual([...methodNames, 'on'].sort());
    expect(Object.values(exposed[0]!.value).every((value) => typeof value === 'function')).toBe(true);
  });

  it('invokes the namespaced channel of the method', async () => {
    const api = exposed[0]!.value as { getAppInfo: () => Promise<unknown> };
    await expect(api.getAppInfo()).resolves.toBe('pong');
    expect(invoke).toHaveBeenCalledWith('api:getAppInfo', {});
  });

  it('hands listeners the payload without the IpcRendererEvent, and unsubscribes', () => {
    const api = exposed[0]!.value as { on: (event: string, listener: (...args: unknown[]) => void) => () => void };
    const listener = vi.fn();
    const off = api.on('appNotice', listener);
    const fakeEvent = { sender: { send: vi.fn() }, ports: [] };
    listeners.get('event:appNotice')?.(fakeEvent, { level: 'info', code: 'c', message: 'm' });
    expect(listener).toHaveBeenCalledWith({ level: 'info', code: 'c', message: 'm' });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    expect(listeners.has('event:appNotice')).toBe(false);
  });
});
