// Runs inside the page (bundled by global-setup, injected before any page script): stands in for the preload by
// exposing `window.bridge` made by the preload's own createBridge, over two CDP bindings instead of ipcRenderer.
// Replies come back as JSON text, as over IPC; the renderer builds its API from the bridge exactly as in the app.
import { IPC_EVENT_PREFIX, IPC_INVOKE_PREFIX, type MethodName } from '../../../core/contract.ts';
import { createBridge } from '../../../preload/bridge.ts';

type Listener = (event: unknown, payload: unknown) => void;

interface BridgeWindow {
  __e2eInvoke(method: MethodName, args: unknown): Promise<string>;
  __e2eEmit?: (event: string, payload: unknown) => void;
  bridge?: unknown;
}

const target = window as unknown as BridgeWindow;
const listeners = new Map<string, Set<Listener>>();

target.__e2eEmit = (event, payload) => {
  for (const listener of listeners.get(IPC_EVENT_PREFIX + event) ?? []) listener({}, payload);
};

target.bridge = createBridge({
  invoke: (channel, args) => target.__e2eInvoke(channel.slice(IPC_INVOKE_PREFIX.length) as MethodName, args),
  on: (channel, listener) => {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
  },
  removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
});
