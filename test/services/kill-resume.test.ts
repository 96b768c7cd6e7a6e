// Crash safety with a real process: the services run in a child process against a store folder and an emulator
// owned by this test; the child is SIGKILLed at varied points of an apply, then a fresh child resumes. No draft
// may be lost and no change may be applied twice (the emulator's modification counts are the judge).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { composeApp } from '../../main/compose.ts';
import { TestClient } from '../emulator/helpers.ts';
import { seedWithBusyGateway } from './support/seeds.ts';

const WORKER = path.resolve('test/services/support/apply-worker.ts');

function runWorker(env: Record<string, string>, killWhen?: (line: string, seen: string[]) => boolean): Promise<{ killed: boolean; lines: string[]; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [WORKER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let killed = false;
    let buffer = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (!killed && killWhen?.(line, lines)) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!killed && code !== 0) reject(new Error(`worker exited with ${code}: ${stderr}`));
      else resolve({ killed, lines, code });
    });
  });
}

const CHANGES = [
  { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-q1', Name: 'q1 after crash' },
  { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-q2', Name: 'q2 after crash' },
  { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001', Name: 'eu after crash' },
];
const GATEWAY_OF: Record<string, string> = { 'vco-q1': 'vpn-queue01', 'vco-q2': 'vpn-queue01', 'vco-eu001': 'vpn-eusingle01' };

// Varied kill points: the n-th occurrence of a timeline event (after every apply was accepted), from "nothing sent
// yet" through "sent, gateway updating" to "verified, next job starting" and "landed, draft not yet marked".
const KILL_POINTS: Array<[string, number]> = [
  ['validated', 1],
  ['submitted', 1],
  ['gateway-status:updating', 1],
  ['gateway-status:active', 1],
  ['verified', 1],
  ['submitted', 2],
  // Once a gateway's update time is learned, the poller's first poll usually sees `active` directly, so later jobs
  // are killed right after their request was accepted (the gateway is updating then).
  ['submitted', 3],
  ['gateway-status:active', 3],
  // The job is recorded as succeeded; its draft is marked applied a moment later, together with others.
  ['succeeded', 1],
];

describe('kill and resume (real child process, SIGKILL)', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-kill-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  for (const [index, [kind, nth]] of KILL_POINTS.entries()) {
    it(`killed at ${kind} #${nth}: resumes, nothing lost, nothing applied twice`, async () => {
      const emulator: RunningEmulator = await startEmulator({ port: 0, seed: seedWithBusyGateway(), updateSeconds: 0.3 });
      const dataDir = path.join(scratch, `data-${index}`);
      const env = {
        WORKER_DATA_DIR: dataDir,
        WORKER_SECRET_FILE: path.join(scratch, `secrets-${index}.json`),
        WORKER_EMULATOR: emulator.endpoint,
        WORKER_CREDENTIALS: JSON.stringify(emulator.credentials),
        WORKER_CHANGES: JSON.stringify(CHANGES),
      };
      try {
        const first = await runWorker({ ...env, WORKER_MODE: 'start' }, (_line, seen) => {
          if (!seen.includes('APPLIED-ALL')) return false;
          return seen.filter((l) => l.startsWith(`EVENT ${kind} `)).length >= nth;
        });
        expect(first.lines).toContain('APPLIED-ALL');
        expect(first.killed).toBe(true);
        // Resume until idle (once is enough; a second pass must find nothing left to do and change nothing).
        const second = await runWorker({ ...env, WORKER_MODE: 'resume' });
        expect(second.lines).toContain('IDLE');
        const third = await runWorker({ ...env, WORKER_MODE: 'resume' });
        expect(third.lines.filter((l) => l.startsWith('EVENT submitted'))).toEqual([]);

        const perGateway: Record<string, number> = {};
        for (const c of CHANGES) perGateway[GATEWAY_OF[c.VpnConnectionId]!] = (perGateway[GATEWAY_OF[c.VpnConnectionId]!] ?? 0) + 1;
        for (const [gateway, count] of Object.entries(perGateway)) expect(emulator.modificationCount(gateway)).toBe(count);
        const client = new TestClient(emulator);
        for (const c of CHANGES) expect((await client.call('DescribeVpnConnection', { RegionId: c.RegionId, VpnConnectionId: c.VpnConnectionId })).Name).toBe(c.Name);

        // Read the folder back in this process: every draft is there, every job finished.
        const app = await composeApp({
          facts: { name: 'x', version: '0', platform: process.platform, arch: process.arch, versions: { node: process.versions.node } },
          dataDir,
          emit: () => undefined,
          keychain: null,
          resumeJobs: false,
          sandbox: async () => ({ endpoint: emulator.endpoint, credentials: emulator.credentials, close: async () => undefined }),
        });
        try {
          const drafts = app.services.drafts.list();
          expect(drafts.map((d) => d.VpnConnectionId).sort()).toEqual(CHANGES.map((c) => c.VpnConnectionId).sort());
          expect(drafts.every((d) => d.status === 'applied')).toBe(true);
          const jobs = app.apply.list();
          expect(jobs).toHaveLength(CHANGES.length);
          expect(jobs.map((j) => j.phase)).toEqual(CHANGES.map(() => 'succeeded'));
        } finally {
          await app.dispose();
        }
      } finally {
        await emulator.close();
      }
    }, 45_000);
  }
});
