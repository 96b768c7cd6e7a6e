import { describe, expect, it, vi } from 'vitest';
import { eventNames, methodNames } from '../../core/contract.ts';
import { createApi } from '../../preload/create-api.ts';

describe('createApi', () => {
  it('exposes exactly the contract methods plus on()', () => {
    const api = createApi(vi.fn(), vi.fn());
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes by method name and unwraps the envelope', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: { version: '9' } }));
    const api = createApi(invoke, vi.fn());
    await expect(api.getAppInfo()).resolves.toEqual({ version: '9' });
    expect(invoke).toHaveBeenCalledWith('getAppInfo', {});
  });

  it('rejects with a plain { code, message, field } object, not an Error', async () => {
    const api = createApi(async () => ({ ok: false, error: { code: 'X.Y', message: 'm', field: 'Name' } }), vi.fn());
    const reason = await api.getAppInfo().catch((error: unknown) => error);
    expect(reason).toEqual({ code: 'X.Y', message: 'm', field: 'Name' });
    expect(reason).not.toBeInstanceOf(Error);
  });

  it('turns transport failures and malformed replies into error shapes', async () => {
    const broken = createApi(async () => {
      throw new Error('channel closed');
    }, vi.fn());
    await expect(broken.getAppInfo()).rejects.toEqual({ code: 'Ipc.TransportFailed', message: 'channel closed' });
    const odd = createApi(async () => 'not an envelope', vi.fn());
    await expect(odd.getAppInfo()).rejects.toMatchObject({ code: 'Ipc.MalformedReply' });
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
