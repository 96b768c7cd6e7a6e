// Issue 14 through the whole app (composeApp, the apply engine, the real SDK, the emulator on 127.0.0.1): main checks
// every request with core's validateRequest before it leaves, judges a draft by what it changes, sends subnet lists
// as the service stores them, retries VpnTask.CONFLICT, and fails cleanly on an older gateway's OperationUnsupported.
import nodeCrypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobSummary, TimelineEvent } from '../../core/contract.ts';
import { setField } from '../../core/index.ts';
import { DEFAULT_SEED, type EmulatorSeed } from '../../emulator/index.ts';
import { editAndSave, waitForJob } from '../services/support/flows.ts';
import { createHarness, type Harness } from '../services/support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
  h = undefined;
});

function seedWith(change: { connections?: Record<string, object>; gateways?: Record<string, object> }): EmulatorSeed {
  const seed = structuredClone(DEFAULT_SEED);
  seed.vpnConnections = seed.vpnConnections.map((c) => ({ ...c, ...change.connections?.[c.VpnConnectionId] }));
  seed.vpnGateways = seed.vpnGateways.map((g) => ({ ...g, ...change.gateways?.[g.VpnGatewayId] }));
  return seed;
}

async function harness(seed?: EmulatorSeed): Promise<Harness> {
  h = await createHarness(seed ? { emulator: { seed } } : {});
  await h.call('loadInventory', { refresh: true });
  return h;
}

async function apply(
  hh: Harness,
  RegionId: string,
  VpnConnectionId: string,
  edit: Parameters<typeof editAndSave>[3],
  beforeApply?: () => void,
): Promise<{ job: JobSummary; timeline: TimelineEvent[] }> {
  const draft = await editAndSave(hh, RegionId, VpnConnectionId, edit);
  beforeApply?.();
  const queued = await hh.call<JobSummary>('applyDraft', { draftId: draft.draftId });
  const job = await waitForJob(hh, queued.jobId);
  return { job, timeline: await hh.call<TimelineEvent[]>('getTimeline', { jobId: job.jobId }) };
}

describe('item 4: main validates every request it sends', () => {
  it('a request with a non-ASCII ClientToken never leaves: the job fails with Apply.RequestInvalid, nothing is sent', async () => {
    const hh = await harness();
    const before = hh.emulator.modificationCount('vpn-hzsingle01');
    // The job id is the job's one ClientToken; make it one the document forbids ("ClientToken 只支持 ASCII 字符").
    const token = () => vi.spyOn(nodeCrypto, 'randomUUID').mockReturnValueOnce('令牌-0000-4000-8000-000000000000' as ReturnType<typeof nodeCrypto.randomUUID>);
    const { job, timeline } = await apply(hh, 'cn-hangzhou', 'vco-hzbgp001', (c) => setField(c, 'Name', 'never-sent'), token);
    expect(job.phase).toBe('failed');
    // Had it been sent, the service's own refusal (InvalidClientToken.Malformed) would be the job's error.
    expect(job.error?.code).toBe('Apply.RequestInvalid');
    expect(job.fieldErrors).toEqual([expect.objectContaining({ code: 'Rule.ClientToken.Invalid', field: 'ClientToken' })]);
    expect(timeline.map((e) => e.kind)).not.toContain('submitted');
    expect(timeline.map((e) => e.kind)).not.toContain('retry');
    expect(hh.emulator.modificationCount('vpn-hzsingle01')).toBe(before);
  });
});

describe('item 1: a fault of a field the change leaves alone does not stop it', () => {
  it('a connection without a Name takes a PSK change', async () => {
    const hh = await harness(seedWith({ connections: { 'vco-hzbgp001': { Name: '' } } }));
    hh.emulator.setPeer('cgw-hz005', { Psk: 'rekeyed-psk-1' });
    const { job } = await apply(hh, 'cn-hangzhou', 'vco-hzbgp001', (c) => setField(c, 'IkeConfig.Psk', 'rekeyed-psk-1'));
    expect([job.phase, job.error?.code]).toEqual(['succeeded', undefined]);
  });
});

describe('item 3: a subnet list typed with spaces lands and reads back as the same change', () => {
  it('is sent trimmed, and the read-back finds no mismatch', async () => {
    const hh = await harness();
    const { job, timeline } = await apply(hh, 'eu-central-1', 'vco-eu001', (c) => setField(c, 'LocalSubnet', '10.30.1.0/24, 10.30.2.0/24, 10.30.3.0/24'));
    expect([job.phase, job.error?.code]).toEqual(['succeeded', undefined]);
    const submitted = timeline.find((e) => e.kind === 'submitted');
    expect(JSON.parse(String(submitted?.detail.request)).LocalSubnet).toBe('10.30.1.0/24,10.30.2.0/24,10.30.3.0/24');
  });
});

describe('item 7: the codes the app must handle', () => {
  it('VpnTask.CONFLICT is retried with the same request until the service takes it', async () => {
    const hh = await harness();
    hh.emulator.setFaults({ conflictNext: 2 });
    const { job, timeline } = await apply(hh, 'cn-hangzhou', 'vco-hzbgp001', (c) => setField(c, 'Name', 'after-two-conflicts'));
    expect(job.phase).toBe('succeeded');
    const retries = timeline.filter((e) => e.kind === 'retry');
    expect(retries.map((e) => e.detail.code)).toEqual(['VpnTask.CONFLICT', 'VpnTask.CONFLICT']);
    expect(new Set(retries.map((e) => e.detail.ClientToken))).toEqual(new Set([job.jobId]));
    expect(hh.emulator.modificationCount('vpn-hzsingle01')).toBe(1);
  });

  it('OperationUnsupported.SetDPD from an older gateway fails the job with that code, without retrying', async () => {
    const hh = await harness(seedWith({ gateways: { 'vpn-hzsingle01': { UnsupportedOperations: ['SetDPD'] } } }));
    const { job, timeline } = await apply(hh, 'cn-hangzhou', 'vco-hzbgp001', (c) => setField(c, 'EnableDpd', false));
    expect([job.phase, job.error?.code]).toEqual(['failed', 'OperationUnsupported.SetDPD']);
    expect(timeline.map((e) => e.kind)).not.toContain('retry');
  });
});
