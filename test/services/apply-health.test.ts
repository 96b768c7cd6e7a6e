// "Green must mean up": every apply is judged by every tunnel it touches, against the emulator's simulated peer.
// A change the peer does not follow ends degraded (window 0) or is rolled back at the deadline (confirm window); a
// change that keeps every tunnel up succeeds; an answer lost after the change landed is settled from live state.
import { afterEach, describe, expect, it } from 'vitest';
import type { InventoryListing, JobSummary, TimelineEvent } from '../../core/contract.ts';
import type { DualTunnelConnection, VpnConnection } from '../../core/index.ts';
import type { Clock } from '../../main/services/events.ts';
import { createVpcClient, type VpcClientOptions } from '../../main/services/vpc-client.ts';
import { TestClient } from '../emulator/helpers.ts';
import { createHarness, eventually, type Harness } from './support/harness.ts';
import { editAndSave, kinds, waitForJob } from './support/flows.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const DUAL = 'vco-hzdual001';
const timelineOf = (harness: Harness, jobId: string) => harness.call<TimelineEvent[]>('getTimeline', { jobId });
const withSlavePsk = (psk: string) => (c: VpnConnection): VpnConnection => {
  if (c.mode !== 'dual') throw new Error('expected a dual-tunnel connection');
  const [m, s] = c.tunnels;
  return { ...c, tunnels: [m, { ...s, TunnelIkeConfig: { ...s.TunnelIkeConfig, Psk: psk } }] };
};
const liveDual = async (harness: Harness) => {
  const body = await new TestClient(harness.emulator).call('DescribeVpnConnection', { RegionId: 'cn-hangzhou', VpnConnectionId: DUAL });
  const tunnels = body.TunnelOptionsSpecification.TunnelOptions as Array<{ Role: string; Status: string; TunnelIkeConfig: { Psk: string } }>;
  return { master: tunnels.find((t) => t.Role === 'master')!, slave: tunnels.find((t) => t.Role === 'slave')! };
};
const summaryOf = async (harness: Harness, id: string) => (await harness.call<InventoryListing>('loadInventory', { refresh: false })).connections.find((c) => c.VpnConnectionId === id)!;

/** A clock the test can move forward, so a 30 s confirm window passes in milliseconds. */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

describe('tunnel health after an apply', () => {
  it('a slave-PSK change the peer does not follow ends degraded with no confirm window, the connection red, rollback offered', async () => {
    h = await createHarness();
    await h.call('loadInventory', { refresh: true });
    expect((await summaryOf(h, DUAL)).health).toBe('up');
    const d = await editAndSave(h, 'cn-hangzhou', DUAL, withSlavePsk('slave-psk-the-peer-lacks'));
    const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId, confirmWindowSeconds: 0 });
    const done = await waitForJob(h, job.jobId);

    expect(done.phase).toBe('degraded');
    expect(done.rollbackable).toBe(true);
    expect(done.error?.code).toBe('Apply.TunnelDown');
    expect(done.error?.message).toContain('slave tunnel');
    expect(done.tunnels?.losses).toEqual([expect.objectContaining({ position: 'slave', what: 'negotiation', before: 'ipsec_sa_established', now: 'ike_sa_not_established' })]);
    expect(done.tunnels?.downSince).toEqual(expect.any(String));
    const k = kinds(await timelineOf(h, job.jobId));
    expect(k).toEqual(['queued', 'validated', 'submitted', 'gateway-status:updating', 'gateway-status:active', 'verified', 'negotiation', 'settling', 'degraded']);
    // The change landed: the draft is applied; the listing shows the connection down although its master is up.
    await h.app.apply.idle();
    expect((await h.call<{ status: string }>('getDraft', { draftId: d.draftId })).status).toBe('applied');
    const summary = await summaryOf(h, DUAL);
    expect(summary.Status).toBe('ipsec_sa_established');
    expect(summary.health).toBe('down');
    expect(summary.tunnels?.map((t) => [t.position, t.health])).toEqual([['master', 'up'], ['slave', 'down']]);
    expect(JSON.stringify(await timelineOf(h, job.jobId))).not.toContain('slave-psk-the-peer-lacks');

    // One click back: the pre-change values are sent (a new ClientToken), read back, and the slave is up again.
    const before = (await liveDual(h)).master.TunnelIkeConfig.Psk;
    await h.call('rollbackJob', { jobId: job.jobId });
    const rolled = await waitForJob(h, job.jobId, ['rolled-back', 'failed']);
    expect(rolled.phase).toBe('rolled-back');
    // The tunnel-down error described the outcome that was undone.
    expect(rolled.error).toBeUndefined();
    expect(rolled.tunnels?.losses).toEqual([]);
    const after = await liveDual(h);
    expect(after.slave.TunnelIkeConfig.Psk).toBe(d.base.mode === 'dual' ? d.base.tunnels[1].TunnelIkeConfig.Psk : '');
    expect(after.master.TunnelIkeConfig.Psk).toBe(before);
    expect(after.slave.Status).toBe('ipsec_sa_established');
    expect(h.emulator.modificationCount('vpn-hzdual001')).toBe(2);
    const again = await h.callRaw('rollbackJob', { jobId: job.jobId });
    expect(again.error?.code).toBe('Job.NotRollbackable');
  });

  it('with a 30 s confirm window the same change is rolled back at the deadline and reads back as before', async () => {
    const clock = movableClock();
    h = await createHarness({ compose: { clock } });
    await h.call('loadInventory', { refresh: true });
    const d = await editAndSave(h, 'cn-hangzhou', DUAL, withSlavePsk('slave-psk-the-peer-lacks'));
    const base = d.base as DualTunnelConnection;
    const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId, confirmWindowSeconds: 30 });
    const open = await waitForJob(h, job.jobId, ['confirm-window']);
    expect(Date.parse(open.confirmDeadline!) - clock.now().getTime()).toBeGreaterThan(25_000);
    // While the window is open the loss is on the job for the UI to show.
    expect(open.tunnels?.losses.map((l) => l.position)).toEqual(['slave']);
    expect((await h.call<JobSummary[]>('listJobs')).find((j) => j.jobId === job.jobId)?.phase).toBe('confirm-window');

    clock.advance(31_000);
    const done = await waitForJob(h, job.jobId);
    expect(done.phase).toBe('rolled-back');
    const events = await timelineOf(h, job.jobId);
    // Whether a poll catches `updating` depends on timing; every other step is fixed.
    expect(kinds(events).filter((k) => k !== 'gateway-status:updating')).toEqual([
      'queued', 'validated', 'submitted', 'gateway-status:active', 'verified', 'negotiation', 'confirm-window',
      'rolling-back', 'submitted', 'gateway-status:active', 'rolled-back',
    ]);
    expect(events.filter((e) => e.kind === 'submitted').map((e) => e.detail.for)).toEqual(['apply', 'rollback']);
    expect(events.find((e) => e.kind === 'rolling-back')?.detail.reason).toBe('negotiation-failed');
    const live = await liveDual(h);
    expect(live.slave.TunnelIkeConfig.Psk).toBe(base.tunnels[1].TunnelIkeConfig.Psk);
    expect(live.master.TunnelIkeConfig.Psk).toBe(base.tunnels[0].TunnelIkeConfig.Psk);
    expect([live.master.Status, live.slave.Status]).toEqual(['ipsec_sa_established', 'ipsec_sa_established']);
    expect((await h.call<{ status: string }>('getDraft', { draftId: d.draftId })).status).toBe('editing');
  });

  it('a confirm with a tunnel down keeps the change but never calls it succeeded', async () => {
    h = await createHarness();
    await h.call('loadInventory', { refresh: true });
    const d = await editAndSave(h, 'cn-hangzhou', DUAL, withSlavePsk('slave-psk-kept-anyway'));
    const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId, confirmWindowSeconds: 60 });
    await waitForJob(h, job.jobId, ['confirm-window']);
    await h.call('confirmJob', { jobId: job.jobId });
    const done = await waitForJob(h, job.jobId);
    expect(done).toMatchObject({ phase: 'degraded', keptBy: 'user', rollbackable: true });
  });

  it('a rollback the service refuses leaves the job unknown with rollback offered again, and the draft editable', async () => {
    h = await createHarness({ compose: { apply: { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 } } } });
    await h.call('loadInventory', { refresh: true });
    const d = await editAndSave(h, 'cn-hangzhou', DUAL, withSlavePsk('slave-psk-the-peer-lacks'));
    const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId, confirmWindowSeconds: 0 });
    expect((await waitForJob(h, job.jobId)).phase).toBe('degraded');
    h.emulator.setFaults({ throttleRate: 1, actions: ['ModifyVpnConnectionAttribute'] });
    await h.call('rollbackJob', { jobId: job.jobId });
    const stuck = await waitForJob(h, job.jobId, ['unknown', 'rolled-back']);
    h.emulator.setFaults({ throttleRate: 0, actions: [] });
    expect(stuck).toMatchObject({ phase: 'unknown', rollbackable: true, error: expect.objectContaining({ code: 'Throttling.User' }) });
    expect(stuck.error?.message).toContain('rollback did not complete');
    await h.app.apply.idle();
    expect((await h.call<{ status: string }>('getDraft', { draftId: d.draftId })).status).toBe('editing');
    // Asked again, it goes through.
    await h.call('rollbackJob', { jobId: job.jobId });
    expect((await waitForJob(h, job.jobId, ['rolled-back'])).phase).toBe('rolled-back');
    expect((await liveDual(h)).slave.Status).toBe('ipsec_sa_established');
  });

  it('a Confirm right after the read-back is judged by the settle period, not by the first read', async () => {
    const clock = movableClock();
    h = await createHarness({ compose: { clock, apply: { settleMs: 2_000 } } });
    await h.call('loadInventory', { refresh: true });
    const d = await editAndSave(h, 'cn-hangzhou', DUAL, withSlavePsk('slave-psk-kept-anyway'));
    const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId, confirmWindowSeconds: 60 });
    await waitForJob(h, job.jobId, ['confirm-window']);
    await h.call('confirmJob', { jobId: job.jobId });
    const watching = await waitForJob(h, job.jobId, ['settling']);
    expect(watching.keptBy).toBe('user');
    // The device gets the new key meanwhile: the slave comes back before the settle period ends.
    h.emulator.setPeer('cgw-hz002', { ...(h.emulator.dumpState() as { customerGateways: Array<{ CustomerGatewayId: string; Peer: Record<string, unknown> }> }).customerGateways.find((c) => c.CustomerGatewayId === 'cgw-hz002')!.Peer, Psk: 'slave-psk-kept-anyway' } as never);
    clock.advance(3_000);
    expect(await waitForJob(h, job.jobId)).toMatchObject({ phase: 'succeeded', keptBy: 'user' });
  });

  it('a change that keeps both tunnels up succeeds, kept by negotiation at the deadline', async () => {
    const clock = movableClock();
    h = await createHarness({ compose: { clock } });
    await h.call('loadInventory', { refresh: true });
    const d = await editAndSave(h, 'cn-hangzhou', DUAL, (c) => {
      if (c.mode !== 'dual') throw new Error('expected dual');
      const [m, s] = c.tunnels;
      return { ...c, tunnels: [{ ...m, TunnelIpsecConfig: { ...m.TunnelIpsecConfig, IpsecLifetime: 7200 } }, s] };
    });
    const settled = await h.call<JobSummary>('applyDraft', { draftId: d.draftId, confirmWindowSeconds: 0 });
    const done = await waitForJob(h, settled.jobId);
    expect(done.phase).toBe('succeeded');
    expect(done.tunnels?.losses).toEqual([]);
    expect(done.tunnels?.now.map((t) => t.health)).toEqual(['up', 'up']);

    await h.app.apply.idle();
    const again = await editAndSave(h, 'cn-hangzhou', DUAL, (c) => ({ ...c, Name: 'hz-dc-a renamed' }));
    const windowed = await h.call<JobSummary>('applyDraft', { draftId: again.draftId, confirmWindowSeconds: 30 });
    await waitForJob(h, windowed.jobId, ['confirm-window']);
    clock.advance(31_000);
    expect(await waitForJob(h, windowed.jobId)).toMatchObject({ phase: 'succeeded', keptBy: 'negotiation' });
  });
});

describe('lost answers', () => {
  const fastFail = { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 } };

  for (const kind of ['reset', 'timeout', '5xx', 'garbage'] as const) {
    it(`a change that landed but whose answers were lost (${kind}) is reconciled from live state and succeeds once`, async () => {
      h = await createHarness({ compose: { readTimeoutMs: 800, apply: fastFail } });
      await h.call('loadInventory', { refresh: true });
      const d = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => ({ ...c, Name: `lost ${kind}` }));
      // Every send's answer is lost (the retry with the same ClientToken too): only the live read can tell.
      h.emulator.setFaults({ lostAnswerNext: 10, lostAnswerKinds: [kind], actions: ['ModifyVpnConnectionAttribute'], hangMs: 1500 });
      const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId, confirmWindowSeconds: 0 });
      const done = await waitForJob(h, job.jobId, undefined, 20_000);
      h.emulator.setFaults({ lostAnswerNext: 0, actions: [] });
      expect(done.phase).toBe('succeeded');
      expect(h.emulator.modificationCount('vpn-eusingle01')).toBe(1);
      const events = await timelineOf(h, job.jobId);
      expect(events.find((e) => e.kind === 'reconciled')?.detail.landed).toBe('applied');
      expect(kinds(events)).not.toContain('failed');
      await h.app.apply.idle();
      expect((await h.call<{ status: string }>('getDraft', { draftId: d.draftId })).status).toBe('applied');
    }, 30_000);
  }

  for (const fault of [{ resetRate: 1 }, { serverErrorRate: 1 }] as const) {
    it(`a change that never reached the service (${Object.keys(fault)[0]}) fails after the live read, nothing changed`, async () => {
      h = await createHarness({ compose: { apply: fastFail } });
      await h.call('loadInventory', { refresh: true });
      const d = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => ({ ...c, Name: 'never landed' }));
      h.emulator.setFaults({ ...fault, actions: ['ModifyVpnConnectionAttribute'] });
      const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId, confirmWindowSeconds: 0 });
      const done = await waitForJob(h, job.jobId);
      h.emulator.setFaults({ resetRate: 0, serverErrorRate: 0, actions: [] });
      expect(done.phase).toBe('failed');
      expect(h.emulator.modificationCount('vpn-eusingle01')).toBe(0);
      expect((await timelineOf(h, job.jobId)).find((e) => e.kind === 'reconciled')?.detail.landed).toBe('not-applied');
      expect((await h.call<{ status: string }>('getDraft', { draftId: d.draftId })).status).toBe('editing');
    }, 30_000);
  }

  it('ends unknown, with rollback offered, when the answer is lost and the connection cannot be read', async () => {
    h = await createHarness({ compose: { readTimeoutMs: 600, apply: { retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 20 } } } });
    await h.call('loadInventory', { refresh: true });
    const d = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => ({ ...c, Name: 'landed unseen' }));
    h.emulator.setFaults({ lostAnswerNext: 1, lostAnswerKinds: ['timeout'], actions: ['ModifyVpnConnectionAttribute'], hangMs: 5000 });
    const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId, confirmWindowSeconds: 0 });
    // The change lands; while the send waits for its lost answer, the reads start failing too.
    await eventually(() => (h!.emulator.modificationCount('vpn-eusingle01') === 1 ? true : undefined));
    h.emulator.setFaults({ resetRate: 1, actions: ['DescribeVpnConnection'] });
    const done = await waitForJob(h, job.jobId);
    h.emulator.setFaults({ resetRate: 0, lostAnswerNext: 0, actions: [] });
    expect(done.phase).toBe('unknown');
    expect(done.error?.code).toBe('Apply.Unknown');
    expect(done.rollbackable).toBe(true);
    expect(h.emulator.modificationCount('vpn-eusingle01')).toBe(1);
    // Rolling back restores the pre-change name.
    await h.call('rollbackJob', { jobId: job.jobId });
    expect((await waitForJob(h, job.jobId, ['rolled-back', 'failed'])).phase).toBe('rolled-back');
    const live = await new TestClient(h.emulator).call('DescribeVpnConnection', { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' });
    expect(live.Name).toBe(d.base.Name);
  }, 30_000);
});

/** A client whose ModifyVpnConnectionAttribute reaches the service but whose answer never returns. */
function stallAfterSend(options: VpcClientOptions) {
  const real = createVpcClient(options);
  return {
    async call(call: Parameters<typeof real.call>[0]) {
      if (call.action !== 'ModifyVpnConnectionAttribute') return real.call(call);
      await real.call(call);
      return new Promise<never>(() => undefined);
    },
  };
}

/** A client whose ModifyVpnConnectionAttribute never returns and never reaches the service. */
function stallBeforeSend(options: VpcClientOptions) {
  const real = createVpcClient(options);
  return {
    async call(call: Parameters<typeof real.call>[0]) {
      if (call.action !== 'ModifyVpnConnectionAttribute') return real.call(call);
      return new Promise<never>(() => undefined);
    },
  };
}

describe('resume with secrets that cannot be opened', () => {
  it('stops with a clear message and sends nothing when the sealed request was held for the last session only', async () => {
    // No keychain: the data key lives in memory, so the restart below cannot unseal the job's PSK.
    h = await createHarness({ keychain: null, compose: { createClient: stallBeforeSend } });
    await h.call('loadInventory', { refresh: true });
    const d = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => (c.mode === 'single' ? { ...c, Name: 'renamed with a new key', IkeConfig: { ...c.IkeConfig, Psk: 'psk-for-this-session' } } : c));
    const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId });
    await waitForJob(h, job.jobId, ['submitting']);
    await h.restart({ createClient: createVpcClient });
    // The name did not move, so the change (which lands whole or not at all) did not land.
    const done = await waitForJob(h, job.jobId);
    expect(done.phase).toBe('failed');
    expect(done.error?.code).toBe('Apply.SecretsLost');
    expect(done.error?.message).toContain('enter the PSK again');
    expect(h.emulator.modificationCount('vpn-eusingle01')).toBe(0);
    const live = await new TestClient(h.emulator).call('DescribeVpnConnection', { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' });
    expect(live.IkeConfig.Psk).toBe(d.base.mode === 'single' ? d.base.IkeConfig.Psk : '');
  }, 20_000);

  it('a PSK-only change that may have been sent cannot be checked: unknown, nothing sent again, no rollback with a lost key', async () => {
    h = await createHarness({ keychain: null, compose: { createClient: stallBeforeSend } });
    await h.call('loadInventory', { refresh: true });
    const d = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => (c.mode === 'single' ? { ...c, IkeConfig: { ...c.IkeConfig, Psk: 'psk-for-this-session' } } : c));
    const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId });
    await waitForJob(h, job.jobId, ['submitting']);
    await h.restart({ createClient: createVpcClient });
    const done = await waitForJob(h, job.jobId);
    expect(done).toMatchObject({ phase: 'unknown', rollbackable: false });
    expect(done.error?.code).toBe('Apply.SecretsLost');
    expect(done.error?.message).toContain('enter the PSK again');
    expect(h.emulator.modificationCount('vpn-eusingle01')).toBe(0);
    expect((await h.callRaw('rollbackJob', { jobId: job.jobId })).error?.code).toBe('Job.NotRollbackable');
  }, 20_000);

  it('ends unknown, sending nothing more, when the change landed before the restart but cannot be checked', async () => {
    h = await createHarness({ keychain: null, compose: { createClient: stallAfterSend } });
    await h.call('loadInventory', { refresh: true });
    const d = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => (c.mode === 'single' ? { ...c, Name: 'renamed with a new key', IkeConfig: { ...c.IkeConfig, Psk: 'psk-landed-unseen' } } : c));
    const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId });
    await eventually(() => (h!.emulator.modificationCount('vpn-eusingle01') === 1 ? true : undefined));
    await h.restart({ createClient: createVpcClient });
    const done = await waitForJob(h, job.jobId);
    expect(done).toMatchObject({ phase: 'unknown', rollbackable: false, error: expect.objectContaining({ code: 'Apply.SecretsLost' }) });
    expect(done.error?.message).toContain('cannot be checked');
    expect(h.emulator.modificationCount('vpn-eusingle01')).toBe(1);
  }, 20_000);
});
