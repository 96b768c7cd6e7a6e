// Draft files come from other people (mail, USB sticks): importDraft must refuse damaged or hostile files with a
// plain Draft.* error naming the content, never crash, never pollute prototypes and never break its own invariants.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftRecord, DraftSummary, JobSummary } from '../../core/contract.ts';
import { createHarness, type Harness } from './support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const CONNECTION = { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' };

async function exported(harness: Harness): Promise<{ draft: DraftRecord; file: Record<string, unknown> }> {
  const draft = await harness.call<DraftRecord>('openDraft', CONNECTION);
  const { content } = await harness.call<{ content: string }>('exportDraft', { draftId: draft.draftId });
  return { draft, file: JSON.parse(content) as Record<string, unknown> };
}

describe('importDraft with damaged files', () => {
  it('refuses JSON that is not an object with Draft.ImportMalformed instead of an internal error', async () => {
    h = await createHarness();
    for (const content of ['null', '77', '[]', '"text"', 'true']) {
      const reply = await h.callRaw('importDraft', { content });
      expect(reply.error, content).toMatchObject({ code: 'Draft.ImportMalformed', field: 'content' });
    }
  });

  it('refuses a draft part that is not an object and schema versions that are not positive integers', async () => {
    h = await createHarness();
    const { draft, file } = await exported(h);
    await h.call('discardDraft', { draftId: draft.draftId });
    for (const changed of [{ draft: null }, { draft: 'x' }, { schemaVersion: 0 }, { schemaVersion: 0.5 }, { schemaVersion: -1 }]) {
      const reply = await h.callRaw('importDraft', { content: JSON.stringify({ ...file, ...changed }) });
      expect(reply.error?.code, JSON.stringify(changed)).toBe('Draft.ImportMalformed');
    }
  });
});

describe('importDraft keeps one open draft per connection', () => {
  it('finds the open draft by the connection inside the file, whatever the file says at the top', async () => {
    h = await createHarness();
    const { file } = await exported(h);
    const inner = file.draft as Record<string, unknown>;
    const { VpnConnectionId: _drop, ...withoutId } = inner;
    const missing = await h.callRaw('importDraft', { content: JSON.stringify({ ...file, draft: withoutId }) });
    expect(missing.error?.code).toBe('Draft.AlreadyOpen');
    const other = await h.callRaw('importDraft', { content: JSON.stringify({ ...file, draft: { ...inner, VpnConnectionId: 'vco-someone-else' } }) });
    expect(other.error?.code).toBe('Draft.ImportMalformed');
    const drafts = await h.call<DraftSummary[]>('listDrafts');
    expect(drafts.filter((d) => d.VpnConnectionId === CONNECTION.VpnConnectionId)).toHaveLength(1);
  });
});

describe('importDraft with hostile content', () => {
  it('drops __proto__ keys without polluting prototypes and keeps them out of the store', async () => {
    h = await createHarness();
    const { draft, file } = await exported(h);
    await h.call('discardDraft', { draftId: draft.draftId });
    const inner = file.draft as Record<string, unknown>;
    const hostile = JSON.stringify({ ...file, draft: { ...inner, base: inner.base, polluteMarker: 1 } })
      .replace('"polluteMarker":1', '"__proto__":{"polluted":"yes"}')
      .replace('"format":', '"__proto__":{"pollutedTop":"yes"},"format":');
    const imported = await h.call<DraftRecord>('importDraft', { content: hostile });
    expect(imported.VpnConnectionId).toBe(CONNECTION.VpnConnectionId);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).pollutedTop).toBeUndefined();
    expect(readFileSync(path.join(h.dataDir, 'drafts.json'), 'utf8')).not.toContain('polluted');
  });

  it('does not take a base time that is not a time', async () => {
    h = await createHarness();
    const { draft, file } = await exported(h);
    await h.call('discardDraft', { draftId: draft.draftId });
    const inner = file.draft as Record<string, unknown>;
    const imported = await h.call<DraftRecord>('importDraft', { content: JSON.stringify({ ...file, draft: { ...inner, baseFetchedAt: `<img src=x>${'x'.repeat(5000)}` } }) });
    expect(Number.isFinite(Date.parse(imported.baseFetchedAt))).toBe(true);
    expect(imported.baseFetchedAt.length).toBeLessThan(40);
  });

  it('fills omitted PSKs from the live connection only when the file names that very connection', async () => {
    h = await createHarness();
    const { draft, file } = await exported(h);
    await h.call('discardDraft', { draftId: draft.draftId });
    const inner = file.draft as { base: Record<string, unknown>; draft: Record<string, unknown> } & Record<string, unknown>;
    const otherGateway = (c: Record<string, unknown>) => ({ ...c, VpnGatewayId: 'vpn-not-the-live-one' });
    const content = JSON.stringify({ ...file, draft: { ...inner, VpnGatewayId: 'vpn-not-the-live-one', base: otherGateway(inner.base), draft: otherGateway(inner.draft) } });
    const imported = await h.call<DraftRecord>('importDraft', { content });
    expect(imported.draft.mode === 'single' && imported.draft.IkeConfig.Psk).toBe('');
  });
});

describe('importDraft with a PSK the sender changed (the file cannot carry it)', () => {
  it('leaves it empty and marks it needed instead of taking the live key; Apply waits until it is entered', async () => {
    h = await createHarness();
    await h.call('loadInventory', { refresh: true });
    const opened = await h.call<DraftRecord>('openDraft', CONNECTION);
    if (opened.draft.mode !== 'single') throw new Error('vco-eu001 is single-tunnel');
    const livePsk = opened.draft.IkeConfig.Psk;
    await h.call('saveDraft', { draftId: opened.draftId, draft: { ...opened.draft, IkeConfig: { ...opened.draft.IkeConfig, Psk: 'Changed-on-site-by-the-technician', IkeEncAlg: 'aes256' } } });
    const { content } = await h.call<{ content: string }>('exportDraft', { draftId: opened.draftId });
    expect(content).not.toContain('Changed-on-site-by-the-technician');
    await h.call('discardDraft', { draftId: opened.draftId });

    const imported = await h.call<DraftRecord>('importDraft', { content });
    if (imported.draft.mode !== 'single' || imported.base.mode !== 'single') throw new Error('single expected');
    // Not the receiver's live key (which would silently undo the technician's change), and the change still counts.
    expect(imported.draft.IkeConfig.Psk).toBe('');
    expect(imported.base.IkeConfig.Psk).toBe(livePsk);
    expect(imported.needsSecrets).toEqual(['IkeConfig.Psk']);
    const summary = (await h.call<DraftSummary[]>('listDrafts')).find((d) => d.draftId === imported.draftId)!;
    expect(summary.changedFieldCount).toBe(2);
    expect(summary.readiness).toMatchObject({ ready: false, reason: 'rules' });
    // Applied anyway (as a script might): refused before a job exists, nothing sent.
    const before = h.emulator.modificationCount('vpn-eusingle01');
    expect((await h.callRaw('applyDraft', { draftId: imported.draftId, confirmWindowSeconds: 0 })).error?.code).toBe('Draft.NeedsSecret');
    expect(await h.call<JobSummary[]>('listJobs')).toEqual([]);
    expect(h.emulator.modificationCount('vpn-eusingle01')).toBe(before);

    // A reconcile (by hand, or main's on reconnect) keeps it empty: draft and base both empty must not mean "take live".
    const reconciled = await h.call<DraftRecord>('reconcileDraft', { draftId: imported.draftId });
    expect(reconciled.draft.mode === 'single' && reconciled.draft.IkeConfig.Psk).toBe('');
    expect(reconciled.needsSecrets).toEqual(['IkeConfig.Psk']);

    // Entered: no longer needed, and the draft is ready.
    const entered = await h.call<DraftSummary>('saveDraft', { draftId: imported.draftId, draft: { ...imported.draft, IkeConfig: { ...imported.draft.IkeConfig, Psk: 'Changed-on-site-by-the-technician' } } });
    expect(entered.readiness.ready).toBe(true);
    expect((await h.call<DraftRecord>('getDraft', { draftId: imported.draftId })).needsSecrets).toEqual([]);
  });
});
