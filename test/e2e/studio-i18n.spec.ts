/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { FIELD_LABELS, GROUP_LABELS, IMPACT_LABELS } from '../../core/index.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { zhCN } from '../../renderer/src/i18n/zh-CN.ts';
import { field, openConnection } from './helpers.ts';
import { expect, test } from './support/fixtures.ts';

function pairs(a: unknown, b: unknown, out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof a === 'string' && typeof b === 'string') out.push([a, b]);
  else if (a && typeof a === 'object') for (const k of Object.keys(a)) pairs((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], out);
  return out;
}

/** English labels that have a different Chinese translation (placeholders cut off, so templates match their fixed part). */
const ENGLISH_ONLY = [
  ...pairs(en, zhCN),
  ...pairs(FIELD_LABELS.en, FIELD_LABELS['zh-CN']),
  ...pairs(GROUP_LABELS.en, GROUP_LABELS['zh-CN']),
  ...pairs(IMPACT_LABELS.en, IMPACT_LABELS['zh-CN']),
]
  .filter(([e, z]) => e !== z)
  .map(([e]) => e.split('{{')[0]!.trim())
  .filter((e) => e.length >= 3);

/** Text of every visible element's own text nodes. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // .mono holds identifiers and API values (IDs, paths, statuses), which are not translated.
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || el.closest('.sr-only, option, .mono, pre')) continue;
      out.push(text);
    }
    for (const el of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) out.push(el.placeholder);
    return out;
  });
}

function englishLeft(texts: string[]): string[] {
  return texts.filter((t) => ENGLISH_ONLY.some((e) => t === e || (e.length > 8 && t.startsWith(e))));
}

test('switching the language to 简体中文 changes every visible label, and back', async ({ app }) => {
  const { page } = app;
  await app.open();
  await openConnection(page, 'hz-dc-a dual BGP');
  await field(page, 'TunnelOptionsSpecification.2.TunnelIpsecConfig.IpsecPfs').selectOption('group5');
  await field(page, 'TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr').fill('10.0.0.0/30');
  expect(englishLeft(await visibleTexts(page)).length).toBeGreaterThan(10); // the check can fail

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  expect(englishLeft(await visibleTexts(page))).toEqual([]);

  for (const view of ['草稿', '配置']) {
    await page.getByRole('navigation', { name: '视图' }).getByRole('button', { name: new RegExp(`^${view}`) }).click();
    await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
    expect(englishLeft(await visibleTexts(page)), view).toEqual([]);
  }

  await page.getByRole('button', { name: '编辑器' }).click();
  await expect(page.locator('[data-path="TunnelOptionsSpecification.2.TunnelIkeConfig.Psk"] .label-text')).toHaveText('预共享密钥');
  await expect(page.getByText('隧道网段须在 169.254.0.0/16 内。')).toBeVisible(); // rule message from core, in Chinese
  await expect(page.getByRole('tab', { name: /预览/ })).toBeVisible();
  expect(englishLeft(await visibleTexts(page))).toEqual([]);

  // The choice is stored by main and survives a reload.
  await page.reload();
  await expect(page.getByRole('button', { name: '编辑器' })).toBeVisible();
  await page.getByRole('button', { name: '设置' }).click();
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});
