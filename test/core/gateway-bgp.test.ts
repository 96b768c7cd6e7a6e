// The two BGP rules that depend on the gateway and its customer gateways (seed document error table):
// MissingParam.CustomerGatewayAsn and IllegalParam.EnableBgp.
import { describe, expect, it } from 'vitest';
import { buildModifyRequest, setField, validate, type GatewayContext } from '../../core/index.ts';
import { dual, normalGateway, single } from './fixtures.ts';

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('MissingParam.CustomerGatewayAsn', () => {
  it('refuses BGP on a single-tunnel connection whose customer gateway has no ASN', () => {
    const connection = setField(single(), 'BgpConfig.EnableBgp', true);
    const cgw = connection.CustomerGatewayId!;
    for (const asn of ['', '0']) {
      const issues = validate(connection, { ...normalGateway, customerGatewayAsns: { [cgw]: asn } });
      expect(issues.find((i) => i.code === 'MissingParam.CustomerGatewayAsn')).toMatchObject({ path: 'BgpConfig.EnableBgp', params: { customerGatewayId: cgw } });
    }
    expect(codes(validate(connection, { ...normalGateway, customerGatewayAsns: { [cgw]: '65001' } }))).not.toContain('MissingParam.CustomerGatewayAsn');
  });

  it('checks each tunnel’s customer gateway when tunnel BGP is on, and nothing when BGP is off', () => {
    const connection = setField(dual(), 'EnableTunnelsBgp', true);
    const slaveCgw = connection.mode === 'dual' ? connection.tunnels[1].CustomerGatewayId ?? connection.CustomerGatewayId : undefined;
    expect(slaveCgw).toBeDefined();
    const context: GatewayContext = { ...normalGateway, customerGatewayAsns: { [slaveCgw!]: '' } };
    expect(validate(connection, context).find((i) => i.code === 'MissingParam.CustomerGatewayAsn')?.path).toBe('EnableTunnelsBgp');
    expect(codes(validate(setField(connection, 'EnableTunnelsBgp', false), context))).not.toContain('MissingParam.CustomerGatewayAsn');
  });

  it('does not guess about customer gateways it was not told about', () => {
    const connection = setField(single(), 'BgpConfig.EnableBgp', true);
    expect(codes(validate(connection, { ...normalGateway, customerGatewayAsns: {} }))).not.toContain('MissingParam.CustomerGatewayAsn');
  });
});

describe('IllegalParam.EnableBgp', () => {
  it('refuses switching BGP off on a gateway that has BGP enabled, and only that switch', () => {
    const live = setField(single(), 'BgpConfig.EnableBgp', true);
    const off = setField(live, 'BgpConfig.EnableBgp', false);
    const bgpGateway: GatewayContext = { ...normalGateway, EnableBgp: true };
    const refused = buildModifyRequest(live, off, bgpGateway, { RegionId: 'cn-hangzhou' });
    expect(refused).toMatchObject({ ok: false, issues: [{ code: 'IllegalParam.EnableBgp', path: 'BgpConfig.EnableBgp' }] });
    expect(buildModifyRequest(live, off, normalGateway, { RegionId: 'cn-hangzhou' }).ok).toBe(true);
    // A connection that never had BGP may still be edited on such a gateway.
    const staticLive = setField(single(), 'BgpConfig.EnableBgp', false);
    expect(buildModifyRequest(staticLive, setField(staticLive, 'Name', 'renamed'), bgpGateway, { RegionId: 'cn-hangzhou' }).ok).toBe(true);
  });

  it('applies to tunnel BGP on dual-tunnel connections', () => {
    const live = setField(dual(), 'EnableTunnelsBgp', true);
    const off = setField(live, 'EnableTunnelsBgp', false);
    expect(buildModifyRequest(live, off, { ...normalGateway, EnableBgp: true }, { RegionId: 'cn-hangzhou' })).toMatchObject({
      ok: false,
      issues: [{ code: 'IllegalParam.EnableBgp', path: 'EnableTunnelsBgp' }],
    });
  });
});

describe('a gateway context used keystroke after keystroke', () => {
  it('gives the same answers each time, ignoring what is not a connection or not an ASN each time', () => {
    const connection = setField(single(), 'BgpConfig.EnableBgp', true);
    const cgw = connection.CustomerGatewayId!;
    const clash = { ...single(), VpnConnectionId: 'vco-clash', CustomerGatewayId: 'cgw-other' };
    const context = {
      ...normalGateway,
      otherConnections: [clash, { VpnConnectionId: 'not a connection' }, null],
      customerGatewayAsns: { [cgw]: '', 'cgw-odd': 65001 },
    } as unknown as GatewayContext;
    for (let keystroke = 0; keystroke < 3; keystroke++) {
      const found = codes(validate(connection, context));
      expect(found).toContain('IllegalParam.TunnelCidr');
      expect(found).toContain('MissingParam.CustomerGatewayAsn');
      expect(found).not.toContain('Rule.Internal');
    }
    // A fresh context object is read afresh.
    expect(codes(validate(connection, { ...context, customerGatewayAsns: { [cgw]: '65010' } }))).not.toContain('MissingParam.CustomerGatewayAsn');
  });
});
