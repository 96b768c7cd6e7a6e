// What the engine does between one change and the next, so that many gateways in lockstep do not wait on each
// other: a change's read-back feeds the next change on its gateway, and the drafts of changes that land together
// are marked applied in one write. The job journal stays the truth: a start after a crash finishes a draft from it.
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftSummary, JobSummary } from '../../core/contract.ts';
import { openConf } from '../../main/services/store.ts';
import { createVpcClient, type VpcCall, type VpcClientOptions } from '../../main/services/vpc-client.ts';
import { editAndSave, waitForJob } from './support/flows.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { seedWithBusyGateway } from './support/seeds.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function countingClient(calls: VpcCall[]) {
  return (options: VpcClientOptions) => {
    const real = createVpcClient(options);
    return {
      call(call: VpcCall) {
        calls.push(call);
        return real.call(call);
      },
    };
  };
}

const draftsOf = (harness: Harness) => harness.call<DraftSummary[]>('listDrafts');

describe('apply bookkeeping', () => {
  it("reads a gateway once per change: a change's read-back is the next change's live state", async () => {
    const calls: VpcCall[] = [];
    h = await createHarness({ emulator: { seed: seedWithBusyGateway(), updateSeconds: 0.1 }, compose: { createClient: countingClient(calls) } });
    await h.call('loadInventory', { refresh: true });
    const drafts = [];
    for (let i = 1; i <= 3; i++) drafts.push(await editAndSave(h, 'cn-hangzhou', `vco-q${i}`, (c) => ({ ...c, Name: `handed over ${i}` })));
    const before = calls.length;
    const jobs = await h.call<JobSummary[]>('applyDrafts', { draftIds: drafts.map((d) => d.draftId), confirmWindowSeconds: 0 });
    for (const j of jobs) expect((await waitForJob(h, j.jobId)).phase).toBe('succeeded');
    const reads = calls.slice(before).filter((c) => c.action === 'DescribeVpnConnections' || c.action === 'DescribeVpnConnection');
    // First change: its gateway's list (the connection's live state is in it). Changes 1 and 2 read back the whole
    // gateway, as the next change waits for it; the last one reads back its own connection only.
    expect(reads.map((c) => c.action)).toEqual(['DescribeVpnConnections', 'DescribeVpnConnections', 'DescribeVpnConnections', 'DescribeVpnConnection']);
    expect(h.emulator.modificationCount('vpn-queue01')).toBe(3);
    // The handed-over read held the earlier changes: every name landed and none was undone by a stale base.
    const live = await h.call<{ connections: Array<{ connection: { VpnConnectionId: string; Name: string } }> }>('loadGatewayConnections', { VpnGatewayIds: ['vpn-queue01'] });
    const names = Object.fromEntries(live.connections.map((e) => [e.connection.VpnConnectionId, e.connection.Name]));
    expect([names['vco-q1'], names['vco-q2'], names['vco-q3']]).toEqual(['handed over 1', 'handed over 2', 'handed over 3']);
  }, 30_000);

  it('marks the drafts of changes that land together applied in one write, and at once when asked to finish', async () => {
    let draftWrites = 0;
    h = await createHarness({
      emulator: { seed: seedWithBusyGateway(), updateSeconds: 0.1 },
      compose: {
        apply: { draftSettleMs: 60_000 },
        storeFactory: (o) => {
          const conf = openConf(o);
          if (o.name !== 'drafts') return conf;
          const desc = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(conf), 'store')!;
          Object.defineProperty(conf, 'store', { get: () => desc.get!.call(conf), set: (v) => { draftWrites += 1; desc.set!.call(conf, v); } });
          return conf;
        },
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
