import { describe, expect, it } from 'vitest';
import { zhCN } from '../../renderer/src/i18n/zh-CN.ts';
import { formatAge } from '../../renderer/src/state/format.ts';

describe('formatAge', () => {
  const now = Date.parse('2026-11-29T10:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it('says "just now" / "刚刚" for a fresh read, so the caption reads as a native speaker writes it', () => {
    expect(formatAge(ago(2000), now, 'en')).toBe('just now');
    expect(formatAge(ago(2000), now, 'zh-CN')).toBe('刚刚');
    expect(zhCN.editor.liveAge.replace('{{age}}', formatAge(ago(2000), now, 'zh-CN'))).toBe('刚刚获取');
    expect(zhCN.editor.liveAge.replace('{{age}}', formatAge(ago(180_000), now, 'zh-CN'))).toBe('3分钟前获取');
  });

  it('never says a time is in the future', () => {
    expect(formatAge(new Date(now + 5000).toISOString(), now, 'en')).toBe('just now');
    expect(formatAge(ago(3 * 3600_000), now, 'en')).toBe('3 hours ago');
  });
});
