// An apply the pre-check says the peer device will not negotiate with is refused by main unless acknowledged; an
// acknowledged one carries the prediction onto the timeline, tied to its job. Real dispatch, store and emulator.
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSummary, TimelineEvent } from '../../core/contract.ts';
import { setField, type VpnConnection } from '../../core/index.ts';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { editAndSave, openDraft, waitForJob } from './support/flows.ts';

const EU = { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' };
const ADDRESSES = { single: { cloudAddress: '198.51.100.10', deviceAddress: '203.0.113.10' } };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function withMirroredPeer(harness: Harness) {
  const draft = await openDraft(harness, EU.RegionId, EU.VpnConnectionId);
  const profile = mirrorPeer(draft.base, ADDRESSES);
  await harness.call('savePeerProfile', { VpnConnectionId: EU.VpnConnectionId, profile: JSON.parse(JSON.stringify(profile)) });
  return draft;
}

const otherEnc = (c: VpnConnection) => {
  if (c.mode !== 'single') throw new Error('vco-eu001 is single-tunnel');
  return setField(c, 'IkeConfig.IkeEncAlg', c.IkeConfig.IkeEncAlg === 'aes256' ? 'aes192' : 'aes256');
};

describe('the peer gate', () => {
  it('refuses a change that breaks phase 1 with the device unless acknowledged, then records the acknowledgement', async () => {
    h = await createHarness();
    await withMirroredPeer(h);
    const saved = await editAndSave(h, EU.RegionId, EU.VpnConnectionId, otherEnc);
    const refused = await h.callRaw('applyDraft', { draftId: saved.draftId, confirmWindowSeconds: 0 });
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('Peer.BreakNotAcknowledged');
    expect(await h.call<JobSummary[]>('listJobs')).toEqual([]);
    // Acknowledging "false" is not acknowledging.
    expect((await h.callRaw('applyDraft', { draftId: saved.draftId, confirmWindowSeconds: 0, acknowledgePeerBreak: false })).error?.code).toBe('Peer.BreakNotAcknowledged');

    const job = await h.call<JobSummary>('applyDraft', { draftId: saved.draftId, confirmWindowSeconds: 0, acknowledgePeerBreak: true });
    await waitForJob(h, job.jobId);
    const events = await h.call<TimelineEvent[]>('getTimeline', { jobId: job.jobId });
    const ack = events.find((e) => e.kind === 'peer-acknowledged');
    expect(ack?.detail).toMatchObject({ prediction: 'breaks-phase1', fields: 'IkeConfig.IkeEncAlg' });
    expect(String(ack?.detail.message)).toMatch(/aes/);
  });

  it('lets a change the device still negotiates with through without asking, and without a timeline entry', async () => {
    h = await createHarness();
    await withMirroredPeer(h);
    const saved = await editAndSave(h, EU.RegionId, EU.VpnConnectionId, (c) => setField(c, 'Name', 'renamed at the desk'));
    const job = await h.call<JobSummary>('applyDraft', { draftId: saved.draftId, confirmWindowSeconds: 0 });
    await waitForJob(h, job.jobId);
    const events = await h.call<TimelineEvent[]>('getTimeline', { jobId: job.jobId });
    expect(events.some((e) => e.kind === 'peer-acknowledged')).toBe(false);
  });

  it('asks nothing when the live connection does not negotiate with the stored device either (the change does not make it worse)', async () => {
    h = await createHarness();
    const draft = await openDraft(h, EU.RegionId, EU.VpnConnectionId);
    // A device that already disagrees with the live connection (another PSK).
    const stale = mirrorPeer(draft.base, ADDRESSES);
    stale.tunnels.single!.psk = 'the device has another key';
    await h.call('savePeerProfile', { VpnConnectionId: EU.VpnConnectionId, profile: JSON.parse(JSON.stringify(stale)) });
    const saved = await editAndSave(h, EU.RegionId, EU.VpnConnectionId, otherEnc);
    const job = await h.call<JobSummary>('applyDraft', { draftId: saved.draftId, confirmWindowSeconds: 0 });
    await waitForJob(h, job.jobId);
    expect((await h.call<TimelineEvent[]>('getTimeline', { jobId: job.jobId })).some((e) => e.kind === 'peer-acknowledged')).toBe(false);
  });

  it('refuses a batch holding one draft that breaks at its device, naming it', async () => {
    h = await createHarness();
    await withMirroredPeer(h);
    const breaking = await editAndSave(h, EU.RegionId, EU.VpnConnectionId, otherEnc);
    const fine = await editAndSave(h, 'cn-hangzhou', 'vco-hzpol001', (c) => setField(c, 'Name', 'policy one'));
    const refused = await h.callRaw('applyDrafts', { draftIds: [fine.draftId, breaking.draftId], confirmWindowSeconds: 0 });
    expect(refused.error?.code).toBe('Peer.BreakNotAcknowledged');
    expect(refused.error?.message).toContain(EU.VpnConnectionId);
    expect(await h.call<JobSummary[]>('listJobs')).toEqual([]);
  });
});
