import { describe, expect, it } from 'vitest';
import { ackKeyOf, applyBlock, type ApplyGateInput } from '../../renderer/src/state/apply-gate.ts';

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

describe('ackKeyOf', () => {
  it('is the same for an equal draft and device handed back by main (other key order, numbers as text), and changes with any edit', async () => {
    const { DUAL } = await import('./support/sample-data.ts');
    const { mirrorPeer } = await import('../../core/peer/mirror.ts');
    const { setField } = await import('../../core/index.ts');
    const profile = mirrorPeer(DUAL, { master: { cloudAddress: '1.1.1.1', deviceAddress: '2.2.2.2' }, slave: { cloudAddress: '1.1.1.2', deviceAddress: '2.2.2.2' } });
    const reordered = Object.fromEntries(Object.entries(DUAL).reverse()) as unknown as typeof DUAL;
    const asText = setField(DUAL, 'TunnelOptionsSpecification.1.TunnelIkeConfig.IkeLifetime', String(DUAL.mode === 'dual' ? DUAL.tunnels[0].TunnelIkeConfig.IkeLifetime : ''));
    const backFromMain = { ...profile, tunnels: { slave: profile.tunnels.slave!, master: profile.tunnels.master! } };
    const key = ackKeyOf(DUAL, profile);
    expect(ackKeyOf(reordered, profile)).toBe(key);
    expect(ackKeyOf(asText, backFromMain)).toBe(key);
    expect(ackKeyOf(setField(DUAL, 'Name', 'other'), profile)).not.toBe(key);
    expect(ackKeyOf(DUAL, { ...profile, platform: 'ISR 4331' })).not.toBe(key);
  });
});
