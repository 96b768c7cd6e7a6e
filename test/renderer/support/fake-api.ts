// A typed stand-in for window.api in component tests. It is built by the real createApi, so components see the
// exact rejection shapes and freezing of the production bridge; only the handlers are fakes.
import type { EventName, EventPayload, MethodName, MethodResult } from '../../../core/contract.ts';
import type { AppErrorShape } from '../../../core/errors.ts';
import { createApi } from '../../../preload/create-api.ts';

export type FakeHandlers = {
  [M in MethodName]?: (args: unknown) => MethodResult<M> | Promise<MethodResult<M>>;
};

export class FakeApiError {
  readonly shape: AppErrorShape;
  constructor(shape: AppErrorShape) {
    this.shape = shape;
  }
}

export function createFakeApi(handlers: FakeHandlers) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: Array<{ method: MethodName; args: unknown }> = [];
  const api = createApi(
    async (method, args) => {
      calls.push({ method, args });
      const handler = handlers[method] as ((args: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'Fake.NotImplemented', message: `${method} is not faked` } };
      try {
        return { ok: true, value: await handler(args) };
      } catch (error) {
        if (error instanceof FakeApiError) return { ok: false, error: error.shape };
        throw error;
      }
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  );
  return {
    api,
    calls,
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}
