import type { FaultConfig, LostAnswerKind } from './types.ts';

export const LOST_ANSWER_KINDS: readonly LostAnswerKind[] = ['reset', 'timeout', '5xx', 'garbage'];

export const DEFAULT_FAULTS: FaultConfig = {
  seed: 1,
  throttleRate: 0,
  serverErrorRate: 0,
  latencyMs: 0,
  resetRate: 0,
  hangRate: 0,
  hangMs: 0,
  actions: [],
  lostAnswerRate: 0,
  lostAnswerKinds: [...LOST_ANSWER_KINDS],
  lostAnswerNext: 0,
  conflictNext: 0,
};

/** The only action a task conflict can refuse: a write. */
const CONFLICTING_ACTION = 'ModifyVpnConnectionAttribute';

export type FaultDecision = {
  kind: 'none' | 'reset' | 'hang' | 'throttle' | 'server-error' | 'conflict';
  latencyMs: number;
  /** Set (with kind `none`) when the request must run and then lose its answer this way. */
  lostAnswer?: LostAnswerKind;
};

/** mulberry32: tiny, fast, and the same sequence for the same seed on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkRate(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new Error(`${name} must be a number from 0 to 1`);
  }
  return value;
}

function checkMs(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 600_000) {
    throw new Error(`${name} must be a number of milliseconds from 0 to 600000`);
  }
  return value;
}

export function validateFaults(partial: Partial<FaultConfig>, base: FaultConfig = DEFAULT_FAULTS): FaultConfig {
  const next: FaultConfig = { ...base, ...partial };
  if (!Number.isInteger(next.seed)) throw new Error('seed must be an integer');
  next.throttleRate = checkRate('throttleRate', next.throttleRate);
  next.serverErrorRate = checkRate('serverErrorRate', next.serverErrorRate);
  next.resetRate = checkRate('resetRate', next.resetRate);
  next.hangRate = checkRate('hangRate', next.hangRate);
  next.latencyMs = checkMs('latencyMs', next.latencyMs);
  next.hangMs = checkMs('hangMs', next.hangMs);
  if (!Array.isArray(next.actions) || next.actions.some((a) => typeof a !== 'string')) {
    throw new Error('actions must be a list of action names');
  }
  next.lostAnswerRate = checkRate('lostAnswerRate', next.lostAnswerRate);
  const kinds: unknown = next.lostAnswerKinds;
  if (
    !Array.isArray(kinds) ||
    kinds.length === 0 ||
    kinds.some((k) => !(LOST_ANSWER_KINDS as readonly unknown[]).includes(k))
  ) {
    throw new Error(`lostAnswerKinds must be a non-empty list of ${LOST_ANSWER_KINDS.join(', ')}`);
  }
  next.lostAnswerKinds = [...new Set(kinds as LostAnswerKind[])];
  if (!Number.isInteger(next.lostAnswerNext) || next.lostAnswerNext < 0 || next.lostAnswerNext > 1_000_000) {
    throw new Error('lostAnswerNext must be a whole number from 0 to 1000000');
  }
  if (!Number.isInteger(next.conflictNext) || next.conflictNext < 0 || next.conflictNext > 1_000_000) {
    throw new Error('conflictNext must be a whole number from 0 to 1000000');
  }
  return next;
}

const ALIASES: Record<string, keyof FaultConfig> = {
  seed: 'seed',
  throttle: 'throttleRate',
  throttlerate: 'throttleRate',
  '5xx': 'serverErrorRate',
  servererrorrate: 'serverErrorRate',
  latency: 'latencyMs',
  latencyms: 'latencyMs',
  reset: 'resetRate',
  resetrate: 'resetRate',
  hang: 'hangRate',
  hangrate: 'hangRate',
  hangms: 'hangMs',
  actions: 'actions',
  lost: 'lostAnswerRate',
  lostanswerrate: 'lostAnswerRate',
  lostkinds: 'lostAnswerKinds',
  lostanswerkinds: 'lostAnswerKinds',
  lostnext: 'lostAnswerNext',
  lostanswernext: 'lostAnswerNext',
  conflictnext: 'conflictNext',
};

const LIST_KEYS = new Set<keyof FaultConfig>(['actions', 'lostAnswerKinds']);

/**
 * `--faults` accepts JSON (`{"throttleRate":0.1}`) or a short list (`throttle=0.1,5xx=0.05,latency=200,seed=7`,
 * `lost=0.2,lostkinds=reset|5xx`); list values are separated by `|`.
 */
export function parseFaultSpec(spec: string): Partial<FaultConfig> {
  const text = spec.trim();
  if (text.startsWith('{')) return validateFaults(JSON.parse(text) as Partial<FaultConfig>);
  const out: Record<string, unknown> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [rawKey, rawValue = ''] = part.split('=');
    const key = ALIASES[(rawKey ?? '').trim().toLowerCase()];
    if (!key) throw new Error(`unknown fault "${rawKey}"`);
    out[key] = LIST_KEYS.has(key) ? rawValue.split('|').filter(Boolean) : Number(rawValue);
  }
  return validateFaults(out as Partial<FaultConfig>);
}

/**
 * Decides each request's fault. Every request that faults apply to draws the same six numbers in the same order
 * (reset, hang, throttle, 5xx, lost answer, lost-answer kind), so a given seed and request sequence always produce
 * the same faults, whichever rates are set.
 */
export class Faults {
  private current: FaultConfig = { ...DEFAULT_FAULTS, lostAnswerKinds: [...DEFAULT_FAULTS.lostAnswerKinds] };
  private random = seededRandom(DEFAULT_FAULTS.seed);

  get config(): FaultConfig {
    return { ...this.current, actions: [...this.current.actions], lostAnswerKinds: [...this.current.lostAnswerKinds] };
  }

  /** Merges and re-seeds, so setting the same config twice replays the same fault sequence. */
  set(partial: Partial<FaultConfig>): FaultConfig {
    this.current = validateFaults(partial, this.current);
    this.random = seededRandom(this.current.seed);
    return this.config;
  }

  decide(action: string | undefined): FaultDecision {
    const c = this.current;
    const applies = c.actions.length === 0 || (action !== undefined && c.actions.includes(action));
    if (!applies) return { kind: 'none', latencyMs: 0 };
    const [reset, hang, throttle, error, lost, which] = [
      this.random(),
      this.random(),
      this.random(),
      this.random(),
      this.random(),
      this.random(),
    ];
    const lostKind = c.lostAnswerKinds[Math.floor(which * c.lostAnswerKinds.length)] ?? 'reset';
    // Drawn like any other request, so a conflict does not shift the seeded sequence of the faults after it.
    if (c.conflictNext > 0 && action === CONFLICTING_ACTION) {
      c.conflictNext -= 1;
      return { kind: 'conflict', latencyMs: c.latencyMs };
    }
    if (c.lostAnswerNext > 0) {
      c.lostAnswerNext -= 1;
      return { kind: 'none', latencyMs: c.latencyMs, lostAnswer: lostKind };
    }
    const kind =
      reset < c.resetRate
        ? 'reset'
        : hang < c.hangRate
          ? 'hang'
          : throttle < c.throttleRate
            ? 'throttle'
            : error < c.serverErrorRate
              ? 'server-error'
              : 'none';
    if (kind === 'none' && lost < c.lostAnswerRate) return { kind, latencyMs: c.latencyMs, lostAnswer: lostKind };
    return { kind, latencyMs: c.latencyMs };
  }
}
