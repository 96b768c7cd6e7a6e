import { describe, expect, it } from 'vitest';
import { applyBlock, type ApplyGateInput } from '../../renderer/src/state/apply-gate.ts';

const ready: ApplyGateInput = { analysed: true, conflicts: 0, ruleErrors: 0, online: true, inFlight: false, changes: 2, hasRequest: true };

describe('applyBlock', () => {
  it('lets an analysed, clean, online change with a request through', () => {
    expect(applyBlock(ready)).toBeNull();
  });

  it('names each reason, in the order the user must act on them', () => {
    expect(applyBlock({ ...ready, analysed: false, conflicts: 1 })).toBe('none');
    expect(applyBlock({ ...ready, conflicts: 1, ruleErrors: 3, online: false, inFlight: true })).toBe('conflicts');
    expect(applyBlock({ ...ready, ruleErrors: 3, online: false, inFlight: true })).toBe('rules');
    expect(applyBlock({ ...ready, online: false, inFlight: true })).toBe('offline');
    expect(applyBlock({ ...ready, inFlight: true, changes: 0 })).toBe('busy');
    expect(applyBlock({ ...ready, changes: 0 })).toBe('none');
    expect(applyBlock({ ...ready, hasRequest: false })).toBe('none');
  });
});
