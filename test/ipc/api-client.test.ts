import { describe, expect, it, vi } from 'vitest';
import { eventNames, methodNames } from '../../core/contract.ts';
import { createApi } from '../../core/api-client.ts';
import { createBridge, type IpcRendererLike } from '../../preload/bridge.ts';

describe('createApi', () => {
  it('exposes exactly the contract methods plus on()', () => {
    const api = createApi(vi.fn(), vi.fn());
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes by method name and parses the envelope text', async () => {
    const invoke = vi.fn(async () => JSON.stringify({ ok: true, value: { version: '9' } }));
    const api = createApi(invoke, vi.fn());
    await expect(api.getAppInfo()).resolves.toEqual({ version: '9' });
    expect(invoke).toHaveBeenCalledWith('getAppInfo', {});
  });

  it('rejects with a plain { code, message, field } object, not an Error', async () => {
    const api = createApi(async () => JSON.stringify({ ok: false, error: { code: 'X.Y', message: 'm', field: 'Name' } }), vi.fn());
    const reason = await api.getAppInfo().catch((error: unknown) => error);
    expect(reason).toEqual({ code: 'X.Y', message: 'm', field: 'Name' });
    expect(reason).not.toBeInstanceOf(Error);
  });

  it('turns transport failures and malformed replies into error shapes', async () => {
    const broken = createApi(async () => {
      throw new Error('channel closed');
    }, vi.fn());
    await expect(broken.getAppInfo()).rejects.toEqual({ code: 'Ipc.TransportFailed', message: 'channel closed' });
    for (const reply of ['not json', '"a string"', 'null', '{"value":1}']) {
      const odd = createApi(async () => reply, vi.fn());
      await expect(odd.getAppInfo()).rejects.toMatchObject({ code: 'Ipc.MalformedReply' });
    }
    // An object instead of text means something other than the bridge answered.
    const object = createApi((async () => ({ ok: true, value: 1 })) as never, vi.fn());
    await expect(object.getAppInfo()).rejects.toMatchObject({ code: 'Ipc.MalformedReply' });
  });

  it('delivers event payloads only, never the transport event', () => {
    let forward: ((payload: unknown) => void) | undefined;
    const unsubscribe = vi.fn();
    const subscribe = vi.fn((_event: string, listener: (payload: unknown) => void) => {
      forward = listener;
      return unsubscribe;
    });
    const api = createApi(vi.fn(), subscribe);
    const listener = vi.fn();
    const off = api.on(eventNames[0]!, listener);
    forward?.({ level: 'info', code: 'c', message: 'm' });
    expect(listener).toHaveBeenCalledWith({ level: 'info', code: 'c', message: 'm' });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('refuses to subscribe to channels outside the contract', () => {
    const api = createApi(vi.fn(), vi.fn());
    expect(() => api.on('api:getAppInfo' as never, vi.fn())).toThrow(/Unknown event/);
  });
});

describe('the preload bridge', () => {
  const fakeIpc = () => {
    const handlers = new Map<string, (event: unknown, payload: unknown) => void>();
    const ipc: IpcRendererLike & { handlers: typeof handlers } = {
      handlers,
      invoke: vi.fn(async () => '{"ok":true,"value":null}'),
      on: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => void) => handlers.set(channel, listener)),
      removeListener: vi.fn((channel: string) => handlers.delete(channel)),
    };
    return ipc;
  };

  it('is two frozen functions; contract methods reach IPC on their channel, others never do', async () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
    await expect(bridge.invoke('getAppInfo', {})).resolves.toBe('{"ok":true,"value":null}');
    expect(ipc.invoke).toHaveBeenCalledWith('api:getAppInfo', {});
    await expect(bridge.invoke('constructor' as never, {})).rejects.toMatchObject({ code: 'Ipc.UnknownMethod' });
    await expect(bridge.invoke('__proto__' as never, {})).rejects.toMatchObject({ code: 'Ipc.UnknownMethod' });
    expect(ipc.invoke).toHaveBeenCalledTimes(1);
  });

  it('refuses a reply that is not text', async () => {
    const ipc = fakeIpc();
    ipc.invoke = vi.fn(async () => ({ ok: true, value: 1 }));
    await expect(createBridge(ipc).invoke('getAppInfo', {})).rejects.toMatchObject({ code: 'Ipc.MalformedReply' });
  });

  it('forwards event payloads without the IPC event, and unsubscribes', () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc);
    const listener = vi.fn();
    const off = bridge.on(eventNames[0]!, listener);
    const channel = [...ipc.handlers.keys()][0]!;
    ipc.handlers.get(channel)!({ sender: 'secret' }, { level: 'info' });
    expect(listener).toHaveBeenCalledWith({ level: 'info' });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    expect(ipc.removeListener).toHaveBeenCalledOnce();
    expect(() => bridge.on('api:getAppInfo' as never, vi.fn())).toThrow(/Unknown event/);
  });
});
