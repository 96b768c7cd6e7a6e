// Builds `window.api` from the contract. Pure (no electron import) so that the preload, the e2e bridge and the
// tests all run this exact code.
import {
  eventNames,
  methodNames,
  type Api,
  type EventName,
  type MethodName,
} from '../core/contract.ts';
import { isAppErrorShape, type AppErrorShape, type Envelope } from '../core/errors.ts';

export type Invoke = (method: MethodName, args: unknown) => Promise<unknown>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

const knownEvents = new Set<string>(eventNames);

function toErrorShape(reason: unknown): AppErrorShape {
  if (isAppErrorShape(reason)) return reason;
  const message = reason instanceof Error ? reason.message : String(reason);
  return { code: 'Ipc.TransportFailed', message };
}

// Rejections are plain `{ code, message, field? }` objects, not Error instances: contextBridge copies an Error's
// message but drops custom properties such as `code`, so an Error would lose the one thing the UI needs.
function unwrap(envelope: unknown): unknown {
  const candidate = envelope as Envelope<unknown> | null;
  if (candidate && typeof candidate === 'object' && 'ok' in candidate) {
    if (candidate.ok) return candidate.value;
    throw toErrorShape(candidate.error);
  }
  throw { code: 'Ipc.MalformedReply', message: 'The main process sent a reply that is not an envelope.' };
}

export function createApi(invoke: Invoke, subscribe: Subscribe): Api {
  const api: Record<string, unknown> = {};
  for (const method of methodNames) {
    api[method] = async (args?: unknown) => {
      let reply: unknown;
      try {
        reply = await invoke(method, args ?? {});
      } catch (reason) {
        throw toErrorShape(reason);
      }
      return unwrap(reply);
    };
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!knownEvents.has(event)) throw new Error(`Unknown event "${event}"`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    // The listener gets the payload only: never the transport's event object (it would leak the IPC sender).
    return subscribe(event as EventName, (payload) => listener(payload));
  };
  return Object.freeze(api) as unknown as Api;
}
