/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { field, openConnection } from './helpers.ts';
import { expect, test } from './support/fixtures.ts';

const AXE_SOURCE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; failureSummary?: string }> }>;
}

// addScriptTag would inject inline script, which the CSP refuses; evaluate runs over CDP instead.
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<AxeResult> } }).axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}`));
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe: no serious or critical violations on the main screens (${theme})`, async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await page.emulateMedia({ colorScheme: theme });
    await app.open();
    await expect(page.getByRole('tree').getByRole('treeitem').first()).toBeVisible();
    // A fresh install follows the OS theme.
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const report: Record<string, string[]> = {};
    report.inventory = await seriousViolations(page);

    await openConnection(page, 'hz-dc-a dual BGP');
    await field(page, 'TunnelOptionsSpecification.2.TunnelIpsecConfig.IpsecPfs').selectOption('group5');
    const cidr = field(page, 'TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr');
    const original = await cidr.inputValue();
    await cidr.fill('169.254.2.0/30');
    report.editor = await seriousViolations(page);

    await page.keyboard.press('Control+\\');
    await expect(page.getByRole('group', { name: 'Tunnels side by side' })).toBeVisible();
    report.tunnels = await seriousViolations(page);
    await page.keyboard.press('Control+\\');

    await page.getByRole('button', { name: 'Compare with…' }).click();
    await page.getByRole('dialog').getByRole('combobox').fill('hz-dc-b');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('group', { name: /Compared with/ })).toBeVisible();
    report.compare = await seriousViolations(page);
    await page.getByRole('button', { name: 'Close comparison' }).click();

    await cidr.fill(original);
    await page.getByTestId('apply').click();
    await expect(page.getByTestId('timeline').locator('[data-kind="verified"]')).toBeVisible({ timeout: 20_000 });
    report.timeline = await seriousViolations(page);

    await page.keyboard.press('Control+p');
    await expect(page.getByRole('dialog')).toBeVisible();
    report.quickOpen = await seriousViolations(page);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    for (const view of ['Drafts', 'Profiles', 'Settings']) {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${view}`) }).click();
      await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
      if (view === 'Settings') await expect(page.getByTestId('app-version')).toBeVisible();
      report[view] = await seriousViolations(page);
    }
    expect(report).toEqual({ inventory: [], editor: [], tunnels: [], compare: [], timeline: [], quickOpen: [], Drafts: [], Profiles: [], Settings: [] });
  });
}
