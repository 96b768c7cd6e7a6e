// Inventory load: 2,000 connections over 5 regions and 100 gateways, 50 ms emulator latency per call.
// Ideal = API calls × latency ÷ concurrency; also compared with a sequential fetch (concurrency 1) in the same run.
// The emulator runs in its own process, as the API runs on its own machines.
import { generateInventory } from '../emulator/index.ts';
import { benchApp } from './support/app.ts';
import { startRemoteEmulator, type RemoteEmulator } from './support/remote-emulator.ts';
import { figure, percentile, runIfMain, type BenchReport } from './report.ts';

const LATENCY_MS = 50;
const CONCURRENCY = 6;

async function load(emulator: RemoteEmulator, concurrency: number): Promise<{ ms: number; calls: number; connections: number }> {
  const bench = await benchApp(emulator, () => undefined, { inventoryConcurrency: concurrency });
  try {
    const started = performance.now();
    const snapshot = await bench.call('loadInventory', { refresh: true });
    const ms = performance.now() - started;
    if (snapshot.errors.length > 0) throw new Error(`inventory errors: ${JSON.stringify(snapshot.errors[0])}`);
    return { ms, calls: bench.calls.length, connections: snapshot.connections.length };
  } finally {
    await bench.close();
  }
}

export async function run(): Promise<BenchReport> {
  const seed = generateInventory({ regions: 5, gateways: 100, connections: 2000, seed: 3 });
  const emulator = await startRemoteEmulator({ seed, faults: { latencyMs: LATENCY_MS } });
  try {
    const parallel = [];
    for (let i = 0; i < 3; i++) parallel.push(await load(emulator, CONCURRENCY));
    const sequential = await load(emulator, 1);
    const median = percentile(parallel.map((r) => r.ms), 50);
    const calls = parallel[0]!.calls;
    const idealMs = (calls * LATENCY_MS) / CONCURRENCY;
    return {
      name: `inventory load (2,000 connections, 5 regions, 100 gateways, ${LATENCY_MS} ms per call)`,
      figures: [
        figure('wall time (median of 3)', median, 'ms', undefined, `${parallel[0]!.connections} connections, ${calls} API calls, concurrency ${CONCURRENCY}`),
        figure('wall time ÷ ideal (calls × latency ÷ concurrency)', median / idealMs, '×', 1.2, `ideal ${Math.round(idealMs)} ms`),
        figure('wall time ÷ sequential fetch', median / sequential.ms, '×', undefined, `sequential ${Math.round(sequential.ms)} ms`),
      ],
    };
  } finally {
    await emulator.close();
  }
}

await runIfMain(import.meta.url, run);
