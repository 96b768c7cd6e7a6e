import { describe, expect, it } from 'vitest';
import { TIMELINE_DETAIL_KEYS, type TimelineEvent } from '../../core/contract.ts';
import { detailEntries } from '../../renderer/src/components/timeline/detail.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { i18n } from '../../renderer/src/i18n/index.ts';
import { zhCN } from '../../renderer/src/i18n/zh-CN.ts';

describe('timeline facts', () => {
  it('have a label in both languages for every name main may write', () => {
    for (const key of TIMELINE_DETAIL_KEYS) {
      expect(Object.hasOwn(en.timeline.detail, key), `en ${key}`).toBe(true);
      expect(Object.hasOwn(zhCN.timeline.detail, key), `zh-CN ${key}`).toBe(true);
    }
  });

  it('read in the UI language: codes, tunnels, choices and times worded, ids kept as they are', async () => {
    const detail: TimelineEvent['detail'] = {
      code: 'Apply.NegotiationUnknown',
      message: 'The change landed, but the tunnels could not be read.',
      lost: 'slave,master-bgp',
      negotiation: 'master:ipsec_sa_established,slave:ike_sa_not_established',
      keptBy: 'negotiation',
      for: 'rollback',
      sent: false,
      otherConnections: 2,
      RequestId: 'REQ-1',
    };
    await i18n.changeLanguage('zh-CN');
    try {
      const zh = detailEntries(detail, i18n.t, 'zh-CN');
      const text = zh.map((e) => `${e.label} ${e.value}`).join(' | ');
      expect(text).not.toMatch(/otherConnections|keptBy|negotiation|rollback|master|slave|The change landed/);
      expect(zh.find((e) => e.key === 'code')!.value).toBe('变更已生效,但无法读取隧道以判断它们是否仍能协商。');
      expect(zh.find((e) => e.key === 'lost')!.value).toContain('备隧道');
      expect(zh.find((e) => e.key === 'otherConnections')!.label).toBe('网关上的其他连接');
      expect(zh.find((e) => e.key === 'RequestId')).toMatchObject({ value: 'REQ-1', literal: true });
      expect(zh.some((e) => e.key === 'message')).toBe(false);
    } finally {
      await i18n.changeLanguage('en');
    }
    const english = detailEntries(detail, i18n.t, 'en');
    expect(english.find((e) => e.key === 'keptBy')!.value).toBe('every tunnel negotiating');
    expect(english.find((e) => e.key === 'sent')!.value).toBe('no');
  });
});
