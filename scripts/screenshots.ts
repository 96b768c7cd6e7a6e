// npm run screenshots: PNGs of every main screen in both languages and both themes, from the built renderer running
// against the real main-side services and the Sandbox emulator (screenshots/<lang>-<theme>-<screen>.png).
// Builds the renderer first unless SKIP_BUILD=1.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { launchStudio } from '../test/e2e/harness.ts';

const OUT = path.resolve('screenshots');
const LANGS = ['en', 'zh-CN'] as const;
const THEMES = ['light', 'dark'] as const;
const DESCRIBES = ['DescribeRegions', 'DescribeVpnGateways', 'DescribeVpnGateway', 'DescribeVpnConnections', 'DescribeVpnConnection', 'DescribeCustomerGateways', 'DescribeCustomerGateway'];

const field = (page: Page, name: string) => page.locator(`#editor-grid [name="${name}"]`);
const nav = (page: Page, index: number) => page.locator('.view-tabs button').nth(index);

async function openConnection(page: Page, id: string): Promise<void> {
  await page.locator(`[role="treeitem"][data-connection-id="${id}"]`).click();
  await page.locator('.editor-head h1').waitFor();
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(120);
}

async function shoot(page: Page, name: string, written: string[]): Promise<void> {
  await settle(page);
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  written.push(file);
}

async function run(): Promise<void> {
  if (process.env.SKIP_BUILD !== '1') execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  mkdirSync(OUT, { recursive: true });
  const written: string[] = [];
  for (const lang of LANGS) {
    for (const theme of THEMES) {
      const prefix = `${lang}-${theme}`;
      const studio = await launchStudio({ colorScheme: theme, locale: lang === 'en' ? 'en-US' : 'zh-CN', settings: { language: lang, theme } });
      const { page } = studio;
      try {
        await studio.open();
        await page.locator('[role="treeitem"][data-connection-id]').first().waitFor();
        await shoot(page, `${prefix}-inventory`, written);

        // Editor: a dual-tunnel connection with two changes and one rule error.
        await openConnection(page, 'vco-hzdual001');
        await field(page, 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk').fill('Rotated-Slave-Key-7');
        await field(page, 'TunnelOptionsSpecification.2.TunnelIpsecConfig.IpsecPfs').selectOption('group5');
        const cidr = field(page, 'TunnelOptionsSpecification.1.TunnelBgpConfig.TunnelCidr');
        const original = await cidr.inputValue();
        await cidr.fill('169.254.2.0/30');
        await shoot(page, `${prefix}-editor`, written);
        await cidr.fill(original);
        await field(page, 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk').focus();
        await page.locator('.editor-scroll').evaluate((el) => el.scrollTo(0, 0));
        await shoot(page, `${prefix}-diff`, written);

        await page.keyboard.press('Control+\\');
        await page.locator('.editor-grid.tunnels').waitFor();
        await page.locator('.editor-scroll').evaluate((el) => el.scrollTo(0, 0));
        await shoot(page, `${prefix}-tunnels`, written);
        await page.keyboard.press('Control+\\');

        await page.locator('.toolbar .btn').filter({ hasText: /Compare|对比/ }).click();
        await page.getByRole('dialog').getByRole('combobox').fill('hzdual002');
        await page.keyboard.press('Enter');
        await page.locator('.editor-grid.compare').waitFor();
        await shoot(page, `${prefix}-compare`, written);
        await page.locator('.toolbar .btn').filter({ hasText: /Close comparison|关闭对比/ }).click();

        await page.keyboard.press('Control+p');
        await page.getByRole('dialog').getByRole('combobox').fill('hz');
        await shoot(page, `${prefix}-quick-open`, written);
        await page.keyboard.press('Escape');

        // Apply with a confirm window: the countdown with Confirm / Roll back, then the verified timeline.
        await page.keyboard.press('Control+Enter');
        await page.locator('.apply-bar input[type="number"]').fill('120');
        await page.getByTestId('apply').click();
        await page.locator('[data-testid="job-progress"][data-phase="confirm-window"]').waitFor({ timeout: 30_000 });
        await shoot(page, `${prefix}-confirm`, written);
        // The Sandbox's device keeps the old slave key, so the slave goes down: the primary action is then Roll back,
        // and the timeline shows how the change ended (rolled back, or degraded if the loss came after a Confirm).
        await page.locator('.confirm-window .btn.primary').click();
        await page.locator('[data-testid="job-progress"]:is([data-phase="succeeded"], [data-phase="degraded"], [data-phase="rolled-back"])').waitFor({ timeout: 45_000 });
        await shoot(page, `${prefix}-timeline`, written);

        // The peer device: mirrored from the live connection, then a change it does not offer (Peer column, preview,
        // and the dialog with the device configuration and the lines to change on the device).
        await openConnection(page, 'vco-eu001');
        await page.getByTestId('peer-open').click();
        await page.getByTestId('peer-mirror').click();
        await page.keyboard.press('Escape');
        await field(page, 'IkeConfig.IkeEncAlg').selectOption('aes256');
        await page.locator('#editor-grid .field-row.peer-mismatch').first().waitFor();
        await page.keyboard.press('Control+Enter');
        await shoot(page, `${prefix}-peer-column`, written);
        await page.getByTestId('peer-open').click();
        await page.getByTestId('peer-device-diff').waitFor();
        await shoot(page, `${prefix}-peer-device-config`, written);
        await page.keyboard.press('Escape');

        // A second draft left open, for the drafts list.
        await openConnection(page, 'vco-hzpol001');
        await field(page, 'Name').fill('hz-branch policy (renamed)');
        await page.keyboard.press('Control+s');
        await page.getByTestId('save-state').filter({ hasText: /Saved|已保存/ }).waitFor();
        await nav(page, 1).click();
        await page.getByTestId('drafts-table').waitFor();
        await shoot(page, `${prefix}-drafts`, written);
        await page.getByTestId('apply-ready').click();
        await page.getByRole('dialog').waitFor();
        await shoot(page, `${prefix}-apply-ready`, written);
        await page.keyboard.press('Escape');
        await nav(page, 2).click();
        await page.getByTestId('profiles-table').waitFor();
        await shoot(page, `${prefix}-profiles`, written);
        await nav(page, 3).click();
        await page.getByTestId('app-version').waitFor();
        await shoot(page, `${prefix}-settings`, written);

        // Offline, then a conflict after reconnect.
        await nav(page, 0).click();
        studio.emulator.setFaults({ resetRate: 1, actions: DESCRIBES });
        await page.locator('.filter-row .btn.icon').first().click();
        await page.getByTestId('offline-banner').waitFor();
        await field(page, 'Name').fill('hz-branch policy (mine)');
        await page.keyboard.press('Control+s');
        await shoot(page, `${prefix}-offline`, written);
        const { createVpcClient } = await import('../main/services/vpc-client.ts');
        const other = createVpcClient({ endpointFor: () => ({ endpoint: studio.emulator.endpoint.replace(/^https?:\/\//, ''), protocol: 'http' }), credentials: studio.emulator.credentials });
        await other.call({ action: 'ModifyVpnConnectionAttribute', RegionId: 'cn-hangzhou', query: { VpnConnectionId: 'vco-hzpol001', Name: 'hz-branch policy (theirs)' } });
        studio.emulator.setFaults({ resetRate: 0, actions: [] });
        await page.getByTestId('conflicts').waitFor({ timeout: 20_000 });
        await shoot(page, `${prefix}-conflict`, written);
      } finally {
        await studio.close();
      }
    }
  }
  console.log(`${written.length} screenshots written to ${OUT}`);
}

await run();
