// Warnings are advice: a separate pure function from validate, never blocking, worded in both languages.
import { describe, expect, it } from 'vitest';
import { ADVICE_CODES, advise, buildModifyRequest, formatIssue, MESSAGES, setField, validate } from '../../core/index.ts';
import { dual, normalGateway, single } from './fixtures.ts';

const M = 'TunnelOptionsSpecification.1.TunnelIkeConfig';
const S = 'TunnelOptionsSpecification.2.TunnelIkeConfig';

describe('advise: master and slave with the same Local ID / Remote ID pair', () => {
  it('warns next to each tunnel’s Local ID when both tunnels carry the same explicit pair', () => {
    const same = setField(dual(), `${S}.LocalId`, '47.21.0.1');
    expect(advise(same)).toEqual([
      { path: `${M}.LocalId`, code: 'Advice.Tunnels.SameIkeIds', params: { localId: '47.21.0.1', remoteId: '47.42.0.1' } },
      { path: `${S}.LocalId`, code: 'Advice.Tunnels.SameIkeIds', params: { localId: '47.21.0.1', remoteId: '47.42.0.1' } },
    ]);
  });

  it('is silent when the pair differs, when either ID is empty (the tunnel’s own IP), and on single-tunnel connections', () => {
    expect(advise(dual())).toEqual([]); // same Remote ID, different Local IDs
    const emptyLocal = setField(setField(dual(), `${M}.LocalId`, ''), `${S}.LocalId`, '');
    expect(advise(emptyLocal)).toEqual([]);
    const emptyRemote = setField(setField(setField(dual(), `${S}.LocalId`, '47.21.0.1'), `${M}.RemoteId`, ''), `${S}.RemoteId`, '');
    expect(advise(emptyRemote)).toEqual([]);
    expect(advise(single())).toEqual([]);
  });

  it('never counts as an error and never stops the request', () => {
    const live = dual();
    const same = setField(live, `${S}.LocalId`, '47.21.0.1');
    expect(advise(same)).toHaveLength(2);
    expect(validate(same, normalGateway)).toEqual([]);
    const built = buildModifyRequest(live, same, normalGateway, { RegionId: 'cn-hangzhou' });
    expect(built.ok).toBe(true);
  });

  it('has a message in both languages with every placeholder filled', () => {
    const [warning] = advise(setField(dual(), `${S}.LocalId`, '47.21.0.1'));
    for (const code of ADVICE_CODES) {
      expect(MESSAGES.en[code]).toBeTruthy();
      expect(MESSAGES['zh-CN'][code]).toBeTruthy();
    }
    expect(formatIssue(warning!, 'en')).toBe(
      'The master and slave tunnels use the same Local ID (47.21.0.1) and Remote ID (47.42.0.1). Each tunnel usually identifies its own two ends; check that the peer really expects the same IDs on both tunnels.',
    );
    expect(formatIssue(warning!, 'zh-CN')).toContain('主隧道和备隧道使用相同的本端标识(47.21.0.1)和对端标识(47.42.0.1)');
  });
});
