/// <reference lib="dom" />
import { diffRowPaths, field, openConnection } from './helpers.ts';
import { expect, test } from './support/fixtures.ts';

const SLAVE = 'TunnelOptionsSpecification.2';

test('edit a dual-tunnel slave PSK and IpsecPfs, preview exactly those two (PSK masked), apply, reach verified, and see the slave go down', async ({ app }) => {
  const { page } = app;
  await app.open();
  await openConnection(page, 'hz-dc-a dual BGP');
  await field(page, `${SLAVE}.TunnelIkeConfig.Psk`).fill('Rotated-Slave-Key-7');
  await field(page, `${SLAVE}.TunnelIpsecConfig.IpsecPfs`).selectOption('group5');

  await page.keyboard.press('Control+Enter');
  const preview = page.getByTestId('diff-preview');
  await expect(preview).toBeVisible();
  expect(await diffRowPaths(page)).toEqual([`${SLAVE}.TunnelIkeConfig.Psk`, `${SLAVE}.TunnelIpsecConfig.IpsecPfs`]);
  const pskAfter = preview.locator(`.diff-row[data-path="${SLAVE}.TunnelIkeConfig.Psk"] .after`);
  await expect(pskAfter).toContainText('••••••••');
  await expect(pskAfter).toHaveText(/^•{8} \(19 characters · fingerprint [0-9a-f]{4} [0-9a-f]{4}\)$/);
  await expect(pskAfter).not.toContainText('Rotated-Slave-Key-7');
  await expect(preview).not.toContainText('Rotated-Slave-Key-7');
  const request = page.getByTestId('request-json');
  await expect(request).toContainText('"IpsecPfs": "group5"');
  await expect(request).toContainText('"Psk": "******"');
  await expect(request).toContainText('"Role": "slave"');
  await expect(request).not.toContainText('"Role": "master"');

  await page.getByTestId('apply').click();
  const timeline = page.getByTestId('timeline');
  await expect(timeline.locator('[data-kind="submitted"]')).toBeVisible({ timeout: 15_000 });
  await expect(timeline.locator('[data-kind="verified"]')).toBeVisible({ timeout: 20_000 });
  await expect(timeline.locator('[data-kind="submitted"]')).toContainText(/RequestId/);
  // The customer's device still has the old slave key and PFS: the change lands, the slave goes down, and the job
  // says so instead of "succeeded".
  await expect(page.getByTestId('job-progress')).toHaveAttribute('data-phase', 'degraded', { timeout: 20_000 });
  // The secret never reached the timeline or the page text.
  await expect(page.locator('body')).not.toContainText('Rotated-Slave-Key-7');
  // The request main sent carried exactly the slave tunnel.
  expect(app.emulator.modificationCount('vpn-hzdual001')).toBe(1);
  // After the apply the live column shows the new values and the draft has nothing left to apply.
  await expect(page.getByTestId('change-count')).toHaveText('0 changes', { timeout: 10_000 });
  await expect(page.locator(`[data-path="${SLAVE}.TunnelIpsecConfig.IpsecPfs"] [data-column="live"]`)).toHaveText('group5');
});

test('an invalid TunnelCidr shows an inline error and apply stays disabled', async ({ app }) => {
  const { page } = app;
  await app.open();
  await openConnection(page, 'hz-dc-a dual BGP');
  const cidr = field(page, `${SLAVE}.TunnelBgpConfig.TunnelCidr`);
  await cidr.fill('169.254.300.0/30');
  await expect(cidr).toHaveAttribute('aria-invalid', 'true');
  const errorId = await cidr.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${errorId}"]`)).toContainText('169.254.300.0/30');
  await cidr.fill('169.254.2.0/30');
  await expect(page.locator(`[id="${errorId}"]`)).toContainText('reserved');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await expect(page.getByText('Apply is disabled: fix the rule errors first.')).toBeVisible();
  await expect(page.getByTestId('request-json')).toHaveCount(0);
  expect(app.ipcLog.some((e) => e.method === 'applyDraft')).toBe(false);
});

test('a confirm window counts down, and Roll back restores the live state', async ({ app }) => {
  const { page } = app;
  await app.open();
  await openConnection(page, 'hz-dc-b dual static');
  const pfs = field(page, `${SLAVE}.TunnelIpsecConfig.IpsecPfs`);
  const before = await pfs.inputValue();
  await pfs.selectOption(before === 'group5' ? 'group14' : 'group5');
  await page.keyboard.press('Control+Enter');
  await page.getByLabel('Confirm window (seconds, 0 = none)').fill('90');
  await page.getByTestId('apply').click();
  const progress = page.getByTestId('job-progress');
  await expect(progress).toHaveAttribute('data-phase', 'confirm-window', { timeout: 20_000 });
  // The slave's peer keeps the old PFS, so the window may already say the slave went down (then it rolls back at 0).
  await expect(page.getByTestId('countdown')).toHaveText(/^(Automatic rollback in (8\d|90) s\.|(8\d|90) s left\. The change is kept if every tunnel still negotiates then, and rolled back if not\.)$/);
  expect(app.ipcLog.find((e) => e.method === 'applyDraft')?.args).toMatchObject({ confirmWindowSeconds: 90 });
  await page.getByRole('button', { name: 'Roll back' }).click();
  await expect(progress).toHaveAttribute('data-phase', 'rolled-back', { timeout: 20_000 });
  await expect(page.getByTestId('timeline').locator('[data-kind="rolled-back"]')).toBeVisible();
  // Live is back to what it was before the change.
  await expect(page.locator(`[data-path="${SLAVE}.TunnelIpsecConfig.IpsecPfs"] [data-column="live"]`)).toHaveText(before, { timeout: 10_000 });
});
