// Drafts reconciled by main when the API comes back (main/services/draft-reconcile.ts): the real composeApp, the
// emulator over HTTP, no renderer and no IPC call after the drafts are made. Offline is the emulator resetting every
// read the app makes; a colleague changes the cloud meanwhile through their own client (writes get through).
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftRecord, DraftSummary, JobSummary } from '../../core/contract.ts';
import { setField, type VpnConnection } from '../../core/index.ts';
import { createVpcClient, type VpcCall, type VpcClientOptions } from '../../main/services/vpc-client.ts';
import { TestClient } from '../emulator/helpers.ts';
import { createHarness, eventually, type Harness } from './support/harness.ts';
import { editAndSave, waitForJob } from './support/flows.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const READS = ['DescribeRegions', 'DescribeVpnGateways', 'DescribeVpnGateway', 'DescribeVpnConnections', 'DescribeVpnConnection', 'DescribeCustomerGateways'];
const offline = (harness: Harness) => harness.emulator.setFaults({ resetRate: 1, actions: READS });
const online = (harness: Harness) => harness.emulator.setFaults({ resetRate: 0, actions: [] });

/** The app's client, recording every call; calls matching `hold` wait until it is released, and so does every
 * ModifyVpnConnectionAttribute of `stall` (never sent: a job that stays in flight). */
function recordingClient() {
  const calls: VpcCall[] = [];
  let held: { match: (c: VpcCall) => boolean; reached: () => void; release: Promise<void> } | null = null;
  const stall = new Set<string>();
  return {
    calls,
    stall,
    /** The next call matching `match` waits for `release`; resolves when it is reached. */
    hold(match: (c: VpcCall) => boolean, release: Promise<void>): Promise<void> {
      return new Promise((reached) => (held = { match, reached, release }));
    },
    create: (options: VpcClientOptions) => {
      const real = createVpcClient(options);
      return {
        async call(call: VpcCall) {
          calls.push(call);
          if (call.action === 'ModifyVpnConnectionAttribute' && stall.has(call.query?.VpnConnectionId ?? '')) return new Promise<never>(() => undefined);
          if (held?.match(call)) {
            const { reached, release } = held;
            held = null;
            reached();
            await release;
          }
          return real.call(call);
        },
      };
    },
  };
}

const draftOf = (harness: Harness, draftId: string) => harness.call<DraftRecord>('getDraft', { draftId });
const connectivity = (harness: Harness) => harness.events.filter((e) => e.event === 'connectivity').map((e) => (e.payload as { online: boolean }).online);
const listsOf = (calls: VpcCall[], VpnGatewayId: string) => calls.filter((c) => c.action === 'DescribeVpnConnections' && c.query?.VpnGatewayId === VpnGatewayId);
const singleReads = (calls: VpcCall[]) => calls.filter((c) => c.action === 'DescribeVpnConnection');
const lastDrafts = (harness: Harness) => (harness.events.filter((e) => e.event === 'draftsChanged').at(-1)?.payload as { drafts: DraftSummary[] } | undefined)?.drafts ?? [];

/** Goes offline the way main notices it: one of its own calls fails. */
async function goOffline(harness: Harness) {
  offline(harness);
  await harness.call('loadInventory', { refresh: true });
  expect(connectivity(harness).at(-1)).toBe(false);
}

describe('reconcile when the API comes back, in main', () => {
  it('merges every editing draft once, conflict where a colleague changed the same field, an applying draft left alone', async () => {
    const client = recordingClient();
    h = await createHarness({ compose: { createClient: client.create, reconcile: { graceMs: 0, probeMs: 100 } } });
    await h.call('loadInventory', { refresh: true });
    const colleague = new TestClient(h.emulator);

    // An apply that is still in flight (its request never leaves): the draft is 'applying'.
    client.stall.add('vco-eu001');
    const applying = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => setField(c, 'Name', 'being applied'));
    const job = await h.call<JobSummary>('applyDraft', { draftId: applying.draftId });
    await waitForJob(h, job.jobId, ['submitting']);
    const applyingBefore = await draftOf(h, applying.draftId);
    expect(applyingBefore.status).toBe('applying');

    await goOffline(h);
    // Offline, two connections of one gateway are edited (from main's copy: no call reaches the API).
    const ours = await editAndSave(h, 'cn-hangzhou', 'vco-hzpol001', (c) => setField(c, 'Name', 'ours'));
    const other = await editAndSave(h, 'cn-hangzhou', 'vco-hzpol002', (c) => setField(c, 'RemoteSubnet', '192.168.77.0/24'));
    expect(ours.base.Name).not.toBe('theirs');
    // Meanwhile a colleague renames the first in the console, and the second is left as it was.
    await colleague.call('ModifyVpnConnectionAttribute', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzpol001', Name: 'theirs' });
    // Main merges nothing while offline (its probe keeps failing).
    await new Promise((r) => setTimeout(r, 400));
    expect((await draftOf(h, ours.draftId)).status).toBe('editing');
    const callsBefore = client.calls.length;
    const eventsBefore = h.events.length;

    online(h);
    // No call from here on: main's probe notices the way back and reconciles by itself.
    await eventually(async () => ((await h!.app.services.drafts.get(ours.draftId)).status === 'conflict' ? true : undefined), 10_000);
    await h.app.reconciler.idle();

    const conflicted = await draftOf(h, ours.draftId);
    expect(conflicted.conflicts).toEqual([expect.objectContaining({ path: 'Name', draft: 'ours', live: 'theirs', base: ours.base.Name })]);
    expect(conflicted.base.Name).toBe('theirs');
    expect(conflicted.draft.Name).toBe('ours');

    const silent = await draftOf(h, other.draftId);
    expect(silent.status).toBe('editing');
    expect(silent.conflicts).toEqual([]);
    expect(silent.draft.RemoteSubnet).toBe('192.168.77.0/24');
    expect(silent.base.RemoteSubnet).toBe(other.base.RemoteSubnet);
    expect(Date.parse(silent.baseFetchedAt)).toBeGreaterThan(Date.parse(other.baseFetchedAt));

    const stillApplying = await draftOf(h, applying.draftId);
    expect(stillApplying).toEqual(applyingBefore);

    // Pushed to whoever listens, without being asked.
    const pushed = h.events.slice(eventsBefore);
    expect(pushed.filter((e) => e.event === 'connectivity').map((e) => (e.payload as { online: boolean }).online)).toEqual([true]);
    expect(lastDrafts(h).find((d) => d.draftId === ours.draftId)).toMatchObject({ status: 'conflict', conflictCount: 1 });
    expect(lastDrafts(h).find((d) => d.draftId === other.draftId)).toMatchObject({ status: 'editing', conflictCount: 0, changedFieldCount: 1 });
    // main's inventory holds the colleague's change too.
    const listed = await h.call<{ connections: Array<{ connection: VpnConnection }> }>('loadGatewayConnections', { VpnGatewayIds: ['vpn-hzpolicy01'] });
    expect(listed.connections.find((e) => e.connection.VpnConnectionId === 'vco-hzpol001')?.connection.Name).toBe('theirs');

    // The gateway's connections read once for both drafts; nothing read for the applying draft's gateway.
    const after = client.calls.slice(callsBefore);
    expect(listsOf(after, 'vpn-hzpolicy01')).toHaveLength(1);
    expect(listsOf(after, 'vpn-eusingle01')).toHaveLength(0);
    expect(singleReads(after)).toEqual([]);

    // Once per return, not in a loop: online and idle, main makes no further call and pushes nothing more.
    const settledCalls = client.calls.length;
    const settledEvents = h.events.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(client.calls.slice(settledCalls)).toEqual([]);
    expect(h.events.slice(settledEvents)).toEqual([]);
  }, 30_000);

  it('runs again on the next return only, and reads a BGP connection on its own (the gateway list cannot tell EnableBgp)', async () => {
    const client = recordingClient();
    h = await createHarness({ compose: { createClient: client.create, reconcile: { graceMs: 0, probeMs: 100 } } });
    await h.call('loadInventory', { refresh: true });

    await goOffline(h);
    const bgp = await editAndSave(h, 'cn-hangzhou', 'vco-hzbgp001', (c) => setField(c, 'Name', 'bgp renamed'));
    const plain = await editAndSave(h, 'cn-hangzhou', 'vco-hzpol001', (c) => setField(c, 'Name', 'plain renamed'));
    let mark = client.calls.length;
    online(h);
    await eventually(async () => (Date.parse((await draftOf(h!, bgp.draftId)).baseFetchedAt) > Date.parse(bgp.baseFetchedAt) ? true : undefined), 10_000);
    await h.app.reconciler.idle();
    let after = client.calls.slice(mark);
    expect(singleReads(after).map((c) => c.query?.VpnConnectionId)).toEqual(['vco-hzbgp001']);
    expect(listsOf(after, 'vpn-hzsingle01')).toHaveLength(1);
    expect(listsOf(after, 'vpn-hzpolicy01')).toHaveLength(1);
    expect((await draftOf(h, bgp.draftId)).base).toMatchObject({ mode: 'single', BgpConfig: { EnableBgp: true } });
    const firstPlain = (await draftOf(h, plain.draftId)).updatedAt;

    // Offline and back a second time: one more reconcile, just as much reading.
    await goOffline(h);
    mark = client.calls.length;
    online(h);
    await eventually(async () => ((await draftOf(h!, plain.draftId)).updatedAt !== firstPlain ? true : undefined), 10_000);
    await h.app.reconciler.idle();
    after = client.calls.slice(mark);
    expect(listsOf(after, 'vpn-hzpolicy01')).toHaveLength(1);
    expect(listsOf(after, 'vpn-hzsingle01')).toHaveLength(1);
    expect(singleReads(after)).toHaveLength(1);
    // The first contact (online) starts nothing; each return does.
    expect(connectivity(h)).toEqual([true, false, true, false, true]);
  }, 30_000);

  it('leaves a draft alone that was queued for apply while its live state was being read', async () => {
    const client = recordingClient();
    h = await createHarness({ compose: { createClient: client.create, reconcile: { graceMs: 0, probeMs: 0 } } });
    await h.call('loadInventory', { refresh: true });
    const profileId = h.app.services.profiles.active().profileId;
    const d = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => setField(c, 'Name', 'queued meanwhile'));

    let release!: () => void;
    const reached = client.hold((c) => c.action === 'DescribeVpnConnections' && c.query?.VpnGatewayId === 'vpn-eusingle01', new Promise<void>((r) => (release = r)));
    const run = h.app.reconciler.reconcile(profileId);
    await reached;
    const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId });
    release();
    const report = await run;
    expect(report.merged).toEqual([]);
    expect((await waitForJob(h, job.jobId)).phase).toBe('succeeded');
    expect(h.emulator.modificationCount('vpn-eusingle01')).toBe(1);
    await eventually(async () => ((await draftOf(h!, d.draftId)).status === 'applied' ? true : undefined));
    expect((await new TestClient(h.emulator).call('DescribeVpnConnection', { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' })).Name).toBe('queued meanwhile');
  }, 30_000);
});
