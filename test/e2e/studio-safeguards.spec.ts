/// <reference lib="dom" />
// Results on screen are promises: batch apply queues only what is ready and says what it left out and why, Apply is
// disabled (with its reason) while conflicts are unresolved, copying between tunnels keeps each tunnel's identities
// and key, and discarding a draft asks first, naming what is lost.
import { createVpcClient } from '../../main/services/vpc-client.ts';
import { diffRowPaths, field, openConnection } from './helpers.ts';
import { expect, test } from './support/fixtures.ts';

const SLAVE = 'TunnelOptionsSpecification.2';
const MASTER = 'TunnelOptionsSpecification.1';

test('apply ready drafts leaves out a draft with a rule error and says why; only the ready one is sent', async ({ app }) => {
  const { page } = app;
  await app.open();
  await openConnection(page, 'hz-branch policy 1');
  await field(page, 'Name').fill('batch ready');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  // Changed, no conflicts, still editing — but its slave tunnel network breaks a rule.
  await openConnection(page, 'hz-dc-a dual BGP');
  await field(page, `${SLAVE}.TunnelBgpConfig.TunnelCidr`).fill('10.0.0.0/30');
  await expect(page.getByTestId('error-count')).not.toHaveText('0 errors');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Drafts/ }).click();
  const table = page.getByTestId('drafts-table');
  await expect(table.getByRole('row', { name: /hz-dc-a dual BGP/ }).getByTestId('readiness')).toHaveText(/rule errors? — open it to fix/);
  await page.getByRole('button', { name: 'Apply ready drafts (1)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply 1 draft?' });
  await expect(dialog.getByTestId('apply-ready-list')).toContainText('batch ready');
  await expect(dialog.getByTestId('apply-ready-list')).not.toContainText('hz-dc-a');
  await expect(dialog.getByTestId('apply-left-out-list')).toHaveText(/hz-dc-a dual BGP — \d+ rule errors? — open it to fix/);
  await page.screenshot({ path: 'screenshots/e2e/apply-ready-left-out.png' });
  await dialog.getByRole('button', { name: 'Apply 1 draft' }).click();
  await expect(page.getByText('1 draft queued.')).toBeVisible();
  await expect(table.getByRole('row', { name: /batch ready/ })).toContainText('applied', { timeout: 20_000 });
  const sent = app.ipcLog.filter((e) => e.method === 'applyDrafts');
  expect(sent).toHaveLength(1);
  expect((sent[0]!.args as { draftIds: string[] }).draftIds).toHaveLength(1);
  expect([app.emulator.modificationCount('vpn-hzpolicy01'), app.emulator.modificationCount('vpn-hzdual001')]).toEqual([1, 0]);
  await expect(table.getByRole('row', { name: /hz-dc-a dual BGP/ })).toContainText('editing');
});

test('Apply is disabled with its reason while a draft has a conflict with the live connection', async ({ app }) => {
  const { page } = app;
  await app.open();
  await openConnection(page, 'hz-branch policy 2');
  await field(page, 'Name').fill('policy 2 mine');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  // Someone renames the connection in the console; reconciling the draft with it makes a conflict on Name.
  const other = createVpcClient({ endpointFor: () => ({ endpoint: app.emulator.endpoint.replace(/^https?:\/\//, ''), protocol: 'http' }), credentials: app.emulator.credentials });
  await other.call({ action: 'ModifyVpnConnectionAttribute', RegionId: 'cn-hangzhou', query: { VpnConnectionId: 'vco-hzpol002', Name: 'policy 2 theirs' } });
  const draft = app.services.drafts.list().find((d) => d.VpnConnectionId === 'vco-hzpol002')!;
  await app.services.drafts.reconcile(draft.draftId);

  const conflicts = page.getByTestId('conflicts');
  await expect(conflicts).toBeVisible();
  await page.keyboard.press('Control+Enter');
  const apply = page.getByTestId('apply');
  await expect(apply).toBeDisabled();
  const reason = page.locator('#apply-block');
  await expect(reason).toHaveText('Apply is disabled: the live connection changed fields this draft also changes. Keep your value or take the live one for each of them first.');
  await expect(apply).toHaveAttribute('aria-describedby', 'apply-block');
  // No raw error code anywhere on screen.
  await expect(page.getByText(/Draft\.HasConflicts/)).toHaveCount(0);
  await page.screenshot({ path: 'screenshots/e2e/apply-blocked-conflicts.png' });

  await conflicts.locator('tr[data-path="Name"]').getByRole('button', { name: /Keep draft/ }).click();
  await expect(conflicts).toHaveCount(0);
  await expect(apply).toBeEnabled();
  expect(app.ipcLog.filter((e) => e.method === 'applyDraft')).toHaveLength(0);
});

test('copy to slave leaves the slave’s Local ID, Remote ID and pre-shared key, and says so', async ({ app }) => {
  const { page } = app;
  await app.open();
  await openConnection(page, 'hz-dc-a dual BGP');
  await page.getByRole('button', { name: 'Tunnels side by side' }).click();
  await expect(page.getByRole('group', { name: 'Tunnels side by side' })).toBeVisible();
  await expect(field(page, `${SLAVE}.TunnelIkeConfig.LocalId`)).toHaveValue('47.96.10.2');
  await field(page, `${MASTER}.TunnelIkeConfig.IkeEncAlg`).selectOption('aes256');

  await page.getByRole('button', { name: 'Copy to slave → (Phase 1 (IKE))' }).click();
  const dialog = page.getByRole('dialog', { name: 'Copy Phase 1 (IKE) to the slave tunnel' });
  await expect(dialog.getByRole('checkbox', { name: /Local ID/ })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /Remote ID/ })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Also copy the pre-shared key' })).not.toBeChecked();
  await expect(dialog).not.toContainText('hzA-master-Psk1');
  await page.screenshot({ path: 'screenshots/e2e/copy-to-slave.png' });
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);

  await expect(field(page, `${SLAVE}.TunnelIkeConfig.IkeEncAlg`)).toHaveValue('aes256');
  await expect(field(page, `${SLAVE}.TunnelIkeConfig.LocalId`)).toHaveValue('47.96.10.2');
  await expect(field(page, `${SLAVE}.TunnelIkeConfig.RemoteId`)).toHaveValue('203.0.113.12');
  await expect(field(page, `${SLAVE}.TunnelIkeConfig.Psk`)).toHaveValue('hzA-slave-Psk2');
  await expect(page.getByTestId('copy-outcome')).toContainText('Phase 1 (IKE): copied 1 field to the slave tunnel. Left out (each tunnel’s own identity, address or key): Pre-shared key, Local ID, Remote ID.');
  await expect(page.getByTestId('error-count')).toHaveText('0 errors');
  await expect(page.locator('.field-warning')).toHaveCount(0);
  expect(await diffRowPaths(page)).toEqual([`${MASTER}.TunnelIkeConfig.IkeEncAlg`, `${SLAVE}.TunnelIkeConfig.IkeEncAlg`]);
});

test('discard asks first, naming the connection and the fields lost; Esc keeps the draft', async ({ app }) => {
  const { page } = app;
  await app.open();
  await openConnection(page, 'hz-branch policy 1');
  await field(page, 'Name').fill('about to be thrown away');
  await field(page, 'IpsecConfig.IpsecPfs').selectOption('group5');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  const discard = page.getByRole('button', { name: 'Discard draft' });
  await discard.click();
  const dialog = page.getByRole('dialog', { name: 'Discard the draft of hz-branch policy 1?' });
  await expect(dialog).toContainText('These 2 changed fields will be lost:');
  await expect(dialog.getByTestId('discard-fields').locator('li')).toHaveText(['Name', 'DH group']);
  await expect(dialog.getByRole('button', { name: 'Keep the draft' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(discard).toBeFocused();
  expect(app.ipcLog.filter((e) => e.method === 'discardDraft')).toHaveLength(0);
  await expect(field(page, 'Name')).toHaveValue('about to be thrown away');

  await discard.click();
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(field(page, 'Name')).toHaveValue('hz-branch policy 1');
  await expect(page.getByRole('heading', { level: 1, name: 'hz-branch policy 1' })).toBeFocused();
  expect(app.ipcLog.filter((e) => e.method === 'discardDraft')).toHaveLength(1);
  await expect(page.getByRole('tree').getByRole('treeitem', { name: /hz-branch policy 1/ }).getByTitle('Has a draft')).toHaveCount(0);
});
