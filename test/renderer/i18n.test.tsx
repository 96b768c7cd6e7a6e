import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en.ts';
import { resolveLang } from '../../renderer/src/i18n/index.ts';
import { zhCN } from '../../renderer/src/i18n/zh-CN.ts';

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof inner === 'string') out.set(path, inner);
    else for (const [k, v] of flatten(inner, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  const english = flatten(en);
  const chinese = flatten(zhCN);

  it('have identical key sets in English and 简体中文', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
    expect(english.size).toBeGreaterThan(150);
  });

  it('are never empty and use the same placeholders in both languages', () => {
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe('');
      expect(chinese.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(chinese.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('are actually translated (apart from product names and codes)', () => {
    const same = [...english].filter(([key, text]) => chinese.get(key) === text).map(([key]) => key);
    expect(same.filter((key) => !['app.product', 'profiles.keyId', 'profiles.accessKeyId', 'diff.cli', 'editor.unset', 'timeline.elapsed', 'timeline.detail.RequestId', 'timeline.detail.ClientToken'].includes(key))).toEqual([]);
  });
});

describe('language resolution', () => {
  it('follows the OS language unless the settings choose one', () => {
    expect(resolveLang('system', 'zh-CN')).toBe('zh-CN');
    expect(resolveLang('system', 'zh-TW')).toBe('zh-CN');
    expect(resolveLang('system', 'en-GB')).toBe('en');
    expect(resolveLang('system', 'de-DE')).toBe('en');
    expect(resolveLang('en', 'zh-CN')).toBe('en');
    expect(resolveLang('zh-CN', 'en-US')).toBe('zh-CN');
  });
});
