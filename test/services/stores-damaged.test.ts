// One damaged record never stops the app: a draft, a job, the profiles list, the settings or a cached snapshot that
// cannot be used is set aside in a file next to its store, reported with appNotice, and the rest loads.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftSummary, InventoryListing, JobSummary, ProfilesState, Settings } from '../../core/contract.ts';
import { DEFAULT_SETTINGS } from '../../main/services/settings.ts';
import { openStore, type StoreNotice } from '../../main/services/store.ts';
import { PROFILES_STORE } from '../../main/services/profiles.ts';
import { createSessionSecretStore } from '../../main/services/secret-store.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { openDraft, waitForJob } from './support/flows.ts';

const CONNECTION = { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' };

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const editJson = (file: string, edit: (data: Record<string, unknown>) => void) => {
  const data = readJson(file);
  edit(data);
  writeFileSync(file, JSON.stringify(data));
};
const noticesOf = (harness: Harness, code: string) =>
  harness.events.filter((e) => e.event === 'appNotice' && (e.payload as StoreNotice).code === code).map((e) => e.payload as StoreNotice);
const setAside = (folder: string, prefix: string) => readdirSync(folder).filter((f) => f.startsWith(prefix) && f.includes('.corrupt-'));

/** A data folder with a real draft in it, then a second app started on it after `damage` (a restart). */
async function restartedAfter(damage: (dataDir: string) => void): Promise<{ harness: Harness; draftId: string }> {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-damaged-'));
  // One keychain for both starts, as on a real machine: the sealed PSKs open again.
  const keychain = createSessionSecretStore();
  const first = await createHarness({ dataDir: dir, keychain });
  const { draftId } = await openDraft(first, CONNECTION.RegionId, CONNECTION.VpnConnectionId);
  await first.call('loadInventory', { refresh: true });
  await first.close();
  damage(dir);
  h = await createHarness({ dataDir: dir, keychain });
  return { harness: h, draftId };
}

describe('a damaged draft record', () => {
  const damages: Array<[string, (good: Record<string, unknown>) => unknown]> = [
    ['an empty object', () => ({})],
    ['a string', () => 'garbage'],
    ['draft: null', (good) => ({ ...good, draftId: 'bad', draft: null })],
    ['no base', (good) => ({ ...good, draftId: 'bad', base: undefined })],
  ];
  it.each(damages)('%s is set aside and reported; the other drafts load', async (_label, damage) => {
    let bad: unknown;
    const { harness, draftId } = await restartedAfter((dataDir) =>
      editJson(path.join(dataDir, 'drafts.json'), (data) => {
        bad = damage(data[`draft:${Object.keys(data).find((k) => k.startsWith('draft:'))!.slice(6)}`] as Record<string, unknown>);
        data['draft:bad'] = bad;
      }),
    );
    const drafts = await harness.call<DraftSummary[]>('listDrafts');
    expect(drafts.map((d) => d.draftId)).toEqual([draftId]);
    expect(noticesOf(harness, 'Store.RecordsQuarantined')).toHaveLength(1);
    const aside = setAside(harness.dataDir, 'drafts.corrupt-records-');
    expect(aside).toHaveLength(1);
    expect(readJson(path.join(harness.dataDir, aside[0]!))['draft:bad']).toEqual(JSON.parse(JSON.stringify(bad)));
    expect(readJson(path.join(harness.dataDir, 'drafts.json'))['draft:bad']).toBeUndefined();
    // The app goes on: the good draft can be saved, a new start does not report it again.
    const record = await harness.call<{ draft: unknown }>('getDraft', { draftId });
    await harness.call('saveDraft', { draftId, draft: record.draft });
    await harness.restart();
    expect(noticesOf(harness, 'Store.RecordsQuarantined')).toHaveLength(1);
  });
});

describe('a damaged job record', () => {
  it.each([
    ['an empty object', {}],
    ['a string', 'garbage'],
    ['an unknown phase', null],
  ])('%s is set aside and reported; listJobs and new applies work', async (label, value) => {
    const { harness, draftId } = await restartedAfter((dataDir) => {
      const job = {
        jobId: 'bad',
        draftId: 'x',
        profileId: 'sandbox',
        RegionId: 'r',
        VpnConnectionId: 'vco-x',
        VpnGatewayId: 'vpn-x',
        phase: 'exploded',
        ClientToken: 'bad',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        attempts: 0,
        fieldErrors: [],
        order: 1,
        confirmWindowSeconds: 0,
      };
      writeFileSync(path.join(dataDir, 'jobs', 'job%3Abad.json'), JSON.stringify({ version: 1, value: value ?? job }));
    });
    expect(noticesOf(harness, 'Store.Quarantined'), label).toHaveLength(1);
    expect(setAside(path.join(harness.dataDir, 'jobs'), 'job%3Abad.')).toHaveLength(1);
    expect(await harness.call<JobSummary[]>('listJobs')).toEqual([]);
    const record = await harness.call<{ draft: { Name: string } }>('getDraft', { draftId });
    await harness.call('saveDraft', { draftId, draft: { ...record.draft, Name: 'after-a-damaged-job' } });
    const job = await harness.call<JobSummary>('applyDraft', { draftId });
    const ended = await waitForJob(harness, job.jobId);
    expect(ended.phase, JSON.stringify(ended.error)).toBe('succeeded');
  });
});

describe('damaged profiles', () => {
  it.each([
    ['a string', 'x'],
    ['[null]', [null]],
  ])('profiles of %s are set aside; the Sandbox remains and every call works', async (_label, value) => {
    const { harness } = await restartedAfter((dataDir) =>
      editJson(path.join(dataDir, 'profiles.json'), (data) => {
        data.profiles = value;
      }),
    );
    const state = await harness.call<ProfilesState>('listProfiles');
    expect(state.profiles.map((p) => p.profileId)).toEqual(['sandbox']);
    expect(state.activeProfileId).toBe('sandbox');
    const listing = await harness.call<InventoryListing>('loadInventory', { refresh: true });
    expect(listing.connections.length).toBeGreaterThan(0);
    expect(noticesOf(harness, 'Store.RecordsQuarantined')).toHaveLength(1);
    const aside = setAside(harness.dataDir, 'profiles.corrupt-records-');
    expect(readJson(path.join(harness.dataDir, aside[0]!)).profiles).toEqual(value);
  });

  it('keeps the profiles that read well and sets the list as it was aside', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-damaged-'));
    const good = { profileId: 'p1', name: 'Prod', kind: 'AccessKey', regionId: 'cn-hangzhou', accessKeyId: 'LTAI0000', sessionOnly: false, builtIn: false, createdAt: 'x' };
    writeFileSync(path.join(dir, 'profiles.json'), JSON.stringify({ __schemaVersion: 1, profiles: [null, good, { name: 3 }], activeProfileId: 'p1' }));
    const notices: StoreNotice[] = [];
    const store = openStore(PROFILES_STORE, { dataDir: dir, notify: (n) => notices.push(n) });
    expect(store.get('profiles')).toEqual([good]);
    expect(store.get('activeProfileId')).toBe('p1');
    expect(notices.map((n) => n.code)).toEqual(['Store.RecordsQuarantined']);
    const aside = setAside(dir, 'profiles.corrupt-records-');
    expect(readJson(path.join(dir, aside[0]!)).profiles).toHaveLength(3);
  });
});

describe('damaged settings', () => {
  it('settings that are not an object are set aside; the defaults apply and can be changed', async () => {
    const { harness } = await restartedAfter((dataDir) => writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ __schemaVersion: 1, settings: 'x' })));
    expect(await harness.call<Settings>('getSettings')).toEqual(DEFAULT_SETTINGS);
    expect(noticesOf(harness, 'Store.RecordsQuarantined')).toHaveLength(1);
    expect(setAside(harness.dataDir, 'settings.corrupt-records-')).toHaveLength(1);
    expect((await harness.call<Settings>('updateSettings', { theme: 'dark' })).theme).toBe('dark');
  });
});

describe('a damaged inventory cache', () => {
  it('a cached connection that is not a connection sets the snapshot aside; the inventory is fetched again', async () => {
    const { harness } = await restartedAfter((dataDir) =>
      editJson(path.join(dataDir, 'inventory-cache.json'), (data) => {
        const key = Object.keys(data).find((k) => k.startsWith('snapshot:'))!;
        const snapshot = data[key] as { connections: Array<{ RegionId: string; connection: unknown }> };
        snapshot.connections[0]!.connection = { mode: 'dual' };
      }),
    );
    const listing = await harness.call<InventoryListing>('loadInventory', { refresh: false });
    expect(listing.connections.length).toBeGreaterThan(0);
    expect(noticesOf(harness, 'Store.RecordsQuarantined')).toHaveLength(1);
    expect(setAside(harness.dataDir, 'inventory-cache.corrupt-records-')).toHaveLength(1);
    expect(existsSync(path.join(harness.dataDir, 'inventory-cache.json'))).toBe(true);
  });
});
