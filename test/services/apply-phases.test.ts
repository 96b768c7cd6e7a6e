// The apply state machine and the verdicts of the settle period and the confirm window, as tables.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINAL_JOB_PHASES, type JobPhase } from '../../core/contract.ts';
import { buildModifyRequest, tunnelHealths, type SingleTunnelConnection } from '../../core/index.ts';
import { decideConfirm, decideSettle, observeTunnels } from '../../main/services/apply/confirm.ts';
import { landedState, landedWithoutSecrets, mayHaveLanded } from '../../main/services/apply/landing.ts';
import { canMove, resumePoint, TRANSITIONS } from '../../main/services/apply/phases.ts';
import { phasesDiagram } from '../../main/services/apply/phases-diagram.ts';
import { normalGateway, single } from '../core/fixtures.ts';

const facts = (phase: JobPhase, extra: Partial<Parameters<typeof resumePoint>[0]> = {}) => ({ phase, sent: true, hasBefore: true, rollbackRequested: false, ...extra });

describe('apply phases', () => {
  it('final phases go nowhere but a rollback, and only those that applied something may roll back', () => {
    for (const phase of FINAL_JOB_PHASES) {
      const next = TRANSITIONS[phase];
      expect(next.every((p) => p === 'rolling-back')).toBe(true);
      expect(next.length > 0).toBe(['succeeded', 'degraded', 'unknown'].includes(phase));
    }
  });

  it('once the service accepted a change, no phase can end in a plain failure', () => {
    for (const phase of ['waiting-gateway', 'verifying', 'settling', 'confirm-window', 'rolling-back'] as const) expect(canMove(phase, 'failed')).toBe(false);
    // Kept in a confirm window, a change is still judged by the settle period.
    expect(canMove('confirm-window', 'succeeded')).toBe(false);
    expect(canMove('confirm-window', 'settling')).toBe(true);
    expect(canMove('waiting-gateway', 'unknown')).toBe(true);
    expect(canMove('submitting', 'failed')).toBe(true);
    expect(canMove('settling', 'degraded')).toBe(true);
    expect(canMove('queued', 'succeeded')).toBe(false);
  });

  it('docs/architecture.md draws the table as it is', () => {
    const doc = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');
    expect(doc).toContain(`\`\`\`mermaid\n${phasesDiagram()}\n\`\`\``);
  });

  it('resumes each persisted phase at the right point', () => {
    expect(resumePoint(facts('queued', { sent: false }))).toBe('fresh');
    expect(resumePoint(facts('submitting', { sent: false }))).toBe('fresh');
    expect(resumePoint(facts('submitting'))).toBe('reconcile');
    expect(resumePoint(facts('reconciling'))).toBe('reconcile');
    expect(resumePoint(facts('waiting-gateway'))).toBe('await-gateway');
    expect(resumePoint(facts('settling'))).toBe('settle');
    expect(resumePoint(facts('confirm-window'))).toBe('confirm');
    expect(resumePoint(facts('rolling-back'))).toBe('rollback');
    expect(resumePoint(facts('degraded', { rollbackRequested: true }))).toBe('rollback');
    expect(resumePoint(facts('degraded'))).toBe('none');
    expect(resumePoint(facts('succeeded', { rollbackRequested: true, hasBefore: false }))).toBe('none');
    expect(resumePoint(facts('failed', { rollbackRequested: true }))).toBe('none');
    expect(resumePoint(facts('rolled-back'))).toBe('none');
  });
});

describe('verdicts', () => {
  const at = { nowMs: 1000, deadlineMs: 2000 };
  const late = { nowMs: 2000, deadlineMs: 2000 };
  it('confirm window: rollback request first, the user\'s confirm keeps (the settle period judges it), the deadline keeps only a clean state', () => {
    expect(decideConfirm({ confirmed: true, rollbackRequested: true, losses: 0, ...at })).toBe('rollback');
    expect(decideConfirm({ confirmed: true, rollbackRequested: false, losses: 0, ...at })).toBe('kept');
    expect(decideConfirm({ confirmed: true, rollbackRequested: false, losses: 1, ...at })).toBe('kept');
    expect(decideConfirm({ confirmed: false, rollbackRequested: false, losses: 1, ...at })).toBe('wait');
    expect(decideConfirm({ confirmed: false, rollbackRequested: false, losses: 0, ...late })).toBe('kept-by-negotiation');
    expect(decideConfirm({ confirmed: false, rollbackRequested: false, losses: 2, ...late })).toBe('rollback');
    expect(decideConfirm({ confirmed: false, rollbackRequested: false, losses: null, ...late })).toBe('rollback');
  });

  it('settle period: waits to the end, then succeeded, degraded or unknown', () => {
    expect(decideSettle({ losses: 1, ...at })).toBe('wait');
    expect(decideSettle({ losses: 0, ...late })).toBe('succeeded');
    expect(decideSettle({ losses: 1, ...late })).toBe('degraded');
    expect(decideSettle({ losses: null, ...late })).toBe('unknown');
  });

  it('a loss keeps the time it was first seen until it ends', () => {
    const up = { ...single(), Status: 'ipsec_sa_established' };
    const down = { ...up, Status: 'ike_sa_not_established' };
    const before = tunnelHealths(up);
    const first = observeTunnels(before, tunnelHealths(down), undefined, 't1');
    expect(first).toMatchObject({ downSince: 't1', checkedAt: 't1' });
    const second = observeTunnels(before, tunnelHealths(down), first, 't2');
    expect(second).toMatchObject({ downSince: 't1', checkedAt: 't2' });
    const back = observeTunnels(before, tunnelHealths(up), second, 't3');
    expect(back.losses).toEqual([]);
    expect(back.downSince).toBeUndefined();
  });
});

describe('lost answers', () => {
  const before: SingleTunnelConnection = single();
  const target: SingleTunnelConnection = { ...before, Name: 'renamed', LocalSubnet: '10.9.9.0/24' };
  const built = buildModifyRequest(before, target, normalGateway, { RegionId: 'cn-hangzhou', ClientToken: 't' });
  if (!built.ok) throw new Error('fixture request refused');
  const send = { request: built.request, changedPaths: built.changedPaths };

  it('tells applied, not applied and partly applied apart', () => {
    expect(landedState(before, send, target)).toBe('applied');
    expect(landedState(before, send, before)).toBe('not-applied');
    expect(landedState(before, send, { ...before, Name: 'renamed' })).toBe('partial');
    // A field outside the request moving (someone else's change) does not make it partial.
    expect(landedState(before, send, { ...before, RemoteSubnet: '10.7.0.0/16' })).toBe('not-applied');
  });

  it('without the secrets, decides on the other fields only, and tells nothing from a secret alone', () => {
    const lost = { ...before, IkeConfig: { ...before.IkeConfig, Psk: '' } };
    const pskAndName = { ...target, IkeConfig: { ...target.IkeConfig, Psk: '' } };
    const paths = [...send.changedPaths, 'IkeConfig.Psk'];
    expect(landedWithoutSecrets(lost, pskAndName, paths, { ...target, IkeConfig: { ...target.IkeConfig, Psk: 'real-new-key' } })).toBe('applied');
    expect(landedWithoutSecrets(lost, pskAndName, paths, before)).toBe('not-applied');
    expect(landedWithoutSecrets(lost, pskAndName, paths, { ...before, Name: 'renamed' })).toBe('partial');
    expect(landedWithoutSecrets(lost, lost, ['IkeConfig.Psk'], before)).toBe('undecidable');
  });

  it('counts as maybe-landed everything but a refusal the service answered and a connection never opened', () => {
    const e = (code: string, httpStatus: number) => ({ code, message: '', requestId: null, httpStatus, retryable: true });
    expect(mayHaveLanded(e('Network.Timeout', 0))).toBe(true);
    expect(mayHaveLanded(e('Network.ConnectionReset', 0))).toBe(true);
    expect(mayHaveLanded(e('ServiceUnavailable', 503))).toBe(true);
    expect(mayHaveLanded(e('Api.MalformedResponse', 200))).toBe(true);
    expect(mayHaveLanded(e('Api.MalformedResponse', 502))).toBe(true);
    expect(mayHaveLanded(e('Throttling.User', 400))).toBe(false);
    expect(mayHaveLanded(e('VpnGateway.Configuring', 400))).toBe(false);
    expect(mayHaveLanded(e('Network.ConnectionRefused', 0))).toBe(false);
    expect(mayHaveLanded(e('Network.HostNotFound', 0))).toBe(false);
  });
});
