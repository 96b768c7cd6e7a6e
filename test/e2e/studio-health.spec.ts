/// <reference lib="dom" />
// "Green must mean up", walked through the UI in both languages: changing only the slave tunnel's PSK of a
// dual-tunnel connection (the customer's device keeps the old key) takes the slave down. The tree, the header and
// the job say so in red, Roll back is the primary action, the confirm window's countdown is visible from another
// connection, and with no window the job ends degraded with a one-click rollback.
import type { Page } from '@playwright/test';
import { en } from '../../renderer/src/i18n/en.ts';
import { zhCN } from '../../renderer/src/i18n/zh-CN.ts';
import { field, openConnection, useLanguage } from './helpers.ts';
import { expect, test } from './support/fixtures.ts';

const SLAVE_PSK = 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk';
const DUAL = 'hz-dc-a dual BGP';
const OTHER = 'eu office multi-subnet';

type Lang = 'en' | 'zh-CN';
const TEXT = { en, 'zh-CN': zhCN } as const;
/** The fixed part of a message before its first placeholder. */
const head = (template: string) => template.split('{{')[0]!;

async function applySlavePsk(page: Page, lang: Lang, confirmWindowSeconds: number) {
  const L = TEXT[lang];
  await openConnection(page, DUAL);
  await field(page, SLAVE_PSK).fill('Rotated-Slave-Key-the-device-lacks');
  await page.keyboard.press('Control+Enter');
  await page.getByLabel(L.diff.confirmWindow).fill(String(confirmWindowSeconds));
  await page.getByTestId('apply').click();
}

const treeRow = (page: Page, name: string) => page.getByRole('tree').getByRole('treeitem', { name: new RegExp(name) });

for (const lang of ['en', 'zh-CN'] as const) {
  const L = TEXT[lang];

  test(`[${lang}] a slave PSK the device does not follow: red slave, red connection, Roll back first, countdown seen from elsewhere`, async ({ app }) => {
    const { page } = app;
    await app.open();
    await useLanguage(page, lang);
    // Before: both tunnels up, the connection green.
    await expect(treeRow(page, DUAL).locator('.dot').first()).toHaveClass(/\bok\b/);
    await applySlavePsk(page, lang, 120);

    const progress = page.getByTestId('job-progress');
    await expect(progress).toHaveAttribute('data-phase', 'confirm-window', { timeout: 20_000 });
    const losses = page.getByTestId('tunnel-losses');
    await expect(losses).toContainText(L.health.slave.replace(/^./, (c) => c.toUpperCase()));
    await expect(losses).toContainText(head(L.timeline.lossSince.split('}}')[1]!).trim());
    // Roll back is the primary action; keeping the change takes two clicks.
    await expect(progress.locator('.btn.primary')).toHaveText(L.timeline.rollback);
    await expect(page.getByTestId('keep-anyway')).not.toHaveClass(/\bprimary\b/);
    await page.getByTestId('keep-anyway').click();
    await expect(progress).toHaveAttribute('data-phase', 'confirm-window');
    await expect(page.getByTestId('keep-anyway')).not.toHaveText(L.timeline.keepAnyway);

    // The tree row and the header are red and name the slave tunnel in words.
    await expect(treeRow(page, DUAL).locator('.dot.bad').first()).toBeVisible();
    await expect(treeRow(page, DUAL)).toContainText(head(L.health.down));
    const header = page.locator('.editor-head');
    await expect(header.locator('[data-health="down"]').first()).toBeVisible();

    // From another connection, the countdown stays in the top bar, red, and leads back to the job.
    await openConnection(page, OTHER);
    const chip = page.getByTestId('watch-chip');
    await expect(chip).toBeVisible();
    await expect(chip).toHaveClass(/\bbad\b/);
    await expect(chip).toContainText(DUAL);
    await expect(chip).toContainText(head(L.watch.confirmLoss));
    await chip.click();
    await expect(page.getByRole('heading', { level: 1 }).filter({ hasText: DUAL })).toBeVisible();
    await expect(page.getByRole('tab', { name: L.drawer.timeline })).toHaveAttribute('aria-selected', 'true');
    // The keyboard lands on Roll back, the first thing to do about a tunnel that went down.
    await expect(progress.locator('.btn.primary')).toBeFocused();

    await progress.locator('.btn.primary').click();
    await expect(progress).toHaveAttribute('data-phase', 'rolled-back', { timeout: 20_000 });
    await expect(chip).toHaveCount(0);
    await expect(treeRow(page, DUAL).locator('.dot').first()).toHaveClass(/\bok\b/, { timeout: 10_000 });
    expect(app.emulator.modificationCount('vpn-hzdual001')).toBe(2);
    await page.screenshot({ path: `screenshots/e2e/health-rolled-back-${lang}.png` });
  });

  test(`[${lang}] with no confirm window the same change ends degraded, never succeeded, and rolls back in one click`, async ({ app }) => {
    const { page } = app;
    await app.open();
    await useLanguage(page, lang);
    await applySlavePsk(page, lang, 0);
    const progress = page.getByTestId('job-progress');
    await expect(progress).toHaveAttribute('data-phase', 'degraded', { timeout: 20_000 });
    const outcome = page.getByTestId('job-outcome');
    await expect(outcome).toContainText(head(L.timeline.degraded));
    await expect(outcome).toContainText(L.health.slave);
    await expect(outcome).toHaveAttribute('data-tone', 'bad');
    await expect(progress.locator('.btn.primary')).toHaveText(L.timeline.rollback);
    await expect(treeRow(page, DUAL).locator('.dot.bad').first()).toBeVisible();
    await page.screenshot({ path: `screenshots/e2e/health-degraded-${lang}.png` });

    await progress.locator('.btn.primary').click();
    await expect(progress).toHaveAttribute('data-phase', 'rolled-back', { timeout: 20_000 });
    expect(app.emulator.modificationCount('vpn-hzdual001')).toBe(2);
  });
}
