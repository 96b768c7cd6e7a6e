/// <reference lib="dom" />
import { createVpcClient } from '../../main/services/vpc-client.ts';
import { field, openConnection } from './helpers.ts';
import { expect, test } from './support/fixtures.ts';

const DESCRIBES = ['DescribeRegions', 'DescribeVpnGateways', 'DescribeVpnGateway', 'DescribeVpnConnections', 'DescribeVpnConnection', 'DescribeCustomerGateways', 'DescribeCustomerGateway'];

test('offline: drafting keeps working, apply is disabled; after reconnect a conflict is shown field by field', async ({ app }) => {
  const { page } = app;
  await app.open();
  await openConnection(page, 'hz-dc-a dual BGP');
  await expect(page.getByTestId('connectivity')).toHaveText('Online');

  // The API goes away mid-session (every read the app makes has its connection dropped).
  app.emulator.setFaults({ resetRate: 1, actions: DESCRIBES });
  await page.getByRole('button', { name: 'Refresh inventory' }).click();
  await expect(page.getByTestId('connectivity')).toHaveText('Offline');
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  // The tree is still there (served from the cache).
  await expect(page.getByRole('tree').getByRole('treeitem', { name: /hz-dc-a dual BGP/ })).toBeVisible();

  // Drafting works offline: edit, save, preview.
  await field(page, 'Name').fill('hz-dc-a mine');
  await field(page, 'TunnelOptionsSpecification.1.TunnelIpsecConfig.IpsecPfs').selectOption('group5');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expect(page.getByText('Apply is disabled while offline.')).toBeVisible();
  const saved = app.ipcLog.filter((e) => e.method === 'saveDraft');
  expect(saved.length).toBeGreaterThan(0);
  expect(saved.every((e) => (e.reply as { ok: boolean }).ok)).toBe(true);

  // Meanwhile someone else renames the connection in the cloud (Modify still reaches the service).
  const other = createVpcClient({ endpointFor: () => ({ endpoint: app.emulator.endpoint.replace(/^https?:\/\//, ''), protocol: 'http' }), credentials: app.emulator.credentials });
  await other.call({ action: 'ModifyVpnConnectionAttribute', RegionId: 'cn-hangzhou', query: { VpnConnectionId: 'vco-hzdual001', Name: 'hz-dc-a theirs' } });

  // The API comes back: the app notices by itself, refreshes, and reconciles the draft.
  app.emulator.setFaults({ resetRate: 0, actions: [] });
  await expect(page.getByTestId('connectivity')).toHaveText('Online', { timeout: 15_000 });
  const conflicts = page.getByTestId('conflicts');
  await expect(conflicts).toBeVisible({ timeout: 10_000 });
  const row = conflicts.locator('tr[data-path="Name"]');
  await expect(row).toContainText('hz-dc-a dual BGP'); // base
  await expect(row).toContainText('hz-dc-a theirs'); // live
  await expect(row).toContainText('hz-dc-a mine'); // draft
  // Only the field both sides changed conflicts; the IpsecPfs edit merged cleanly.
  await expect(conflicts.locator('tbody tr')).toHaveCount(1);
  await row.getByRole('button', { name: /Take live/ }).click();
  await expect(conflicts).toHaveCount(0);
  await expect(field(page, 'Name')).toHaveValue('hz-dc-a theirs');
  await expect(field(page, 'TunnelOptionsSpecification.1.TunnelIpsecConfig.IpsecPfs')).toHaveValue('group5');
  await expect(page.getByTestId('apply')).toBeEnabled();
});
