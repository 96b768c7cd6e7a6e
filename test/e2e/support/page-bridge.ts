// Runs inside the page (bundled by global-setup, injected before any page script): builds window.api with the
// preload's own createApi, over two CDP bindings instead of Electron IPC.
import type { EventName, MethodName } from '../../../core/contract.ts';
import { createApi } from '../../../preload/create-api.ts';

interface BridgeWindow {
  __e2eInvoke(method: MethodName, args: unknown): Promise<unknown>;
  __e2eEmit?: (event: EventName, payload: unknown) => void;
  api?: unknown;
}

const target = window as unknown as BridgeWindow;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

target.__e2eEmit = (event, payload) => {
  for (const listener of listeners.get(event) ?? []) listener(payload);
};

target.api = createApi(
  (method, args) => target.__e2eInvoke(method, args),
  (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
);
