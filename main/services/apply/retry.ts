// Retries for API calls: exponential backoff with jitter on the retryable codes (busy gateway, task conflict,
// throttling, 5xx, network). The caller keeps the same ClientToken across attempts, so a request the service did
// process but whose answer was lost is not applied twice.
import { ApiError, normalizeApiError, type ApiErrorShape } from '../api-error.ts';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 500, maxDelayMs: 8_000 };

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export class Aborted extends Error {
  constructor() {
    super('aborted');
    this.name = 'Aborted';
  }
}

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Aborted());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Aborted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Delay before attempt `attempt + 1` (attempt ≥ 1): "equal jitter" (half fixed, half random). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const random = policy.random ?? Math.random;
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface RetryHooks {
  sleep: Sleep;
  signal?: AbortSignal;
  /** Called before each wait; `attempt` is the attempt that failed. */
  onRetry?(error: ApiErrorShape, attempt: number, delayMs: number): void;
  /** Called before each attempt with its number (1-based). */
  onAttempt?(attempt: number): void;
}

export async function withRetry<T>(policy: RetryPolicy, hooks: RetryHooks, task: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (hooks.signal?.aborted) throw new Aborted();
    hooks.onAttempt?.(attempt);
    try {
      return await task();
    } catch (error) {
      if (error instanceof Aborted) throw error;
      const shape = normalizeApiError(error);
      if (!shape.retryable || attempt >= policy.maxAttempts) throw new ApiError(shape);
      const delay = backoffDelay(policy, attempt);
      hooks.onRetry?.(shape, attempt, delay);
      await hooks.sleep(delay, hooks.signal);
    }
  }
}
