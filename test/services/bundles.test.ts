// Hand-off between two machines, for real: two composed apps with their own data folders (the technician's and the
// engineer's) against one emulator. The technician changes a PSK and an algorithm offline-style in a draft with its
// peer device, seals a bundle; the engineer previews it (no secret in the preview), imports it: the draft carries the
// new PSK, is reconciled against live at once (a colleague's cloud change shows as a conflict before Apply), and the
// peer device travels too. Wrong passphrases and someone else's key get their own code; the own key pair works.
import { afterEach, describe, expect, it } from 'vitest';
import type { BundleImportResult, BundlePreview, DraftRecord, JobSummary, ProfileSummary } from '../../core/contract.ts';
import { setField, type VpnConnection } from '../../core/index.ts';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import type { PeerProfile } from '../../core/peer/profile.ts';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle } from '../../core/bundle/format.ts';
import { sealBundle } from '../../main/services/bundle-crypto.ts';
import { createSessionSecretStore } from '../../main/services/secret-store.ts';
import { createVpcClient, type VpcClient } from '../../main/services/vpc-client.ts';
import { TestClient } from '../emulator/helpers.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { editAndSave, openDraft, waitForJob } from './support/flows.ts';

const EU = { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' };
const NEW_PSK = 'Rotated-at-the-site-2026';
const PASSPHRASE = 'K7QM-XP9A-3TRW-HV4E-N8JC-2YDS';
const FAST = { bundleWorkFactor: 10 };

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0).reverse()) await h.close();
});
async function machine(existing?: Harness): Promise<Harness> {
  const h = await createHarness({ keychain: createSessionSecretStore(), compose: FAST, ...(existing && { existingEmulator: existing.emulator }) });
  harnesses.push(h);
  return h;
}

const technicianEdit = (c: VpnConnection) => {
  if (c.mode !== 'single') throw new Error('vco-eu001 is single-tunnel');
  return setField(setField(c, 'IkeConfig.Psk', NEW_PSK), 'IpsecConfig.IpsecEncAlg', 'aes256');
};

describe('hand-off bundles between two machines', () => {
  it('carries the new PSK and the device; the preview shows no secret; import reconciles against live at once', async () => {
    const tech = await machine();
    const draft = await editAndSave(tech, EU.RegionId, EU.VpnConnectionId, technicianEdit);
    const device = mirrorPeer(draft.base, { single: { cloudAddress: '8.209.10.1', deviceAddress: '192.0.2.41' } });
    await tech.call('savePeerProfile', { VpnConnectionId: EU.VpnConnectionId, profile: JSON.parse(JSON.stringify(device)) });
    const file = await tech.call<{ fileName: string; content: string }>('exportBundle', { draftIds: [draft.draftId], note: 'PSK rotated on site, router updated', passphrase: PASSPHRASE });
    expect(file.content).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    expect(file.content).not.toContain(NEW_PSK);

    // Meanwhile a colleague changes the same IPsec field differently in the cloud.
    const colleague = new TestClient(tech.emulator);
    const live = await colleague.call('DescribeVpnConnection', EU);
    await colleague.call('ModifyVpnConnectionAttribute', { ...EU, IpsecConfig: JSON.stringify({ ...(live.IpsecConfig as object), IpsecEncAlg: '3des' }) });
    await new Promise((r) => setTimeout(r, 400));

    const engineer = await machine(tech);
    const wrong = await engineer.callRaw('previewBundle', { content: file.content, passphrase: 'NOT-THE-RIGHT-ONE-AT-ALL' });
    expect(wrong.error?.code).toBe('Bundle.WrongPassphrase');
    const preview = await engineer.call<BundlePreview>('previewBundle', { content: file.content, passphrase: PASSPHRASE });
    expect(JSON.stringify(preview)).not.toContain(NEW_PSK);
    expect(preview.note).toBe('PSK rotated on site, router updated');
    expect(preview.drafts[0]).toMatchObject({ VpnConnectionId: EU.VpnConnectionId, pskIncluded: true, pskChanged: true, needsPsk: false, peerIncluded: true });
    expect(preview.drafts[0]!.changedFields).toEqual(expect.arrayContaining(['IkeConfig.Psk', 'IpsecConfig.IpsecEncAlg']));
    expect(preview.here).toEqual([{ VpnConnectionId: EU.VpnConnectionId, mergesIntoOpenDraft: false, knownHere: expect.any(Boolean) }]);
    // Nothing was stored by the preview.
    expect(await engineer.call<unknown[]>('listDrafts')).toEqual([]);

    const result = await engineer.call<BundleImportResult>('importBundle', { content: file.content, passphrase: PASSPHRASE });
    expect(result.imported).toEqual([expect.objectContaining({ VpnConnectionId: EU.VpnConnectionId, merged: false, reconciled: true, conflictCount: 1 })]);
    const record = await engineer.call<DraftRecord>('getDraft', { draftId: result.imported[0]!.draftId });
    if (record.draft.mode !== 'single' || record.base.mode !== 'single') throw new Error('single expected');
    expect(record.draft.IkeConfig.Psk).toBe(NEW_PSK);
    // The base is the live connection read at import, not the sender's copy: the colleague's 3des is in it.
    expect(record.base.IpsecConfig.IpsecEncAlg).toBe('3des');
    expect(record.conflicts.map((c) => c.path)).toEqual(['IpsecConfig.IpsecEncAlg']);
    const { profile } = await engineer.call<{ profile: PeerProfile }>('getPeerProfile', { VpnConnectionId: EU.VpnConnectionId });
    expect(profile.tunnels.single?.psk).toBe(device.tunnels.single?.psk);

    // Resolve with the technician's value and apply: it lands exactly once.
    await engineer.call('resolveConflict', { draftId: record.draftId, path: 'IpsecConfig.IpsecEncAlg', take: 'draft' });
    const before = engineer.emulator.modificationCount('vpn-eusingle01');
    const job = await engineer.call<JobSummary>('applyDraft', { draftId: record.draftId, confirmWindowSeconds: 0, acknowledgePeerBreak: true });
    await waitForJob(engineer, job.jobId);
    expect(engineer.emulator.modificationCount('vpn-eusingle01')).toBe(before + 1);
    const after = await colleague.call('DescribeVpnConnection', EU);
    expect(after.IkeConfig.Psk).toBe(NEW_PSK);
  });

  it('to the engineer\'s own key: made once, kept in the keychain; another key gets "not for you"', async () => {
    const tech = await machine();
    const engineer = await machine(tech);
    const { recipient } = await engineer.call<{ recipient: string }>('createBundleKey');
    expect(recipient).toMatch(/^age1[0-9a-z]+$/);
    expect(await engineer.call('getBundleKey')).toEqual({ recipient });
    expect(await engineer.call('createBundleKey')).toEqual({ recipient });
    const draft = await editAndSave(tech, EU.RegionId, EU.VpnConnectionId, technicianEdit);
    const file = await tech.call<{ content: string }>('exportBundle', { draftIds: [draft.draftId], recipients: [recipient] });
    const result = await engineer.call<BundleImportResult>('importBundle', { content: file.content, useOwnKey: true });
    expect(result.imported).toHaveLength(1);
    // The technician's own machine has another key: the file is not for it.
    await tech.call('createBundleKey');
    expect((await tech.callRaw('previewBundle', { content: file.content, useOwnKey: true })).error?.code).toBe('Bundle.NotForYou');
    // A bad recipient is refused before anything is sealed.
    expect((await tech.callRaw('exportBundle', { draftIds: [draft.draftId], recipients: ['not-an-age-key'] })).error?.code).toBe('Bundle.InvalidRecipient');
  });

  it('merges into an open draft of the same connection instead of refusing', async () => {
    const tech = await machine();
    const draft = await editAndSave(tech, EU.RegionId, EU.VpnConnectionId, technicianEdit);
    const file = await tech.call<{ content: string }>('exportBundle', { draftIds: [draft.draftId], passphrase: PASSPHRASE });
    const engineer = await machine(tech);
    const own = await openDraft(engineer, EU.RegionId, EU.VpnConnectionId);
    await engineer.call('saveDraft', { draftId: own.draftId, draft: setField(own.draft, 'Name', 'eu office (engineer)') });
    const preview = await engineer.call<BundlePreview>('previewBundle', { content: file.content, passphrase: PASSPHRASE });
    expect(preview.here[0]?.mergesIntoOpenDraft).toBe(true);
    const result = await engineer.call<BundleImportResult>('importBundle', { content: file.content, passphrase: PASSPHRASE });
    expect(result.imported[0]).toMatchObject({ draftId: own.draftId, merged: true, conflictCount: 0 });
    const merged = await engineer.call<DraftRecord>('getDraft', { draftId: own.draftId });
    if (merged.draft.mode !== 'single') throw new Error('single expected');
    expect(merged.draft.Name).toBe('eu office (engineer)');
    expect(merged.draft.IkeConfig.Psk).toBe(NEW_PSK);
    expect(merged.draft.IpsecConfig.IpsecEncAlg).toBe('aes256');
  });
});

describe('the import preview: the user picks the target profile', () => {
  it('previews and imports into another account than the active one; an unknown profile is refused by name', async () => {
    const tech = await machine();
    const draft = await editAndSave(tech, EU.RegionId, EU.VpnConnectionId, technicianEdit);
    const device = mirrorPeer(draft.base, { single: { cloudAddress: '8.209.10.1', deviceAddress: '192.0.2.41' } });
    await tech.call('savePeerProfile', { VpnConnectionId: EU.VpnConnectionId, profile: JSON.parse(JSON.stringify(device)) });
    const file = await tech.call<{ content: string }>('exportBundle', { draftIds: [draft.draftId], passphrase: PASSPHRASE });
    // The engineer's second account has no reachable endpoint here (no request may leave for Alibaba Cloud): the
    // Sandbox keeps the real client, every other profile's calls are refused as if offline.
    const offline: VpcClient = { call: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })) } as unknown as VpcClient;
    const engineer = await createHarness({
      keychain: createSessionSecretStore(),
      existingEmulator: tech.emulator,
      compose: { ...FAST, createClient: (options) => (options.endpointFor(EU.RegionId).protocol === 'http' ? createVpcClient(options) : offline) },
    });
    harnesses.push(engineer);
    const customer = await engineer.call<ProfileSummary>('createProfile', { name: 'customer-b', regionId: 'eu-central-1', credential: { kind: 'AccessKey', accessKeyId: 'LTAI5tBundleTarget01', accessKeySecret: 's' }, sessionOnly: true });
    // An open draft of the same connection in the active Sandbox: importing into the other account must not merge.
    const own = await openDraft(engineer, EU.RegionId, EU.VpnConnectionId);

    expect((await engineer.callRaw('previewBundle', { content: file.content, passphrase: PASSPHRASE, profileId: 'nope' })).error?.code).toBe('Profile.NotFound');
    const preview = await engineer.call<BundlePreview>('previewBundle', { content: file.content, passphrase: PASSPHRASE, profileId: customer.profileId });
    expect(preview.targetProfileId).toBe(customer.profileId);
    // Never read in that account: "not read yet", not "not found".
    expect(preview.inventoryRead).toBe(false);
    expect(preview.here).toEqual([{ VpnConnectionId: EU.VpnConnectionId, mergesIntoOpenDraft: false, knownHere: false }]);
    await engineer.call('loadInventory', { refresh: true });
    const inSandbox = await engineer.call<BundlePreview>('previewBundle', { content: file.content, passphrase: PASSPHRASE });
    expect(inSandbox.targetProfileId).toBe('sandbox');
    expect(inSandbox.inventoryRead).toBe(true);
    expect(inSandbox.here[0]?.mergesIntoOpenDraft).toBe(true);

    const result = await engineer.call<BundleImportResult>('importBundle', { content: file.content, passphrase: PASSPHRASE, profileId: customer.profileId });
    // Offline there: a new draft of that account, the sender's base kept until the next reconcile.
    expect(result.imported[0]).toMatchObject({ merged: false, reconciled: false, notInAccount: false });
    const record = await engineer.call<DraftRecord>('getDraft', { draftId: result.imported[0]!.draftId });
    expect(record.profileId).toBe(customer.profileId);
    if (record.draft.mode !== 'single') throw new Error('single expected');
    expect(record.draft.IkeConfig.Psk).toBe(NEW_PSK);
    // The Sandbox's own draft is untouched, and the device went to the chosen account only.
    const sandboxDraft = await engineer.call<DraftRecord>('getDraft', { draftId: own.draftId });
    expect(sandboxDraft.draft).toEqual(own.draft);
    expect((await engineer.call<{ profile: PeerProfile | null }>('getPeerProfile', { VpnConnectionId: EU.VpnConnectionId })).profile).toBeNull();
    await engineer.call('switchProfile', { profileId: customer.profileId });
    expect((await engineer.call<{ profile: PeerProfile | null }>('getPeerProfile', { VpnConnectionId: EU.VpnConnectionId })).profile?.tunnels.single?.psk).toBe(device.tunnels.single?.psk);
  });
});

describe('a bundle for a connection this account does not have', () => {
  it('is imported marked "not found in this account", and cannot be applied here', async () => {
    const tech = await machine();
    const draft = await editAndSave(tech, EU.RegionId, EU.VpnConnectionId, technicianEdit);
    const record = await tech.call<DraftRecord>('getDraft', { draftId: draft.draftId });
    // The same draft, for a connection id no account here has (as from another account).
    const elsewhere = (c: VpnConnection): VpnConnection => ({ ...c, VpnConnectionId: 'vco-elsewhere01' });
    const bundle: Bundle = {
      format: BUNDLE_FORMAT,
      schemaVersion: BUNDLE_VERSION,
      createdAt: new Date().toISOString(),
      from: { profileName: 'another account' },
      note: '',
      drafts: [{ RegionId: EU.RegionId, VpnConnectionId: 'vco-elsewhere01', VpnGatewayId: record.VpnGatewayId, Name: 'elsewhere', base: elsewhere(record.base), baseFetchedAt: record.baseFetchedAt, draft: elsewhere(record.draft), updatedAt: record.updatedAt, pskIncluded: true }],
    };
    const content = new TextDecoder().decode(await sealBundle(bundle, { passphrase: PASSPHRASE }, { armor: true, workFactor: 10 }));
    const engineer = await machine(tech);
    await engineer.call('loadInventory', { refresh: true });
    const preview = await engineer.call<BundlePreview>('previewBundle', { content, passphrase: PASSPHRASE });
    expect(preview.here[0]).toMatchObject({ knownHere: false });
    const result = await engineer.call<BundleImportResult>('importBundle', { content, passphrase: PASSPHRASE });
    expect(result.imported[0]).toMatchObject({ VpnConnectionId: 'vco-elsewhere01', notInAccount: true, reconciled: false });
    const summary = (await engineer.call<Array<{ draftId: string; readiness: unknown }>>('listDrafts')).find((d) => d.draftId === result.imported[0]!.draftId);
    expect(summary?.readiness).toEqual({ ready: false, reason: 'not-in-account' });
    const refused = await engineer.callRaw('applyDraft', { draftId: result.imported[0]!.draftId, confirmWindowSeconds: 0 });
    expect(refused.error?.code).toBe('Draft.NotInAccount');
  });
});

describe('hand-off bundles: what must not be lost on the way (review findings)', () => {
  it('a merge conflict with the open draft survives the import (the technician\'s key is not dropped)', async () => {
    const tech = await machine();
    const draft = await editAndSave(tech, EU.RegionId, EU.VpnConnectionId, technicianEdit);
    const file = await tech.call<{ content: string }>('exportBundle', { draftIds: [draft.draftId], passphrase: PASSPHRASE });
    const engineer = await machine(tech);
    const own = await openDraft(engineer, EU.RegionId, EU.VpnConnectionId);
    await engineer.call('saveDraft', { draftId: own.draftId, draft: setField(own.draft, 'IkeConfig.Psk', 'The-engineer-typed-another-key') });
    const result = await engineer.call<BundleImportResult>('importBundle', { content: file.content, passphrase: PASSPHRASE });
    expect(result.imported[0]).toMatchObject({ merged: true, conflictCount: 1, reconciled: false });
    const merged = await engineer.call<DraftRecord>('getDraft', { draftId: own.draftId });
    expect(merged.status).toBe('conflict');
    expect(merged.conflicts.map((c) => c.path)).toEqual(['IkeConfig.Psk']);
  });

  it('a draft with conflicts, or still needing a key, is not sealed', async () => {
    const tech = await machine();
    const draft = await editAndSave(tech, EU.RegionId, EU.VpnConnectionId, technicianEdit);
    const colleague = new TestClient(tech.emulator);
    const live = await colleague.call('DescribeVpnConnection', EU);
    await colleague.call('ModifyVpnConnectionAttribute', { ...EU, IpsecConfig: JSON.stringify({ ...(live.IpsecConfig as object), IpsecEncAlg: '3des' }) });
    await new Promise((r) => setTimeout(r, 400));
    await tech.call('reconcileDraft', { draftId: draft.draftId });
    const refused = await tech.callRaw('exportBundle', { draftIds: [draft.draftId], passphrase: PASSPHRASE });
    expect(refused.error?.code).toBe('Bundle.DraftHasConflicts');
  });

  it('a bundle naming another gateway for a real connection is imported as not of this account', async () => {
    const tech = await machine();
    const draft = await editAndSave(tech, EU.RegionId, EU.VpnConnectionId, technicianEdit);
    const record = await tech.call<DraftRecord>('getDraft', { draftId: draft.draftId });
    const bogus = (c: VpnConnection): VpnConnection => ({ ...c, VpnGatewayId: 'vpn-bogus0001' });
    const bundle: Bundle = {
      format: BUNDLE_FORMAT,
      schemaVersion: BUNDLE_VERSION,
      createdAt: new Date().toISOString(),
      from: { profileName: 'x' },
      note: '',
      drafts: [{ RegionId: EU.RegionId, VpnConnectionId: EU.VpnConnectionId, VpnGatewayId: 'vpn-bogus0001', Name: 'x', base: bogus(record.base), baseFetchedAt: record.baseFetchedAt, draft: bogus(record.draft), updatedAt: record.updatedAt, pskIncluded: true }],
    };
    const content = new TextDecoder().decode(await sealBundle(bundle, { passphrase: PASSPHRASE }, { armor: true, workFactor: 10 }));
    const engineer = await machine(tech);
    const result = await engineer.call<BundleImportResult>('importBundle', { content, passphrase: PASSPHRASE });
    expect(result.imported[0]).toMatchObject({ reconciled: false, notInAccount: true });
    expect((await engineer.callRaw('applyDraft', { draftId: result.imported[0]!.draftId, confirmWindowSeconds: 0 })).error?.code).toBe('Draft.NotInAccount');
  });

  it('opens a binary age file (age\'s default output) sent as base64, and a proposed passphrase typed in lower case without dashes', async () => {
    const tech = await machine();
    const draft = await editAndSave(tech, EU.RegionId, EU.VpnConnectionId, technicianEdit);
    const record = await tech.call<DraftRecord>('getDraft', { draftId: draft.draftId });
    const bundle: Bundle = {
      format: BUNDLE_FORMAT,
      schemaVersion: BUNDLE_VERSION,
      createdAt: new Date().toISOString(),
      from: { profileName: 'field laptop' },
      note: 'binary',
      drafts: [{ RegionId: EU.RegionId, VpnConnectionId: EU.VpnConnectionId, VpnGatewayId: record.VpnGatewayId, Name: 'eu', base: record.base, baseFetchedAt: record.baseFetchedAt, draft: record.draft, updatedAt: record.updatedAt, pskIncluded: true }],
    };
    const binary = await sealBundle(bundle, { passphrase: PASSPHRASE }, { workFactor: 10 });
    const engineer = await machine(tech);
    const typed = PASSPHRASE.toLowerCase().replace(/-/g, ' ');
    const preview = await engineer.call<BundlePreview>('previewBundle', { contentBase64: Buffer.from(binary).toString('base64'), passphrase: typed });
    expect(preview.note).toBe('binary');
  });

  it('without an OS keychain no own key is made (it would be lost at quit)', async () => {
    const h = await createHarness({ compose: FAST });
    harnesses.push(h);
    expect((await h.callRaw('createBundleKey')).error?.code).toBe('Bundle.NoKeychain');
    expect(await h.call('getBundleKey')).toEqual({ recipient: null });
  });
});
