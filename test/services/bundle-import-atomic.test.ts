// "all or nothing as far as can be told before writing". A bundle whose second draft cannot merge
// into the open draft here (another shape of the connection) is refused, and none of the bundle is stored.
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftRecord, DraftSummary } from '../../core/contract.ts';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle } from '../../core/bundle/format.ts';
import { setField, type VpnConnection } from '../../core/index.ts';
import { sealBundle } from '../../main/services/bundle-crypto.ts';
import { createSessionSecretStore } from '../../main/services/secret-store.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { editAndSave, openDraft } from './support/flows.ts';

const PASSPHRASE = 'K7QM-XP9A-3TRW-HV4E-N8JC-2YDS';
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0).reverse()) await h.close();
});

const entry = (r: DraftRecord, change: (c: VpnConnection) => VpnConnection = (c) => c): Bundle['drafts'][number] => ({
  RegionId: r.RegionId,
  VpnConnectionId: r.VpnConnectionId,
  VpnGatewayId: change(r.draft).VpnGatewayId,
  Name: r.draft.Name,
  base: change(r.base),
  baseFetchedAt: r.baseFetchedAt,
  draft: change(r.draft),
  updatedAt: r.updatedAt,
  pskIncluded: true,
});

describe('bundle import, all or nothing', () => {
  it('a draft that cannot merge into the open draft here leaves none of the bundle stored', async () => {
    const tech = await createHarness({ keychain: createSessionSecretStore(), compose: { bundleWorkFactor: 10 } });
    harnesses.push(tech);
    const first = await editAndSave(tech, 'cn-hangzhou', 'vco-hzpol001', (c) => setField(c, 'Name', 'from the site'));
    const second = await editAndSave(tech, 'eu-central-1', 'vco-eu001', (c) => setField(c, 'Name', 'from the site too'));
    const bundle: Bundle = {
      format: BUNDLE_FORMAT,
      schemaVersion: BUNDLE_VERSION,
      createdAt: new Date().toISOString(),
      from: { profileName: 'site laptop' },
      note: '',
      // The second names another gateway for vco-eu001: it cannot merge into the engineer's open draft of it.
      drafts: [entry(first), entry(second, (c) => ({ ...c, VpnGatewayId: 'vpn-bogus0001' }))],
    };
    const content = new TextDecoder().decode(await sealBundle(bundle, { passphrase: PASSPHRASE }, { armor: true, workFactor: 10 }));

    const engineer = await createHarness({ keychain: createSessionSecretStore(), compose: { bundleWorkFactor: 10 }, existingEmulator: tech.emulator });
    harnesses.push(engineer);
    const own = await openDraft(engineer, 'eu-central-1', 'vco-eu001');
    const refused = await engineer.callRaw('importBundle', { content, passphrase: PASSPHRASE });
    expect(refused.error?.code).toBe('Draft.CannotMerge');
    const drafts = await engineer.call<DraftSummary[]>('listDrafts');
    expect(drafts.map((d) => d.draftId)).toEqual([own.draftId]);
  });
});
