import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DUAL_TUNNEL_FIELDS, FIELD_LABELS, fieldLabel, formatIssue, MESSAGES, RULE_CODES, SINGLE_TUNNEL_FIELDS, validate } from '../../core/index.ts';
import { mutatedSamples } from './samples.ts';

describe('messages', () => {
  it('both languages have the same keys', () => {
    expect(Object.keys(MESSAGES['zh-CN']).sort()).toEqual(Object.keys(MESSAGES.en).sort());
  });

  it('every field of both modes has a label in both languages', () => {
    for (const def of [...SINGLE_TUNNEL_FIELDS, ...DUAL_TUNNEL_FIELDS]) {
      const leaf = def.path.split('.').pop() ?? '';
      expect(FIELD_LABELS.en[leaf], def.path).toBeTruthy();
      expect(FIELD_LABELS['zh-CN'][leaf], def.path).toBeTruthy();
      expect(fieldLabel(def.path, 'zh-CN')).toBe(FIELD_LABELS['zh-CN'][leaf]);
    }
  });

  it('every issue the rules produce has a message with no unfilled placeholder', () => {
    const seen = new Set<string>();
    for (const sample of mutatedSamples()) {
      for (const issue of validate(sample.connection, sample.context)) {
        seen.add(issue.code);
        expect(RULE_CODES).toContain(issue.code);
        for (const lang of ['en', 'zh-CN'] as const) {
          const text = formatIssue(issue, lang);
          expect(text, `${issue.code} ${JSON.stringify(issue.params)}`).not.toMatch(/\{\w+\}/);
          expect(text).not.toBe(issue.code);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(20);
  });

  it('formats the document wording for API codes', () => {
    expect(formatIssue({ path: 'LocalSubnet', code: 'IllegalParam.LocalSubnet', params: { value: 'x' } }, 'zh-CN')).toBe('本端网段(x)不合法。');
    expect(formatIssue({ path: 'Name', code: 'InvalidName', params: { reason: 'prefix' } }, 'en')).toContain('http://');
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())), (code, params) => {
        expect(typeof formatIssue({ path: 'x', code, params }, 'en')).toBe('string');
      }),
    );
  });
});
