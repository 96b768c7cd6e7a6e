/// <reference lib="dom" />
import { field } from './helpers.ts';
import { expect, test } from './support/fixtures.ts';

test('keyboard only: tree, edit, next change, save, review and apply, timeline', async ({ app }) => {
  const { page } = app;
  await app.open();
  await expect(page.getByRole('tree').getByRole('treeitem').first()).toBeVisible();

  // Alt+T focuses the tree; End, then Up to the last gateway's connection… here: type-free navigation to hz-dc-a.
  await page.keyboard.press('Alt+t');
  await expect(page.getByRole('tree')).toBeFocused();
  const target = page.locator('[role="treeitem"][data-connection-id="vco-hzdual001"]');
  const targetId = await target.getAttribute('id');
  for (let i = 0; i < 30 && (await page.getByRole('tree').getAttribute('aria-activedescendant')) !== targetId; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('hz-dc-a dual BGP');

  // Tab into the editor and change two fields with the keyboard.
  await field(page, 'Name').focus();
  await page.keyboard.press('End');
  await page.keyboard.type(' (kbd)');
  await field(page, 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk').focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Typed-On-Keys-9');
  await expect(page.getByTestId('change-count')).toHaveText('2 changes');

  // F7 / Shift+F7 walk the changed fields; visible focus on each.
  await page.keyboard.press('Alt+t');
  await page.keyboard.press('F7');
  await expect(field(page, 'Name')).toBeFocused();
  const outline = await field(page, 'Name').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('F7');
  await expect(field(page, 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk')).toBeFocused();
  await page.keyboard.press('Shift+F7');
  await expect(field(page, 'Name')).toBeFocused();

  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');

  // Ctrl+Enter opens the preview with Apply focused; Enter applies.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('apply')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('timeline').locator('[data-kind="verified"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('tab', { name: /Timeline/ })).toHaveAttribute('aria-selected', 'true');
  // The draft stays read-only while every tunnel is watched; the rotated slave key is not on the device, so it ends
  // degraded, and the draft is editable again.
  await expect(page.getByTestId('job-progress')).toHaveAttribute('data-phase', 'degraded', { timeout: 20_000 });

  // Arrow keys move between the drawer tabs.
  await page.getByRole('tab', { name: /Timeline/ }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: /Preview/ })).toBeFocused();
  await expect(page.getByTestId('diff-preview')).toBeVisible();

  // Quick-open and Escape return focus where it was.
  await field(page, 'Name').focus();
  await page.keyboard.press('Control+p');
  await expect(page.getByRole('dialog').getByRole('combobox')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(field(page, 'Name')).toBeFocused();
});
