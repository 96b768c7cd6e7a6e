import { describe, expect, it } from 'vitest';
import type { DiffRow, ModifyVpnConnectionAttributeRequest, RuleIssue } from '../../core/index.ts';
import { applyBlock, type ApplyGateInput } from '../../renderer/src/state/apply-gate.ts';

const issue: RuleIssue = { path: 'Name', code: 'Name.TooLong', params: {} };
const row: DiffRow = { path: 'Name', group: 'General', section: 'General', kind: 'text', impact: ['harmless'], secret: false, before: 'a', after: 'b' };
const request = { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-1', Name: 'b' } as unknown as ModifyVpnConnectionAttributeRequest;

const ready = { issues: [], rows: [row], request };
const gate = (over: Partial<ApplyGateInput> = {}) => applyBlock({ analysis: ready, conflictCount: 0, online: true, inFlight: false, ...over });

describe('applyBlock', () => {
  it('lets a changed, valid draft apply when online and idle', () => {
    expect(gate()).toBeNull();
  });

  it('says nothing can be applied without an analysis, a change or a request', () => {
    expect(gate({ analysis: null })).toBe('none');
    expect(gate({ analysis: null, conflictCount: 2, online: false, inFlight: true })).toBe('none');
    expect(gate({ analysis: { issues: [], rows: [], request: null } })).toBe('none');
    expect(gate({ analysis: { issues: [], rows: [row], request: null } })).toBe('none');
  });

  it('gives the first reason that holds: conflicts, rules, offline, busy, nothing to apply', () => {
    const everything: ApplyGateInput = { analysis: { issues: [issue], rows: [], request: null }, conflictCount: 1, online: false, inFlight: true };
    expect(applyBlock(everything)).toBe('conflicts');
    expect(applyBlock({ ...everything, conflictCount: 0 })).toBe('rules');
    expect(applyBlock({ ...everything, conflictCount: 0, analysis: { issues: [], rows: [], request: null } })).toBe('offline');
    expect(applyBlock({ ...everything, conflictCount: 0, online: true, analysis: { issues: [], rows: [], request: null } })).toBe('busy');
    expect(applyBlock({ ...everything, conflictCount: 0, online: true, inFlight: false, analysis: { issues: [], rows: [], request: null } })).toBe('none');
  });

  it('blocks on each reason alone', () => {
    expect(gate({ conflictCount: 1 })).toBe('conflicts');
    expect(gate({ analysis: { ...ready, issues: [issue] } })).toBe('rules');
    expect(gate({ online: false })).toBe('offline');
    expect(gate({ inFlight: true })).toBe('busy');
  });
});
