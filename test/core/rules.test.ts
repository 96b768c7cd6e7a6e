// Every rule with valid and invalid cases, taken from the seed document's examples and limits.
import { describe, expect, it } from 'vitest';
import { formatIssue, setField, validate, type GatewayContext, type RuleIssue, type VpnConnection } from '../../core/index.ts';
import { dual, normalGateway, PEM, PEM_MULTILINE, single, smGateway, smSingle } from './fixtures.ts';

const codes = (issues: RuleIssue[]) => issues.map((i) => `${i.path}:${i.code}`);
const check = (c: VpnConnection, path: string, value: unknown, ctx: GatewayContext = normalGateway) => validate(setField(c, path, value), ctx);
const expectOk = (issues: RuleIssue[]) => expect(codes(issues)).toEqual([]);
const expectIssue = (issues: RuleIssue[], path: string, code: string, reason?: string) => {
  const hit = issues.find((i) => i.path === path && i.code === code);
  expect(hit, `expected ${path}:${code} in ${JSON.stringify(codes(issues))}`).toBeDefined();
  if (reason !== undefined) expect(hit?.params.reason).toBe(reason);
};

describe('fixtures', () => {
  it('the document-based single and dual connections pass every rule', () => {
    expectOk(validate(single(), normalGateway));
    expectOk(validate(dual(), normalGateway));
    expectOk(validate(smSingle(), smGateway));
  });
});

describe('Name (1–100 characters, no http:// or https:// prefix)', () => {
  it.each(['nametest', 'a', 'x'.repeat(100), '中'.repeat(100), 'my-http://x'])('accepts %j', (name) => expectOk(check(single(), 'Name', name)));
  it.each([
    ['', 'length'],
    ['x'.repeat(101), 'length'],
    ['中'.repeat(101), 'length'],
    ['http://example', 'prefix'],
    ['https://example', 'prefix'],
    ['HTTPS://example', 'prefix'],
  ])('refuses %j with InvalidName (%s)', (name, reason) => expectIssue(check(single(), 'Name', name), 'Name', 'InvalidName', reason));
});

describe('LocalSubnet / RemoteSubnet', () => {
  const multi = (c: VpnConnection) => setField(setField(c, 'IkeConfig.IkeVersion', 'ikev2'), 'RemoteSubnet', '10.2.1.0/24,10.2.2.0/24');
  it('accepts the document examples (several networks with IKEv2)', () => {
    expectOk(check(multi(single()), 'LocalSubnet', '10.1.1.0/24,10.1.2.0/24'));
    expectOk(check(setField(single(), 'IkeConfig.IkeVersion', 'ikev2'), 'LocalSubnet', '192.168.1.0/24,192.168.2.0/24'));
  });
  it('accepts 0.0.0.0/0 on both sides (destination routing)', () => {
    expectOk(validate(setField(setField(single(), 'LocalSubnet', '0.0.0.0/0'), 'RemoteSubnet', '0.0.0.0/0'), normalGateway));
  });
  it.each([
    ['10.1.1.0', 'malformed'],
    ['10.1.1.0/33', 'malformed'],
    ['256.1.1.0/24', 'malformed'],
    ['10.1/16', 'malformed'],
    ['fd00::/8', 'malformed'],
    ['10.1.1.1/24', 'hostBits'],
    ['10.1.1.0/24;10.1.2.0/24', 'malformed'],
    [' , ', 'empty'],
    ['0.0.0.0/0,10.1.1.0/24', 'anyNotAlone'],
  ])('refuses LocalSubnet %j (%s)', (value, reason) => {
    const c = setField(single(), 'IkeConfig.IkeVersion', 'ikev2');
    expectIssue(check(c, 'LocalSubnet', value), 'LocalSubnet', 'IllegalParam.LocalSubnet', reason);
  });
  it('checks the list as the service stores it: spaces, empty items and repeats are normalised away, not refused', () => {
    const c = setField(single(), 'IkeConfig.IkeVersion', 'ikev2');
    for (const value of ['10.1.1.0/24,', '10.1.1.0/24,10.1.1.0/24', ' 10.1.1.0/24 , 10.1.2.0/24 ', '10.1.1.0/24,,10.1.2.0/24']) expectOk(check(c, 'LocalSubnet', value));
  });
  it('uses the RemoteSubnet code for the remote side', () => {
    expectIssue(check(single(), 'RemoteSubnet', '10.2.1.0/40'), 'RemoteSubnet', 'IllegalParam.RemoteSubnet', 'malformed');
    expectIssue(check(single(), 'RemoteSubnet', ''), 'RemoteSubnet', 'IllegalParam.RemoteSubnet', 'empty');
  });
  it('refuses 0.0.0.0/0 on one side only', () => {
    expectIssue(check(single(), 'LocalSubnet', '0.0.0.0/0'), 'RemoteSubnet', 'Rule.Subnet.RoutingModeMismatch');
    expectIssue(check(single(), 'RemoteSubnet', '0.0.0.0/0'), 'RemoteSubnet', 'Rule.Subnet.RoutingModeMismatch');
  });
});

describe('IKEv1 with several subnets (ModifyIkeV1WithMultiRoutes.Invalid)', () => {
  it('refuses the document example subnets with ikev1 and accepts them with ikev2', () => {
    const c = setField(single(), 'LocalSubnet', '10.1.1.0/24,10.1.2.0/24');
    expectIssue(validate(c, normalGateway), 'IkeConfig.IkeVersion', 'ModifyIkeV1WithMultiRoutes.Invalid');
    expectOk(validate(setField(c, 'IkeConfig.IkeVersion', 'ikev2'), normalGateway));
  });
  it('checks each tunnel of a dual-tunnel connection', () => {
    const issues = check(dual(), 'TunnelOptionsSpecification.2.TunnelIkeConfig.IkeVersion', 'ikev1');
    expectIssue(issues, 'TunnelOptionsSpecification.2.TunnelIkeConfig.IkeVersion', 'ModifyIkeV1WithMultiRoutes.Invalid');
    expect(issues).toHaveLength(1);
  });
});

describe('PSK (1–100 characters from the documented set)', () => {
  const path = 'IkeConfig.Psk';
  it.each(['pgw6dy7d1i8i****', '123456****', 'a', 'x'.repeat(100), "~!`@#$%^&*()_-+={}[]|;:',.<>/?", 'Abc123'])('accepts %j', (psk) =>
    expectOk(check(single(), path, psk)),
  );
  it.each(['', 'x'.repeat(101)])('refuses length of %j', (psk) => expectIssue(check(single(), path, psk), path, 'Rule.Psk.Length'));
  it.each(['has space', 'quote"', 'back\\slash', '密钥', 'tab\t'])('refuses characters in %j', (psk) => expectIssue(check(single(), path, psk), path, 'Rule.Psk.Charset'));
  it('names a space and an invisible character in words every font can show', () => {
    const words = (psk: string, lang: 'en' | 'zh-CN') => validate(setField(single(), path, psk), normalGateway).map((i) => formatIssue(i, lang)).join(' ');
    expect(words('has space', 'en')).toBe('The pre-shared key must not contain spaces.');
    expect(words('has space', 'zh-CN')).toBe('预共享密钥不能包含空格。');
    expect(words('tab\t', 'en')).toContain('(U+0009)');
    expect(words('nbsp\u00a0x', 'zh-CN')).toContain('U+00A0');
    for (const lang of ['en', 'zh-CN'] as const) expect(words('has space', lang) + words('tab\t', lang)).not.toMatch(/[\u2400-\u243f\u25a1]/);
    expect(words('quote"', 'en')).toContain('"""');
  });
  it('applies to tunnel PSKs', () => {
    const p = 'TunnelOptionsSpecification.1.TunnelIkeConfig.Psk';
    expectIssue(check(dual(), p, ''), p, 'Rule.Psk.Length');
  });
});

describe('enumerations per gateway type', () => {
  const cases: [string, string[], string[]][] = [
    ['IkeConfig.IkeVersion', ['ikev1', 'ikev2'], ['ikev3', 'IKEV1', '']],
    ['IkeConfig.IkeMode', ['main', 'aggressive'], ['quick']],
    ['IkeConfig.IkeEncAlg', ['aes', 'aes192', 'aes256', 'des', '3des'], ['sm4', 'aes128']],
    ['IkeConfig.IkeAuthAlg', ['md5', 'sha1', 'sha256', 'sha384', 'sha512'], ['sm3', 'sha224']],
    ['IkeConfig.IkePfs', ['group1', 'group2', 'group5', 'group14'], ['disabled', 'group15']],
    ['IpsecConfig.IpsecEncAlg', ['aes', 'aes192', 'aes256', 'des', '3des'], ['sm4']],
  ];
  it.each(cases)('%s on a normal gateway', (path, good, bad) => {
    for (const v of good) expectOk(check(single(), path, v));
    for (const v of bad) expectIssue(check(single(), path, v), path, 'Rule.Enum.NotAllowed');
  });
  it('IpsecPfs uses the API code NotSupportVpnConnectionParameter.IpsecPfs', () => {
    for (const v of ['disabled', 'group1', 'group2', 'group5', 'group14']) expectOk(check(single(), 'IpsecConfig.IpsecPfs', v));
    expectIssue(check(single(), 'IpsecConfig.IpsecPfs', 'group24'), 'IpsecConfig.IpsecPfs', 'NotSupportVpnConnectionParameter.IpsecPfs');
  });
  it('IpsecAuthAlg uses the API code NotSupportVpnConnectionParameter.IpsecAuthAlg', () => {
    expectOk(check(single(), 'IpsecConfig.IpsecAuthAlg', 'sha512'));
    expectIssue(check(single(), 'IpsecConfig.IpsecAuthAlg', 'sm3'), 'IpsecConfig.IpsecAuthAlg', 'NotSupportVpnConnectionParameter.IpsecAuthAlg');
  });
  it('an SM gateway allows only ikev1, main, sm4 and sm3', () => {
    expectOk(validate(smSingle(), smGateway));
    const bad: [string, string][] = [
      ['IkeConfig.IkeVersion', 'ikev2'],
      ['IkeConfig.IkeMode', 'aggressive'],
      ['IkeConfig.IkeEncAlg', 'aes'],
      ['IkeConfig.IkeAuthAlg', 'sha1'],
      ['IpsecConfig.IpsecEncAlg', 'aes'],
    ];
    for (const [path, v] of bad) expectIssue(check(smSingle(), path, v, smGateway), path, 'Rule.Enum.NotAllowed');
    expectIssue(check(smSingle(), 'IpsecConfig.IpsecAuthAlg', 'sha1', smGateway), 'IpsecConfig.IpsecAuthAlg', 'NotSupportVpnConnectionParameter.IpsecAuthAlg');
  });
  it('checks tunnel enumerations', () => {
    const p = 'TunnelOptionsSpecification.2.TunnelIpsecConfig.IpsecEncAlg';
    expectIssue(check(dual(), p, 'sm4'), p, 'Rule.Enum.NotAllowed');
  });
});

describe('lifetimes 0–86400 seconds', () => {
  for (const path of ['IkeConfig.IkeLifetime', 'IpsecConfig.IpsecLifetime']) {
    it(`${path} accepts 0, 86400 and the example`, () => {
      for (const v of [0, 1, 86400]) expectOk(check(single(), path, v));
    });
    it(`${path} refuses -1, 86401, fractions and NaN`, () => {
      for (const v of [-1, 86401, 3.5, Number.NaN]) expectIssue(check(single(), path, v), path, 'Rule.Lifetime.Range');
    });
  }
  it('applies to tunnels', () => {
    const p = 'TunnelOptionsSpecification.1.TunnelIpsecConfig.IpsecLifetime';
    expectIssue(check(dual(), p, 86401), p, 'Rule.Lifetime.Range');
  });
});

describe('LocalId / RemoteId (≤100 characters)', () => {
  it.each(['116.64.XX.XX', '139.18.XX.XX', 'vpn.example.com', '', 'x'.repeat(100), 'CN=test,OU=test,O=test,C=CHN'])('accepts %j', (v) => {
    expectOk(check(single(), 'IkeConfig.LocalId', v));
    expectOk(check(single(), 'IkeConfig.RemoteId', v));
  });
  it('refuses 101 characters and spaces', () => {
    expectIssue(check(single(), 'IkeConfig.LocalId', 'x'.repeat(101)), 'IkeConfig.LocalId', 'Rule.IkeId.Length');
    expectIssue(check(single(), 'IkeConfig.RemoteId', 'a b'), 'IkeConfig.RemoteId', 'Rule.IkeId.Whitespace');
  });
});

describe('health check', () => {
  it('accepts the document example and a disabled check without addresses', () => {
    expectOk(validate(single(), normalGateway));
    const off = setField(setField(setField(single(), 'HealthCheckConfig.enable', false), 'HealthCheckConfig.dip', ''), 'HealthCheckConfig.sip', '');
    expectOk(validate(off, normalGateway));
  });
  it('requires IPv4 addresses and positive interval / retry when enabled', () => {
    expectIssue(check(single(), 'HealthCheckConfig.dip', ''), 'HealthCheckConfig.dip', 'Rule.HealthCheck.Required');
    expectIssue(check(single(), 'HealthCheckConfig.sip', '10.1.1'), 'HealthCheckConfig.sip', 'Rule.HealthCheck.Ip');
    expectIssue(check(single(), 'HealthCheckConfig.interval', 0), 'HealthCheckConfig.interval', 'Rule.HealthCheck.PositiveInt');
    expectIssue(check(single(), 'HealthCheckConfig.retry', 1.5), 'HealthCheckConfig.retry', 'Rule.HealthCheck.PositiveInt');
  });
});

describe('LocalAsn (1–4294967295, or high.low)', () => {
  it.each(['65530', '1', '4294967295', '45104', '123.456', '0.1', '65535.65535'])('accepts %j', (asn) => {
    expectOk(check(single(), 'BgpConfig.LocalAsn', asn));
    expectOk(check(dual(), 'TunnelOptionsSpecification.1.TunnelBgpConfig.LocalAsn', asn));
  });
  it.each(['0', '4294967296', '-1', 'AS65530', '65536.1', '1.65536', '0.0', '1.2.3', '65530.5x'])('refuses %j', (asn) => {
    expectIssue(check(single(), 'BgpConfig.LocalAsn', asn), 'BgpConfig.LocalAsn', 'IllegalParam.LocalAsn');
  });
});

describe('TunnelCidr (a /30 inside 169.254.0.0/16, not reserved, unique on the gateway)', () => {
  const path = 'BgpConfig.TunnelCidr';
  const withCidr = (cidr: string, ip: string) => setField(setField(single(), path, cidr), 'BgpConfig.LocalBgpIp', ip);
  it.each([
    ['169.254.11.0/30', '169.254.11.1'],
    ['169.254.10.0/30', '169.254.10.1'],
    ['169.254.6.4/30', '169.254.6.5'],
    ['169.254.255.248/30', '169.254.255.250'],
  ])('accepts %s', (cidr, ip) => expectOk(validate(withCidr(cidr, ip), normalGateway)));
  it.each([
    ['169.254.11.0', 'InvalidTunnelCidr.Malformed', undefined],
    ['169.254.11.0/300', 'InvalidTunnelCidr.Malformed', undefined],
    ['169.254.11.0/29', 'IllegalParam.TunnelCidr', 'prefix'],
    ['169.254.11.0/24', 'IllegalParam.TunnelCidr', 'prefix'],
    ['169.254.11.1/30', 'IllegalParam.TunnelCidr', 'hostBits'],
    ['10.0.0.0/30', 'IllegalParam.TunnelCidr', 'outside'],
    ['169.254.0.0/30', 'IllegalParam.TunnelCidr', 'reserved'],
    ['169.254.6.0/30', 'IllegalParam.TunnelCidr', 'reserved'],
    ['169.254.169.252/30', 'IllegalParam.TunnelCidr', 'reserved'],
  ])('refuses %s with %s', (cidr, code, reason) => expectIssue(validate(withCidr(cidr, '169.254.11.1'), normalGateway), path, code, reason));
  it('requires a TunnelCidr when BGP is enabled (MissingParameter.TunnelCidr)', () => {
    expectIssue(check(single(), path, ''), path, 'MissingParameter.TunnelCidr');
    const off = setField(setField(setField(single(), 'BgpConfig.EnableBgp', false), path, ''), 'BgpConfig.LocalBgpIp', '');
    expectOk(validate(off, normalGateway));
    const p = 'TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr';
    expectIssue(check(dual(), p, ''), p, 'MissingParameter.TunnelCidr');
  });
  it('must be unique across the gateway, including the sibling tunnel', () => {
    const other = { ...single(), VpnConnectionId: 'vco-other', CustomerGatewayId: 'cgw-other' };
    const ctx: GatewayContext = { VpnType: 'Normal', otherConnections: [other] };
    expectIssue(validate(single(), ctx), path, 'IllegalParam.TunnelCidr', 'duplicate');
    // Another gateway's connection may reuse it.
    expectOk(validate(single(), { VpnType: 'Normal', otherConnections: [{ ...other, VpnGatewayId: 'vpn-elsewhere' }] }));
    // The connection itself in the list is not a clash.
    expectOk(validate(single(), { VpnType: 'Normal', otherConnections: [single()] }));
    const d = setField(setField(dual(), 'TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr', '169.254.11.0/30'), 'TunnelOptionsSpecification.2.TunnelBgpConfig.LocalBgpIp', '169.254.11.2');
    expectIssue(validate(d, normalGateway), 'TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr', 'IllegalParam.TunnelCidr', 'pair');
  });
});

describe('LocalBgpIp (inside its TunnelCidr)', () => {
  const path = 'BgpConfig.LocalBgpIp';
  it.each(['169.254.11.1', '169.254.11.2'])('accepts %s in 169.254.11.0/30', (ip) => expectOk(check(single(), path, ip)));
  it.each([
    ['169.254.11', 'InvalidLocalBgpIp.Malformed', undefined],
    ['abc', 'InvalidLocalBgpIp.Malformed', undefined],
    ['169.254.12.1', 'IllegalParam.LocalBgpIp', 'outside'],
    ['169.254.11.0', 'IllegalParam.LocalBgpIp', 'notHost'],
    ['169.254.11.3', 'IllegalParam.LocalBgpIp', 'notHost'],
    ['', 'IllegalParam.LocalBgpIp', 'required'],
  ])('refuses %j', (ip, code, reason) => expectIssue(check(single(), path, ip), path, code, reason));
  it('accepts the tunnel example 169.254.10.1 in 169.254.10.0/30', () => {
    const d = setField(setField(dual(), 'TunnelOptionsSpecification.1.TunnelBgpConfig.TunnelCidr', '169.254.10.0/30'), 'TunnelOptionsSpecification.1.TunnelBgpConfig.LocalBgpIp', '169.254.10.1');
    expectOk(validate(d, normalGateway));
  });
});

describe('tunnel structure (TunnelId, Role)', () => {
  it('refuses wrong roles and missing or duplicate tunnel ids', () => {
    expectIssue(check(dual(), 'TunnelOptionsSpecification.1.Role', 'slave'), 'TunnelOptionsSpecification.1.Role', 'IllegalParam.Role');
    expectIssue(check(dual(), 'TunnelOptionsSpecification.2.Role', 'backup'), 'TunnelOptionsSpecification.2.Role', 'IllegalParam.Role');
    expectIssue(check(dual(), 'TunnelOptionsSpecification.1.TunnelId', ''), 'TunnelOptionsSpecification.1.TunnelId', 'IllegalParam.TunnelId', 'empty');
    const d = dual();
    expectIssue(check(d, 'TunnelOptionsSpecification.2.TunnelId', d.tunnels[0].TunnelId), 'TunnelOptionsSpecification.2.TunnelId', 'IllegalParam.TunnelId', 'duplicate');
  });
});

describe('same VPN gateway and customer gateway', () => {
  const sibling = () => ({
    ...single(),
    VpnConnectionId: 'vco-sibling',
    LocalSubnet: '10.5.0.0/16',
    RemoteSubnet: '10.6.0.0/16',
    BgpConfig: { EnableBgp: false, LocalAsn: '', TunnelCidr: '', LocalBgpIp: '' },
  });
  it('accepts a sibling with identical IKE settings and disjoint selectors', () => {
    expectOk(validate(single(), { VpnType: 'Normal', otherConnections: [sibling()] }));
  });
  it('refuses a different PSK or IKE setting', () => {
    const ctx = { VpnType: 'Normal' as const, otherConnections: [sibling()] };
    expectIssue(check(single(), 'IkeConfig.Psk', 'different1', ctx), 'IkeConfig.Psk', 'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs');
    expectIssue(check(single(), 'IkeConfig.IkeEncAlg', 'aes256', ctx), 'IkeConfig.IkeEncAlg', 'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs');
    // A different customer gateway may use other settings.
    expectOk(check(single(), 'IkeConfig.Psk', 'different1', { VpnType: 'Normal', otherConnections: [{ ...sibling(), CustomerGatewayId: 'cgw-x' }] }));
  });
  it('refuses overlapping traffic selectors (both sides overlap)', () => {
    const ctx = { VpnType: 'Normal' as const, otherConnections: [{ ...sibling(), LocalSubnet: '10.1.0.0/16', RemoteSubnet: '10.2.1.128/25' }] };
    expectIssue(validate(single(), ctx), 'LocalSubnet', 'VpnConnectionParamInvalid.SameVpnAndCgwTrafficSelectorOverlap');
    const onlyLocal = { VpnType: 'Normal' as const, otherConnections: [{ ...sibling(), LocalSubnet: '10.1.0.0/16' }] };
    expectOk(validate(single(), onlyLocal));
  });
  it('compares a dual-tunnel connection per tunnel customer gateway', () => {
    const d = dual();
    const other = { ...sibling(), CustomerGatewayId: d.tunnels[0].CustomerGatewayId ?? '', IkeConfig: { ...d.tunnels[0].TunnelIkeConfig } };
    expectOk(validate(d, { VpnType: 'Normal', otherConnections: [other] }));
    const issues = validate(d, { VpnType: 'Normal', otherConnections: [{ ...other, IkeConfig: { ...other.IkeConfig, IkePfs: 'group14' } }] });
    expectIssue(issues, 'TunnelOptionsSpecification.1.TunnelIkeConfig.IkePfs', 'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs');
  });
});

describe('RemoteCaCertificate (SM gateways only, PEM)', () => {
  it('accepts PEM on an SM gateway, single- and multi-line', () => {
    expectOk(validate(smSingle(), smGateway));
    expectOk(check(smSingle(), 'RemoteCaCertificate', PEM_MULTILINE, smGateway));
  });
  it('refuses a certificate on a normal gateway', () => {
    expectIssue(check(single(), 'RemoteCaCertificate', PEM), 'RemoteCaCertificate', 'Rule.RemoteCaCertificate.NotSupported');
    const p = 'TunnelOptionsSpecification.1.RemoteCaCertificate';
    expectIssue(check(dual(), p, PEM), p, 'Rule.RemoteCaCertificate.NotSupported');
  });
  it.each([
    'MIIB7zCCAZW',
    '-----BEGIN CERTIFICATE----- MIIB7zCCAZW**** -----END CERTIFICATE-----',
    '-----BEGIN CERTIFICATE----- -----END CERTIFICATE-----',
    '-----BEGIN PRIVATE KEY----- MIIB7zCCAZW -----END PRIVATE KEY-----',
  ])('refuses non-PEM %j', (v) => expectIssue(check(smSingle(), 'RemoteCaCertificate', v, smGateway), 'RemoteCaCertificate', 'Rule.RemoteCaCertificate.Pem'));
});

describe('single-tunnel-only and dual-tunnel-only parameters in a draft', () => {
  it('flags single-tunnel parameters on a dual-tunnel draft and the reverse', () => {
    const d = { ...dual(), IkeConfig: single().IkeConfig };
    expectIssue(validate(d, normalGateway), 'IkeConfig', 'Rule.Param.SingleTunnelOnly');
    const s = { ...single(), EnableTunnelsBgp: true };
    expectIssue(validate(s, normalGateway), 'EnableTunnelsBgp', 'Rule.Param.DualTunnelOnly');
  });
});

describe('robustness', () => {
  it.each([null, undefined, 42, 'x', [], {}, { mode: 'single' }, { mode: 'dual', tunnels: [] }])('reports a shape issue for %j instead of throwing', (value) => {
    const issues = validate(value, normalGateway);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.code === 'Rule.Shape.Invalid')).toBe(true);
  });
  it('names the field with the wrong type', () => {
    expectIssue(validate(setField(single(), 'IkeConfig.IkeLifetime', '86400'), normalGateway), 'IkeConfig.IkeLifetime', 'Rule.Shape.Invalid');
    expectIssue(validate(setField(dual(), 'TunnelOptionsSpecification.2.EnableDpd', 'true'), normalGateway), 'TunnelOptionsSpecification.2.EnableDpd', 'Rule.Shape.Invalid');
  });
  it('tolerates a malformed context', () => {
    expectOk(validate(single(), { VpnType: 'bogus', otherConnections: [null, 3, {}] }));
    expectOk(validate(single(), undefined));
  });
});
