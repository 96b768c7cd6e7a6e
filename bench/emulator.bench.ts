import { Agent, request } from 'node:http';
import { generateInventory, startEmulator, v1Signature } from '../emulator/index.ts';
import { type BenchReport, figure, percentile, runIfMain } from './report.ts';

// Requests per second the emulator serves on loopback for a signed DescribeVpnConnection, against a generated
// inventory of thousands of connections. Bounded: at most MAX_REQUESTS requests and MAX_MS of wall time.

const MAX_REQUESTS = 4000;
const MAX_MS = 8000;
const CONCURRENCY = 8;

const enc = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export async function run(): Promise<BenchReport> {
  const inventory = generateInventory({ regions: 10, gateways: 200, connections: 5000, seed: 1 });
  const emulator = await startEmulator({ seed: inventory, updateSeconds: 1 });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const targets = inventory.vpnConnections;
  let nonce = 0;
  // Signed like the SDK's V1 path (HMAC-SHA1 over the query), so verification cost is part of the measurement.
  const path = (i: number): string => {
    const c = targets[i % targets.length];
    const params: Record<string, string> = {
      Action: 'DescribeVpnConnection',
      Format: 'json',
      Version: '2016-04-28',
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      SignatureNonce: `bench-${process.pid}-${nonce++}`,
      RegionId: c?.RegionId ?? '',
      VpnConnectionId: c?.VpnConnectionId ?? '',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      AccessKeyId: emulator.credentials.accessKeyId,
    };
    params.Signature = v1Signature('GET', params, emulator.credentials.accessKeySecret);
    return `/?${Object.entries(params).map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`;
  };
  const once = (i: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request({ host: '127.0.0.1', port: emulator.port, path: path(i), agent, timeout: 5000 }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${res.statusCode}`))));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end();
    });

  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const begin = performance.now();
  const worker = async (): Promise<void> => {
    while (next < MAX_REQUESTS && performance.now() - begin < MAX_MS) {
      const i = next++;
      try {
        latencies.push(await once(i));
      } catch {
        errors++;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    agent.destroy();
    await emulator.close();
  }
  const seconds = (performance.now() - begin) / 1000;
  return {
    name: 'emulator (loopback HTTP)',
    figures: [
      figure('DescribeVpnConnection throughput', latencies.length / seconds, 'req/s', undefined, `${CONCURRENCY} concurrent keep-alive clients, 5000 connections seeded`),
      figure('DescribeVpnConnection latency (median)', percentile(latencies, 50), 'ms'),
      figure('DescribeVpnConnection latency (p99)', percentile(latencies, 99), 'ms'),
      figure('requests completed', latencies.length, 'requests', undefined, `bounded to ${MAX_REQUESTS} requests / ${MAX_MS} ms`),
      figure('failed requests', errors, 'requests'),
    ],
  };
}

await runIfMain(import.meta.url, run);
