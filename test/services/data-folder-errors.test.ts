// A read-only or full data folder: every refused write is a Storage.* error the user can read, memory changes only
// once the disk holds the change, an apply that fails leaves no `queued` job behind (one that a restart would run),
// and a start on a folder where a damaged file cannot be moved aside still starts.
//
// These tests run as root here, where chmod does not stop writes, so the disk's refusals come through seams: the
// store engine's factory (conf) for the one-file stores and spies on `fs` for the jobs folder and the renames,
// throwing the errors the OS gives (ENOSPC, EROFS, EACCES). The last test uses a real chmod where it can (not root).
import fs, { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DraftRecord, DraftSummary, JobSummary, Settings } from '../../core/contract.ts';
import type { VpnConnection } from '../../core/index.ts';
import { createSessionSecretStore } from '../../main/services/secret-store.ts';
import { openConf, type ConfFactory, type ConfLike, type StoreNotice } from '../../main/services/store.ts';
import { createHarness, eventually, type Harness } from './support/harness.ts';
import { openDraft, waitForJob } from './support/flows.ts';

const CONNECTION = { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' };
const OTHER = { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzbgp001' };

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
  h = undefined;
  if (dir) {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
  dir = undefined;
});

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** conf with a switch: while `refuse` holds an errno, every write of the store file throws it. */
function failingConf() {
  const state = { refuse: null as string | null };
  const factory: ConfFactory = (options) => {
    const conf = openConf(options);
    const guard = () => {
      if (state.refuse) throw errno(state.refuse);
    };
    const wrapped: ConfLike & { store: Record<string, unknown> } = {
      get path() {
        return conf.path;
      },
      get: (key) => conf.get(key),
      set: (key, value) => (guard(), conf.set(key, value)),
      delete: (key) => (guard(), conf.delete(key)),
      has: (key) => conf.has(key),
      get store() {
        return conf.store;
      },
      set store(value) {
        guard();
        (conf as { store: Record<string, unknown> }).store = value;
      },
    };
    return wrapped;
  };
  return { state, factory };
}

/** Makes opening files under `<dataDir>/jobs/` throw `code`, except the first `allow` of them. */
function refuseJobWrites(dataDir: string, code: string, allow = 0) {
  const jobsDir = path.join(dataDir, 'jobs') + path.sep;
  const real = fs.openSync;
  let seen = 0;
  return vi.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
    if (String(file).startsWith(jobsDir) && seen++ >= allow) throw errno(code);
    return (real as (...args: unknown[]) => number)(file, ...rest);
  }) as typeof fs.openSync);
}

const renamed = (draft: VpnConnection, Name: string): VpnConnection => ({ ...draft, Name });

describe('a full or read-only data folder', () => {
  it('a save the disk refuses is Storage.Full, and getDraft still returns what was saved before', async () => {
    const conf = failingConf();
    h = await createHarness({ compose: { storeFactory: conf.factory } });
    const d = await openDraft(h, CONNECTION.RegionId, CONNECTION.VpnConnectionId);
    await h.call('saveDraft', { draftId: d.draftId, draft: renamed(d.draft, 'kept') });
    conf.state.refuse = 'ENOSPC';
    const reply = await h.callRaw('saveDraft', { draftId: d.draftId, draft: renamed(d.draft, 'never-on-disk') });
    expect(reply.error?.code).toBe('Storage.Full');
    expect(reply.error?.message).toMatch(/full/);
    expect((await h.call<DraftRecord>('getDraft', { draftId: d.draftId })).draft.Name).toBe('kept');
    expect((await h.call<DraftSummary[]>('listDrafts')).map((s) => s.Name)).toEqual(['kept']);
    conf.state.refuse = null;
    await h.call('saveDraft', { draftId: d.draftId, draft: renamed(d.draft, 'saved-again') });
    expect((await h.call<DraftRecord>('getDraft', { draftId: d.draftId })).draft.Name).toBe('saved-again');
  });

  it('a read-only folder refuses settings with Storage.ReadOnly and keeps the ones in effect', async () => {
    const conf = failingConf();
    h = await createHarness({ compose: { storeFactory: conf.factory } });
    conf.state.refuse = 'EROFS';
    const reply = await h.callRaw('updateSettings', { theme: 'dark' });
    expect(reply.error?.code).toBe('Storage.ReadOnly');
    expect((await h.call<Settings>('getSettings')).theme).toBe('system');
  });

  it('an apply the disk refuses is Storage.Full: no job is listed and the draft is still the user’s', async () => {
    h = await createHarness();
    const d = await openDraft(h, CONNECTION.RegionId, CONNECTION.VpnConnectionId);
    await h.call('saveDraft', { draftId: d.draftId, draft: renamed(d.draft, 'not-applied') });
    refuseJobWrites(h.dataDir, 'ENOSPC');
    const reply = await h.callRaw('applyDraft', { draftId: d.draftId });
    expect(reply.error?.code).toBe('Storage.Full');
    expect(await h.call<JobSummary[]>('listJobs')).toEqual([]);
    expect(h.events.some((e) => e.event === 'jobUpdated')).toBe(false);
    expect((await h.call<DraftRecord>('getDraft', { draftId: d.draftId })).status).toBe('editing');
  });

  it('a job whose write-ahead the disk refuses ends failed, leaves no queued record, and a restart does not run it', async () => {
    const keychain = createSessionSecretStore();
    dir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-full-'));
    h = await createHarness({ dataDir: dir, keychain });
    const d = await openDraft(h, CONNECTION.RegionId, CONNECTION.VpnConnectionId);
    await h.call('saveDraft', { draftId: d.draftId, draft: renamed(d.draft, 'must-not-land') });
    // The queued record is written; the disk fills up before the write-ahead.
    const spy = refuseJobWrites(dir, 'ENOSPC', 1);
    const job = await h.call<JobSummary>('applyDraft', { draftId: d.draftId });
    const ended = await waitForJob(h, job.jobId);
    expect(ended.phase).toBe('failed');
    expect(ended.error?.code).toBe('Storage.Full');
    expect(readdirSync(path.join(dir, 'jobs')).filter((f) => f.endsWith('.json'))).toEqual([]);
    expect((await h.call<DraftRecord>('getDraft', { draftId: d.draftId })).status).toBe('editing');
    spy.mockRestore();
    await h.restart();
    await h.app.apply.idle();
    expect((await h.call<JobSummary[]>('listJobs')).filter((j) => j.phase !== 'failed')).toEqual([]);
    expect(h.emulator.modificationCount(d.VpnGatewayId)).toBe(0);
  });

  it('a batch the disk refuses queues nothing: no queued job, every draft back to editing', async () => {
    h = await createHarness();
    const ids: string[] = [];
    for (const c of [CONNECTION, OTHER]) {
      const d = await openDraft(h, c.RegionId, c.VpnConnectionId);
      await h.call('saveDraft', { draftId: d.draftId, draft: renamed(d.draft, `batch-${c.VpnConnectionId}`) });
      ids.push(d.draftId);
    }
    await h.call('loadInventory', { refresh: true });
    refuseJobWrites(h.dataDir, 'ENOSPC');
    const reply = await h.callRaw('applyDrafts', { draftIds: ids });
    expect(reply.error?.code).toBe('Storage.Full');
    expect((await h.call<JobSummary[]>('listJobs')).filter((j) => j.phase !== 'failed')).toEqual([]);
    for (const draftId of ids) expect((await h.call<DraftRecord>('getDraft', { draftId })).status).toBe('editing');
  });
});

describe('starting on a folder where a damaged file cannot be moved aside', () => {
  /** Renames to a `.corrupt-` name fail as on a read-only folder. */
  const refuseSetAside = () => {
    const real = fs.renameSync;
    return vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(to).includes('.corrupt-')) throw errno('EACCES');
      real(from, to);
    });
  };

  it('starts without the damaged drafts file, leaves it untouched, and refuses draft writes with Storage.ReadOnly', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-ro-'));
    const damaged = '{ "draft:x": { not json';
    writeFileSync(path.join(dir, 'drafts.json'), damaged);
    refuseSetAside();
    h = await createHarness({ dataDir: dir });
    const notices = h.events.filter((e) => e.event === 'appNotice').map((e) => e.payload as StoreNotice);
    expect(notices).toContainEqual(expect.objectContaining({ level: 'error', code: 'Store.QuarantineFailed' }));
    expect(await h.call('listDrafts')).toEqual([]);
    const reply = await h.callRaw('openDraft', CONNECTION);
    expect(reply.error?.code).toBe('Storage.ReadOnly');
    expect(await h.call('listDrafts')).toEqual([]);
    expect(readFileSync(path.join(dir, 'drafts.json'), 'utf8')).toBe(damaged);
  });

  it('starts with a damaged job record left where it is', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-ro-'));
    fs.mkdirSync(path.join(dir, 'jobs'));
    writeFileSync(path.join(dir, 'jobs', 'job%3Abad.json'), '{"version":1,"value":');
    refuseSetAside();
    h = await createHarness({ dataDir: dir });
    expect(await h.call('listJobs')).toEqual([]);
    expect(readdirSync(path.join(dir, 'jobs'))).toEqual(['job%3Abad.json']);
  });

  it('starts with a torn timeline it cannot mend now, and mends it with the next entry', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-ro-'));
    const timeline = path.join(dir, 'timeline.jsonl');
    writeFileSync(timeline, '{"seq":1,"at":"2026-01-01T00:00:00.000Z","kind":"draft-saved","VpnConnectionId":"vco-x","detail":{}}\n{"seq":2,"at":"2026-');
    const real = fs.appendFileSync;
    const spy = vi.spyOn(fs, 'appendFileSync').mockImplementation((file, data, options) => {
      if (String(file) === timeline) throw errno('EROFS');
      real(file, data, options);
    });
    h = await createHarness({ dataDir: dir });
    spy.mockRestore();
    const d = await openDraft(h, CONNECTION.RegionId, CONNECTION.VpnConnectionId);
    await h.call('saveDraft', { draftId: d.draftId, draft: renamed(d.draft, 'after-a-torn-line') });
    const lines = readFileSync(timeline, 'utf8').split('\n');
    expect(lines[1]).toBe('{"seq":2,"at":"2026-');
    expect(JSON.parse(lines[2]!)).toMatchObject({ kind: 'draft-saved', seq: 2 });
  });

  it.skipIf(process.getuid?.() === 0)('with a real read-only folder (chmod): starts, and a save is Storage.ReadOnly', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-ro-'));
    h = await createHarness({ dataDir: dir });
    const d = await openDraft(h, CONNECTION.RegionId, CONNECTION.VpnConnectionId);
    await h.app.dispose();
    writeFileSync(path.join(dir, 'settings.json'), 'not json');
    chmodSync(dir, 0o500);
    await h.restart();
    const reply = await h.callRaw('saveDraft', { draftId: d.draftId, draft: renamed(d.draft, 'read-only') });
    expect(reply.error?.code).toBe('Storage.ReadOnly');
    await eventually(() => ((h!.events.some((e) => e.event === 'appNotice' && (e.payload as StoreNotice).code === 'Store.QuarantineFailed')) ? true : undefined));
  });
});

describe('the offline copy of the inventory on a full disk', () => {
  it('is said once as a notice, never thrown out of the timer that writes it', async () => {
    const conf = failingConf();
    h = await createHarness({ compose: { storeFactory: conf.factory } });
    conf.state.refuse = 'ENOSPC';
    await h.call('loadInventory', { refresh: true });
    await h.call('loadInventory', { refresh: true });
    const notices = await eventually(async () => {
      const found = h!.events.filter((e) => e.event === 'appNotice' && (e.payload as StoreNotice).code === 'Storage.Full');
      return found.length > 0 ? found : undefined;
    });
    // Let the second load's write fail too: still one notice for the same cause.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(notices).toHaveLength(1);
    expect(h.events.filter((e) => e.event === 'appNotice' && (e.payload as StoreNotice).code === 'Storage.Full')).toHaveLength(1);
    conf.state.refuse = null;
    // Memory kept the snapshot: the app still answers from it.
    expect((await h.call<{ connections: unknown[] }>('loadInventory', { refresh: false })).connections.length).toBeGreaterThan(0);
  });
});
