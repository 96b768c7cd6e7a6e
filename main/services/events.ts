import type { EventName, EventPayload } from '../../core/contract.ts';

/** Where services push what the UI should hear about (Electron: webContents.send; tests: a recorder). */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}
