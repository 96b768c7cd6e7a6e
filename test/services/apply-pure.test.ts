// The apply engine's pure parts that decide timing: retries (backoff, which errors, how many, abort) and the wait
// for a gateway to be active again (first poll aimed at the expected end, growing steps, timeout, gone), and the
// details of the confirm verdicts and the phase table that apply-phases.test.ts leaves open.
import { describe, expect, it, vi } from 'vitest';
import { FINAL_JOB_PHASES, type JobPhase } from '../../core/contract.ts';
import { tunnelHealths } from '../../core/index.ts';
import { ApiError, type ApiErrorShape } from '../../main/services/api-error.ts';
import { observeTunnels } from '../../main/services/apply/confirm.ts';
import { canMove, FINAL, resumePoint, ROLLBACKABLE, TRANSITIONS } from '../../main/services/apply/phases.ts';
import { createUpdateDurations, pollInterval, waitForActive, type PollPolicy } from '../../main/services/apply/poller.ts';
import { Aborted, backoffDelay, realSleep, withRetry, type RetryPolicy } from '../../main/services/apply/retry.ts';
import { single } from '../core/fixtures.ts';

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

// Cases found by mutation testing (`npm run mutation`): each failed on a mutant the tests above let live.
describe('timing details the tests above leave open', () => {
  it('an abort is an Error named Aborted', () => {
    const e = new Aborted();
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.message]).toEqual(['Aborted', 'aborted']);
  });

  it('realSleep leaves no timer behind an abort, and no listener behind a finished wait', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const waiting = realSleep(10_000, controller.signal);
      expect(vi.getTimerCount()).toBe(1);
      controller.abort();
      await expect(waiting).rejects.toBeInstanceOf(Aborted);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    const listeners = new Set<unknown>();
    const signal = {
      aborted: false,
      addEventListener: (type: string, fn: unknown) => type === 'abort' && listeners.add(fn),
      removeEventListener: (type: string, fn: unknown) => type === 'abort' && listeners.delete(fn),
    } as unknown as AbortSignal;
    const waiting = realSleep(5, signal);
    expect(listeners.size).toBe(1);
    await waiting;
    expect(listeners.size).toBe(0);
  });

  it('uses Math.random for the jitter when the policy has none', () => {
    const spy = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      expect(backoffDelay({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 }, 2)).toBe(150);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('any gateway\'s recent updates count, more of them than one gateway keeps', () => {
    const durations = createUpdateDurations(1);
    durations.observe('a', 500);
    durations.observe('b', 900);
    durations.observe('c', 800);
    // Gateway a keeps only its last update, the shared memory four times as many.
    expect(durations.expectedMs('a')).toBe(500);
    expect(durations.expectedMs('z')).toBe(500);
    for (const ms of [600, 700, 650]) durations.observe('d', ms);
    // The shared memory now holds 800, 600, 700, 650: the two oldest (500, 900) are forgotten.
    expect(durations.expectedMs('z')).toBe(600);
  });

  /** A gateway on a clock that does not start at zero: times are measured from the start of the wait. */
  function lateGateway(script: string[], start: number) {
    let now = start;
    let polls = 0;
    const waits: number[] = [];
    const statuses: Array<[string, number]> = [];
    return {
      waits,
      statuses,
      hooks: {
        nowMs: () => now,
        sleep: async (ms: number) => {
          waits.push(ms);
          now += ms;
        },
        readStatus: async () => script[Math.min(polls++, script.length - 1)]!,
        onStatus: (status: string, elapsed: number) => void statuses.push([status, elapsed]),
      },
    };
  }

  it('measures the wait from its own start, whatever the clock reads', async () => {
    const policy: PollPolicy = { initialMs: 1000, stepMs: 100, maxMs: 1000, growth: 0.25, timeoutMs: 10_000 };
    const g = lateGateway(['updating', 'active'], 50_000);
    expect(await waitForActive(policy, { ...g.hooks, expectedMs: 300 })).toEqual({ ok: true, elapsedMs: 400, polls: 2 });
    expect(g.statuses).toEqual([
      ['updating', 300],
      ['active', 400],
    ]);
    const stuck = lateGateway(['updating'], 50_000);
    expect(await waitForActive({ ...policy, timeoutMs: 250 }, stuck.hooks)).toEqual({ ok: false, reason: 'timeout', lastStatus: 'updating' });
    expect(stuck.waits).toEqual([250, 100]);
  });

  it('reports no last status when the first read is refused', async () => {
    const policy: PollPolicy = { initialMs: 10, stepMs: 10, maxMs: 10, growth: 0, timeoutMs: 1000 };
    let now = 0;
    const outcome = await waitForActive(policy, {
      nowMs: () => now,
      sleep: async (ms: number) => void (now += ms),
      readStatus: async () => {
        throw fail('Forbidden.RAM', false);
      },
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'gone', lastStatus: '' });
  });

  it('polls once more at exactly the timeout, and never waits a negative time', async () => {
    const flat: PollPolicy = { initialMs: 1000, stepMs: 1000, maxMs: 1000, growth: 0, timeoutMs: 3000 };
    const g = lateGateway(['updating'], 0);
    expect(await waitForActive(flat, g.hooks)).toMatchObject({ ok: false, reason: 'timeout' });
    expect(g.waits).toEqual([1000, 1000, 1000, 1000]);
    const eager = lateGateway(['active'], 0);
    expect(await waitForActive(flat, { ...eager.hooks, expectedMs: -5 })).toEqual({ ok: true, elapsedMs: 0, polls: 1 });
    expect(eager.waits).toEqual([0]);
  });
});

describe('confirm and phases details the table tests leave open', () => {
  it('a read with no loss carries no downSince at all, and keeps both reads', () => {
    const up = { ...single(), Status: 'ipsec_sa_established' };
    const before = tunnelHealths(up);
    const now = tunnelHealths(up);
    const seen = observeTunnels(before, now, { before, now, checkedAt: 't0', losses: [], downSince: 't0' }, 't1');
    expect(seen).toEqual({ before, now, checkedAt: 't1', losses: [] });
    expect(seen).not.toHaveProperty('downSince');
  });

  it('every phase may stay where it is', () => {
    for (const phase of Object.keys(TRANSITIONS) as JobPhase[]) expect(canMove(phase, phase)).toBe(true);
  });

  it('a rollback asked for resumes as one from every rollbackable phase, and only from those', () => {
    const facts = (phase: JobPhase) => ({ phase, sent: true, hasBefore: true, rollbackRequested: true });
    for (const phase of ['settling', 'confirm-window', 'succeeded', 'degraded', 'unknown'] as const) expect(resumePoint(facts(phase))).toBe('rollback');
    expect(resumePoint(facts('verifying'))).toBe('verify');
    expect(resumePoint(facts('waiting-gateway'))).toBe('await-gateway');
    expect([...ROLLBACKABLE].sort()).toEqual(['confirm-window', 'degraded', 'settling', 'succeeded', 'unknown']);
  });

  it('resumes every phase before the send afresh, and a verifying job at the read-back', () => {
    const facts = (phase: JobPhase, sent: boolean) => ({ phase, sent, hasBefore: false, rollbackRequested: false });
    for (const phase of ['queued', 'validating', 'checking-live'] as const) expect(resumePoint(facts(phase, true))).toBe('fresh');
    expect(resumePoint(facts('reconciling', false))).toBe('fresh');
    expect(resumePoint(facts('verifying', true))).toBe('verify');
    expect(resumePoint(facts('conflict', true))).toBe('none');
    expect([...FINAL].sort()).toEqual([...FINAL_JOB_PHASES].sort());
    expect(FINAL.has('degraded') && !FINAL.has('settling')).toBe(true);
  });
});
