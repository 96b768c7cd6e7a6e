/// <reference lib="dom" />
import { watchCsp } from './helpers.ts';
import { expect, test } from './support/fixtures.ts';

test('first run lands in the Sandbox with the inventory loaded, and nothing is blocked by the CSP', async ({ app }) => {
  const violations = await watchCsp(app.page);
  await app.open();
  await expect(app.page.getByTestId('active-profile')).toHaveText('Sandbox');
  await expect(app.page.getByTestId('profile-switcher').locator('option:checked')).toHaveText('Sandbox');
  const tree = app.page.getByRole('tree');
  await expect(tree.getByRole('treeitem', { name: /hz-dual-gateway/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /hz-dc-a dual BGP/ })).toBeVisible();
  // Every gateway and connection of the Sandbox seed is listed (10 connections over 8 gateways).
  await expect(app.page.getByTestId('inventory-status')).toHaveText('8 gateways · 10 connections');
  await expect(tree.getByRole('treeitem', { level: 2 })).toHaveCount(10);
  await expect(app.page.getByTestId('connectivity')).toHaveText('Online');
  expect(app.ipcLog.filter((e) => e.method === 'loadInventory').every((e) => (e.reply as { ok: boolean }).ok)).toBe(true);
  // The virtualized rows are positioned through the CSSOM, which the CSP (style-src 'self') allows.
  const transform = await tree.getByRole('treeitem').nth(1).evaluate((el) => (el as HTMLElement).style.transform);
  expect(transform).toMatch(/translateY\(\d+px\)/);
  // Keyboard: the tree is one tab stop; arrows move, Enter opens.
  await tree.focus();
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('Enter');
  await expect(app.page.getByRole('heading', { level: 1 })).toBeVisible();
  // Quick-open by ID.
  await app.page.keyboard.press('Control+p');
  await app.page.getByRole('dialog').getByRole('combobox').fill('vco-shsm001');
  await app.page.keyboard.press('Enter');
  await expect(app.page.getByRole('heading', { level: 1 })).toHaveText('sh SM office');
  expect(violations).toEqual([]);
});
