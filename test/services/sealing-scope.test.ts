// Sealing touches the secret fields only: a `sealed:v1:` blob copied into any other field (a draft file's Name) is
// data, never opened; and a PSK that happens to start with `sealed:v1:` is sealed like any other.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftRecord } from '../../core/contract.ts';
import { setField, type VpnConnection } from '../../core/index.ts';
import { createSealer, SEALED_PREFIX } from '../../main/services/sealing.ts';
import { createSessionSecretStore } from '../../main/services/secret-store.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { editAndSave } from './support/flows.ts';

const CONNECTION = { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' };
const PSK = 'Psk-only-the-owner-knows-42';
const withPsk = (psk: string) => (c: VpnConnection) => (c.mode === 'single' ? { ...c, IkeConfig: { ...c.IkeConfig, Psk: psk } } : c);

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const draftsFile = (harness: Harness) => readFileSync(path.join(harness.dataDir, 'drafts.json'), 'utf8');

describe('sealing scope', () => {
  it('unseals only the secret fields of a value', () => {
    const sealer = createSealer(Buffer.alloc(32, 3));
    const blob = sealer.seal('opened');
    const value = { Name: blob, IkeConfig: { Psk: blob, LocalId: blob }, tunnels: [{ TunnelIkeConfig: { Psk: blob }, RemoteCaCertificate: blob, TunnelId: blob }] };
    const opened = sealer.unsealDeep(value);
    expect(opened.Name).toBe(blob);
    expect(opened.IkeConfig.LocalId).toBe(blob);
    expect(opened.tunnels[0]!.TunnelId).toBe(blob);
    expect(opened.IkeConfig.Psk).toBe('opened');
    expect(opened.tunnels[0]!.TunnelIkeConfig.Psk).toBe('opened');
    expect(opened.tunnels[0]!.RemoteCaCertificate).toBe('opened');
  });

  it('an imported draft whose Name is a sealed blob from drafts.json keeps the blob: no PSK in the name, the file name or the export', async () => {
    // One keychain across the restart, as on a real machine: the data key survives it.
    h = await createHarness({ keychain: createSessionSecretStore() });
    const saved = await editAndSave(h, CONNECTION.RegionId, CONNECTION.VpnConnectionId, withPsk(PSK));
    const sealer = h.app.services.sealer();
    const blob = [...draftsFile(h).matchAll(/"Psk":\s*"(sealed:v1:[^"]+)"/g)].map((m) => m[1]!).find((b) => sealer.unseal(b) === PSK);
    expect(blob).toBeDefined();
    const { content } = await h.call<{ content: string }>('exportDraft', { draftId: saved.draftId });
    await h.call('discardDraft', { draftId: saved.draftId });
    const file = JSON.parse(content) as { draft: { draft: VpnConnection; base: VpnConnection } };
    file.draft.draft.Name = blob!;

    const imported = await h.call<DraftRecord>('importDraft', { content: JSON.stringify(file) });
    expect(imported.draft.Name).toBe(blob);
    const again = await h.call<DraftRecord>('getDraft', { draftId: imported.draftId });
    expect(again.draft.Name).toBe(blob);
    const exported = await h.call<{ fileName: string; content: string }>('exportDraft', { draftId: imported.draftId });
    expect(exported.fileName).not.toContain(PSK);
    expect(exported.content).not.toContain(PSK);
    // After a restart too: the record on disk is read back the same way.
    await h.restart();
    const afterRestart = await h.call<DraftRecord>('getDraft', { draftId: imported.draftId });
    expect(afterRestart.draft.Name).toBe(blob);
  });

  it('conflict values on a PSK path are sealed on disk and read back in clear', async () => {
    h = await createHarness({ keychain: createSessionSecretStore() });
    const saved = await editAndSave(h, CONNECTION.RegionId, CONNECTION.VpnConnectionId, withPsk(PSK));
    const livePsk = 'Psk-changed-in-the-console-7';
    const merged = h.app.services.drafts.mergeWithLive(saved, withPsk(livePsk)(saved.base));
    expect(merged.conflicts.map((c) => c.path)).toEqual(['IkeConfig.Psk']);
    expect(draftsFile(h)).not.toContain(livePsk);
    expect(draftsFile(h)).not.toContain(PSK);
    await h.restart();
    const again = await h.call<DraftRecord>('getDraft', { draftId: saved.draftId });
    expect(again.conflicts[0]).toMatchObject({ path: 'IkeConfig.Psk', draft: PSK, live: livePsk });
  });

  it('conflict values on a certificate path are sealed on disk too, and read back in clear', async () => {
    h = await createHarness({ keychain: createSessionSecretStore() });
    const mine = '-----BEGIN CERTIFICATE----- MINE-MINE-MINE -----END CERTIFICATE-----';
    const theirs = '-----BEGIN CERTIFICATE----- THEIRS-THEIRS -----END CERTIFICATE-----';
    const saved = await editAndSave(h, 'cn-shanghai', 'vco-shsm001', (c) => setField(c, 'RemoteCaCertificate', mine));
    const merged = h.app.services.drafts.mergeWithLive(saved, setField(saved.base, 'RemoteCaCertificate', theirs));
    expect(merged.conflicts.map((c) => c.path)).toEqual(['RemoteCaCertificate']);
    expect(draftsFile(h)).not.toContain('THEIRS-THEIRS');
    expect(draftsFile(h)).not.toContain('MINE-MINE-MINE');
    await h.restart();
    const again = await h.call<DraftRecord>('getDraft', { draftId: saved.draftId });
    expect(again.conflicts[0]).toMatchObject({ path: 'RemoteCaCertificate', draft: mine, live: theirs });
  });

  it('a PSK that starts with sealed:v1: is stored sealed and reads back as typed', async () => {
    // One keychain across the restart, as on a real machine: the data key survives it.
    h = await createHarness({ keychain: createSessionSecretStore() });
    const odd = `${SEALED_PREFIX}not-a-real-blob-but-a-valid-psk`;
    const saved = await editAndSave(h, CONNECTION.RegionId, CONNECTION.VpnConnectionId, withPsk(odd));
    expect(draftsFile(h)).not.toContain(odd);
    expect(saved.draft.mode === 'single' && saved.draft.IkeConfig.Psk).toBe(odd);
    await h.restart();
    const again = await h.call<DraftRecord>('getDraft', { draftId: saved.draftId });
    expect(again.draft.mode === 'single' && again.draft.IkeConfig.Psk).toBe(odd);
  });
});
