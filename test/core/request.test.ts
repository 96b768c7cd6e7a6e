import { describe, expect, it } from 'vitest';
import {
  applyModifyRequest,
  buildModifyRequest,
  diffConnections,
  isEmptyRequest,
  maskSecrets,
  setField,
  toWire,
  validateRequest,
  type DualTunnelConnection,
  type ModifyVpnConnectionAttributeRequest,
  type VpnConnection,
} from '../../core/index.ts';
import { dual, normalGateway, PEM, PEM_MULTILINE, single, smGateway, smSingle } from './fixtures.ts';

const opts = { RegionId: 'cn-shanghai' };
const build = (live: VpnConnection, draft: VpnConnection) => {
  const r = buildModifyRequest(live, draft, normalGateway, opts);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.request;
};

describe('buildModifyRequest: single-tunnel', () => {
  it('sends nothing but the identifiers when nothing changed', () => {
    const req = build(single(), single());
    expect(req).toEqual({ RegionId: 'cn-shanghai', VpnConnectionId: single().VpnConnectionId });
    expect(isEmptyRequest(req)).toBe(true);
  });

  it('sends a changed Name alone', () => {
    const req = build(single(), setField(single(), 'Name', 'renamed'));
    expect(req).toEqual({ RegionId: 'cn-shanghai', VpnConnectionId: single().VpnConnectionId, Name: 'renamed' });
  });

  it('sends IkeConfig complete (with the live PSK) when one key changes', () => {
    const req = build(single(), setField(single(), 'IkeConfig.IkeEncAlg', 'aes256'));
    expect(Object.keys(req).sort()).toEqual(['IkeConfig', 'RegionId', 'VpnConnectionId']);
    expect(JSON.parse(req.IkeConfig ?? '')).toEqual({
      Psk: 'pgw6dy7d1i8i****', IkeVersion: 'ikev1', IkeMode: 'main', IkeEncAlg: 'aes256', IkeAuthAlg: 'sha1',
      IkePfs: 'group2', IkeLifetime: 86400, LocalId: '116.64.XX.XX', RemoteId: '139.18.XX.XX',
    });
  });

  it('omits empty identities (service default) but never the PSK', () => {
    const req = build(single(), setField(single(), 'IkeConfig.LocalId', ''));
    const ike = JSON.parse(req.IkeConfig ?? '') as Record<string, unknown>;
    expect(ike.LocalId).toBeUndefined();
    expect(ike.Psk).toBe('pgw6dy7d1i8i****');
  });

  it('sends IpsecConfig, HealthCheckConfig and BgpConfig whole, values as strings like the document', () => {
    const draft = setField(setField(setField(single(), 'IpsecConfig.IpsecPfs', 'disabled'), 'HealthCheckConfig.retry', 5), 'BgpConfig.LocalAsn', '123.456');
    const req = build(single(), draft);
    expect(JSON.parse(req.IpsecConfig ?? '')).toEqual({ IpsecEncAlg: 'aes', IpsecAuthAlg: 'sha1', IpsecPfs: 'disabled', IpsecLifetime: 86400 });
    expect(JSON.parse(req.HealthCheckConfig ?? '')).toEqual({ enable: 'true', dip: '192.168.1.1', sip: '10.1.1.1', interval: '3', retry: '5' });
    // 123.456 → 123*65536+456 = 8061384 (the document's own example)
    expect(JSON.parse(req.BgpConfig ?? '')).toEqual({ EnableBgp: 'true', LocalAsn: '8061384', TunnelCidr: '169.254.11.0/30', LocalBgpIp: '169.254.11.1' });
    expect(req.IkeConfig).toBeUndefined();
  });

  it('leaves out interval / retry a disabled health check keeps cleared, instead of sending "0" or "NaN"', () => {
    const off = setField(single(), 'HealthCheckConfig.enable', false);
    const draft = setField(setField(off, 'HealthCheckConfig.interval', 0), 'HealthCheckConfig.retry', Number.NaN);
    expect(JSON.parse(build(single(), draft).HealthCheckConfig ?? '')).toEqual({ enable: 'false', dip: '192.168.1.1', sip: '10.1.1.1' });
    // while enabled the same values are a rule issue, not something to drop silently
    const on = buildModifyRequest(single(), setField(single(), 'HealthCheckConfig.interval', 0), normalGateway, opts);
    expect(!on.ok && on.issues.map((i) => i.code)).toEqual(['Rule.HealthCheck.PositiveInt']);
  });

  it('refuses to clear the CA certificate of an SM gateway connection, and sends a replacement', () => {
    const live = setField(smSingle(), 'RemoteCaCertificate', PEM);
    const cleared = buildModifyRequest(live, setField(live, 'RemoteCaCertificate', ''), smGateway, opts);
    expect(!cleared.ok && cleared.issues).toEqual([{ path: 'RemoteCaCertificate', code: 'Rule.RemoteCaCertificate.Required', params: {} }]);
    const replaced = buildModifyRequest(live, setField(live, 'RemoteCaCertificate', PEM_MULTILINE), smGateway, opts);
    expect(replaced.ok && replaced.request.RemoteCaCertificate).toBe(PEM_MULTILINE);
  });

  it('treats 8061384 and 123.456 as the same ASN (no request)', () => {
    const live = setField(single(), 'BgpConfig.LocalAsn', '8061384');
    expect(isEmptyRequest(build(live, setField(live, 'BgpConfig.LocalAsn', '123.456')))).toBe(true);
  });

  it('sends scalars only when changed', () => {
    const draft = { ...single(), EnableDpd: false, AutoConfigRoute: true, EffectImmediately: true };
    const req = build(single(), draft);
    expect(req).toMatchObject({ EnableDpd: false, AutoConfigRoute: true, EffectImmediately: true });
    expect(req.EnableNatTraversal).toBeUndefined();
  });

  it('refuses a draft that breaks a rule, returning the rule issues', () => {
    const r = buildModifyRequest(single(), setField(single(), 'IkeConfig.IkeLifetime', 86401), normalGateway, opts);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['Rule.Lifetime.Range']);
  });

  it('refuses a draft of another connection or mode', () => {
    const other = buildModifyRequest(single(), { ...single(), VpnConnectionId: 'vco-x' }, normalGateway, opts);
    expect(!other.ok && other.issues[0]?.code).toBe('Rule.Draft.ConnectionMismatch');
    const mode = buildModifyRequest(single(), { ...dual(), VpnConnectionId: single().VpnConnectionId }, normalGateway, opts);
    expect(!mode.ok && mode.issues[0]?.code).toBe('Rule.Draft.ModeMismatch');
  });

  it('passes the ClientToken through', () => {
    const r = buildModifyRequest(single(), setField(single(), 'Name', 'x'), normalGateway, { ...opts, ClientToken: '02fb3da4-130e-11e9-8e44-0016e04115b' });
    expect(r.ok && r.request.ClientToken).toBe('02fb3da4-130e-11e9-8e44-0016e04115b');
  });
});

describe('buildModifyRequest: dual-tunnel', () => {
  it('sends only the changed tunnel, whole: TunnelId, Role, both flags and complete IKE and IPsec settings', () => {
    const live = dual();
    const req = build(live, setField(live, 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk', 'newKey123'));
    expect(req.TunnelOptionsSpecification).toEqual([
      {
        TunnelId: live.tunnels[1].TunnelId,
        Role: 'slave',
        EnableDpd: true,
        EnableNatTraversal: true,
        TunnelIkeConfig: { ...live.tunnels[1].TunnelIkeConfig, Psk: 'newKey123' },
        TunnelIpsecConfig: live.tunnels[1].TunnelIpsecConfig,
      },
    ]);
    expect(req.IkeConfig).toBeUndefined();
  });

  it('sends a changed tunnel flag with the rest of its tunnel (the service may reset what an element leaves out)', () => {
    const live = dual();
    const req = build(live, setField(live, 'TunnelOptionsSpecification.1.EnableNatTraversal', false));
    expect(req.TunnelOptionsSpecification).toEqual([
      {
        TunnelId: live.tunnels[0].TunnelId,
        Role: 'master',
        EnableDpd: true,
        EnableNatTraversal: false,
        TunnelIkeConfig: live.tunnels[0].TunnelIkeConfig,
        TunnelIpsecConfig: live.tunnels[0].TunnelIpsecConfig,
      },
    ]);
  });

  it('sends TunnelBgpConfig complete with LocalAsn as a number', () => {
    const live = dual();
    const req = build(live, setField(live, 'TunnelOptionsSpecification.1.TunnelBgpConfig.LocalAsn', '1.1'));
    expect(req.TunnelOptionsSpecification?.[0]?.TunnelBgpConfig).toEqual({ LocalAsn: 65537, LocalBgpIp: '169.254.11.1', TunnelCidr: '169.254.11.0/30' });
  });

  it('enabling tunnel BGP also sends both tunnels\' TunnelBgpConfig', () => {
    const live = setField(dual(), 'EnableTunnelsBgp', false);
    const req = build(live, setField(live, 'EnableTunnelsBgp', true));
    expect(req.EnableTunnelsBgp).toBe(true);
    expect(req.TunnelOptionsSpecification?.map((t) => [t.Role, t.TunnelBgpConfig?.TunnelCidr])).toEqual([
      ['master', '169.254.11.0/30'],
      ['slave', '169.254.12.0/30'],
    ]);
  });

  it('refuses a tunnel ASN change while tunnel BGP is off, allows it when on', () => {
    const live = setField(dual(), 'EnableTunnelsBgp', false);
    const p = 'TunnelOptionsSpecification.1.TunnelBgpConfig.LocalAsn';
    const r = buildModifyRequest(live, setField(live, p, '65001'), normalGateway, opts);
    expect(!r.ok && r.issues).toEqual([{ path: p, code: 'Rule.TunnelBgp.LocalAsnRequiresBgp', params: {} }]);
    expect(build(live, setField(setField(live, p, '65001'), 'EnableTunnelsBgp', true)).EnableTunnelsBgp).toBe(true);
  });

  it('refuses a draft whose tunnel id differs from live', () => {
    const live = dual();
    const r = buildModifyRequest(live, setField(live, 'TunnelOptionsSpecification.1.TunnelId', 'tun-other'), normalGateway, opts);
    expect(!r.ok && r.issues.map((i) => i.code)).toContain('IllegalParam.TunnelId');
  });
});

describe('toWire', () => {
  it('puts scalars and JSON groups in the query and flattens tunnels into the body, 1-based', () => {
    const live = dual();
    let draft = setField(live, 'Name', 'n a*m~e');
    draft = setField(draft, 'TunnelOptionsSpecification.1.TunnelIkeConfig.IkeVersion', 'ikev1');
    draft = setField(draft, 'LocalSubnet', '10.1.0.0/16');
    draft = setField(draft, 'TunnelOptionsSpecification.2.EnableDpd', false);
    const { query, body } = toWire(build(live, draft));
    expect(query).toEqual({ RegionId: 'cn-shanghai', VpnConnectionId: live.VpnConnectionId, Name: 'n a*m~e', LocalSubnet: '10.1.0.0/16' });
    expect(body['TunnelOptionsSpecification.1.TunnelId']).toBe(live.tunnels[0].TunnelId);
    expect(body['TunnelOptionsSpecification.1.Role']).toBe('master');
    expect(body['TunnelOptionsSpecification.1.TunnelIkeConfig.IkeVersion']).toBe('ikev1');
    expect(body['TunnelOptionsSpecification.1.TunnelIkeConfig.IkeLifetime']).toBe('86400');
    expect(body['TunnelOptionsSpecification.1.TunnelIkeConfig.Psk']).toBe('123456ab1');
    expect(body['TunnelOptionsSpecification.2.EnableDpd']).toBe('false');
    expect(body['TunnelOptionsSpecification.2.Role']).toBe('slave');
    expect(Object.keys(body).every((k) => k.startsWith('TunnelOptionsSpecification.'))).toBe(true);
  });
  it('stringifies booleans for the query', () => {
    const { query } = toWire({ RegionId: 'r', VpnConnectionId: 'v', EffectImmediately: false, IkeConfig: '{"Psk":"a"}' });
    expect(query).toEqual({ RegionId: 'r', VpnConnectionId: 'v', EffectImmediately: 'false', IkeConfig: '{"Psk":"a"}' });
  });
});

describe('maskSecrets', () => {
  it('hides every PSK and keeps everything else', () => {
    const s = build(single(), setField(single(), 'IkeConfig.Psk', 'secretKey1'));
    const masked = maskSecrets(s);
    expect(masked.IkeConfig).not.toContain('secretKey1');
    expect(JSON.parse(masked.IkeConfig ?? '')).toMatchObject({ Psk: '******', IkeEncAlg: 'aes' });
    expect(s.IkeConfig).toContain('secretKey1'); // original untouched
    const d = build(dual(), setField(dual(), 'TunnelOptionsSpecification.1.TunnelIkeConfig.Psk', 'tunnelSecret'));
    expect(JSON.stringify(maskSecrets(d))).not.toContain('tunnelSecret');
    expect(maskSecrets({ RegionId: 'r', VpnConnectionId: 'v', IkeConfig: 'not json secret' }).IkeConfig).toBe('******');
  });
  it.each([
    ['a lower-case key (the service reads keys in any case)', { IkeConfig: '{"psk":"SECRET-1","IkeVersion":"ikev2"}' }],
    ['an upper-case key', { IkeConfig: '{"PSK":"SECRET-1"}' }],
    ['a JSON list', { IkeConfig: '[{"Psk":"SECRET-1"}]' }],
    ['a bare JSON string', { IkeConfig: '"SECRET-1"' }],
    ['a PSK in another group', { BgpConfig: '{"Psk":"SECRET-1","EnableBgp":"true"}' }],
    ['a lower-case tunnel key', { TunnelOptionsSpecification: [{ TunnelId: 't', Role: 'master', TunnelIkeConfig: { psk: 'SECRET-1' } }] }],
  ])('hides the PSK in %s', (_label, extra) => {
    const request = { RegionId: 'r', VpnConnectionId: 'v', ...extra } as ModifyVpnConnectionAttributeRequest;
    expect(JSON.stringify(maskSecrets(request))).not.toContain('SECRET-1');
    expect(JSON.stringify(request)).toContain('SECRET-1'); // the input is not modified
  });
  it('does not invent a PSK where none is sent, and keeps the other values', () => {
    const request = {
      RegionId: 'r',
      VpnConnectionId: 'v',
      IpsecConfig: '{"IpsecPfs":"group5"}',
      TunnelOptionsSpecification: [{ TunnelId: 't', Role: 'slave', EnableDpd: false, TunnelIkeConfig: { IkePfs: 'group5' } }],
    } as ModifyVpnConnectionAttributeRequest;
    expect(maskSecrets(request)).toEqual(request);
  });
});

describe('applyModifyRequest', () => {
  it('reproduces the draft from a built request', () => {
    const live = dual();
    const draft = setField(setField(live, 'TunnelOptionsSpecification.2.TunnelIpsecConfig.IpsecPfs', 'group14'), 'RemoteSubnet', '10.9.0.0/16');
    expect(diffConnections(applyModifyRequest(live, build(live, draft)), draft)).toEqual([]);
  });
  it('reads loosely-typed groups as other clients send them (Terraform style)', () => {
    const req: ModifyVpnConnectionAttributeRequest = {
      RegionId: 'r',
      VpnConnectionId: single().VpnConnectionId,
      HealthCheckConfig: JSON.stringify({ Enable: false, Dip: '1.1.1.1', Sip: '2.2.2.2', Interval: 10, Retry: 4 }),
      BgpConfig: JSON.stringify({ EnableBgp: false }),
    };
    const next = applyModifyRequest(single(), req);
    expect(next.HealthCheckConfig).toEqual({ enable: false, dip: '1.1.1.1', sip: '2.2.2.2', interval: 10, retry: 4 });
    expect(next.BgpConfig).toMatchObject({ EnableBgp: false, TunnelCidr: '', LocalBgpIp: '' });
  });
  it('matches tunnels by Role when TunnelId is absent', () => {
    const live = dual();
    const next = applyModifyRequest(live, { RegionId: 'r', VpnConnectionId: live.VpnConnectionId, TunnelOptionsSpecification: [{ TunnelId: '', Role: 'slave', EnableDpd: false }] });
    expect(next.tunnels[1].EnableDpd).toBe(false);
    expect(next.tunnels[0].EnableDpd).toBe(true);
  });
});

describe('validateRequest', () => {
  const base = (c: VpnConnection): ModifyVpnConnectionAttributeRequest => ({ RegionId: 'r', VpnConnectionId: c.VpnConnectionId });
  it('accepts a built request', () => {
    const live = dual();
    const draft = setField(live, 'TunnelOptionsSpecification.1.TunnelIkeConfig.IkePfs', 'group5');
    expect(validateRequest(build(live, draft), live, normalGateway)).toEqual([]);
  });
  it('refuses mode-foreign parameters', () => {
    expect(validateRequest({ ...base(dual()), IkeConfig: '{}' }, dual(), normalGateway).map((i) => i.code)).toContain('Rule.Param.SingleTunnelOnly');
    expect(validateRequest({ ...base(dual()), EnableDpd: true }, dual(), normalGateway).map((i) => i.code)).toContain('Rule.Param.SingleTunnelOnly');
    expect(validateRequest({ ...base(single()), EnableTunnelsBgp: true }, single(), normalGateway).map((i) => i.code)).toEqual(['Rule.Param.DualTunnelOnly']);
  });
  it('refuses a partial IkeConfig (the service would invent a random PSK)', () => {
    const issues = validateRequest({ ...base(single()), IkeConfig: JSON.stringify({ IkeEncAlg: 'aes256' }) }, single(), normalGateway);
    expect(issues[0]).toMatchObject({ path: 'IkeConfig', code: 'Rule.Request.IncompleteGroup' });
    expect(String(issues[0]?.params.missing)).toContain('Psk');
  });
  it('refuses an unreadable BgpConfig with the API code', () => {
    expect(validateRequest({ ...base(single()), BgpConfig: '{oops' }, single(), normalGateway).map((i) => i.code)).toEqual(['IllegalParam.BgpConfig']);
  });
  // A tunnel element as the builder sends it: whole.
  const whole = (live: DualTunnelConnection, i: 0 | 1) => {
    const t = live.tunnels[i];
    return { EnableDpd: false, EnableNatTraversal: t.EnableNatTraversal, TunnelIkeConfig: t.TunnelIkeConfig, TunnelIpsecConfig: t.TunnelIpsecConfig };
  };
  it('refuses unknown tunnel ids and mismatched roles', () => {
    const live = dual();
    const wrongId = validateRequest({ ...base(live), TunnelOptionsSpecification: [{ TunnelId: 'tun-nope', Role: 'master', ...whole(live, 0) }] }, live, normalGateway);
    expect(wrongId.map((i) => i.code)).toEqual(['IllegalParam.TunnelId']);
    const wrongRole = validateRequest({ ...base(live), TunnelOptionsSpecification: [{ TunnelId: live.tunnels[0].TunnelId, Role: 'slave', ...whole(live, 0) }] }, live, normalGateway);
    expect(wrongRole.map((i) => i.code)).toEqual(['IllegalParam.Role']);
  });
  it('refuses a tunnel element that leaves out part of its tunnel (the service may reset it)', () => {
    const live = dual();
    const partial = validateRequest({ ...base(live), TunnelOptionsSpecification: [{ TunnelId: live.tunnels[1].TunnelId, Role: 'slave', EnableDpd: false }] }, live, normalGateway);
    expect(partial).toEqual([
      { path: 'TunnelOptionsSpecification.2', code: 'Rule.Request.IncompleteTunnel', params: { missing: 'EnableNatTraversal, TunnelIkeConfig, TunnelIpsecConfig' } },
    ]);
  });
  it('accepts a tunnel named by TunnelId alone (Role is optional), refuses one named by neither', () => {
    const live = dual();
    const byId = [{ TunnelId: live.tunnels[1].TunnelId, ...whole(live, 1) }] as unknown as ModifyVpnConnectionAttributeRequest['TunnelOptionsSpecification'];
    expect(validateRequest({ ...base(live), TunnelOptionsSpecification: byId }, live, normalGateway)).toEqual([]);
    const neither = [{ EnableDpd: false }] as unknown as ModifyVpnConnectionAttributeRequest['TunnelOptionsSpecification'];
    expect(validateRequest({ ...base(live), TunnelOptionsSpecification: neither }, live, normalGateway).map((i) => i.code)).toEqual(['IllegalParam.TunnelId']);
  });
  it.each([{ Role: 'master' }, 'TunnelOptionsSpecification.1.Role=master', [null]])('reports a TunnelOptionsSpecification of the wrong shape (%j) instead of throwing', (value) => {
    const live = dual();
    const request = { ...base(live), TunnelOptionsSpecification: value } as unknown as ModifyVpnConnectionAttributeRequest;
    expect(validateRequest(request, live, normalGateway)).toEqual([{ path: 'TunnelOptionsSpecification', code: 'Rule.Request.Malformed', params: {} }]);
  });
  it('refuses a non-ASCII or too long ClientToken', () => {
    expect(validateRequest({ ...base(single()), ClientToken: '令牌' }, single(), normalGateway).map((i) => i.code)).toEqual(['Rule.ClientToken.Invalid']);
    expect(validateRequest({ ...base(single()), ClientToken: 'x'.repeat(65) }, single(), normalGateway).map((i) => i.code)).toEqual(['Rule.ClientToken.Invalid']);
  });
  it('runs the model rules on the result', () => {
    const issues = validateRequest({ ...base(single()), Name: 'https://x' }, single(), normalGateway);
    expect(issues.map((i) => i.code)).toEqual(['InvalidName']);
  });
});
