// Behaviour of the request builder, its judge, the read of a request (applyModifyRequest, sentPaths) and the last
// check before sending (validateRequest) that the older tests left open (found by mutation testing,
// `npm run mutation`): each case here failed on a surviving mutant.
import { describe, expect, it } from 'vitest';
import {
  applyModifyRequest,
  buildModifyRequest,
  isEmptyRequest,
  judgeChange,
  maskSecrets,
  sentPaths,
  setField,
  toWire,
  validateRequest,
  type DualTunnelConnection,
  type ModifyVpnConnectionAttributeRequest,
  type VpnConnection,
} from '../../core/index.ts';
import { composeRequest } from '../../core/request/compose.ts';
import { dual, normalGateway, PEM, PEM_MULTILINE, single, smGateway, smSingle } from './fixtures.ts';

const opts = { RegionId: 'cn-shanghai' };
const T1 = 'TunnelOptionsSpecification.1';
const T2 = 'TunnelOptionsSpecification.2';

function edit<T extends VpnConnection>(c: T, ...edits: Array<[string, unknown]>): T {
  return edits.reduce((acc, [p, v]) => setField(acc, p, v), c);
}

function built(live: VpnConnection, draft: VpnConnection, context = normalGateway) {
  const r = buildModifyRequest(live, draft, context, opts);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.issues)}`);
  return r.request;
}

/** A dual-tunnel connection valid on an SM gateway, each tunnel with a peer CA certificate. */
function smDual(): DualTunnelConnection {
  let d = edit(dual(), ['LocalSubnet', '10.1.0.0/16']);
  for (const p of [T1, T2]) {
    d = edit(
      d,
      [`${p}.TunnelIkeConfig.IkeEncAlg`, 'sm4'],
      [`${p}.TunnelIkeConfig.IkeAuthAlg`, 'sm3'],
      [`${p}.TunnelIkeConfig.IkeVersion`, 'ikev1'],
      [`${p}.TunnelIpsecConfig.IpsecEncAlg`, 'sm4'],
      [`${p}.TunnelIpsecConfig.IpsecAuthAlg`, 'sm3'],
      [`${p}.RemoteCaCertificate`, PEM],
    );
  }
  return d;
}

const json = (text: string | undefined): unknown => JSON.parse(text ?? 'null');

describe('certificates in the request', () => {
  it('sends a changed tunnel certificate in its tunnel element, and an unchanged one not at all', () => {
    const live = smDual();
    const req = built(live, setField(live, `${T2}.RemoteCaCertificate`, PEM_MULTILINE), smGateway);
    expect(req.TunnelOptionsSpecification).toHaveLength(1);
    expect(req.TunnelOptionsSpecification?.[0]).toMatchObject({ TunnelId: live.tunnels[1].TunnelId, Role: 'slave', RemoteCaCertificate: PEM_MULTILINE });
    const other = built(live, setField(live, `${T2}.TunnelIkeConfig.Psk`, 'otherKey9'), smGateway);
    expect(other.TunnelOptionsSpecification?.[0]).not.toHaveProperty('RemoteCaCertificate');
    expect(req.RemoteCaCertificate).toBeUndefined();
  });

  it('applies a tunnel certificate from a request, and counts it as sent', () => {
    const live = smDual();
    const req = built(live, setField(live, `${T1}.RemoteCaCertificate`, PEM_MULTILINE), smGateway);
    const next = applyModifyRequest(live, req);
    expect(next.tunnels[0].RemoteCaCertificate).toBe(PEM_MULTILINE);
    expect(next.tunnels[1].RemoteCaCertificate).toBe(PEM);
    expect(sentPaths(req, live).has(`${T1}.RemoteCaCertificate`)).toBe(true);
  });

  it('refuses to clear a tunnel certificate on an SM gateway', () => {
    const live = smDual();
    const r = buildModifyRequest(live, setField(live, `${T1}.RemoteCaCertificate`, ''), smGateway, opts);
    expect(!r.ok && r.issues).toEqual([{ path: `${T1}.RemoteCaCertificate`, code: 'Rule.RemoteCaCertificate.Required', params: {} }]);
  });

  it('applies a single-tunnel certificate from a request', () => {
    const live = smSingle();
    const next = applyModifyRequest(live, { RegionId: 'r', VpnConnectionId: live.VpnConnectionId, RemoteCaCertificate: PEM_MULTILINE });
    expect(next.RemoteCaCertificate).toBe(PEM_MULTILINE);
  });
});

describe('composeRequest: what each kind of change sends', () => {
  it('sends the single-tunnel scalars and groups from the draft, each only when changed', () => {
    const draft = edit(smSingle(), ['EnableNatTraversal', false], ['RemoteCaCertificate', PEM_MULTILINE], ['IpsecConfig.IpsecLifetime', 3600]);
    const req = composeRequest(draft, ['EnableNatTraversal', 'RemoteCaCertificate', 'IpsecConfig.IpsecLifetime'], opts);
    expect(req).toEqual({
      RegionId: 'cn-shanghai',
      VpnConnectionId: draft.VpnConnectionId,
      EnableNatTraversal: false,
      RemoteCaCertificate: PEM_MULTILINE,
      IpsecConfig: JSON.stringify({ IpsecEncAlg: 'sm4', IpsecAuthAlg: 'sm3', IpsecPfs: 'group2', IpsecLifetime: 3600 }),
    });
  });

  it('sends subnet lists in the form the service stores', () => {
    const draft = edit(single(), ['LocalSubnet', ' 10.5.0.0/16, 10.6.0.0/16,,10.5.0.0/16 '], ['RemoteSubnet', '10.7.0.0/16 ,10.8.0.0/16']);
    const req = composeRequest(draft, ['LocalSubnet', 'RemoteSubnet'], opts);
    expect(req.LocalSubnet).toBe('10.5.0.0/16,10.6.0.0/16');
    expect(req.RemoteSubnet).toBe('10.7.0.0/16,10.8.0.0/16');
  });

  it('leaves out an AutoConfigRoute the draft does not hold', () => {
    const draft = { ...single() };
    delete (draft as Partial<VpnConnection>).AutoConfigRoute;
    expect(composeRequest(draft, ['AutoConfigRoute'], opts)).not.toHaveProperty('AutoConfigRoute');
    expect(composeRequest({ ...single(), AutoConfigRoute: false }, ['AutoConfigRoute'], opts).AutoConfigRoute).toBe(false);
  });

  it('omits an empty RemoteId like an empty LocalId, from the connection and from a tunnel', () => {
    const ike = json(built(single(), setField(single(), 'IkeConfig.RemoteId', '')).IkeConfig) as Record<string, unknown>;
    expect(ike).not.toHaveProperty('RemoteId');
    expect(ike.LocalId).toBe('116.64.XX.XX');
    const req = built(dual(), setField(dual(), `${T1}.TunnelIkeConfig.RemoteId`, ''));
    expect(req.TunnelOptionsSpecification?.[0]?.TunnelIkeConfig).not.toHaveProperty('RemoteId');
    expect(req.TunnelOptionsSpecification?.[0]?.TunnelIkeConfig?.LocalId).toBe('47.21.0.1');
  });

  it('leaves out an empty health check address and keeps an interval or retry of 1', () => {
    const draft = edit(single(), ['HealthCheckConfig.enable', false], ['HealthCheckConfig.dip', ''], ['HealthCheckConfig.sip', ''], ['HealthCheckConfig.interval', 1], ['HealthCheckConfig.retry', 1.5]);
    const req = composeRequest(draft, ['HealthCheckConfig.enable'], opts);
    expect(json(req.HealthCheckConfig)).toEqual({ enable: 'false', interval: '1' });
  });

  it('sends BgpConfig switched off, without the keys it does not hold', () => {
    const draft = edit(single(), ['BgpConfig.EnableBgp', false], ['BgpConfig.LocalAsn', ''], ['BgpConfig.TunnelCidr', ''], ['BgpConfig.LocalBgpIp', '']);
    expect(json(composeRequest(draft, ['BgpConfig.EnableBgp'], opts).BgpConfig)).toEqual({ EnableBgp: 'false' });
    const blank = edit(single(), ['BgpConfig.LocalAsn', '  ']);
    expect(json(composeRequest(blank, ['BgpConfig.LocalAsn'], opts).BgpConfig)).not.toHaveProperty('LocalAsn');
  });

  it('with tunnel BGP on, sends a changed tunnel BGP block without its empty keys', () => {
    const draft = edit(dual(), [`${T2}.TunnelBgpConfig.LocalBgpIp`, ''], [`${T2}.TunnelBgpConfig.LocalAsn`, ' ']);
    const req = composeRequest(draft, [`${T2}.TunnelBgpConfig.LocalBgpIp`], opts);
    expect(req.TunnelOptionsSpecification?.map((e) => [e.Role, e.TunnelBgpConfig])).toEqual([['slave', { TunnelCidr: '169.254.12.0/30' }]]);
    // No LocalAsn key at all: sentPaths() would count a present key as sent.
    expect(req.TunnelOptionsSpecification?.[0]?.TunnelBgpConfig).not.toHaveProperty('LocalAsn');
    const noCidr = composeRequest(edit(dual(), [`${T1}.TunnelBgpConfig.TunnelCidr`, '']), [`${T1}.TunnelBgpConfig.TunnelCidr`], opts);
    expect(noCidr.TunnelOptionsSpecification?.[0]?.TunnelBgpConfig).toEqual({ LocalAsn: 65530, LocalBgpIp: '169.254.11.1' });
  });

  it('with tunnel BGP off, moves a tunnel network without its ASN, and sends no empty block', () => {
    const off = setField(dual(), 'EnableTunnelsBgp', false);
    const moved = composeRequest(setField(off, `${T1}.TunnelBgpConfig.TunnelCidr`, '169.254.40.0/30'), [`${T1}.TunnelBgpConfig.TunnelCidr`], opts);
    expect(moved.TunnelOptionsSpecification?.[0]?.TunnelBgpConfig).toEqual({ TunnelCidr: '169.254.40.0/30', LocalBgpIp: '169.254.11.1' });
    const cleared = edit(off, [`${T1}.TunnelBgpConfig.TunnelCidr`, ''], [`${T1}.TunnelBgpConfig.LocalBgpIp`, '']);
    const element = composeRequest(cleared, [`${T1}.TunnelBgpConfig.TunnelCidr`], opts).TunnelOptionsSpecification?.[0];
    expect(element).toBeDefined();
    expect(element).not.toHaveProperty('TunnelBgpConfig');
    // A tunnel change that is not about BGP carries no BGP block.
    expect(composeRequest(setField(off, `${T1}.EnableDpd`, false), [`${T1}.EnableDpd`], opts).TunnelOptionsSpecification?.[0]).not.toHaveProperty('TunnelBgpConfig');
  });

  it('switching tunnel BGP off sends the switch alone, no tunnel', () => {
    const req = built(dual(), setField(dual(), 'EnableTunnelsBgp', false));
    expect(req).toEqual({ RegionId: 'cn-shanghai', VpnConnectionId: dual().VpnConnectionId, EnableTunnelsBgp: false });
  });

  it('counts a request with only identifiers and a ClientToken as empty, any other key as not', () => {
    expect(isEmptyRequest({ RegionId: 'r', VpnConnectionId: 'v', ClientToken: 't' })).toBe(true);
    expect(isEmptyRequest({ RegionId: 'r', VpnConnectionId: 'v', EffectImmediately: false })).toBe(false);
    expect(isEmptyRequest({ RegionId: 'r', VpnConnectionId: 'v', ClientToken: 't', Name: 'n' })).toBe(false);
  });
});

describe('judgeChange', () => {
  it('addresses no region unless told', () => {
    const judged = judgeChange(single(), setField(single(), 'Name', 'x'), normalGateway);
    expect(judged.request).toEqual({ RegionId: '', VpnConnectionId: single().VpnConnectionId, Name: 'x' });
    expect(judged.changedPaths).toEqual(['Name']);
  });

  it('judges nothing of a draft that is not a connection', () => {
    const judged = judgeChange(single(), setField(single(), 'IkeConfig.IkeLifetime', 'long'), normalGateway);
    expect(judged).toMatchObject({ warnings: [], changedPaths: [], request: null });
    expect(judged.errors.map((i) => [i.path, i.code])).toEqual([['IkeConfig.IkeLifetime', 'Rule.Shape.Invalid']]);
  });

  it('judges nothing when the rules themselves fail', () => {
    const hostile = { VpnType: 'Normal', otherConnections: [] } as unknown as Parameters<typeof judgeChange>[2];
    Object.defineProperty(hostile, 'customerGatewayAsns', { get: () => { throw new Error('boom'); }, enumerable: true });
    const judged = judgeChange(single(), setField(single(), 'Name', 'x'), hostile);
    expect(judged).toMatchObject({ warnings: [], changedPaths: [], request: null });
    expect(judged.errors.map((i) => i.code)).toEqual(['Rule.Internal']);
  });

  it('names both sides of a connection or mode mismatch, and sends nothing', () => {
    const other = judgeChange(single(), { ...single(), VpnConnectionId: 'vco-x' }, normalGateway);
    expect(other).toMatchObject({ warnings: [], changedPaths: [], request: null });
    expect(other.errors).toEqual([{ path: 'VpnConnectionId', code: 'Rule.Draft.ConnectionMismatch', params: { live: single().VpnConnectionId, draft: 'vco-x' } }]);
    const mode = judgeChange(single(), { ...dual(), VpnConnectionId: single().VpnConnectionId }, normalGateway);
    expect(mode.errors).toEqual([{ path: 'mode', code: 'Rule.Draft.ModeMismatch', params: { live: 'single', draft: 'dual' } }]);
    expect(mode.request).toBeNull();
  });

  it('leaves a pair of tunnels sharing a network on the second one when the change moved both', () => {
    const cidr = (p: string) => `${p}.TunnelBgpConfig.TunnelCidr`;
    const draft = edit(dual(), [cidr(T1), '169.254.30.0/30'], [`${T1}.TunnelBgpConfig.LocalBgpIp`, '169.254.30.1'], [cidr(T2), '169.254.30.0/30'], [`${T2}.TunnelBgpConfig.LocalBgpIp`, '169.254.30.2']);
    const pair = judgeChange(dual(), draft, normalGateway, opts).errors.filter((i) => i.code === 'IllegalParam.TunnelCidr');
    expect(pair).toEqual([{ path: cidr(T2), code: 'IllegalParam.TunnelCidr', params: { reason: 'pair', value: '169.254.30.0/30', other: T1 } }]);
  });

  it('names the live tunnel a draft tunnel should be', () => {
    const live = dual();
    const judged = judgeChange(live, edit(live, [`${T2}.TunnelId`, 'tun-other'], [`${T1}.Role`, 'slave']), normalGateway);
    expect(judged.request).toBeNull();
    expect(judged.errors).toEqual([
      { path: `${T1}.Role`, code: 'IllegalParam.Role', params: { value: 'slave', expected: 'master' } },
      { path: `${T2}.TunnelId`, code: 'IllegalParam.TunnelId', params: { reason: 'notLive', value: 'tun-other', expected: live.tunnels[1].TunnelId } },
    ]);
  });
});

describe('validateRequest: the last check before sending', () => {
  const base = (c: VpnConnection): ModifyVpnConnectionAttributeRequest => ({ RegionId: 'r', VpnConnectionId: c.VpnConnectionId });
  const whole = (live: DualTunnelConnection, i: 0 | 1) => {
    const t = live.tunnels[i];
    return { TunnelId: t.TunnelId, Role: t.Role, EnableDpd: t.EnableDpd, EnableNatTraversal: t.EnableNatTraversal, TunnelIkeConfig: { ...t.TunnelIkeConfig }, TunnelIpsecConfig: { ...t.TunnelIpsecConfig } };
  };

  it('refuses a request for another connection, naming both', () => {
    const live = single();
    const issues = validateRequest({ ...built(live, setField(live, 'Name', 'x')), VpnConnectionId: 'vco-other' }, live, normalGateway);
    expect(issues).toEqual([{ path: 'VpnConnectionId', code: 'Rule.Draft.ConnectionMismatch', params: { live: live.VpnConnectionId, draft: 'vco-other' } }]);
    const missing = { ...base(live), VpnConnectionId: undefined } as unknown as ModifyVpnConnectionAttributeRequest;
    expect(validateRequest(missing, live, normalGateway)[0]?.params).toEqual({ live: live.VpnConnectionId, draft: 'undefined' });
  });

  it('accepts a ClientToken of 1 to 64 printable ASCII characters only', () => {
    const token = (ClientToken: string) => validateRequest({ ...base(single()), ClientToken }, single(), normalGateway);
    expect(token('x'.repeat(64))).toEqual([]);
    expect(token(' ~')).toEqual([]);
    expect(token('')).toEqual([{ path: 'ClientToken', code: 'Rule.ClientToken.Invalid', params: { max: 64 } }]);
    expect(token('a\u007f')).toHaveLength(1);
    expect(token('a\tb')).toHaveLength(1);
  });

  it('names each parameter of the other mode, with the mode', () => {
    expect(validateRequest({ ...base(single()), TunnelOptionsSpecification: [] }, single(), normalGateway)).toEqual([
      { path: 'TunnelOptionsSpecification', code: 'Rule.Param.DualTunnelOnly', params: { mode: 'single' } },
    ]);
    const live = dual();
    const foreign = validateRequest({ ...base(live), RemoteCaCertificate: PEM, BgpConfig: '{"EnableBgp":"true"}' }, live, normalGateway);
    expect(foreign).toEqual([
      { path: 'BgpConfig', code: 'Rule.Param.SingleTunnelOnly', params: { mode: 'dual' } },
      { path: 'RemoteCaCertificate', code: 'Rule.Param.SingleTunnelOnly', params: { mode: 'dual' } },
    ]);
  });

  it('refuses a partial IpsecConfig and JSON groups that are not objects', () => {
    const live = single();
    expect(validateRequest({ ...base(live), IpsecConfig: '{"IpsecPfs":"group5"}' }, live, normalGateway)).toEqual([
      { path: 'IpsecConfig', code: 'Rule.Request.IncompleteGroup', params: { missing: 'IpsecEncAlg, IpsecAuthAlg, IpsecLifetime' } },
    ]);
    expect(validateRequest({ ...base(live), IkeConfig: 'null' }, live, normalGateway)).toEqual([{ path: 'IkeConfig', code: 'Rule.Request.Malformed', params: {} }]);
    expect(validateRequest({ ...base(live), HealthCheckConfig: '"on"' }, live, normalGateway)).toEqual([{ path: 'HealthCheckConfig', code: 'Rule.Request.Malformed', params: {} }]);
    expect(validateRequest({ ...base(live), IpsecConfig: '{' }, live, normalGateway)).toEqual([{ path: 'IpsecConfig', code: 'Rule.Request.Malformed', params: {} }]);
    expect(validateRequest({ ...base(live), BgpConfig: '7' }, live, normalGateway)).toEqual([{ path: 'BgpConfig', code: 'IllegalParam.BgpConfig', params: {} }]);
  });

  it('refuses a tunnel named twice, a tunnel that is not live, and an element missing part of its settings', () => {
    const live = dual();
    const twice = validateRequest({ ...base(live), TunnelOptionsSpecification: [whole(live, 1), whole(live, 1)] }, live, normalGateway);
    expect(twice).toEqual([{ path: `${T2}.TunnelId`, code: 'IllegalParam.TunnelId', params: { reason: 'duplicate', value: live.tunnels[1].TunnelId } }]);
    const gone = validateRequest({ ...base(live), TunnelOptionsSpecification: [whole(live, 0), { ...whole(live, 1), TunnelId: 'tun-gone' }] }, live, normalGateway);
    expect(gone).toEqual([{ path: `${T2}.TunnelId`, code: 'IllegalParam.TunnelId', params: { reason: 'notLive', value: 'tun-gone' } }]);
    const { Psk: _psk, ...ikeWithoutPsk } = live.tunnels[0].TunnelIkeConfig;
    const { IpsecPfs: _pfs, ...ipsecWithoutPfs } = live.tunnels[0].TunnelIpsecConfig;
    const partial = validateRequest({ ...base(live), TunnelOptionsSpecification: [{ ...whole(live, 0), TunnelIkeConfig: ikeWithoutPsk as never, TunnelIpsecConfig: ipsecWithoutPfs as never }] }, live, normalGateway);
    expect(partial).toEqual([
      { path: `${T1}.TunnelIkeConfig`, code: 'Rule.Request.IncompleteGroup', params: { missing: 'Psk' } },
      { path: `${T1}.TunnelIpsecConfig`, code: 'Rule.Request.IncompleteGroup', params: { missing: 'IpsecPfs' } },
    ]);
  });

  it.each([[[null]], [['x']], [[{ TunnelId: 't' }, null]]])('refuses a tunnel list with an element that is not an object (%j)', (elements) => {
    const live = dual();
    const request = { ...base(live), TunnelOptionsSpecification: elements } as unknown as ModifyVpnConnectionAttributeRequest;
    expect(validateRequest(request, live, normalGateway)).toEqual([{ path: 'TunnelOptionsSpecification', code: 'Rule.Request.Malformed', params: {} }]);
  });

  it('reports only the mode on tunnels sent to a single-tunnel connection, and gives an unnamed tunnel an empty name', () => {
    const live = single();
    const element = { TunnelId: 'tun-1', Role: 'master' as const, EnableDpd: false };
    expect(validateRequest({ ...base(live), TunnelOptionsSpecification: [element] }, live, normalGateway).map((i) => i.code)).toEqual(['Rule.Param.DualTunnelOnly']);
    const d = dual();
    const unnamed = [{ EnableDpd: false }] as unknown as ModifyVpnConnectionAttributeRequest['TunnelOptionsSpecification'];
    expect(validateRequest({ ...base(d), TunnelOptionsSpecification: unnamed }, d, normalGateway)).toEqual([
      { path: `${T1}.TunnelId`, code: 'IllegalParam.TunnelId', params: { reason: 'notLive', value: '' } },
    ]);
  });

  it('stops at the request\'s own faults before judging the connection it leads to', () => {
    const live = single();
    expect(validateRequest({ ...base(live), ClientToken: '', Name: '' }, live, normalGateway).map((i) => i.code)).toEqual(['Rule.ClientToken.Invalid']);
  });

  it('accepts a tunnel element without a BGP block while tunnel BGP is off', () => {
    const live = setField(dual(), 'EnableTunnelsBgp', false);
    expect(validateRequest({ ...base(live), TunnelOptionsSpecification: [{ ...whole(live, 0), EnableDpd: false }] }, live, normalGateway)).toEqual([]);
  });

  it('checks the Role of a tunnel named by Role alone, and accepts the right one', () => {
    const live = dual();
    const { TunnelId: _id, ...byRole } = whole(live, 1);
    const right = [{ ...byRole, TunnelId: '' }];
    expect(validateRequest({ ...base(live), TunnelOptionsSpecification: right }, live, normalGateway)).toEqual([]);
    const wrong = validateRequest({ ...base(live), TunnelOptionsSpecification: [{ ...whole(live, 0), Role: 'slave' }] }, live, normalGateway);
    expect(wrong).toEqual([{ path: `${T1}.Role`, code: 'IllegalParam.Role', params: { value: 'slave', expected: 'master' } }]);
  });

  it('refuses a tunnel LocalAsn while tunnel BGP stays off, on the tunnel that carries it', () => {
    const live = setField(dual(), 'EnableTunnelsBgp', false);
    // The live ASN sent again: no change of it (change-rules.ts would report a change), yet not allowed on the wire.
    const element = { ...whole(live, 1), TunnelBgpConfig: { LocalAsn: 65530, TunnelCidr: '169.254.12.0/30', LocalBgpIp: '169.254.12.1' } };
    expect(validateRequest({ ...base(live), TunnelOptionsSpecification: [element] }, live, normalGateway)).toEqual([
      { path: `${T2}.TunnelBgpConfig.LocalAsn`, code: 'Rule.TunnelBgp.LocalAsnRequiresBgp', params: {} },
    ]);
    // Switched on by the same request, it is allowed.
    expect(validateRequest({ ...base(live), EnableTunnelsBgp: true, TunnelOptionsSpecification: [element, { ...whole(live, 0), TunnelBgpConfig: { TunnelCidr: '169.254.11.0/30', LocalBgpIp: '169.254.11.1', LocalAsn: 65530 } }] }, live, normalGateway)).toEqual([]);
  });

  it('blocks a rule on a field the request sends although it does not change it, and runs the change rules', () => {
    const live = { ...single(), Name: '' };
    // Name is not sent: the live fault is not the request's.
    expect(validateRequest({ ...base(live), EffectImmediately: true }, live, normalGateway)).toEqual([]);
    expect(validateRequest({ ...base(live), Name: '' }, live, normalGateway).map((i) => i.code)).toEqual(['InvalidName']);
    const sm = smSingle();
    expect(validateRequest({ ...base(sm), RemoteCaCertificate: '' }, sm, smGateway)).toEqual([{ path: 'RemoteCaCertificate', code: 'Rule.RemoteCaCertificate.Required', params: {} }]);
  });
});

describe('applyModifyRequest: a request as the service reads it', () => {
  const req = (c: VpnConnection, extra: Partial<ModifyVpnConnectionAttributeRequest>): ModifyVpnConnectionAttributeRequest => ({ RegionId: 'r', VpnConnectionId: c.VpnConnectionId, ...extra });

  it('applies every single-tunnel parameter', () => {
    const live = single();
    const next = applyModifyRequest(
      live,
      req(live, {
        Name: 'n2',
        LocalSubnet: '10.5.0.0/16, 10.6.0.0/16',
        RemoteSubnet: ' 10.7.0.0/16',
        EffectImmediately: true,
        AutoConfigRoute: false,
        EnableDpd: false,
        EnableNatTraversal: false,
        IkeConfig: JSON.stringify({ Psk: 'k', IkeVersion: 'ikev2', IkeMode: 'aggressive', IkeEncAlg: 'aes256', IkeAuthAlg: 'sha256', IkePfs: 'group14', IkeLifetime: '3600' }),
        IpsecConfig: JSON.stringify({ IpsecEncAlg: 'aes192', IpsecAuthAlg: 'md5', IpsecPfs: 'disabled', IpsecLifetime: 7200 }),
      }),
    );
    expect(next).toEqual({
      ...live,
      Name: 'n2',
      LocalSubnet: '10.5.0.0/16,10.6.0.0/16',
      RemoteSubnet: '10.7.0.0/16',
      EffectImmediately: true,
      AutoConfigRoute: false,
      EnableDpd: false,
      EnableNatTraversal: false,
      IkeConfig: { Psk: 'k', IkeVersion: 'ikev2', IkeMode: 'aggressive', IkeEncAlg: 'aes256', IkeAuthAlg: 'sha256', IkePfs: 'group14', IkeLifetime: 3600, LocalId: '', RemoteId: '' },
      IpsecConfig: { IpsecEncAlg: 'aes192', IpsecAuthAlg: 'md5', IpsecPfs: 'disabled', IpsecLifetime: 7200 },
    });
  });

  it('reads loose JSON values: numbers as text, text as numbers or flags in any case, blanks as absent', () => {
    const live = single();
    const next = applyModifyRequest(
      live,
      req(live, {
        IkeConfig: JSON.stringify({ Psk: 123, IkeLifetime: ' ', LocalId: 7 }),
        HealthCheckConfig: JSON.stringify({ ENABLE: 'TRUE', DIP: '9.9.9.9', interval: '', retry: '8' }),
        BgpConfig: JSON.stringify({ EnableBgp: 'False', LocalAsn: 65000 }),
      }),
    );
    expect(next.IkeConfig).toMatchObject({ Psk: '123', IkeLifetime: 86400, LocalId: '7', RemoteId: '', IkeVersion: 'ikev1' });
    expect(next.HealthCheckConfig).toEqual({ enable: true, dip: '9.9.9.9', sip: '', interval: 3, retry: 8 });
    // Describe-only BGP facts (the peer, the session status) stay as they were.
    expect(next.BgpConfig).toEqual({ ...live.BgpConfig, EnableBgp: false, LocalAsn: '65000', TunnelCidr: '', LocalBgpIp: '' });
    expect(next.BgpConfig.PeerAsn).toBe('65531');
    const off = applyModifyRequest(live, req(live, { HealthCheckConfig: JSON.stringify({ enable: 'no' }), BgpConfig: JSON.stringify({}) }));
    expect(off.HealthCheckConfig.enable).toBe(false);
    expect(off.BgpConfig.EnableBgp).toBe(true);
  });

  it('ignores JSON groups that are not objects', () => {
    const live = single();
    for (const value of ['null', '[1]', '"x"', '{']) {
      expect(applyModifyRequest(live, req(live, { IkeConfig: value, IpsecConfig: value, HealthCheckConfig: value, BgpConfig: value }))).toEqual(live);
    }
  });

  it('applies every tunnel parameter to the tunnel named, and tunnel BGP', () => {
    const live = setField(dual(), 'EnableTunnelsBgp', false);
    const next = applyModifyRequest(
      live,
      req(live, {
        EnableTunnelsBgp: true,
        TunnelOptionsSpecification: [
          {
            TunnelId: live.tunnels[1].TunnelId,
            Role: 'slave',
            EnableNatTraversal: false,
            RemoteCaCertificate: PEM,
            TunnelIkeConfig: { ...live.tunnels[1].TunnelIkeConfig, IkePfs: 'group5' },
            TunnelIpsecConfig: { ...live.tunnels[1].TunnelIpsecConfig, IpsecLifetime: 3600 },
            TunnelBgpConfig: { TunnelCidr: '169.254.40.0/30' },
          },
          { TunnelId: 'tun-unknown', Role: 'master', EnableDpd: false },
        ],
      }),
    );
    expect(next.EnableTunnelsBgp).toBe(true);
    expect(next.tunnels[0]).toEqual(live.tunnels[0]);
    expect(next.tunnels[1]).toEqual({
      ...live.tunnels[1],
      EnableNatTraversal: false,
      RemoteCaCertificate: PEM,
      TunnelIkeConfig: { ...live.tunnels[1].TunnelIkeConfig, IkePfs: 'group5' },
      TunnelIpsecConfig: { ...live.tunnels[1].TunnelIpsecConfig, IpsecLifetime: 3600 },
      // BGP on after the request: a block without LocalAsn resets it to the service default.
      TunnelBgpConfig: { ...live.tunnels[1].TunnelBgpConfig, LocalAsn: '', TunnelCidr: '169.254.40.0/30', LocalBgpIp: '' },
    });
  });

  it('keeps the tunnel ASN for a block without one while tunnel BGP is off', () => {
    const live = setField(dual(), 'EnableTunnelsBgp', false);
    const next = applyModifyRequest(live, req(live, { TunnelOptionsSpecification: [{ TunnelId: '', Role: 'master', TunnelBgpConfig: { TunnelCidr: '169.254.41.0/30', LocalAsn: undefined } }] }));
    expect(next.tunnels[0].TunnelBgpConfig).toMatchObject({ LocalAsn: '65530', TunnelCidr: '169.254.41.0/30', LocalBgpIp: '' });
  });
});

describe('sentPaths', () => {
  it('names the scalars, every field of a JSON group, and the tunnel keys a request carries', () => {
    const live = dual();
    const sent = sentPaths(
      {
        RegionId: 'r',
        VpnConnectionId: live.VpnConnectionId,
        EnableTunnelsBgp: true,
        TunnelOptionsSpecification: [{ TunnelId: live.tunnels[1].TunnelId, Role: 'slave', EnableDpd: false, TunnelIpsecConfig: live.tunnels[1].TunnelIpsecConfig, TunnelBgpConfig: { TunnelCidr: '169.254.40.0/30' } }],
      },
      live,
    );
    expect([...sent].sort()).toEqual(
      ['EnableTunnelsBgp', `${T2}.EnableDpd`, `${T2}.TunnelBgpConfig.TunnelCidr`, ...['IpsecEncAlg', 'IpsecAuthAlg', 'IpsecPfs', 'IpsecLifetime'].map((k) => `${T2}.TunnelIpsecConfig.${k}`)].sort(),
    );
    const single1 = sentPaths({ RegionId: 'r', VpnConnectionId: 'v', HealthCheckConfig: '{}', Name: 'n' }, single());
    expect([...single1].sort()).toEqual(['HealthCheckConfig.dip', 'HealthCheckConfig.enable', 'HealthCheckConfig.interval', 'HealthCheckConfig.retry', 'HealthCheckConfig.sip', 'Name']);
  });

  it('skips tunnel elements it cannot place, and ignores tunnels on a single-tunnel connection', () => {
    const live = dual();
    const elements = [null, 'x', { TunnelId: 'tun-gone', EnableDpd: false }, { TunnelId: 7, Role: 'master', EnableDpd: false, TunnelBgpConfig: null }];
    const sent = sentPaths({ RegionId: 'r', VpnConnectionId: 'v', TunnelOptionsSpecification: elements } as unknown as ModifyVpnConnectionAttributeRequest, live);
    expect([...sent]).toEqual([`${T1}.EnableDpd`]);
    expect([...sentPaths({ RegionId: 'r', VpnConnectionId: 'v', TunnelOptionsSpecification: [{ TunnelId: '', Role: 'master', EnableDpd: false }] }, single())]).toEqual([]);
    const notAList = { RegionId: 'r', VpnConnectionId: 'v', TunnelOptionsSpecification: { Role: 'master', EnableDpd: false } } as unknown as ModifyVpnConnectionAttributeRequest;
    expect([...sentPaths(notAList, live)]).toEqual([]);
  });
});

describe('toWire and maskSecrets', () => {
  it('skips empty values on the wire and numbers tunnel keys from 1', () => {
    const wire = toWire({ RegionId: 'r', VpnConnectionId: 'v', Name: undefined, TunnelOptionsSpecification: [{ TunnelId: 't', Role: 'master', EnableDpd: undefined, TunnelBgpConfig: { LocalAsn: 1 } }] });
    expect(wire).toEqual({ query: { RegionId: 'r', VpnConnectionId: 'v' }, body: { 'TunnelOptionsSpecification.1.TunnelId': 't', 'TunnelOptionsSpecification.1.Role': 'master', 'TunnelOptionsSpecification.1.TunnelBgpConfig.LocalAsn': '1' } });
    const withNull = toWire({ RegionId: 'r', VpnConnectionId: 'v', Name: null } as unknown as ModifyVpnConnectionAttributeRequest);
    expect(withNull.query).toEqual({ RegionId: 'r', VpnConnectionId: 'v' });
  });

  it('keeps an unreadable group other than IkeConfig as it is, and masks PSKs in groups that are not text', () => {
    const request = { RegionId: 'r', VpnConnectionId: 'v', BgpConfig: '{not json', HealthCheckConfig: '["Psk"]', IpsecConfig: { Psk: 'SECRET-2', IpsecPfs: 'group5' } } as unknown as ModifyVpnConnectionAttributeRequest;
    const masked = maskSecrets(request) as unknown as Record<string, unknown>;
    expect(masked.BgpConfig).toBe('{not json');
    expect(masked.HealthCheckConfig).toBe('["Psk"]');
    expect(masked.IpsecConfig).toEqual({ Psk: '******', IpsecPfs: 'group5' });
    // Absent groups stay absent, not present as undefined.
    expect(maskSecrets({ RegionId: 'r', VpnConnectionId: 'v' })).toStrictEqual({ RegionId: 'r', VpnConnectionId: 'v' });
    // An IkeConfig that is not an object is hidden whole, even JSON null; the other groups keep theirs.
    expect(maskSecrets({ RegionId: 'r', VpnConnectionId: 'v', IkeConfig: 'null', BgpConfig: 'null' })).toEqual({ RegionId: 'r', VpnConnectionId: 'v', IkeConfig: '******', BgpConfig: 'null' });
  });
});
