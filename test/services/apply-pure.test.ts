// The apply engine's pure parts that decide timing: retries (backoff, which errors, how many, abort) and the wait
// for a gateway to be active again (first poll aimed at the expected end, growing steps, timeout, gone).
import { describe, expect, it } from 'vitest';
import { ApiError, type ApiErrorShape } from '../../main/services/api-error.ts';
import { createUpdateDurations, pollInterval, waitForActive, type PollPolicy } from '../../main/services/apply/poller.ts';
import { Aborted, backoffDelay, realSleep, withRetry, type RetryPolicy } from '../../main/services/apply/retry.ts';

const shape = (code: string, retryable: boolean, httpStatus = 400): ApiErrorShape => ({ code, message: code, requestId: null, httpStatus, retryable });
const fail = (code: string, retryable: boolean) => new ApiError(shape(code, retryable));

describe('backoffDelay', () => {
  const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
  it('doubles the ceiling per attempt, capped, half of it fixed and half random', () => {
    expect(backoffDelay({ ...policy, random: () => 0 }, 1)).toBe(50);
    expect(backoffDelay({ ...policy, random: () => 1 }, 1)).toBe(100);
    expect(backoffDelay({ ...policy, random: () => 0 }, 2)).toBe(100);
    expect(backoffDelay({ ...policy, random: () => 0.5 }, 3)).toBe(300);
    expect(backoffDelay({ ...policy, random: () => 1 }, 4)).toBe(800);
    expect(backoffDelay({ ...policy, random: () => 1 }, 5)).toBe(1000);
    expect(backoffDelay({ ...policy, random: () => 0 }, 9)).toBe(500);
  });
});

describe('withRetry', () => {
  const policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40, random: () => 0 };
  const recorder = () => {
    const slept: number[] = [];
    const retries: Array<[string, number, number]> = [];
    const attempts: number[] = [];
    return {
      slept,
      retries,
      attempts,
      hooks: { sleep: async (ms: number) => void slept.push(ms), onRetry: (e: ApiErrorShape, attempt: number, delay: number) => void retries.push([e.code, attempt, delay]), onAttempt: (n: number) => void attempts.push(n) },
    };
  };

  it('retries a retryable error with growing delays, then returns the answer', async () => {
    const r = recorder();
    let calls = 0;
    const answer = await withRetry(policy, r.hooks, async () => {
      calls++;
      if (calls < 3) throw fail('VpnTask.CONFLICT', true);
      return 'ok';
    });
    expect(answer).toBe('ok');
    expect(r.attempts).toEqual([1, 2, 3]);
    expect(r.slept).toEqual([5, 10]);
    expect(r.retries).toEqual([
      ['VpnTask.CONFLICT', 1, 5],
      ['VpnTask.CONFLICT', 2, 10],
    ]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const r = recorder();
    let calls = 0;
    const failing = withRetry(policy, r.hooks, async () => {
      calls++;
      throw fail('Throttling.User', true);
    });
    await expect(failing).rejects.toMatchObject({ shape: { code: 'Throttling.User' } });
    expect(calls).toBe(3);
    expect(r.slept).toHaveLength(2);
  });

  it('does not retry an error that is not retryable', async () => {
    const r = recorder();
    let calls = 0;
    await expect(
      withRetry(policy, r.hooks, async () => {
        calls++;
        throw fail('IllegalParam.Psk', false);
      }),
    ).rejects.toBeInstanceOf(ApiError);
    expect(calls).toBe(1);
    expect(r.slept).toEqual([]);
  });

  it('stops on an abort, before an attempt and from inside one, without retrying it', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    await expect(withRetry(policy, { sleep: async () => undefined, signal: controller.signal }, async () => ++calls)).rejects.toBeInstanceOf(Aborted);
    expect(calls).toBe(0);
    await expect(
      withRetry(policy, { sleep: async () => undefined }, async () => {
        calls++;
        throw new Aborted();
      }),
    ).rejects.toBeInstanceOf(Aborted);
    expect(calls).toBe(1);
  });

  it('realSleep waits, and an abort ends the wait at once', async () => {
    const t0 = Date.now();
    await realSleep(30);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
    const controller = new AbortController();
    const waiting = realSleep(10_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(Aborted);
    const already = new AbortController();
    already.abort();
    await expect(realSleep(10, already.signal)).rejects.toBeInstanceOf(Aborted);
  });
});

describe('the wait for active', () => {
  const policy: PollPolicy = { initialMs: 1000, stepMs: 100, maxMs: 1000, growth: 0.25, timeoutMs: 10_000 };

  it('steps grow with the wait after the first miss, capped', () => {
    expect(pollInterval(policy, 0)).toBe(100);
    expect(pollInterval(policy, 400)).toBe(200);
    expect(pollInterval(policy, 10_000)).toBe(1000);
    expect(pollInterval({ ...policy, stepMs: undefined, initialMs: 60 }, 0)).toBe(60);
    expect(pollInterval({ ...policy, stepMs: undefined }, 0)).toBe(100);
  });

  it('expects the shortest recent update, of this gateway when known, else of any', () => {
    const durations = createUpdateDurations(2);
    expect(durations.expectedMs('a')).toBeUndefined();
    durations.observe('a', 900);
    durations.observe('a', 700);
    expect(durations.expectedMs('a')).toBe(700);
    expect(durations.expectedMs('b')).toBe(700);
    durations.observe('a', 800);
    durations.observe('a', 850);
    // Only the last two of gateway a count; the 700 is forgotten.
    expect(durations.expectedMs('a')).toBe(800);
    durations.observe('b', 2000);
    expect(durations.expectedMs('b')).toBe(2000);
  });

  /** A gateway whose status follows `script` (one entry per poll; errors thrown), on a fake clock. */
  function gateway(script: Array<string | ApiError>) {
    let now = 0;
    const waits: number[] = [];
    const statuses: Array<[string, number]> = [];
    const errors: string[] = [];
    let polls = 0;
    return {
      waits,
      statuses,
      errors,
      hooks: {
        nowMs: () => now,
        sleep: async (ms: number) => {
          waits.push(ms);
          now += ms;
        },
        readStatus: async () => {
          const next = script[Math.min(polls++, script.length - 1)]!;
          if (next instanceof ApiError) throw next;
          return next;
        },
        onStatus: (status: string, elapsed: number) => void statuses.push([status, elapsed]),
        onError: (e: ApiErrorShape) => void errors.push(e.code),
      },
    };
  }

  it('aims the first poll at the expected end, then steps until active', async () => {
    const g = gateway(['updating', 'updating', 'active']);
    const outcome = await waitForActive(policy, { ...g.hooks, expectedMs: 700 });
    expect(g.waits).toEqual([700, 100, 125]);
    expect(outcome).toEqual({ ok: true, elapsedMs: 925, polls: 3 });
    expect(g.statuses).toEqual([
      ['updating', 700],
      ['active', 925],
    ]);
  });

  it('uses initialMs with nothing known, and one poll when the gateway is already active', async () => {
    const g = gateway(['active']);
    expect(await waitForActive(policy, g.hooks)).toEqual({ ok: true, elapsedMs: 1000, polls: 1 });
    expect(g.waits).toEqual([1000]);
  });

  it('keeps polling through a retryable read error, and gives up on one that is not', async () => {
    const g = gateway([fail('Throttling.User', true), 'active']);
    expect(await waitForActive(policy, g.hooks)).toMatchObject({ ok: true, polls: 2 });
    expect(g.errors).toEqual(['Throttling.User']);
    const gone = gateway(['updating', fail('InvalidVpnGatewayInstanceId.NotFound', false)]);
    expect(await waitForActive(policy, gone.hooks)).toEqual({ ok: false, reason: 'gone', lastStatus: 'updating', error: shape('InvalidVpnGatewayInstanceId.NotFound', false) });
  });

  it('ends gone when the gateway is being deleted, and timeout when it never comes back', async () => {
    const deleting = gateway(['updating', 'deleting']);
    expect(await waitForActive(policy, deleting.hooks)).toEqual({ ok: false, reason: 'gone', lastStatus: 'deleting' });
    const stuck = gateway(['updating']);
    const outcome = await waitForActive({ ...policy, timeoutMs: 3000 }, stuck.hooks);
    expect(outcome).toEqual({ ok: false, reason: 'timeout', lastStatus: 'updating' });
    expect(stuck.waits.reduce((a, b) => a + b, 0)).toBeGreaterThan(3000);
    expect(stuck.waits[0]).toBe(1000);
  });

  it('never waits longer than the timeout for the first poll', async () => {
    const g = gateway(['active']);
    await waitForActive({ ...policy, timeoutMs: 300 }, { ...g.hooks, expectedMs: 5000 });
    expect(g.waits).toEqual([300]);
  });
});
