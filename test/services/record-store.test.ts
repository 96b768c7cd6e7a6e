// The one-file-per-record store of the apply journal, on a temp folder: durable per-record writes, a damaged record
// set aside without losing the others, newer records kept intact, an interrupted write leaving the old value, the
// one-file layout moved over once, and batched writes.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../main/services/record-store.ts';
import { openStore, type StoreNotice, type StoreSpec } from '../../main/services/store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-records-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SPEC: StoreSpec = { name: 'jobs', version: 2, migrations: [(d) => d, (d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, { ...(v as object), upgraded: true }]))] };
const open = (notices: StoreNotice[] = []) => openRecordStore(SPEC, { dataDir: dir, notify: (n) => notices.push(n), now: () => new Date('2026-11-26T00:00:00Z') });
const files = () => readdirSync(path.join(dir, 'jobs')).sort();

describe('openRecordStore', () => {
  it('keeps one file per key, hands out copies, and reads everything back after a restart', () => {
    const store = open();
    store.set('job:a', { phase: 'queued' });
    store.set('job:b', { phase: 'succeeded' });
    const copy = store.get<{ phase: string }>('job:a')!;
    copy.phase = 'changed by a caller';
    expect(store.get('job:a')).toEqual({ phase: 'queued' });
    expect(files()).toEqual(['job%3Aa.json', 'job%3Ab.json']);
    store.delete('job:b');
    expect(files()).toEqual(['job%3Aa.json']);
    const again = open();
    expect(again.keys()).toEqual(['job:a']);
    expect(again.get('job:a')).toEqual({ phase: 'queued' });
  });

  it('sets a damaged record aside, reports it, and loads the others', () => {
    const store = open();
    store.set('job:good', { phase: 'queued' });
    store.set('job:bad', { phase: 'queued' });
    writeFileSync(path.join(dir, 'jobs', 'job%3Abad.json'), '{"version":2,"value":');
    const notices: StoreNotice[] = [];
    const again = open(notices);
    expect(again.keys()).toEqual(['job:good']);
    expect(notices).toEqual([expect.objectContaining({ code: 'Store.Quarantined' })]);
    expect(files().some((f) => f.startsWith('job%3Abad.corrupt-'))).toBe(true);
    // The set-aside file is not read as a record on the next start either.
    expect(open().keys()).toEqual(['job:good']);
  });

  it('keeps a record written by a newer schema intact and upgrades an older one', () => {
    mkdirSync(path.join(dir, 'jobs'));
    writeFileSync(path.join(dir, 'jobs', 'job%3Anew.json'), JSON.stringify({ version: 3, value: { phase: 'x' } }));
    writeFileSync(path.join(dir, 'jobs', 'job%3Aold.json'), JSON.stringify({ version: 1, value: { phase: 'y' } }));
    const notices: StoreNotice[] = [];
    const store = open(notices);
    expect(store.keys()).toEqual(['job:old']);
    expect(store.get('job:old')).toEqual({ phase: 'y', upgraded: true });
    expect(JSON.parse(readFileSync(path.join(dir, 'jobs', 'job%3Aold.json'), 'utf8'))).toEqual({ version: 2, value: { phase: 'y', upgraded: true } });
    expect(notices[0]?.message).toMatch(/newer/);
  });

  it('an interrupted write leaves the previous value, and its temp file is cleared', () => {
    const store = open();
    store.set('job:a', { phase: 'queued' });
    writeFileSync(path.join(dir, 'jobs', 'job%3Aa.json.1234.tmp'), '{"version":2,"value":{"phase":"submit');
    expect(open().get('job:a')).toEqual({ phase: 'queued' });
    expect(files()).toEqual(['job%3Aa.json']);
  });

  it('moves the records of the one-file layout over once and keeps that file as a backup', () => {
    const legacy = openStore(SPEC, { dataDir: dir });
    legacy.set('job:a', { phase: 'succeeded' });
    legacy.set('job:b', { phase: 'queued' });
    const store = open();
    expect(store.keys().sort()).toEqual(['job:a', 'job:b']);
    expect(store.get('job:b')).toEqual({ phase: 'queued' });
    expect(existsSync(path.join(dir, 'jobs.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'jobs.json.moved-to-jobs-folder'))).toBe(true);
    store.set('job:b', { phase: 'succeeded' });
    expect(open().get('job:b')).toEqual({ phase: 'succeeded' });
  });

  it('holds the writes of a batch until it ends', () => {
    const store = open();
    store.batch(() => {
      store.set('job:a', { n: 1 });
      store.set('job:a', { n: 2 });
      store.set('job:b', { n: 1 });
      expect(existsSync(path.join(dir, 'jobs', 'job%3Aa.json'))).toBe(false);
    });
    expect(files()).toEqual(['job%3Aa.json', 'job%3Ab.json']);
    expect(open().get('job:a')).toEqual({ n: 2 });
  });
});
