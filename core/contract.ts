// The single IPC contract between the sandboxed renderer and the main process. Everything else is derived from it:
// the preload's createApi, main's handler table and dispatcher, the renderer's typed fake and the e2e bridge.
// Adding a method = one entry here + its handler in main/handlers.
import * as z from 'zod';

/** Phantom marker that carries a result or event payload type without any runtime cost. */
export function shape<T>(): { readonly __type?: T } {
  return {};
}

export type KeychainBackend = 'libsecret' | 'macos-keychain' | 'windows-credential-manager' | 'unavailable';

export interface KeychainStatus {
  backend: KeychainBackend;
  available: boolean;
  /** Why the keychain is unavailable, in plain words (e.g. "No Secret Service on D-Bus"). */
  detail?: string;
}

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  arch: string;
  /** Runtime versions as seen by main: node always, electron/chrome when running inside Electron. */
  versions: { node: string; electron?: string; chrome?: string };
  keychain: KeychainStatus;
}

const noArgs = z.object({}).strict();

export const contract = {
  methods: {
    getAppInfo: { args: noArgs, result: shape<AppInfo>() },
  },
  events: {
    /** Sent by main whenever it learns something the whole UI should show (keychain lost, offline, …). */
    appNotice: shape<{ level: 'info' | 'warning' | 'error'; code: string; message: string }>(),
  },
} as const;

type Contract = typeof contract;
export type MethodName = keyof Contract['methods'] & string;
export type EventName = keyof Contract['events'] & string;
export type MethodArgs<M extends MethodName> = z.input<Contract['methods'][M]['args']>;
export type ParsedArgs<M extends MethodName> = z.output<Contract['methods'][M]['args']>;
export type MethodResult<M extends MethodName> = NonNullable<Contract['methods'][M]['result']['__type']>;
export type EventPayload<E extends EventName> = NonNullable<Contract['events'][E]['__type']>;

export const methodNames = Object.keys(contract.methods) as MethodName[];
export const eventNames = Object.keys(contract.events) as EventName[];

/** What the renderer sees as `window.api`. */
export type Api = {
  [M in MethodName]: (
    ...args: Record<string, never> extends MethodArgs<M> ? [args?: MethodArgs<M>] : [args: MethodArgs<M>]
  ) => Promise<MethodResult<M>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export const IPC_INVOKE_PREFIX = 'api:';
export const IPC_EVENT_PREFIX = 'event:';
