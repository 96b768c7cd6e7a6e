// Builds the typed `Api` from the contract over the bridge the preload exposes. It runs in the renderer's own world:
// replies cross IPC and the context bridge as one JSON text and are parsed here, once. A large reply (the 2,000
// connection inventory is ~3 MB) copied as an object graph would be structured-cloned by IPC and then deep-copied
// again by contextBridge; as text it is one string copy and one JSON.parse. Pure, so the renderer, the e2e bridge
// and the component tests' fake all run this exact code.
import { isEventName, methodNames, type Api, type EventName, type MethodName } from './contract.ts';
import { isAppErrorShape, type AppErrorShape, type Envelope } from './errors.ts';

/** Sends one call to main; resolves with main's reply envelope as JSON text. */
export type Invoke = (method: MethodName, args: unknown) => Promise<string>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

/** What the preload exposes as `window.bridge` (and the e2e bridge imitates): two functions, nothing else. */
export interface Bridge {
  invoke: Invoke;
  on: Subscribe;
}

function toErrorShape(reason: unknown): AppErrorShape {
  if (isAppErrorShape(reason)) return reason;
  const message = reason instanceof Error ? reason.message : String(reason);
  return { code: 'Ipc.TransportFailed', message };
}

const malformed: AppErrorShape = { code: 'Ipc.MalformedReply', message: 'The main process sent a reply that is not an envelope.' };

// Rejections are plain `{ code, message, field? }` objects, not Error instances, so the UI always has the code.
function unwrap(text: unknown): unknown {
  if (typeof text !== 'string') throw malformed;
  let candidate: Envelope<unknown> | null;
  try {
    candidate = JSON.parse(text) as Envelope<unknown> | null;
  } catch {
    throw malformed;
  }
  if (candidate && typeof candidate === 'object' && 'ok' in candidate) {
    if (candidate.ok) return candidate.value;
    throw toErrorShape(candidate.error);
  }
  throw malformed;
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
    if (!isEventName(event)) throw new Error(`Unknown event "${event}"`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    // The listener gets the payload only: never the transport's event object (it would leak the IPC sender).
    return subscribe(event, (payload) => listener(payload));
  };
  return Object.freeze(api) as unknown as Api;
}
