// Runs inside the page (bundled by global-setup, injected before any page script): stands in for the preload by
// exposing `window.bridge` over two CDP bindings instead of Electron IPC. Like the preload, it carries main's reply
// as JSON text and refuses names outside the contract; the renderer builds its API from it exactly as in the app.
import type { Bridge } from '../../../core/api-client.ts';
import { isEventName, isMethodName, type EventName, type MethodName } from '../../../core/contract.ts';

interface BridgeWindow {
  __e2eInvoke(method: MethodName, args: unknown): Promise<string>;
  __e2eEmit?: (event: EventName, payload: unknown) => void;
  bridge?: Bridge;
}

const target = window as unknown as BridgeWindow;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

target.__e2eEmit = (event, payload) => {
  for (const listener of listeners.get(event) ?? []) listener(payload);
};

target.bridge = Object.freeze({
  invoke: async (method, args) => {
    if (!isMethodName(method)) throw { code: 'Ipc.UnknownMethod', message: `Unknown method "${String(method)}".` };
    return target.__e2eInvoke(method, args);
  },
  on: (event, listener) => {
    if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}"`);
    const set = listeners.get(event) ?? new Set();
    const forward = (payload: unknown) => listener(payload);
    set.add(forward);
    listeners.set(event, set);
    return () => {
      set.delete(forward);
    };
  },
} satisfies Bridge);
