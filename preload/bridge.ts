// The preload's whole surface, `window.bridge`: invoke a contract method (its reply comes back as JSON text) and
// listen to a contract event. Names outside the contract are refused here, before anything reaches IPC. Pure (no
// electron import) so it is unit-tested; index.ts wires it to Electron's IPC.
import type { Bridge } from '../core/api-client.ts';
import { IPC_EVENT_PREFIX, IPC_INVOKE_PREFIX, isEventName, isMethodName } from '../core/contract.ts';

export interface IpcRendererLike {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export function createBridge(ipc: IpcRendererLike): Bridge {
  return Object.freeze({
    invoke: async (method, args) => {
      if (!isMethodName(method)) throw { code: 'Ipc.UnknownMethod', message: `Unknown method "${String(method)}".` };
      const reply = await ipc.invoke(IPC_INVOKE_PREFIX + method, args);
      if (typeof reply !== 'string') throw { code: 'Ipc.MalformedReply', message: 'The main process sent a reply that is not text.' };
      return reply;
    },
    on: (event, listener) => {
      if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}"`);
      if (typeof listener !== 'function') throw new Error('listener must be a function');
      const channel = IPC_EVENT_PREFIX + event;
      // The listener gets the payload only: never the IPC event object (it would leak the sender).
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, forward);
      return () => {
        ipc.removeListener(channel, forward);
      };
    },
  } satisfies Bridge);
}
