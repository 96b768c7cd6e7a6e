// Apply pipeline: 8 VPN gateways × 5 queued changes, emulator update time 1 s, production retry/poll policies.
// Ideal = the longest per-gateway sum of update times (changes on one gateway must run one after another).
import type { ConnectionSummary, DraftRecord, TimelineEvent } from '../core/contract.ts';
import { generateInventory, startEmulator, type FaultConfig } from '../emulator/index.ts';
import { benchApp } from './support/app.ts';
import { figure, percentile, runIfMain, type BenchFigure, type BenchReport } from './report.ts';

const GATEWAYS = 8;
const CHANGES_PER_GATEWAY = 5;
const UPDATE_SECONDS = 1;
// Every apply then watches its tunnels this long; the watch does not hold the gateway's queue, so it adds to the
// end of the run once, and is measured apart from the apply itself.
const SETTLE_MS = 2000;

interface RunResult {
  /** Until the last change was read back verified (the apply itself). */
  wallMs: number;
  /** Until every job ended, the settle period included. */
  totalMs: number;
  idealMs: number;
  detectionDelaysMs: number[];
  pollsPerGatewayPerSecond: number;
  retries: number;
  modifications: number;
  succeeded: number;
}

async function runOnce(faults: Partial<FaultConfig> | undefined, queueing: 'batch' | 'one-by-one' = 'batch'): Promise<RunResult> {
  const seed = generateInventory({ regions: 1, gateways: GATEWAYS, connections: GATEWAYS * CHANGES_PER_GATEWAY, seed: 7 });
  const emulator = await startEmulator({ seed, updateSeconds: UPDATE_SECONDS });
  const activeAt = new Map<string, number>();
  const detectionDelaysMs: number[] = [];
  let retries = 0;
  let lastVerifiedAt = 0;
  const gatewayOfJob = new Map<string, string>();
  const onEvent = (event: string, payload: unknown) => {
    if (event !== 'timelineEvent') return;
    const entry = payload as TimelineEvent;
    const jobId = entry.jobId ?? '';
    if (entry.kind === 'submitted') {
      // The emulator committed the change before answering, so its end of `updating` is known exactly. It stays put
      // for the whole update, so it is read a little later: copying the emulator's state here, inside the engine's
      // event, would slow down the very thing measured.
      setTimeout(() => {
        const state = emulator.dumpState() as { vpnGateways: Array<{ VpnGatewayId: string; updatingUntil: number }> };
        const gateway = state.vpnGateways.find((g) => g.VpnGatewayId === gatewayOfJob.get(jobId));
        if (gateway) activeAt.set(jobId, gateway.updatingUntil);
      }, 100);
    } else if (entry.kind === 'gateway-status' && entry.detail.status === 'active') {
      const expected = activeAt.get(jobId);
      if (expected !== undefined) detectionDelaysMs.push(Math.max(0, Date.now() - expected));
    } else if (entry.kind === 'retry') {
      retries += 1;
    } else if (entry.kind === 'verified') {
      lastVerifiedAt = Date.now();
    }
  };
  const bench = await benchApp(emulator, onEvent, { apply: { settleMs: SETTLE_MS } });
  try {
    const snapshot = await bench.call('loadInventory', { refresh: true });
    const byGateway = new Map<string, ConnectionSummary[]>();
    for (const entry of snapshot.connections) {
      const list = byGateway.get(entry.VpnGatewayId) ?? [];
      list.push(entry);
      byGateway.set(entry.VpnGatewayId, list);
    }
    const targets = [...byGateway.values()].flatMap((list) => list.slice(0, CHANGES_PER_GATEWAY));
    const perGateway = new Map<string, number>();
    for (const entry of targets) perGateway.set(entry.VpnGatewayId, (perGateway.get(entry.VpnGatewayId) ?? 0) + 1);
    const idealMs = Math.max(...perGateway.values()) * UPDATE_SECONDS * 1000;
    if (faults) emulator.setFaults(faults);

    const drafts: DraftRecord[] = [];
    for (const entry of targets) {
      const draft = await bench.call('openDraft', { RegionId: entry.RegionId, VpnConnectionId: entry.VpnConnectionId });
      await bench.call('saveDraft', { draftId: draft.draftId, draft: { ...draft.draft, Name: `${draft.draft.Name}-b` } });
      drafts.push(draft);
    }
    const callsBefore = bench.calls.length;
    const started = Date.now();
    if (queueing === 'batch') {
      // "Apply N drafts" in the Drafts view: one IPC call queues them all.
      const jobs = await bench.call('applyDrafts', { draftIds: drafts.map((d) => d.draftId), confirmWindowSeconds: 0 });
      jobs.forEach((job, i) => gatewayOfJob.set(job.jobId, drafts[i]!.VpnGatewayId));
    } else {
      for (const draft of drafts) {
        const job = await bench.call('applyDraft', { draftId: draft.draftId, confirmWindowSeconds: 0 });
        gatewayOfJob.set(job.jobId, draft.VpnGatewayId);
        // Each apply reaches main as its own IPC message; yielding here lets queued jobs start meanwhile, as in the app.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await bench.app.apply.idle();
    const totalMs = Date.now() - started;
    const wallMs = lastVerifiedAt - started;
    const jobs = await bench.call('listJobs');
    const polls = bench.calls.slice(callsBefore).filter((c) => c.action === 'DescribeVpnGateway').length;
    const modifications = [...perGateway.keys()].reduce((sum, id) => sum + emulator.modificationCount(id), 0);
    return {
      wallMs,
      totalMs,
      idealMs,
      detectionDelaysMs,
      pollsPerGatewayPerSecond: polls / perGateway.size / (wallMs / 1000),
      retries,
      modifications,
      succeeded: jobs.filter((j) => j.phase === 'succeeded').length,
    };
  } finally {
    await bench.close();
    await emulator.close();
  }
}

function median(values: number[]): number {
  return percentile(values, 50);
}

export async function run(): Promise<BenchReport> {
  const REPEATS = 3;
  // The first run in a process also compiles the code it runs (JIT): it is reported on its own, not in the medians.
  const cold = await runOnce(undefined);
  const clean: RunResult[] = [];
  for (let i = 0; i < REPEATS; i++) clean.push(await runOnce(undefined));
  const oneByOne: RunResult[] = [];
  for (let i = 0; i < REPEATS; i++) oneByOne.push(await runOnce(undefined, 'one-by-one'));
  const faulted: RunResult[] = [];
  // Lost answers: the change lands and its answer never arrives (reset, a 502 page, a garbled body).
  for (let i = 0; i < REPEATS; i++) faulted.push(await runOnce({ throttleRate: 0.1, serverErrorRate: 0.05, resetRate: 0.02, lostAnswerRate: 0.05, lostAnswerKinds: ['reset', '5xx', 'garbage'], seed: 11 + i }));

  const total = GATEWAYS * CHANGES_PER_GATEWAY;
  const delays = clean.flatMap((r) => r.detectionDelaysMs);
  const figures: BenchFigure[] = [
    figure('wall time ÷ ideal (median of runs)', median(clean.map((r) => r.wallMs / r.idealMs)), '×', 1.05, `ideal ${clean[0]?.idealMs} ms = ${CHANGES_PER_GATEWAY} × ${UPDATE_SECONDS} s per gateway, ${GATEWAYS} gateways in parallel; the 40 drafts queued in one step (applyDrafts)`),
    figure('wall time ÷ ideal, first run in a fresh process', cold.wallMs / cold.idealMs, '×', undefined, 'context: same run before the JIT has compiled the code (a warm-up, left out of the median above)'),
    figure('wall time ÷ ideal, drafts queued one by one', median(oneByOne.map((r) => r.wallMs / r.idealMs)), '×', undefined, 'context: 40 applyDraft calls, one IPC message each'),
    figure('settle period after the last change (median)', median(clean.map((r) => r.totalMs - r.wallMs)), 'ms', undefined, `context: every tunnel watched ${SETTLE_MS} ms after its read-back; overlaps the next changes, so it adds once`),
    figure('`active` detection delay p50', percentile(delays, 50), 'ms', 300),
    figure('`active` detection delay p95', percentile(delays, 95), 'ms'),
    figure('DescribeVpnGateway polls per gateway per second', median(clean.map((r) => r.pollsPerGatewayPerSecond)), 'calls/s', 1),
    figure('changes landed (clean)', median(clean.map((r) => r.succeeded)), `of ${total}`, undefined, `emulator modifications ${clean.map((r) => r.modifications).join('/')}`),
    figure('wall time ÷ ideal with faults', median(faulted.map((r) => r.wallMs / r.idealMs)), '×', undefined, 'context: throttling 10%, 5xx 5%, resets 2%, lost answers 5%'),
    figure('retries with faults (median per run)', median(faulted.map((r) => r.retries)), 'count'),
    figure('changes landed exactly once with faults', median(faulted.map((r) => (r.modifications === total && r.succeeded === total ? total : r.succeeded))), `of ${total}`, undefined, `emulator modifications ${faulted.map((r) => r.modifications).join('/')}`),
  ];
  return { name: 'apply pipeline (8 gateways × 5 changes, update 1 s)', figures };
}

await runIfMain(import.meta.url, run);
