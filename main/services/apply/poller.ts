// Waits for a VPN gateway to come back to `active` after a modification, polling DescribeVpnGateway.
//
// The first poll is aimed at when the update is expected to end: the shortest update recently observed on this
// gateway (or on any gateway, or `initialMs` when nothing is known yet). Changes on one gateway take similar times,
// so after the first change a gateway is usually seen `active` by the very first poll, a few milliseconds after it
// turned active, with one poll per update. A miss is followed by short steps that grow with the wait, capped at
// `maxMs` so that a long update costs at most one poll per second.
import type { ApiErrorShape } from '../api-error.ts';
import { normalizeApiError } from '../api-error.ts';
import type { Sleep } from './retry.ts';

export interface PollPolicy {
  /** First wait when no update has been observed yet. */
  initialMs: number;
  /** Upper bound of every wait between polls. */
  maxMs: number;
  /** Added to the wait after a miss, per millisecond waited since the first poll. */
  growth: number;
  timeoutMs: number;
  /** First wait after a miss (default: the smaller of initialMs and 100 ms). */
  stepMs?: number;
}

export const DEFAULT_POLL: PollPolicy = { initialMs: 1_000, stepMs: 100, maxMs: 1_000, growth: 0.25, timeoutMs: 15 * 60_000 };

/** Wait before the next poll, `sinceFirstPollMs` after the first poll missed. */
export function pollInterval(policy: PollPolicy, sinceFirstPollMs: number): number {
  const step = policy.stepMs ?? Math.min(policy.initialMs, 100);
  return Math.min(policy.maxMs, Math.round(step + sinceFirstPollMs * policy.growth));
}

/** Remembers how long updates took (time from the accepted request to the poll that saw `active`). */
export interface UpdateDurations {
  expectedMs(gatewayId: string): number | undefined;
  observe(gatewayId: string, elapsedMs: number): void;
}

export function createUpdateDurations(keep = 5): UpdateDurations {
  const perGateway = new Map<string, number[]>();
  const recent: number[] = [];
  const push = (list: number[], value: number, size: number) => {
    list.push(value);
    if (list.length > size) list.shift();
  };
  return {
    // The minimum, not the mean: every observation overshoots the true duration by the polling delay, so the
    // smallest one is the tightest known bound.
    expectedMs(gatewayId) {
      const own = perGateway.get(gatewayId);
      const source = own && own.length > 0 ? own : recent;
      return source.length > 0 ? Math.min(...source) : undefined;
    },
    observe(gatewayId, elapsedMs) {
      const list = perGateway.get(gatewayId) ?? [];
      push(list, elapsedMs, keep);
      perGateway.set(gatewayId, list);
      push(recent, elapsedMs, keep * 4);
    },
  };
}

export interface GatewayPollHooks {
  readStatus(): Promise<string>;
  sleep: Sleep;
  nowMs(): number;
  /** When the update is expected to end, from past observations; `initialMs` when undefined. */
  expectedMs?: number;
  signal?: AbortSignal;
  onStatus?(status: string, elapsedMs: number): void;
  onError?(error: ApiErrorShape): void;
}

export type PollOutcome = { ok: true; elapsedMs: number; polls: number } | { ok: false; reason: 'timeout' | 'gone'; lastStatus: string; error?: ApiErrorShape };

export async function waitForActive(policy: PollPolicy, hooks: GatewayPollHooks): Promise<PollOutcome> {
  const started = hooks.nowMs();
  let last = '';
  let polls = 0;
  let firstPollAt: number | undefined;
  for (;;) {
    const elapsed = hooks.nowMs() - started;
    if (elapsed > policy.timeoutMs) return { ok: false, reason: 'timeout', lastStatus: last };
    const wait =
      firstPollAt === undefined
        ? Math.min(policy.timeoutMs, Math.max(0, hooks.expectedMs ?? policy.initialMs))
        : pollInterval(policy, hooks.nowMs() - firstPollAt);
    await hooks.sleep(wait, hooks.signal);
    firstPollAt ??= hooks.nowMs();
    polls++;
    let status: string;
    try {
      status = await hooks.readStatus();
    } catch (error) {
      const shape = normalizeApiError(error);
      if (!shape.retryable) return { ok: false, reason: 'gone', lastStatus: last, error: shape };
      hooks.onError?.(shape);
      continue;
    }
    if (status !== last) {
      hooks.onStatus?.(status, hooks.nowMs() - started);
      last = status;
    }
    if (status === 'active') return { ok: true, elapsedMs: hooks.nowMs() - started, polls };
    if (status === 'deleting') return { ok: false, reason: 'gone', lastStatus: status };
  }
}
