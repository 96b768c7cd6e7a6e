/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { field, openConnection } from './helpers.ts';
import { expect, test } from './support/fixtures.ts';

test('drafts: listed with their changes, exported to a file, discarded, imported back (secrets left out)', async ({ app }) => {
  const { page } = app;
  await app.open();
  await openConnection(page, 'hz-branch policy 1');
  await field(page, 'Name').fill('handed over by the field technician');
  await field(page, 'IkeConfig.Psk').fill('Field-Key-123');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await expect(page.getByRole('tree').getByRole('treeitem', { name: /hz-branch policy 1/ }).getByTitle('Has a draft')).toBeVisible();

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Drafts/ }).click();
  const row = page.getByTestId('drafts-table').getByRole('row', { name: /handed over/ });
  await expect(row).toContainText('vco-hzpol001');
  await expect(row.locator('td.num').first()).toHaveText('2');

  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /^Export/ }).click()]);
  const file = await download.path();
  const content = readFileSync(file, 'utf8');
  expect(content).toContain('handed over by the field technician');
  expect(content).not.toContain('Field-Key-123');

  await row.getByRole('button', { name: /^Discard/ }).click();
  // Discard asks first, naming the connection and what is lost.
  const confirm = page.getByRole('dialog', { name: 'Discard the draft of handed over by the field technician?' });
  await expect(confirm.getByTestId('discard-fields').locator('li')).toHaveText(['Name', 'Pre-shared key']);
  await confirm.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByTestId('drafts-table')).toHaveCount(0);
  await page.locator('input[type="file"]').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(content) });
  await expect(page.getByText('Draft imported.')).toBeVisible();
  const imported = page.getByTestId('drafts-table').getByRole('row', { name: /handed over/ });
  await expect(imported).toBeVisible();
  await imported.getByRole('button', { name: /^Open/ }).click();
  await expect(field(page, 'Name')).toHaveValue('handed over by the field technician');
});

test('apply ready drafts: two drafts queued in one step after the list is shown, both land once', async ({ app }) => {
  const { page } = app;
  await app.open();
  for (const [name, renamed] of [['hz-branch policy 1', 'batch one'], ['hz-branch single BGP', 'batch two']] as const) {
    await openConnection(page, name);
    await field(page, 'Name').fill(renamed);
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-state')).toHaveText('Saved');
  }
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Drafts/ }).click();
  await page.getByRole('button', { name: 'Apply ready drafts (2)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply 2 drafts?' });
  await expect(dialog.getByTestId('apply-ready-list')).toContainText('batch one');
  await expect(dialog.getByTestId('apply-ready-list')).toContainText('batch two');
  await page.screenshot({ path: 'screenshots/e2e/apply-ready-drafts.png' });
  await dialog.getByRole('button', { name: 'Apply 2 drafts' }).click();
  await expect(page.getByText('2 drafts queued.')).toBeVisible();
  const table = page.getByTestId('drafts-table');
  await expect(table.getByRole('row', { name: /batch one/ })).toContainText('applied', { timeout: 20_000 });
  await expect(table.getByRole('row', { name: /batch two/ })).toContainText('applied', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Apply ready drafts (0)' })).toBeDisabled();
  expect(app.ipcLog.filter((e) => e.method === 'applyDrafts')).toHaveLength(1);
  expect([app.emulator.modificationCount('vpn-hzpolicy01'), app.emulator.modificationCount('vpn-hzsingle01')]).toEqual([1, 1]);
});
