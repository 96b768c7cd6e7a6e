// A typed stand-in for the renderer's API in component tests. It is built by the real createApi over replies as
// JSON text, so components see the exact parsing, rejection shapes and freezing of the app; only the handlers are fakes.
import type { EventName, EventPayload, MethodName, MethodResult } from '../../../core/contract.ts';
import type { AppErrorShape } from '../../../core/errors.ts';
import { createApi } from '../../../core/api-client.ts';

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
      if (!handler) return JSON.stringify({ ok: false, error: { code: 'Fake.NotImplemented', message: `${method} is not faked` } });
      try {
        return JSON.stringify({ ok: true, value: (await handler(args)) ?? null });
      } catch (error) {
        if (error instanceof FakeApiError) return JSON.stringify({ ok: false, error: error.shape });
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
