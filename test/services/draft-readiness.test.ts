// Draft readiness as main computes it for every draft summary: core's rules against main's own inventory of the
// draft's gateway (real store, real inventory service, the emulator over HTTP), refreshed when that inventory changes.
import { afterEach, describe, expect, it } from 'vitest';
import type { DraftSummary } from '../../core/contract.ts';
import { setField } from '../../core/index.ts';
import { TestClient } from '../emulator/helpers.ts';
import { createHarness, eventually, type Harness } from './support/harness.ts';
import { editAndSave, openDraft } from './support/flows.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const summaryOf = async (harness: Harness, draftId: string) => (await harness.call<DraftSummary[]>('listDrafts')).find((d) => d.draftId === draftId)!;
const pushedFor = (harness: Harness, draftId: string) =>
  harness.events.filter((e) => e.event === 'draftsChanged').map((e) => (e.payload as { drafts: DraftSummary[] }).drafts.find((d) => d.draftId === draftId)?.readiness);

describe('draft readiness in main', () => {
  it('counts only drafts with changes, no rule error and no conflict, checked against the gateway’s other connections', async () => {
    h = await createHarness();
    await h.call('loadInventory', { refresh: true });
    const ready = await editAndSave(h, 'cn-hangzhou', 'vco-hzpol001', (c) => setField(c, 'Name', 'renamed policy 1'));
    // Same VPN gateway and customer gateway as vco-hzpol001: its PSK must stay the same (a rule that needs the siblings).
    const crossRule = await editAndSave(h, 'cn-hangzhou', 'vco-hzpol002', (c) => setField(c, 'IkeConfig.Psk', 'a-different-key-1'));
    const ownRule = await editAndSave(h, 'cn-hangzhou', 'vco-hzdual001', (c) => setField(c, 'TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr', '10.0.0.0/30'));
    const unchanged = await openDraft(h, 'eu-central-1', 'vco-eu001');
    expect((await summaryOf(h, ready.draftId)).readiness).toEqual({ ready: true });
    expect((await summaryOf(h, crossRule.draftId)).readiness).toEqual({ ready: false, reason: 'rules', issueCount: 1 });
    expect((await summaryOf(h, ownRule.draftId)).readiness).toMatchObject({ ready: false, reason: 'rules' });
    expect((await summaryOf(h, unchanged.draftId)).readiness).toEqual({ ready: false, reason: 'no-changes' });
    // The summaries pushed with draftsChanged carry the same verdict.
    expect(pushedFor(h, crossRule.draftId).at(-1)).toEqual({ ready: false, reason: 'rules', issueCount: 1 });
  });

  it('is not ready while main holds no inventory of the draft’s gateway, and becomes ready (pushed) once it does', async () => {
    h = await createHarness();
    // Opened before any inventory was fetched: the connection is read live, its gateway's siblings are unknown.
    const d = await editAndSave(h, 'cn-hangzhou', 'vco-hzpol001', (c) => setField(c, 'Name', 'renamed policy 1'));
    expect((await summaryOf(h, d.draftId)).readiness).toEqual({ ready: false, reason: 'not-loaded' });
    const before = pushedFor(h, d.draftId).length;
    await h.call('loadInventory', { refresh: true });
    expect(pushedFor(h, d.draftId).slice(before)).toEqual([{ ready: true }]);
    expect((await summaryOf(h, d.draftId)).readiness).toEqual({ ready: true });
  });

  it('follows the inventory: a change in the cloud to a sibling makes a ready draft fail a rule, and a conflict is its own reason', async () => {
    h = await createHarness();
    await h.call('loadInventory', { refresh: true });
    const d = await editAndSave(h, 'cn-hangzhou', 'vco-hzpol002', (c) => setField(setField(c, 'LocalSubnet', '10.20.9.0/24'), 'RemoteSubnet', '192.168.29.0/24'));
    expect((await summaryOf(h, d.draftId)).readiness).toEqual({ ready: true });
    // Meanwhile the sibling on the same VPN gateway and customer gateway is moved onto those very subnets in the
    // console: the draft's traffic selectors now overlap it.
    const client = new TestClient(h.emulator);
    await client.call('ModifyVpnConnectionAttribute', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzpol001', LocalSubnet: '10.20.9.0/24', RemoteSubnet: '192.168.29.0/24' });
    const before = pushedFor(h, d.draftId).length;
    await h.call('loadInventory', { refresh: true });
    expect(pushedFor(h, d.draftId).slice(before)).toEqual([{ ready: false, reason: 'rules', issueCount: 1 }]);

    // The draft's own connection gets another local subnet in the cloud: reconciling makes a conflict, reported as such.
    // (once the gateway has finished the first change)
    await eventually(() => client.call('ModifyVpnConnectionAttribute', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzpol002', LocalSubnet: '10.20.3.0/24' }).then(() => true));
    await h.call('reconcileDraft', { draftId: d.draftId });
    expect((await summaryOf(h, d.draftId)).readiness).toEqual({ ready: false, reason: 'conflicts', issueCount: 1 });
  });
});
