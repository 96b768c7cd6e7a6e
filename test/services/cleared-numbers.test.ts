// A number the user cleared is NaN in the editor; JSON writes it as null. A draft or an apply job holding one must
// come back after a restart as it was (not be set aside as damaged), so an interrupted apply is still resumed.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftSummary, JobSummary } from '../../core/contract.ts';
import { setField, type VpnConnection } from '../../core/index.ts';
import { reviveNumbers } from '../../core/model/stored-numbers.ts';
import { createSessionSecretStore } from '../../main/services/secret-store.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { openDraft, waitForJob } from './support/flows.ts';

const CONNECTION = { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' };

let harnesses: Harness[] = [];
let dir: string | undefined;
afterEach(async () => {
  for (const h of harnesses) await h.close();
  harnesses = [];
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const quarantined = (h: Harness) => h.events.filter((e) => e.event === 'appNotice' && /Quarantin/.test((e.payload as { code: string }).code));

describe('a cleared number survives a restart', () => {
  it('revives null as NaN under numeric field names only', () => {
    const revived = reviveNumbers({ IkeConfig: { IkeLifetime: null, Psk: null }, HealthCheckConfig: { interval: null, retry: 3 } });
    expect(revived.IkeConfig.IkeLifetime).toBeNaN();
    expect(revived.IkeConfig.Psk).toBeNull();
    expect(revived.HealthCheckConfig).toEqual({ interval: Number.NaN, retry: 3 });
  });

  it('in a draft (still listed, still refused by the lifetime rule) and in an apply job (still listed)', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-nan-'));
    const keychain = createSessionSecretStore();
    const first = await createHarness({ dataDir: dir, keychain });
    harnesses.push(first);
    await first.call('loadInventory', { refresh: true });
    const d = await openDraft(first, CONNECTION.RegionId, CONNECTION.VpnConnectionId);
    // A disabled health check may keep a cleared interval (it is sent as it is): this one is applied.
    const applied = setField(setField(setField(d.draft, 'HealthCheckConfig.enable', false), 'HealthCheckConfig.interval', Number.NaN), 'Name', 'renamed') as VpnConnection;
    await first.call('saveDraft', { draftId: d.draftId, draft: applied });
    const job = await first.call<JobSummary>('applyDraft', { draftId: d.draftId, confirmWindowSeconds: 0 });
    await waitForJob(first, job.jobId);
    // And a second draft left with a cleared lifetime.
    const other = await openDraft(first, 'cn-hangzhou', 'vco-hzpol001');
    await first.call('saveDraft', { draftId: other.draftId, draft: setField(other.draft, 'IkeConfig.IkeLifetime', Number.NaN) });
    await first.close();
    harnesses = [];

    const second = await createHarness({ dataDir: dir, keychain });
    harnesses.push(second);
    expect(quarantined(second)).toEqual([]);
    const drafts = await second.call<DraftSummary[]>('listDrafts');
    const cleared = drafts.find((x) => x.draftId === other.draftId);
    expect(cleared).toBeDefined();
    expect((await second.call<JobSummary[]>('listJobs')).map((j) => j.jobId)).toContain(job.jobId);
    await second.call('loadInventory', { refresh: false });
    const again = await second.call<DraftSummary[]>('listDrafts');
    expect(again.find((x) => x.draftId === other.draftId)!.readiness).toMatchObject({ ready: false, reason: 'rules' });
  });
});
