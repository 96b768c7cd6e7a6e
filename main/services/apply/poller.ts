// Waits for a VPN gateway to come back to `active` after a modification. The interval adapts: quick at first
// (a short update is detected within a few hundred ms), then slower, capped at one poll per second per gateway.
import type { ApiErrorShape } from '../api-error.ts';
import { normalizeApiError } from '../api-error.ts';
import type { Sleep } from './retry.ts';

export interface PollPolicy {
  initialMs: number;
  maxMs: number;
  /** Added to the interval per elapsed millisecond (0.1 → 1 s interval after ~7.5 s). */
  growth: number;
  timeoutMs: number;
}

export const DEFAULT_POLL: PollPolicy = { initialMs: 250, maxMs: 1_000, growth: 0.1, timeoutMs: 15 * 60_000 };

export function pollInterval(policy: PollPolicy, elapsedMs: number): number {
  return Math.min(policy.maxMs, Math.round(policy.initialMs + elapsedMs * policy.growth));
}

export interface GatewayPollHooks {
  readStatus(): Promise<string>;
  sleep: Sleep;
  nowMs(): number;
  signal?: AbortSignal;
  onStatus?(status: string, elapsedMs: number): void;
  onError?(error: ApiErrorShape): void;
}

export type PollOutcome = { ok: true; elapsedMs: number; polls: number } | { ok: false; reason: 'timeout' | 'gone'; lastStatus: string; error?: ApiErrorShape };

export async function waitForActive(policy: PollPolicy, hooks: GatewayPollHooks): Promise<PollOutcome> {
  const started = hooks.nowMs();
  let last = '';
  let polls = 0;
  for (;;) {
    const elapsed = hooks.nowMs() - started;
    if (elapsed > policy.timeoutMs) return { ok: false, reason: 'timeout', lastStatus: last };
    await hooks.sleep(pollInterval(policy, elapsed), hooks.signal);
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
