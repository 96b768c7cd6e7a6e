import { describe, expect, it, vi } from 'vitest';
import { contract, methodNames } from '../../core/contract.ts';
import { AppError } from '../../core/errors.ts';
import { dispatch } from '../../main/handlers/dispatch.ts';
import { createHandlerTable, type HandlerTable } from '../../main/handlers/table.ts';
import { APP_ORIGIN } from '../../main/security/origin.ts';
import { appInfoService } from './support/app-info.ts';

const appFrame = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };
const policy = { allowedOrigins: [APP_ORIGIN] };

function tableWith(overrides: Partial<HandlerTable> = {}): HandlerTable {
  const base = createHandlerTable(appInfoService);
  return { ...base, ...overrides };
}

describe('handler table', () => {
  it('implements every method of the contract and nothing else', () => {
    expect(Object.keys(tableWith()).sort()).toEqual([...methodNames].sort());
  });
});

describe('dispatch', () => {
  it('returns the handler result in an ok envelope', async () => {
    const reply = await dispatch(tableWith(), 'getAppInfo', {}, appFrame, policy);
    expect(reply).toMatchObject({ ok: true, value: { version: '1.2.3', keychain: { available: true } } });
  });

  it('refuses unknown methods, including prototype names', async () => {
    for (const method of ['nope', 'constructor', '__proto__', 'toString']) {
      const reply = await dispatch(tableWith(), method, {}, appFrame, policy);
      expect(reply).toEqual({ ok: false, error: { code: 'Ipc.UnknownMethod', message: expect.any(String) } });
    }
  });

  it('refuses a sender that is not the app main frame before running the handler', async () => {
    const handler = vi.fn();
    const table = tableWith({ getAppInfo: handler });
    for (const sender of [null, { url: `${APP_ORIGIN}/x`, isMainFrame: false }, { url: 'https://evil.example/', isMainFrame: true }]) {
      const reply = await dispatch(table, 'getAppInfo', {}, sender, policy);
      expect(reply).toMatchObject({ ok: false, error: { code: 'Ipc.UntrustedSender' } });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it.each(methodNames)('%s rejects malformed payloads', async (method) => {
    for (const payload of [null, 42, 'x', [], { unexpected: true }]) {
      const reply = await dispatch(tableWith(), method, payload, appFrame, policy);
      expect(reply).toMatchObject({ ok: false, error: { code: 'Ipc.InvalidPayload' } });
    }
  });

  it('names the offending field of an invalid payload', async () => {
    const reply = await dispatch(tableWith(), 'getAppInfo', { extra: 1 }, appFrame, policy);
    expect(reply.ok).toBe(false);
    expect(contract.methods.getAppInfo.args.safeParse({ extra: 1 }).success).toBe(false);
  });

  it('passes AppError code, message and field through', async () => {
    const table = tableWith({
      getAppInfo: async () => {
        throw new AppError('IllegalParam.TunnelCidr', 'The specified TunnelCidr is invalid.', 'BgpConfig.TunnelCidr');
      },
    });
    expect(await dispatch(table, 'getAppInfo', {}, appFrame, policy)).toEqual({
      ok: false,
      error: { code: 'IllegalParam.TunnelCidr', message: 'The specified TunnelCidr is invalid.', field: 'BgpConfig.TunnelCidr' },
    });
  });

  it('hides unexpected errors from the renderer but reports them to main', async () => {
    const onInternalError = vi.fn();
    const table = tableWith({
      getAppInfo: async () => {
        throw new Error('secret path /home/user/.aliyun/config.json');
      },
    });
    const reply = await dispatch(table, 'getAppInfo', {}, appFrame, { ...policy, onInternalError });
    expect(reply).toMatchObject({ ok: false, error: { code: 'Internal' } });
    expect(JSON.stringify(reply)).not.toContain('.aliyun');
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('returns plain JSON that survives structured clone', async () => {
    class Fancy {
      readonly when = new Date(0);
      method() {
        return 1;
      }
    }
    const table = tableWith({ getAppInfo: async () => new Fancy() as never });
    const reply = await dispatch(table, 'getAppInfo', {}, appFrame, policy);
    expect(reply).toEqual({ ok: true, value: { when: '1970-01-01T00:00:00.000Z' } });
    expect(structuredClone(reply)).toEqual(reply);
  });
});
