// The store layer over conf in a temp folder: versioned migrations as pure functions, corrupt files set aside and
// reported (never wiped), atomic whole-file writes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRAFTS_STORE } from '../../main/services/drafts.ts';
import { migrate, openStore, type StoreNotice, type StoreSpec } from '../../main/services/store.ts';
import { createHarness } from './support/harness.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SPEC: StoreSpec = {
  name: 'things',
  version: 2,
  migrations: [(d) => ({ ...d, items: Array.isArray(d.list) ? d.list : [] }), (d) => ({ ...d, count: Array.isArray(d.items) ? d.items.length : 0 })],
};

describe('openStore', () => {
  it('creates a versioned file and reads back what it wrote', () => {
    const store = openStore(SPEC, { dataDir: dir });
    store.set('a.b', { x: 1 });
    expect(store.get('a.b')).toEqual({ x: 1 });
    expect(store.keys()).toEqual(['a.b']);
    const onDisk = JSON.parse(readFileSync(path.join(dir, 'things.json'), 'utf8'));
    expect(onDisk).toEqual({ __schemaVersion: 2, 'a.b': { x: 1 } });
  });

  it('migrates unversioned data step by step, once, and keeps the input untouched', () => {
    const input = { list: [1, 2, 3] };
    expect(migrate(input, 0, SPEC)).toEqual({ list: [1, 2, 3], items: [1, 2, 3], count: 3 });
    expect(input).toEqual({ list: [1, 2, 3] });
    writeFileSync(path.join(dir, 'things.json'), JSON.stringify(input));
    const store = openStore(SPEC, { dataDir: dir });
    expect(store.get('count')).toBe(3);
    expect(JSON.parse(readFileSync(path.join(dir, 'things.json'), 'utf8')).__schemaVersion).toBe(2);
  });

  it('migrates from an intermediate version only through the remaining steps', () => {
    writeFileSync(path.join(dir, 'things.json'), JSON.stringify({ __schemaVersion: 1, items: ['a'] }));
    expect(openStore(SPEC, { dataDir: dir }).get('count')).toBe(1);
  });

  it('drafts migration 0 → 1 fills conflicts and status of pre-versioning records', () => {
    const migrated = migrate({ 'draft:x': { draftId: 'x', draft: {} }, other: 1 }, 0, DRAFTS_STORE);
    expect(migrated['draft:x']).toEqual({ draftId: 'x', draft: {}, conflicts: [], status: 'editing' });
    expect(migrated.other).toBe(1);
  });

  for (const [label, content] of [
    ['truncated JSON', '{"__schemaVersion":1,"profiles":[{"na'],
    ['not an object', '[1,2,3]'],
    ['binary garbage', '\u0000\u0001\u0002'],
  ] as const) {
    it(`sets a file with ${label} aside, reports it, and starts fresh`, () => {
      const file = path.join(dir, 'things.json');
      writeFileSync(file, content);
      const notices: StoreNotice[] = [];
      const store = openStore(SPEC, { dataDir: dir, notify: (n) => notices.push(n), now: () => new Date('2026-01-02T03:04:05.678Z') });
      expect(store.keys()).toEqual([]);
      const aside = readdirSync(dir).filter((f) => f.includes('.corrupt-'));
      expect(aside).toEqual(['things.corrupt-2026-01-02T03-04-05-678Z.json']);
      expect(readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe(content);
      expect(notices).toEqual([expect.objectContaining({ level: 'warning', code: 'Store.Quarantined' })]);
      expect(notices[0]!.message).toContain(aside[0]);
    });
  }

  it('keeps a file written by a newer schema intact and works on a fresh one', () => {
    writeFileSync(path.join(dir, 'things.json'), JSON.stringify({ __schemaVersion: 9, future: true }));
    const notices: StoreNotice[] = [];
    const store = openStore(SPEC, { dataDir: dir, notify: (n) => notices.push(n) });
    expect(store.get('future')).toBeUndefined();
    expect(notices[0]?.code).toBe('Store.Quarantined');
    expect(readdirSync(dir).some((f) => f.includes('.corrupt-'))).toBe(true);
  });

  it('the composed app sets a corrupt drafts file aside and tells the renderer through appNotice', async () => {
    writeFileSync(path.join(dir, 'drafts.json'), '{ definitely not json');
    const h = await createHarness({ dataDir: dir });
    try {
      const notice = h.events.find((e) => e.event === 'appNotice' && (e.payload as { code: string }).code === 'Store.Quarantined');
      expect(notice).toBeDefined();
      expect(await h.call('listDrafts')).toEqual([]);
      expect(readdirSync(dir).filter((f) => f.startsWith('drafts.corrupt-'))).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
