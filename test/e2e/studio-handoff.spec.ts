/// <reference lib="dom" />
// Hand-off between two people's machines: two studios with their own data folders against one Sandbox. The
// technician works offline at the site, the engineer online at the office; what the technician changed must arrive
// whole (the new PSK above all), be measured against live before Apply, and land exactly once.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createVpcClient } from '../../main/services/vpc-client.ts';
import { field, openConnection, useLanguage } from './helpers.ts';
import { expect, SCREENSHOT_DIR, test, type AppHarness } from './support/fixtures.ts';

const NEW_PSK = 'Site-Rotated-Key-42';
const CONNECTION = 'eu office multi-subnet';
const TARGET = { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001', VpnGatewayId: 'vpn-eusingle01' };

const goToDrafts = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^(Drafts|草稿)/ }).click();

/** The technician at the site: the edit made offline and saved. */
async function editOffline(tech: AppHarness & { setConnected(c: boolean): void }): Promise<void> {
  const { page } = tech;
  await tech.open();
  await openConnection(page, CONNECTION);
  tech.setConnected(false);
  await page.getByRole('button', { name: 'Refresh inventory' }).click();
  await expect(page.getByTestId('connectivity')).toHaveText('Offline');
  await field(page, 'IkeConfig.Psk').fill(NEW_PSK);
  await field(page, 'IpsecConfig.IpsecEncAlg').selectOption('aes256');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await goToDrafts(page);
}

/** Someone else's signed client on the Sandbox. */
const cloud = (app: AppHarness) => createVpcClient({ endpointFor: () => ({ endpoint: app.emulator.endpoint.replace(/^https?:\/\//, ''), protocol: 'http' }), credentials: app.emulator.credentials });

/** A colleague changes the same IPsec field in the cloud meanwhile, and the gateway settles. */
async function colleagueChanges(app: AppHarness): Promise<void> {
  const client = cloud(app);
  const live = (await client.call({ action: 'DescribeVpnConnection', RegionId: TARGET.RegionId, query: { VpnConnectionId: TARGET.VpnConnectionId } })) as { IpsecConfig: Record<string, unknown> };
  await client.call({ action: 'ModifyVpnConnectionAttribute', RegionId: TARGET.RegionId, query: { VpnConnectionId: TARGET.VpnConnectionId, IpsecConfig: JSON.stringify({ ...live.IpsecConfig, IpsecEncAlg: '3des' }) } });
  await expect.poll(async () => ((await client.call({ action: 'DescribeVpnGateway', RegionId: TARGET.RegionId, query: { VpnGatewayId: TARGET.VpnGatewayId } })) as { Status: string }).Status, { timeout: 10_000 }).toBe('active');
}

/** A saved PDF as pictures: one PNG per page (pdftoppm, poppler-utils), and its text. */
function pdfPages(pdf: Buffer, name: string): { pages: number; text: string; pngs: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sheet-'));
  const file = path.join(dir, 'sheet.pdf');
  writeFileSync(file, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-r', '70', '-png', file, path.join(SCREENSHOT_DIR, name)]);
  const pngs = Array.from({ length: pages }, (_, i) => path.join(SCREENSHOT_DIR, `${name}-${i + 1}.png`));
  return { pages, text, pngs };
}

test('hand-off by bundle: PSK and algorithm sealed offline, imported online with a preview, the colleague’s change a conflict before Apply, applied once', async ({ app, secondApp }) => {
  test.setTimeout(120_000);
  const tech = await secondApp();
  await editOffline(tech);

  // The technician seals the draft with the passphrase the app proposes, and prints the change sheet for the site.
  await tech.page.getByTestId('seal-bundle-open').click();
  const seal = tech.page.getByTestId('seal-bundle');
  const passphrase = await seal.getByTestId('bundle-passphrase').inputValue();
  expect(passphrase).toMatch(/^([2-9A-Z]{4}-){5}[2-9A-Z]{4}$/);
  await seal.getByRole('textbox', { name: 'Note for the receiver' }).fill('PSK rotated on the router, AES-256 for ESP');
  const [sheetDownload] = await Promise.all([tech.page.waitForEvent('download'), seal.getByTestId('change-sheet').click()]);
  const sheet = pdfPages(readFileSync(await sheetDownload.path()), 'handoff-sheet-single-en');
  expect(sheet.pages).toBe(1);
  expect(sheet.text).toContain(CONNECTION);
  expect(sheet.text).toMatch(/Encryption[\s\S]*aes[\s\S]*aes256/);
  expect(sheet.text).not.toContain(NEW_PSK);
  const [bundleDownload] = await Promise.all([tech.page.waitForEvent('download'), seal.getByTestId('seal-bundle-go').click()]);
  const bundle = readFileSync(await bundleDownload.path());
  expect(bundle.toString('utf8')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
  expect(bundle.toString('utf8')).not.toContain(NEW_PSK);

  await colleagueChanges(app);

  // The engineer, online: preview first, nothing stored until Import.
  const { page } = app;
  await app.open();
  await goToDrafts(page);
  await page.getByTestId('open-bundle-open').click();
  const open = page.getByTestId('open-bundle');
  await open.getByTestId('bundle-file').setInputFiles({ name: bundleDownload.suggestedFilename(), mimeType: 'application/octet-stream', buffer: bundle });
  await open.getByTestId('bundle-open-passphrase').fill('wrong-passphrase-entirely');
  await open.getByTestId('bundle-preview').click();
  await expect(open.getByRole('alert')).toHaveAttribute('data-code', 'Bundle.WrongPassphrase');
  // Read back over the phone: lower case, spaces for dashes.
  await open.getByTestId('bundle-open-passphrase').fill(passphrase.toLowerCase().replace(/-/g, ' '));
  await open.getByTestId('bundle-preview').click();
  const list = open.getByTestId('bundle-preview-list');
  await expect(list).toContainText('PSK rotated on the router, AES-256 for ESP');
  await expect(list.locator('li[data-connection="vco-eu001"]')).toContainText('Pre-shared key');
  await expect(list.locator('li[data-connection="vco-eu001"]')).toContainText('Encryption');
  await expect(list).not.toContainText(NEW_PSK);
  await expect(open.getByTestId('bundle-target')).toHaveValue('sandbox');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'handoff-preview-en.png') });
  expect(app.services.drafts.list()).toHaveLength(0);
  await open.getByTestId('bundle-import').click();
  await expect(page.getByText(/1 draft imported and checked against the live connection\..*resolve them in the editor/)).toBeVisible();

  // Reconciled against live at once: Live shows the colleague's 3des, the conflict is there before Apply.
  await page.getByTestId('drafts-table').getByRole('row', { name: /eu office multi-subnet/ }).getByRole('button', { name: /^Open/ }).click();
  await expect(field(page, 'IkeConfig.Psk')).toHaveValue(NEW_PSK);
  const conflicts = page.getByTestId('conflicts');
  await expect(conflicts.locator('tr[data-path="IpsecConfig.IpsecEncAlg"]')).toContainText('3des');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'handoff-conflict-en.png') });
  await conflicts.locator('tr[data-path="IpsecConfig.IpsecEncAlg"]').getByRole('button', { name: /^Keep draft/ }).click();
  await expect(conflicts).toHaveCount(0);

  const before = app.emulator.modificationCount(TARGET.VpnGatewayId);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('diff-preview')).toBeVisible();

  await page.getByTestId('apply').click();
  await expect(page.getByTestId('timeline').locator('[data-kind="submitted"]')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('job-progress')).toHaveAttribute('data-phase', /succeeded|degraded/, { timeout: 20_000 });
  expect(app.emulator.modificationCount(TARGET.VpnGatewayId)).toBe(before + 1);
  const after = (await cloud(app).call({ action: 'DescribeVpnConnection', RegionId: TARGET.RegionId, query: { VpnConnectionId: TARGET.VpnConnectionId } })) as { IkeConfig: { Psk: string }; IpsecConfig: { IpsecEncAlg: string } };
  expect(after.IkeConfig.Psk).toBe(NEW_PSK);
  expect(after.IpsecConfig.IpsecEncAlg).toBe('aes256');
});

test('hand-off by plain file: the new PSK cannot travel, the receiver sees "needs the PSK" and cannot apply until it is entered', async ({ app, secondApp }) => {
  test.setTimeout(90_000);
  const tech = await secondApp();
  await editOffline(tech);
  const row = tech.page.getByTestId('drafts-table').getByRole('row', { name: /eu office multi-subnet/ });
  const [download] = await Promise.all([tech.page.waitForEvent('download'), row.getByRole('button', { name: /^Export/ }).click()]);
  // The plain export says the new key stays behind, and offers the bundle.
  await expect(tech.page.getByTestId('psk-left-behind')).toBeVisible();
  const content = readFileSync(await download.path(), 'utf8');
  expect(content).not.toContain(NEW_PSK);

  const { page } = app;
  await app.open();
  await goToDrafts(page);
  await page.getByTestId('import-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(content) });
  await expect(page.getByText('Draft imported. It needs the pre-shared key the sender changed: open it and enter the key.')).toBeVisible();
  await page.getByTestId('drafts-table').getByRole('row', { name: /eu office multi-subnet/ }).getByRole('button', { name: /^Open/ }).click();
  await expect(page.getByTestId('needs-psk')).toBeVisible();
  // Not the receiver's live key: the field is empty and marked.
  await expect(field(page, 'IkeConfig.Psk')).toHaveValue('');
  await expect(page.getByTestId('apply')).toBeDisabled();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'handoff-needs-psk-en.png') });
  const before = app.emulator.modificationCount(TARGET.VpnGatewayId);
  // Main refuses as well, whatever the page does.
  const reply = await page.evaluate(
    (draftId) => (window as unknown as { bridge: { invoke(m: string, a: unknown): Promise<string> } }).bridge.invoke('applyDraft', { draftId }),
    app.services.drafts.list()[0]!.draftId,
  );
  expect(JSON.parse(reply)).toMatchObject({ ok: false, error: { code: 'Draft.NeedsSecret' } });
  expect(app.emulator.modificationCount(TARGET.VpnGatewayId)).toBe(before);

  await field(page, 'IkeConfig.Psk').fill(NEW_PSK);
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('needs-psk')).toHaveCount(0);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('apply')).toBeEnabled();
});

test('change sheet of a dual-tunnel connection with its device, in both languages, as pictures', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  await app.open();
  await openConnection(page, 'hz-dc-a dual BGP');
  // The device as it is today (mirrored), then the draft: master IKE encryption and the slave PSK.
  await page.getByTestId('peer-open').click();
  await page.getByTestId('peer-mirror').click();
  await page.keyboard.press('Escape');
  await field(page, 'TunnelOptionsSpecification.1.TunnelIkeConfig.IkeEncAlg').selectOption('aes256');
  await field(page, 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk').fill('Slave-Key-Rotated-9');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  for (const lang of ['en', 'zh-CN'] as const) {
    await useLanguage(page, lang);
    await goToDrafts(page);
    await page.getByTestId('seal-bundle-open').click();
    const seal = page.getByTestId('seal-bundle');
    const [download] = await Promise.all([page.waitForEvent('download'), seal.getByTestId('change-sheet').click()]);
    const sheet = pdfPages(readFileSync(await download.path()), `change-sheet-dual-${lang}`);
    expect(sheet.pages).toBeGreaterThanOrEqual(1);
    expect(sheet.text).toContain(lang === 'en' ? 'IPsec change sheet' : 'IPsec 变更单');
    expect(sheet.text).toContain('aes256');
    expect(sheet.text).toMatch(/proposals = aes256-sha256-modp1024/);
    expect(sheet.text).not.toContain('Slave-Key-Rotated-9');
    await seal.locator('.dialog-actions .btn').first().click();
    await expect(seal).toHaveCount(0);
  }
});
