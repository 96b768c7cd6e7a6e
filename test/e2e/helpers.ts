/// <reference lib="dom" />
// Page helpers shared by the studio specs, the screenshot script and the renderer bench.
import { expect, type Locator, type Page } from '@playwright/test';
import { zhCN } from '../../renderer/src/i18n/zh-CN.ts';

export async function openConnection(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('tree').getByRole('treeitem', { name }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: name }).waitFor();
}

export function field(page: Page, path: string): Locator {
  return page.locator(`#editor-grid [name="${path}"]`);
}

export function diffRowPaths(page: Page): Promise<string[]> {
  return page.locator('[data-testid="diff-rows"] .diff-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path') ?? ''));
}

/** Collects CSP violations reported in the page (the listener is installed before any page script). */
export async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.text().startsWith('CSP violation')) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return violations;
}

/** Switches the UI to Chinese through Settings (English is the default) and goes back to the editor. */
export async function useLanguage(page: Page, lang: 'en' | 'zh-CN'): Promise<void> {
  if (lang === 'en') return;
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('button', { name: zhCN.nav.editor }).click();
}
