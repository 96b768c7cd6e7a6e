// What the engine does around one change: it reads the connection's live state from DescribeVpnConnection, and
// marks the drafts of changes that land together applied in one write. The job journal stays the truth: a start
// after a crash finishes a draft from it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DraftSummary, JobSummary } from '../../core/contract.ts';
import { interceptDraftWrites } from './support/draft-writes.ts';
import { editAndSave, waitForJob } from './support/flows.ts';
import { createHarness, eventually, type Harness } from './support/harness.ts';
import { seedWithBgpOffConnection, seedWithBusyGateway } from './support/seeds.ts';
import { TestClient, type Body } from '../emulator/helpers.ts';

let h: Harness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
  h = undefined;
});

const draftsOf = (harness: Harness) => harness.call<DraftSummary[]>('listDrafts');

describe('apply bookkeeping', () => {
  it("takes a connection's live state from DescribeVpnConnection, not from its gateway's list", async () => {
    h = await createHarness({ emulator: { seed: seedWithBgpOffConnection(), updateSeconds: 0.1 } });
    await h.call('loadInventory', { refresh: true });
    const client = new TestClient(h.emulator);
    const listed = await client.call('DescribeVpnConnections', { RegionId: 'cn-hangzhou', VpnGatewayId: 'vpn-queue01' });
    const q6 = (listed.VpnConnections.VpnConnection as Body[]).find((c) => c.VpnConnectionId === 'vco-q6')!;
    expect(q6.VpnBgpConfig.EnableBgp).toBeUndefined();
    // A draft that moves the (inactive) local BGP address, applied while other changes queue on the gateway.
    const drafts = [
      await editAndSave(h, 'cn-hangzhou', 'vco-q1', (c) => ({ ...c, Name: 'queued before' })),
      await editAndSave(h, 'cn-hangzhou', 'vco-q6', (c) => (c.mode === 'single' ? { ...c, BgpConfig: { ...c.BgpConfig, LocalBgpIp: '169.254.66.2' } } : c)),
      await editAndSave(h, 'cn-hangzhou', 'vco-q2', (c) => ({ ...c, Name: 'queued after' })),
    ];
    const jobs = await h.call<JobSummary[]>('applyDrafts', { draftIds: drafts.map((d) => d.draftId), confirmWindowSeconds: 0 });
    for (const j of jobs) expect((await waitForJob(h, j.jobId)).phase).toBe('succeeded');
    const after = await client.call('DescribeVpnConnection', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-q6' });
    expect(after.VpnBgpConfig).toMatchObject({ EnableBgp: 'false', LocalBgpIp: '169.254.66.2' });
    expect(h.emulator.modificationCount('vpn-queue01')).toBe(3);
  }, 30_000);

  it('marks the drafts of changes that land together applied in one write, and at once when asked to finish', async () => {
    let draftWrites = 0;
    h = await createHarness({
      emulator: { seed: seedWithBusyGateway(), updateSeconds: 0.1 },
      compose: {
        apply: { draftSettleMs: 60_000 },
        storeFactory: interceptDraftWrites(() => void (draftWrites += 1)),
      },
    });
    await h.call('loadInventory', { refresh: true });
    const a = await editAndSave(h, 'cn-hangzhou', 'vco-hzbgp001', (c) => ({ ...c, Name: 'settled a' }));
    const b = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => ({ ...c, Name: 'settled b' }));
    const jobs = await h.call<JobSummary[]>('applyDrafts', { draftIds: [a.draftId, b.draftId], confirmWindowSeconds: 0 });
    for (const j of jobs) expect((await waitForJob(h, j.jobId)).phase).toBe('succeeded');
    const writesAfterLanding = draftWrites;
    expect((await draftsOf(h)).map((d) => d.status)).toEqual(['applying', 'applying']);
    await h.app.apply.idle();
    expect(draftWrites - writesAfterLanding).toBe(1);
    const settled = await draftsOf(h);
    expect(settled.map((d) => [d.status, d.Name, d.changedFieldCount])).toEqual([
      ['applied', 'settled a', 0],
      ['applied', 'settled b', 0],
    ]);
  }, 30_000);

  it('survives a drafts file that cannot be written when the drafts settle, and writes them later', async () => {
    let failWrites = false;
    const internal: unknown[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void internal.push(args.join(' ')));
    h = await createHarness({
      emulator: { updateSeconds: 0.1 },
      compose: {
        apply: { draftSettleMs: 20 },
        storeFactory: interceptDraftWrites(() => {
          if (failWrites) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }),
      },
    });
    await h.call('loadInventory', { refresh: true });
    const d = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => ({ ...c, Name: 'landed on a full disk' }));
    const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId, confirmWindowSeconds: 0 });
    failWrites = true;
    expect((await waitForJob(h, job.jobId)).phase).toBe('succeeded');
    await eventually(() => internal.some((line) => String(line).includes('ENOSPC')) || undefined);
    // Memory follows the disk, which refused the write: still applying; after a restart finished from the job journal.
    expect((await draftsOf(h)).map((x) => x.status)).toEqual(['applying']);
    failWrites = false;
    await h.restart();
    expect((await draftsOf(h)).map((x) => [x.status, x.Name])).toEqual([['applied', 'landed on a full disk']]);
  }, 30_000);

  it('a start after a crash between the job record and its draft finishes the draft from the job', async () => {
    h = await createHarness({ emulator: { updateSeconds: 0.1 } });
    await h.call('loadInventory', { refresh: true });
    const d = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => ({ ...c, Name: 'landed before the crash' }));
    const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId, confirmWindowSeconds: 0 });
    expect((await waitForJob(h, job.jobId)).phase).toBe('succeeded');
    await h.app.apply.idle();
    // What a crash between the two writes leaves: the job has succeeded, the draft is still being applied.
    h.app.services.drafts.setStatus(d.draftId, 'applying', { draft: d.draft, base: d.base });
    await h.restart();
    const [draft] = await draftsOf(h);
    expect(draft?.status).toBe('applied');
    const record = await h.call<{ base: { Name: string }; draft: { Name: string } }>('getDraft', { draftId: d.draftId });
    expect([record.base.Name, record.draft.Name]).toEqual(['landed before the crash', 'landed before the crash']);
    // And it can be edited afresh: a new draft of the connection opens.
    const fresh = await h.call<{ draftId: string }>('openDraft', { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' });
    expect(fresh.draftId).not.toBe(d.draftId);
  }, 30_000);
});
