// The single IPC contract between the sandboxed renderer and the main process, assembled from one module per domain
// (app and settings, profiles, inventory, drafts, apply and the timeline, push events). Everything else is derived
// from it: the preload's bridge, the renderer's createApi, main's handler table and dispatcher, the renderer's typed
// fake and the e2e bridge. Adding a method touches more than this: docs/architecture.md, "Where to add things".
import type * as z from 'zod';
import { appMethods } from './app.ts';
import { bundleMethods } from './bundles.ts';
import { applyMethods } from './apply.ts';
import { draftMethods } from './drafts.ts';
import { events } from './events.ts';
import { inventoryMethods } from './inventory.ts';
import { peerMethods } from './peers.ts';
import { profileMethods } from './profiles.ts';

export * from './app.ts';
export * from './apply.ts';
export * from './bundles.ts';
export * from './drafts.ts';
export * from './inventory.ts';
export * from './peers.ts';
export * from './profiles.ts';
export { shape } from './schema.ts';

export const contract = {
  methods: { ...appMethods, ...profileMethods, ...inventoryMethods, ...draftMethods, ...peerMethods, ...bundleMethods, ...applyMethods },
  events,
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
const knownMethods = new Set<string>(methodNames);
const knownEvents = new Set<string>(eventNames);

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && knownMethods.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && knownEvents.has(name);
}

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
