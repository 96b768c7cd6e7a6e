// The preload file itself, with Electron's contextBridge/ipcRenderer replaced by recorders (the Electron binary
// cannot run here; this is the one thin seam).
import { beforeAll, describe, expect, it, vi } from 'vitest';

const exposed: Array<{ key: string; value: Record<string, unknown> }> = [];
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
const invoke = vi.fn(async (_channel: string, _args: unknown): Promise<unknown> => '{"ok":true,"value":"pong"}');

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
  it('exposes a single `bridge` object: invoke and on, nothing else', () => {
    expect(exposed.map((entry) => entry.key)).toEqual(['bridge']);
    expect(Object.keys(exposed[0]!.value).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(exposed[0]!.value).every((value) => typeof value === 'function')).toBe(true);
  });

  it('invokes the namespaced channel of a contract method and hands back the reply text', async () => {
    const bridge = exposed[0]!.value as { invoke: (method: string, args: unknown) => Promise<unknown> };
    await expect(bridge.invoke('getAppInfo', {})).resolves.toBe('{"ok":true,"value":"pong"}');
    expect(invoke).toHaveBeenCalledWith('api:getAppInfo', {});
    await expect(bridge.invoke('toString', {})).rejects.toMatchObject({ code: 'Ipc.UnknownMethod' });
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  it('hands listeners the payload without the IpcRendererEvent, and unsubscribes', () => {
    const bridge = exposed[0]!.value as { on: (event: string, listener: (...args: unknown[]) => void) => () => void };
    const listener = vi.fn();
    const off = bridge.on('appNotice', listener);
    const fakeEvent = { sender: { send: vi.fn() }, ports: [] };
    listeners.get('event:appNotice')?.(fakeEvent, { level: 'info', code: 'c', message: 'm' });
    expect(listener).toHaveBeenCalledWith({ level: 'info', code: 'c', message: 'm' });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    expect(listeners.has('event:appNotice')).toBe(false);
  });
});
