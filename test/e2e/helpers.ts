/// <reference lib="dom" />
// Page helpers shared by the studio specs, the screenshot script and the renderer bench.
import type { Locator, Page } from '@playwright/test';

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
