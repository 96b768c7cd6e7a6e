// Exact issues (path, code and params) of core/rules, for the cases the mutation run showed were never pinned:
// trimmed inputs, boundaries, the mirror and remote-side cases, and the params the UI words its messages from.
import { describe, expect, it } from 'vitest';
import { changedFields, setField, type DualTunnelConnection, type GatewayContext, type SingleTunnelConnection, type VpnConnection } from '../../core/index.ts';
import { advise } from '../../core/rules/advise.ts';
import { bgpRules, localAsnRules, localBgpIpRules, RESERVED_TUNNEL_CIDRS, tunnelCidrRules } from '../../core/rules/bgp.ts';
import { isPemCertificate, remoteCaCertificateRules } from '../../core/rules/certificate.ts';
import { changeRules, introducesIkeV1MultiSubnet } from '../../core/rules/change-rules.ts';
import { generalRules, ikeV1MultiSubnetRules, isDestinationRouting, nameRules, routingModeRules, subnetListRules } from '../../core/rules/general.ts';
import { healthCheckRules } from '../../core/rules/health-check.ts';
import { enumRule, ikeConfigRules, ikeIdRules, ipsecConfigRules, lifetimeRule, pskRules } from '../../core/rules/ike-ipsec.ts';
import { issue } from '../../core/rules/issue.ts';
import { draftReadiness, type ReadinessInput } from '../../core/rules/readiness.ts';
import { sameCustomerGatewayRules } from '../../core/rules/same-customer-gateway.ts';
import { issueFields, partitionIssues } from '../../core/rules/scope.ts';
import { tunnelStructureRules } from '../../core/rules/tunnels.ts';
import { validate } from '../../core/rules/validate.ts';
import { dual, normalGateway, PEM, single, smGateway } from './fixtures.ts';

const T1 = 'TunnelOptionsSpecification.1';
const T2 = 'TunnelOptionsSpecification.2';
const ctxWith = (otherConnections: VpnConnection[], extra: Partial<GatewayContext> = {}): GatewayContext => ({ VpnType: 'Normal', otherConnections, ...extra });

describe('issue()', () => {
  it('defaults its params to an empty object', () => {
    expect(issue('p', 'c')).toEqual({ path: 'p', code: 'c', params: {} });
    expect(issue('p', 'c', { a: 1 })).toEqual({ path: 'p', code: 'c', params: { a: 1 } });
  });
});

describe('bgp: TunnelCidr shape', () => {
  it.each([
    ['169.254.11.0', 'InvalidTunnelCidr.Malformed', {}],
    ['169.254.11.0/29', 'IllegalParam.TunnelCidr', { reason: 'prefix' }],
    ['169.254.11.0/31', 'IllegalParam.TunnelCidr', { reason: 'prefix' }],
    ['169.254.11.2/30', 'IllegalParam.TunnelCidr', { reason: 'hostBits' }],
    ['169.253.255.252/30', 'IllegalParam.TunnelCidr', { reason: 'outside' }],
    ['169.255.0.0/30', 'IllegalParam.TunnelCidr', { reason: 'outside' }],
    ['169.254.0.0/30', 'IllegalParam.TunnelCidr', { reason: 'reserved' }],
    ['169.254.3.0/30', 'IllegalParam.TunnelCidr', { reason: 'reserved' }],
    ['169.254.6.0/30', 'IllegalParam.TunnelCidr', { reason: 'reserved' }],
    ['169.254.169.252/30', 'IllegalParam.TunnelCidr', { reason: 'reserved' }],
  ])('%s → %s %j', (value, code, params) => {
    expect(tunnelCidrRules('P', value)).toEqual([{ path: 'P', code, params: { ...params, value } }]);
  });
  it.each(['169.254.0.252/30', '169.254.6.4/30', '169.254.7.0/30', '169.254.169.248/30', '169.254.255.252/30', '169.254.0.4/30'])('accepts %s', (value) => {
    expect(tunnelCidrRules('P', value)).toEqual([]);
  });
  it('lists the reserved networks', () => {
    expect(RESERVED_TUNNEL_CIDRS).toEqual([
      '169.254.0.0/30',
      '169.254.1.0/30',
      '169.254.2.0/30',
      '169.254.3.0/30',
      '169.254.4.0/30',
      '169.254.5.0/30',
      '169.254.6.0/30',
      '169.254.169.252/30',
    ]);
  });
});

describe('bgp: LocalBgpIp and LocalAsn', () => {
  const cidr = '169.254.11.0/30';
  it('accepts the two hosts, written with spaces around them', () => {
    expect(localBgpIpRules('P', ' 169.254.11.1 ', cidr)).toEqual([]);
    expect(localBgpIpRules('P', '169.254.11.2', cidr)).toEqual([]);
  });
  it('reports each fault with the value as written and the tunnel network', () => {
    expect(localBgpIpRules('P', '169.254.11', cidr)).toEqual([issue('P', 'InvalidLocalBgpIp.Malformed', { value: '169.254.11' })]);
    expect(localBgpIpRules('P', '169.254.12.1', cidr)).toEqual([issue('P', 'IllegalParam.LocalBgpIp', { reason: 'outside', value: '169.254.12.1', tunnelCidr: cidr })]);
    expect(localBgpIpRules('P', '169.254.10.255', cidr)).toEqual([issue('P', 'IllegalParam.LocalBgpIp', { reason: 'outside', value: '169.254.10.255', tunnelCidr: cidr })]);
    expect(localBgpIpRules('P', '169.254.11.4', cidr)).toEqual([issue('P', 'IllegalParam.LocalBgpIp', { reason: 'outside', value: '169.254.11.4', tunnelCidr: cidr })]);
    expect(localBgpIpRules('P', '169.254.11.0', cidr)).toEqual([issue('P', 'IllegalParam.LocalBgpIp', { reason: 'notHost', value: '169.254.11.0', tunnelCidr: cidr })]);
    expect(localBgpIpRules('P', '169.254.11.3', cidr)).toEqual([issue('P', 'IllegalParam.LocalBgpIp', { reason: 'notHost', value: '169.254.11.3', tunnelCidr: cidr })]);
  });
  it('leaves a malformed TunnelCidr to its own rule', () => expect(localBgpIpRules('P', '169.254.11.1', 'nope')).toEqual([]));
  it('LocalAsn names the range', () => {
    expect(localAsnRules('P', '1e5')).toEqual([issue('P', 'IllegalParam.LocalAsn', { value: '1e5', min: 1, max: 4294967295 })]);
    expect(localAsnRules('P', '65000')).toEqual([]);
  });
  it.each(['1e5', '0x10', '+65000', '4294967296', '0', '65000.'])('validate refuses LocalAsn %j on its path', (asn) => {
    for (const [c, path] of [
      [single(), 'BgpConfig.LocalAsn'],
      [dual(), `${T2}.TunnelBgpConfig.LocalAsn`],
    ] as const) {
      expect(validate(setField(c, path, asn), normalGateway)).toEqual([issue(path, 'IllegalParam.LocalAsn', { value: asn, min: 1, max: 4294967295 })]);
    }
  });
  it('validate accepts a LocalAsn written with spaces, and an empty one (the service default)', () => {
    expect(validate(setField(single(), 'BgpConfig.LocalAsn', ' 65000 '), normalGateway)).toEqual([]);
    expect(validate(setField(single(), 'BgpConfig.LocalAsn', ''), normalGateway)).toEqual([]);
    expect(validate(setField(single(), 'BgpConfig.LocalAsn', '   '), normalGateway)).toEqual([]);
  });
});

describe('bgp: blocks', () => {
  const bgp = (c: VpnConnection, ctx: GatewayContext = normalGateway) => bgpRules(c, ctx);
  it('a blank TunnelCidr or LocalBgpIp is missing, not malformed, once BGP is on', () => {
    const c = setField(setField(single(), 'BgpConfig.TunnelCidr', '  '), 'BgpConfig.LocalBgpIp', ' ');
    expect(bgp(c)).toEqual([issue('BgpConfig.TunnelCidr', 'MissingParameter.TunnelCidr'), issue('BgpConfig.LocalBgpIp', 'IllegalParam.LocalBgpIp', { reason: 'required' })]);
    expect(bgp(setField(c, 'BgpConfig.EnableBgp', false))).toEqual([]);
  });
  it('a written TunnelCidr and LocalBgpIp are checked with BGP off, the TunnelCidr trimmed', () => {
    const off = setField(single(), 'BgpConfig.EnableBgp', false);
    expect(bgp(setField(off, 'BgpConfig.TunnelCidr', ' 169.254.11.0/30 '))).toEqual([]);
    expect(bgp(setField(off, 'BgpConfig.TunnelCidr', '169.254.11.0/29'))).toEqual([issue('BgpConfig.TunnelCidr', 'IllegalParam.TunnelCidr', { reason: 'prefix', value: '169.254.11.0/29' })]);
    expect(bgp(setField(off, 'BgpConfig.LocalBgpIp', '169.254.11.9'))).toEqual([
      issue('BgpConfig.LocalBgpIp', 'IllegalParam.LocalBgpIp', { reason: 'outside', value: '169.254.11.9', tunnelCidr: '169.254.11.0/30' }),
    ]);
    expect(bgp(setField(off, 'BgpConfig.LocalAsn', 'x'))).toEqual([issue('BgpConfig.LocalAsn', 'IllegalParam.LocalAsn', { value: 'x', min: 1, max: 4294967295 })]);
  });
  it('tunnel blocks carry their tunnel in the path and follow EnableTunnelsBgp', () => {
    const d = setField(setField(dual(), `${T2}.TunnelBgpConfig.TunnelCidr`, ''), `${T2}.TunnelBgpConfig.LocalBgpIp`, '');
    expect(bgp(d)).toEqual([
      issue(`${T2}.TunnelBgpConfig.TunnelCidr`, 'MissingParameter.TunnelCidr'),
      issue(`${T2}.TunnelBgpConfig.LocalBgpIp`, 'IllegalParam.LocalBgpIp', { reason: 'required' }),
    ]);
    expect(bgp({ ...d, EnableTunnelsBgp: false })).toEqual([]);
    expect(bgp(setField(dual(), `${T1}.TunnelBgpConfig.LocalAsn`, '0'))).toEqual([
      issue(`${T1}.TunnelBgpConfig.LocalAsn`, 'IllegalParam.LocalAsn', { value: '0', min: 1, max: 4294967295 }),
    ]);
  });
});

describe('bgp: TunnelCidr unique on the gateway', () => {
  const other = (patch: Partial<SingleTunnelConnection> = {}): SingleTunnelConnection => ({ ...single(), VpnConnectionId: 'vco-other', CustomerGatewayId: 'cgw-other', ...patch });
  it('names the connection that uses it, with the value as written', () => {
    expect(bgpRules(single(), ctxWith([other()]))).toEqual([
      issue('BgpConfig.TunnelCidr', 'IllegalParam.TunnelCidr', { reason: 'duplicate', value: '169.254.11.0/30', other: 'vco-other' }),
    ]);
    const spaced = setField(single(), 'BgpConfig.TunnelCidr', ' 169.254.11.0/30');
    expect(bgpRules(spaced, ctxWith([other()]))).toEqual([
      issue('BgpConfig.TunnelCidr', 'IllegalParam.TunnelCidr', { reason: 'duplicate', value: ' 169.254.11.0/30', other: 'vco-other' }),
    ]);
  });
  it('a clash with a dual-tunnel connection names it, for either of its tunnels', () => {
    const d = { ...dual(), VpnConnectionId: 'vco-d' };
    const c = setField(setField(single(), 'BgpConfig.TunnelCidr', '169.254.12.0/30'), 'BgpConfig.LocalBgpIp', '169.254.12.1');
    expect(bgpRules(c, ctxWith([d]))).toEqual([issue('BgpConfig.TunnelCidr', 'IllegalParam.TunnelCidr', { reason: 'duplicate', value: '169.254.12.0/30', other: 'vco-d' })]);
  });
  it('ignores the connection itself, other gateways, other networks and malformed ones', () => {
    expect(bgpRules(single(), ctxWith([single()]))).toEqual([]);
    expect(bgpRules(single(), ctxWith([other({ VpnGatewayId: 'vpn-else' })]))).toEqual([]);
    const elsewhere = setField(other(), 'BgpConfig.TunnelCidr', '169.254.11.4/30');
    expect(bgpRules(single(), ctxWith([elsewhere]))).toEqual([]);
    expect(bgpRules(single(), ctxWith([setField(other(), 'BgpConfig.TunnelCidr', 'bad')]))).toEqual([]);
  });
  it('does not compare a TunnelCidr that is not a /30 (its prefix is the fault)', () => {
    const wide = setField(setField(single(), 'BgpConfig.TunnelCidr', '169.254.11.0/29'), 'BgpConfig.LocalBgpIp', '169.254.11.1');
    expect(bgpRules(wide, ctxWith([other()]))).toEqual([issue('BgpConfig.TunnelCidr', 'IllegalParam.TunnelCidr', { reason: 'prefix', value: '169.254.11.0/29' })]);
  });
  it('a pair names the first tunnel, and reports on the second only', () => {
    const d = setField(setField(dual(), `${T2}.TunnelBgpConfig.TunnelCidr`, '169.254.11.0/30'), `${T2}.TunnelBgpConfig.LocalBgpIp`, '169.254.11.2');
    expect(bgpRules(d, normalGateway)).toEqual([issue(`${T2}.TunnelBgpConfig.TunnelCidr`, 'IllegalParam.TunnelCidr', { reason: 'pair', value: '169.254.11.0/30', other: T1 })]);
  });
});

describe('bgp: the customer gateway needs an ASN (MissingParam.CustomerGatewayAsn)', () => {
  const cgw = 'cgw-p0w2jemrcj5u61un8****';
  it.each(['', '0', ' 0 ', '  '])('refuses BGP towards a customer gateway whose ASN is %j', (asn) => {
    expect(bgpRules(single(), ctxWith([], { customerGatewayAsns: { [cgw]: asn } }))).toEqual([
      issue('BgpConfig.EnableBgp', 'MissingParam.CustomerGatewayAsn', { customerGatewayId: cgw }),
    ]);
  });
  it('accepts a written ASN, an unknown customer gateway, no ASN list, and BGP off', () => {
    expect(bgpRules(single(), ctxWith([], { customerGatewayAsns: { [cgw]: '65000' } }))).toEqual([]);
    expect(bgpRules(single(), ctxWith([], { customerGatewayAsns: { 'cgw-else': '' } }))).toEqual([]);
    expect(bgpRules(single(), ctxWith([]))).toEqual([]);
    expect(bgpRules(setField(single(), 'BgpConfig.EnableBgp', false), ctxWith([], { customerGatewayAsns: { [cgw]: '' } }))).toEqual([]);
  });
  it('reads only the list’s own entries (an inherited name is no customer gateway)', () => {
    const c = { ...single(), CustomerGatewayId: 'toString' };
    expect(bgpRules(c, ctxWith([], { customerGatewayAsns: {} }))).toEqual([]);
    const noCgw = { ...single() };
    delete noCgw.CustomerGatewayId;
    expect(bgpRules(noCgw, ctxWith([], { customerGatewayAsns: { '': '' } }))).toEqual([]);
  });
  it('an entry without a value counts as no ASN', () => {
    expect(bgpRules(single(), ctxWith([], { customerGatewayAsns: { [cgw]: undefined as unknown as string } }))).toEqual([
      issue('BgpConfig.EnableBgp', 'MissingParam.CustomerGatewayAsn', { customerGatewayId: cgw }),
    ]);
  });
  it('checks each tunnel’s own customer gateway, reported on EnableTunnelsBgp', () => {
    const d = dual();
    const asns = { 'cgw-p0wy363lucf1uyae1': '65001', 'cgw-p0wy363lucf1uyae2': '' };
    expect(bgpRules(d, ctxWith([], { customerGatewayAsns: asns }))).toEqual([
      issue('EnableTunnelsBgp', 'MissingParam.CustomerGatewayAsn', { customerGatewayId: 'cgw-p0wy363lucf1uyae2' }),
    ]);
    expect(bgpRules({ ...d, EnableTunnelsBgp: false }, ctxWith([], { customerGatewayAsns: asns }))).toEqual([]);
    // A tunnel without its own customer gateway uses the connection's.
    const inherited: DualTunnelConnection = { ...d, CustomerGatewayId: 'cgw-top', tunnels: [{ ...d.tunnels[0], CustomerGatewayId: undefined }, d.tunnels[1]] };
    delete inherited.tunnels[0].CustomerGatewayId;
    expect(bgpRules(inherited, ctxWith([], { customerGatewayAsns: { 'cgw-top': '0' } }))).toEqual([
      issue('EnableTunnelsBgp', 'MissingParam.CustomerGatewayAsn', { customerGatewayId: 'cgw-top' }),
    ]);
  });
  it('validate keeps only the string ASNs of the list', () => {
    expect(validate(single(), { VpnType: 'Normal', otherConnections: [], customerGatewayAsns: { [cgw]: 0 } })).toEqual([]);
    expect(validate(single(), { VpnType: 'Normal', otherConnections: [], customerGatewayAsns: { [cgw]: '' } })).toEqual([
      issue('BgpConfig.EnableBgp', 'MissingParam.CustomerGatewayAsn', { customerGatewayId: cgw }),
    ]);
    expect(validate(single(), { VpnType: 'Normal', otherConnections: [], customerGatewayAsns: null })).toEqual([]);
    expect(validate(single(), { VpnType: 'Normal', otherConnections: [], customerGatewayAsns: 'x' })).toEqual([]);
  });
});

describe('certificate', () => {
  it('recognises PEM with spaces around it, padding, and line breaks', () => {
    expect(isPemCertificate(` \n${PEM}\n `)).toBe(true);
    expect(isPemCertificate('-----BEGIN CERTIFICATE-----\nQUJD\nRA==\n-----END CERTIFICATE-----')).toBe(true);
    expect(isPemCertificate('-----BEGIN CERTIFICATE-----QUJDRA=-----END CERTIFICATE-----')).toBe(true);
  });
  it.each([
    '-----BEGIN CERTIFICATE-----\n \n-----END CERTIFICATE-----',
    '-----BEGIN CERTIFICATE-----QUJD===-----END CERTIFICATE-----',
    '-----BEGIN CERTIFICATE-----QU=JD-----END CERTIFICATE-----',
    '-----BEGIN CERTIFICATE-----=QUJD-----END CERTIFICATE-----',
    `x${PEM}`,
    `${PEM}x`,
  ])('refuses %j', (text) => expect(isPemCertificate(text)).toBe(false));
  it('names the gateway type, and needs PEM only on an SM gateway', () => {
    expect(remoteCaCertificateRules('P', '  ', 'Normal')).toEqual([]);
    expect(remoteCaCertificateRules('P', 'x', 'Normal')).toEqual([issue('P', 'Rule.RemoteCaCertificate.NotSupported', { vpnType: 'Normal' })]);
    expect(remoteCaCertificateRules('P', 'x', 'NationalStandard')).toEqual([issue('P', 'Rule.RemoteCaCertificate.Pem')]);
    expect(remoteCaCertificateRules('P', PEM, 'NationalStandard')).toEqual([]);
  });
});

describe('change rules', () => {
  it('a tunnel ASN changed while tunnel BGP is off is refused on that path only', () => {
    const off = { ...dual(), EnableTunnelsBgp: false };
    const changed = [`${T2}.TunnelBgpConfig.LocalAsn`, `${T1}.TunnelBgpConfig.TunnelCidr`, 'Name'];
    expect(changeRules(off, off, changed, normalGateway)).toEqual([issue(`${T2}.TunnelBgpConfig.LocalAsn`, 'Rule.TunnelBgp.LocalAsnRequiresBgp')]);
    expect(changeRules(dual(), dual(), changed, normalGateway)).toEqual([]);
    expect(changeRules(single(), setField(single(), 'BgpConfig.EnableBgp', false), ['BgpConfig.LocalAsn'], normalGateway)).toEqual([]);
  });
  it('clearing the peer CA certificate is refused on an SM gateway only', () => {
    const cleared = setField(single(), 'RemoteCaCertificate', '  ');
    expect(changeRules(single(), cleared, ['RemoteCaCertificate'], smGateway)).toEqual([issue('RemoteCaCertificate', 'Rule.RemoteCaCertificate.Required')]);
    expect(changeRules(single(), cleared, ['RemoteCaCertificate'], normalGateway)).toEqual([]);
    expect(changeRules(single(), cleared, ['Name'], smGateway)).toEqual([]);
    // Only certificate fields: another field cleared on an SM gateway is not a cleared certificate.
    expect(changeRules(single(), setField(cleared, 'BgpConfig.LocalAsn', ''), ['BgpConfig.LocalAsn'], smGateway)).toEqual([]);
    expect(changeRules(single(), setField(single(), 'RemoteCaCertificate', PEM), ['RemoteCaCertificate'], smGateway)).toEqual([]);
    const d = setField(dual(), `${T2}.RemoteCaCertificate`, '');
    expect(changeRules(dual(), d, [`${T2}.RemoteCaCertificate`], smGateway)).toEqual([issue(`${T2}.RemoteCaCertificate`, 'Rule.RemoteCaCertificate.Required')]);
  });
  it('switching BGP off is refused on a BGP gateway only', () => {
    const bgpGw: GatewayContext = { ...normalGateway, EnableBgp: true };
    const off = setField(single(), 'BgpConfig.EnableBgp', false);
    expect(changeRules(single(), off, ['BgpConfig.EnableBgp'], bgpGw)).toEqual([issue('BgpConfig.EnableBgp', 'IllegalParam.EnableBgp')]);
    expect(changeRules(single(), off, ['BgpConfig.EnableBgp'], normalGateway)).toEqual([]);
    expect(changeRules(single(), off, ['Name'], bgpGw)).toEqual([]);
    expect(changeRules(off, single(), ['BgpConfig.EnableBgp'], bgpGw)).toEqual([]);
    const dOff = { ...dual(), EnableTunnelsBgp: false };
    expect(changeRules(dual(), dOff, ['EnableTunnelsBgp'], bgpGw)).toEqual([issue('EnableTunnelsBgp', 'IllegalParam.EnableBgp')]);
    expect(changeRules(dOff, dual(), ['EnableTunnelsBgp'], bgpGw)).toEqual([]);
    expect(changeRules(dual(), dOff, ['BgpConfig.EnableBgp'], bgpGw)).toEqual([]);
  });
});

describe('introducesIkeV1MultiSubnet', () => {
  const v1 = single();
  const V = 'IkeConfig.IkeVersion';
  it('is false for a change that keeps IKEv1 and the subnet counts', () => {
    expect(introducesIkeV1MultiSubnet(v1, setField(v1, 'Name', 'x'), V)).toBe(false);
    const two = setField(v1, 'RemoteSubnet', '10.2.1.0/24,10.2.2.0/24');
    expect(introducesIkeV1MultiSubnet(two, setField(two, 'RemoteSubnet', '10.2.3.0/24,10.2.4.0/24'), V)).toBe(false);
    expect(introducesIkeV1MultiSubnet(two, setField(two, 'RemoteSubnet', '10.2.3.0/24'), V)).toBe(false);
    // Counted in networks, not characters.
    expect(introducesIkeV1MultiSubnet(v1, setField(v1, 'RemoteSubnet', '10.222.111.0/24'), V)).toBe(false);
  });
  it('is true when the change adds a remote subnet, or a local one', () => {
    expect(introducesIkeV1MultiSubnet(v1, setField(v1, 'RemoteSubnet', '10.2.1.0/24,10.2.2.0/24'), V)).toBe(true);
    expect(introducesIkeV1MultiSubnet(v1, setField(v1, 'LocalSubnet', '10.1.1.0/24,10.1.2.0/24'), V)).toBe(true);
  });
  it('counts the list as stored: an empty list is none, a repeated or blank item adds nothing', () => {
    const empty = setField(v1, 'RemoteSubnet', '');
    expect(introducesIkeV1MultiSubnet(empty, setField(empty, 'RemoteSubnet', '10.2.1.0/24'), V)).toBe(true);
    expect(introducesIkeV1MultiSubnet(v1, setField(v1, 'RemoteSubnet', '10.2.1.0/24, ,10.2.1.0/24'), V)).toBe(false);
    expect(introducesIkeV1MultiSubnet(setField(v1, 'LocalSubnet', ''), v1, V)).toBe(true);
    expect(introducesIkeV1MultiSubnet(v1, setField(v1, 'LocalSubnet', ''), V)).toBe(false);
  });
  it('is true when the change switches to IKEv1, and false when it switches away', () => {
    const v2 = setField(v1, V, 'ikev2');
    expect(introducesIkeV1MultiSubnet(v2, v1, V)).toBe(true);
    expect(introducesIkeV1MultiSubnet(v1, v2, V)).toBe(false);
    expect(introducesIkeV1MultiSubnet(v2, v2, V)).toBe(false);
  });
  it('is true when the mode changes, whatever the version and counts', () => {
    const v2one = setField({ ...v1, LocalSubnet: '10.1.0.0/16', RemoteSubnet: '10.2.0.0/16' }, V, 'ikev2');
    expect(introducesIkeV1MultiSubnet(dual(), v2one, V)).toBe(true);
  });
});

describe('general: Name', () => {
  it('names the length limits and the length counted in characters', () => {
    expect(nameRules('')).toEqual([issue('Name', 'InvalidName', { reason: 'length', min: 1, max: 100, length: 0 })]);
    expect(nameRules('中'.repeat(101))).toEqual([issue('Name', 'InvalidName', { reason: 'length', min: 1, max: 100, length: 101 })]);
    expect(nameRules('😀'.repeat(100))).toEqual([]);
    expect(nameRules('x')).toEqual([]);
  });
  it.each(['http://a', 'https://a', 'HtTpS://a'])('refuses the %j prefix', (name) => expect(nameRules(name)).toEqual([issue('Name', 'InvalidName', { reason: 'prefix' })]));
  it.each(['a http://b', 'httpss://a', 'http:/a', 'ftp://a', 'http//a'])('accepts %j', (name) => expect(nameRules(name)).toEqual([]));
});

describe('general: subnet lists', () => {
  const L = 'IllegalParam.LocalSubnet';
  it.each([
    ['10.1.1.0/24', []],
    ['10.1.1.0/24,10.1.1.0/25', []],
    ['0.0.0.0/0', []],
    [' 10.1.1.0/24 ', []],
    ['10.1.1.0/24,,10.1.2.0/24', [{ reason: 'empty', value: '' }]],
    ['10.1.1/24', [{ reason: 'malformed', value: '10.1.1/24' }]],
    [' bad , 10.1.1.0/24', [{ reason: 'malformed', value: 'bad' }]],
    ['10.1.1.9/24', [{ reason: 'hostBits', value: '10.1.1.9/24' }]],
    ['10.1.1.0/24, 10.1.1.0/24', [{ reason: 'duplicate', value: '10.1.1.0/24' }]],
    ['10.1.1.0/24,10.1.1.7/24', [{ reason: 'hostBits', value: '10.1.1.7/24' }, { reason: 'duplicate', value: '10.1.1.7/24' }]],
    ['10.1.1.0/24,0.0.0.0/0', [{ reason: 'anyNotAlone', value: '0.0.0.0/0' }]],
    ['0.0.0.0/0,0.0.0.0/0', [{ reason: 'duplicate', value: '0.0.0.0/0' }, { reason: 'anyNotAlone', value: '0.0.0.0/0' }]],
  ])('LocalSubnet %j', (value, params) => {
    expect(subnetListRules('LocalSubnet', value)).toEqual(params.map((p) => issue('LocalSubnet', L, p)));
  });
  it('uses the remote code and path for RemoteSubnet', () => {
    expect(subnetListRules('RemoteSubnet', 'x')).toEqual([issue('RemoteSubnet', 'IllegalParam.RemoteSubnet', { reason: 'malformed', value: 'x' })]);
  });
  it('routing mode: 0.0.0.0/0 on both sides or neither, spaces ignored', () => {
    expect(isDestinationRouting(' 0.0.0.0/0 ')).toBe(true);
    expect(isDestinationRouting('0.0.0.0/0,10.0.0.0/8')).toBe(false);
    expect(routingModeRules('0.0.0.0/0', ' 0.0.0.0/0')).toEqual([]);
    expect(routingModeRules('10.0.0.0/8', '10.1.0.0/16')).toEqual([]);
    expect(routingModeRules('10.0.0.0/8', '0.0.0.0/0')).toEqual([issue('RemoteSubnet', 'Rule.Subnet.RoutingModeMismatch', { local: '10.0.0.0/8', remote: '0.0.0.0/0' })]);
    expect(routingModeRules('0.0.0.0/0', '10.0.0.0/8')).toEqual([issue('RemoteSubnet', 'Rule.Subnet.RoutingModeMismatch', { local: '0.0.0.0/0', remote: '10.0.0.0/8' })]);
  });
  it('checks the routing mode only when both lists are well formed', () => {
    const bad = { ...single(), LocalSubnet: '0.0.0.0/0', RemoteSubnet: 'x' };
    expect(generalRules(bad)).toEqual([issue('RemoteSubnet', 'IllegalParam.RemoteSubnet', { reason: 'malformed', value: 'x' })]);
    const badLocal = { ...single(), LocalSubnet: 'x', RemoteSubnet: '0.0.0.0/0' };
    expect(generalRules(badLocal)).toEqual([issue('LocalSubnet', 'IllegalParam.LocalSubnet', { reason: 'malformed', value: 'x' })]);
  });
});

describe('general: IKEv1 with several subnets', () => {
  it('refuses several remote subnets alone, with both counts', () => {
    const c = { ...single(), RemoteSubnet: '10.2.1.0/24,10.2.2.0/24,10.2.3.0/24' };
    expect(ikeV1MultiSubnetRules(c)).toEqual([issue('IkeConfig.IkeVersion', 'ModifyIkeV1WithMultiRoutes.Invalid', { localCount: 1, remoteCount: 3 })]);
    expect(validate(c, normalGateway)).toEqual([issue('IkeConfig.IkeVersion', 'ModifyIkeV1WithMultiRoutes.Invalid', { localCount: 1, remoteCount: 3 })]);
  });
  it('refuses several local subnets alone, with both counts', () => {
    const c = { ...single(), LocalSubnet: '10.1.1.0/24,10.1.2.0/24' };
    expect(ikeV1MultiSubnetRules(c)).toEqual([issue('IkeConfig.IkeVersion', 'ModifyIkeV1WithMultiRoutes.Invalid', { localCount: 2, remoteCount: 1 })]);
  });
  it('accepts one subnet per side, and several with IKEv2', () => {
    expect(ikeV1MultiSubnetRules(single())).toEqual([]);
    expect(ikeV1MultiSubnetRules(setField({ ...single(), RemoteSubnet: '10.2.1.0/24,10.2.2.0/24' }, 'IkeConfig.IkeVersion', 'ikev2'))).toEqual([]);
  });
  it('reports each IKEv1 tunnel of a dual-tunnel connection, with several remote subnets', () => {
    const d = { ...dual(), LocalSubnet: '10.1.0.0/16', RemoteSubnet: '10.2.0.0/16,10.4.0.0/16' };
    expect(ikeV1MultiSubnetRules(d)).toEqual([]);
    const both = setField(setField(d, `${T1}.TunnelIkeConfig.IkeVersion`, 'ikev1'), `${T2}.TunnelIkeConfig.IkeVersion`, 'ikev1');
    expect(ikeV1MultiSubnetRules(both)).toEqual([
      issue(`${T1}.TunnelIkeConfig.IkeVersion`, 'ModifyIkeV1WithMultiRoutes.Invalid', { localCount: 1, remoteCount: 2 }),
      issue(`${T2}.TunnelIkeConfig.IkeVersion`, 'ModifyIkeV1WithMultiRoutes.Invalid', { localCount: 1, remoteCount: 2 }),
    ]);
    const oneSubnet = setField({ ...dual(), LocalSubnet: '10.1.0.0/16' }, `${T1}.TunnelIkeConfig.IkeVersion`, 'ikev1');
    expect(ikeV1MultiSubnetRules(oneSubnet)).toEqual([]);
  });
});

describe('health check', () => {
  const hc = () => single().HealthCheckConfig;
  it('trims the addresses, and requires them only when enabled', () => {
    expect(healthCheckRules({ ...hc(), dip: ' 192.168.1.1 ', sip: '10.1.1.1 ' })).toEqual([]);
    expect(healthCheckRules({ ...hc(), dip: '  ', sip: '' })).toEqual([issue('HealthCheckConfig.dip', 'Rule.HealthCheck.Required'), issue('HealthCheckConfig.sip', 'Rule.HealthCheck.Required')]);
    expect(healthCheckRules({ ...hc(), enable: false, dip: ' ', sip: '' })).toEqual([]);
  });
  it('reports a written address that is not IPv4, trimmed, enabled or not', () => {
    expect(healthCheckRules({ ...hc(), enable: false, sip: ' 10.1.1 ' })).toEqual([issue('HealthCheckConfig.sip', 'Rule.HealthCheck.Ip', { value: '10.1.1' })]);
    expect(healthCheckRules({ ...hc(), dip: 'x' })).toEqual([issue('HealthCheckConfig.dip', 'Rule.HealthCheck.Ip', { value: 'x' })]);
  });
  it('needs positive whole interval and retry when enabled', () => {
    expect(healthCheckRules({ ...hc(), interval: 1, retry: 1 })).toEqual([]);
    expect(healthCheckRules({ ...hc(), interval: 0, retry: 2.5 })).toEqual([
      issue('HealthCheckConfig.interval', 'Rule.HealthCheck.PositiveInt', { value: '0' }),
      issue('HealthCheckConfig.retry', 'Rule.HealthCheck.PositiveInt', { value: '2.5' }),
    ]);
    expect(healthCheckRules({ ...hc(), interval: -1, retry: Number.NaN })).toEqual([
      issue('HealthCheckConfig.interval', 'Rule.HealthCheck.PositiveInt', { value: '-1' }),
      issue('HealthCheckConfig.retry', 'Rule.HealthCheck.PositiveInt', { value: 'NaN' }),
    ]);
    expect(healthCheckRules({ ...hc(), enable: false, interval: 0, retry: 0 })).toEqual([]);
  });
});

describe('IKE and IPsec settings', () => {
  it('PSK length in characters, with the limits', () => {
    expect(pskRules('P', '')).toEqual([issue('P', 'Rule.Psk.Length', { min: 1, max: 100, length: 0 })]);
    expect(pskRules('P', 'a'.repeat(101))).toEqual([issue('P', 'Rule.Psk.Length', { min: 1, max: 100, length: 101 })]);
    expect(pskRules('P', '😀'.repeat(100))).toEqual([issue('P', 'Rule.Psk.Charset', { char: '😀' })]);
    expect(pskRules('P', 'a'.repeat(100))).toEqual([]);
  });
  it('PSK characters: the first bad one, a space or an invisible one named in words', () => {
    expect(pskRules('P', 'ab"c\'')).toEqual([issue('P', 'Rule.Psk.Charset', { char: '"' })]);
    expect(pskRules('P', 'a b')).toEqual([issue('P', 'Rule.Psk.Charset', { reason: 'space' })]);
    expect(pskRules('P', 'a\tb')).toEqual([issue('P', 'Rule.Psk.Charset', { reason: 'invisible', char: 'U+0009' })]);
    expect(pskRules('P', 'a\u00adb')).toEqual([issue('P', 'Rule.Psk.Charset', { reason: 'invisible', char: 'U+00AD' })]);
    expect(pskRules('P', 'a\u3000b')).toEqual([issue('P', 'Rule.Psk.Charset', { reason: 'invisible', char: 'U+3000' })]);
    expect(pskRules('P', 'a\u200bb')).toEqual([issue('P', 'Rule.Psk.Charset', { reason: 'invisible', char: 'U+200B' })]);
  });
  it('enumerations name the value, what is allowed and the gateway type', () => {
    expect(enumRule('P', 'IkeVersion', 'ikev3', 'Normal')).toEqual([issue('P', 'Rule.Enum.NotAllowed', { value: 'ikev3', allowed: 'ikev1, ikev2', vpnType: 'Normal' })]);
    expect(enumRule('P', 'IpsecPfs', 'x', 'Normal')[0]?.code).toBe('NotSupportVpnConnectionParameter.IpsecPfs');
    expect(enumRule('P', 'IpsecAuthAlg', 'x', 'Normal')[0]?.code).toBe('NotSupportVpnConnectionParameter.IpsecAuthAlg');
    expect(enumRule('P', 'IkeVersion', 'ikev2', 'Normal')).toEqual([]);
  });
  it('lifetimes name the range and the value', () => {
    expect(lifetimeRule('P', 86401)).toEqual([issue('P', 'Rule.Lifetime.Range', { min: 0, max: 86400, value: '86401' })]);
    expect(lifetimeRule('P', -1)).toEqual([issue('P', 'Rule.Lifetime.Range', { min: 0, max: 86400, value: '-1' })]);
    expect(lifetimeRule('P', 0)).toEqual([]);
    expect(lifetimeRule('P', 86400)).toEqual([]);
  });
  it('LocalId / RemoteId: length in characters, then whitespace', () => {
    expect(ikeIdRules('P', 'x'.repeat(101))).toEqual([issue('P', 'Rule.IkeId.Length', { max: 100, length: 101 })]);
    expect(ikeIdRules('P', '😀'.repeat(100))).toEqual([]);
    expect(ikeIdRules('P', 'a\tb')).toEqual([issue('P', 'Rule.IkeId.Whitespace')]);
    expect(ikeIdRules('P', '')).toEqual([]);
  });
  it('each setting is reported on its own path', () => {
    const bad = { Psk: '', IkeVersion: 'x', IkeMode: 'x', IkeEncAlg: 'x', IkeAuthAlg: 'x', IkePfs: 'x', IkeLifetime: -1, LocalId: 'a b', RemoteId: 'c d' };
    expect(ikeConfigRules('K', bad, 'Normal').map((i) => `${i.path}:${i.code}`)).toEqual([
      'K.Psk:Rule.Psk.Length',
      'K.IkeVersion:Rule.Enum.NotAllowed',
      'K.IkeMode:Rule.Enum.NotAllowed',
      'K.IkeEncAlg:Rule.Enum.NotAllowed',
      'K.IkeAuthAlg:Rule.Enum.NotAllowed',
      'K.IkePfs:Rule.Enum.NotAllowed',
      'K.IkeLifetime:Rule.Lifetime.Range',
      'K.LocalId:Rule.IkeId.Whitespace',
      'K.RemoteId:Rule.IkeId.Whitespace',
    ]);
    expect(ipsecConfigRules('S', { IpsecEncAlg: 'x', IpsecAuthAlg: 'x', IpsecPfs: 'x', IpsecLifetime: 1.5 }, 'Normal').map((i) => `${i.path}:${i.code}`)).toEqual([
      'S.IpsecEncAlg:Rule.Enum.NotAllowed',
      'S.IpsecAuthAlg:NotSupportVpnConnectionParameter.IpsecAuthAlg',
      'S.IpsecPfs:NotSupportVpnConnectionParameter.IpsecPfs',
      'S.IpsecLifetime:Rule.Lifetime.Range',
    ]);
  });
});

describe('tunnel structure', () => {
  it('names the role found and the one expected', () => {
    const d = dual();
    const swapped: DualTunnelConnection = { ...d, tunnels: [{ ...d.tunnels[0], Role: 'slave' }, { ...d.tunnels[1], Role: 'master' }] };
    expect(tunnelStructureRules(swapped)).toEqual([
      issue(`${T1}.Role`, 'IllegalParam.Role', { value: 'slave', expected: 'master' }),
      issue(`${T2}.Role`, 'IllegalParam.Role', { value: 'master', expected: 'slave' }),
    ]);
  });
  it('a blank tunnel id is empty; two empty ids are not also a duplicate', () => {
    const d = dual();
    const blank: DualTunnelConnection = { ...d, tunnels: [{ ...d.tunnels[0], TunnelId: ' ' }, { ...d.tunnels[1], TunnelId: '' }] };
    expect(tunnelStructureRules(blank)).toEqual([
      issue(`${T1}.TunnelId`, 'IllegalParam.TunnelId', { reason: 'empty', value: ' ' }),
      issue(`${T2}.TunnelId`, 'IllegalParam.TunnelId', { reason: 'empty', value: '' }),
    ]);
    const empty: DualTunnelConnection = { ...d, tunnels: [{ ...d.tunnels[0], TunnelId: '' }, { ...d.tunnels[1], TunnelId: '' }] };
    expect(tunnelStructureRules(empty)).toHaveLength(2);
    const dup: DualTunnelConnection = { ...d, tunnels: [d.tunnels[0], { ...d.tunnels[1], TunnelId: d.tunnels[0].TunnelId }] };
    expect(tunnelStructureRules(dup)).toEqual([issue(`${T2}.TunnelId`, 'IllegalParam.TunnelId', { reason: 'duplicate', value: d.tunnels[0].TunnelId })]);
    expect(tunnelStructureRules(d)).toEqual([]);
  });
});

describe('advise: the same IKE identities on both tunnels', () => {
  const same = (localId: string, remoteId: string): DualTunnelConnection => {
    const d = dual();
    return setField(
      setField(setField(setField(d, `${T1}.TunnelIkeConfig.LocalId`, localId), `${T1}.TunnelIkeConfig.RemoteId`, remoteId), `${T2}.TunnelIkeConfig.LocalId`, localId),
      `${T2}.TunnelIkeConfig.RemoteId`,
      remoteId,
    );
  };
  it('warns on both tunnels with the pair', () => {
    const params = { localId: 'a.example', remoteId: 'b.example' };
    expect(advise(same('a.example', 'b.example'))).toEqual([
      issue(`${T1}.TunnelIkeConfig.LocalId`, 'Advice.Tunnels.SameIkeIds', params),
      issue(`${T2}.TunnelIkeConfig.LocalId`, 'Advice.Tunnels.SameIkeIds', params),
    ]);
  });
  it.each([
    ['', 'b'],
    ['a', ''],
    [' ', 'b'],
    ['a', '  '],
  ])('says nothing when an identity is blank (%j, %j)', (l, r) => expect(advise(same(l, r))).toEqual([]));
  it('says nothing when either identity differs, for a single tunnel, or for something that is no connection', () => {
    expect(advise(setField(same('a', 'b'), `${T2}.TunnelIkeConfig.RemoteId`, 'c'))).toEqual([]);
    expect(advise(setField(same('a', 'b'), `${T2}.TunnelIkeConfig.LocalId`, 'c'))).toEqual([]);
    expect(advise(dual())).toEqual([]);
    expect(advise(single())).toEqual([]);
    expect(advise({ mode: 'dual' } as unknown as VpnConnection)).toEqual([]);
    expect(advise({ ...dual(), tunnels: [] } as unknown as VpnConnection)).toEqual([]);
  });
});

describe('same VPN gateway and customer gateway', () => {
  const sibling = (patch: Partial<SingleTunnelConnection> = {}): SingleTunnelConnection => ({
    ...single(),
    VpnConnectionId: 'vco-sibling',
    LocalSubnet: '10.5.0.0/16',
    RemoteSubnet: '10.6.0.0/16',
    ...patch,
  });
  const cgw = 'cgw-p0w2jemrcj5u61un8****';
  const overlap = (other = 'vco-sibling', customerGatewayId = cgw) =>
    issue('LocalSubnet', 'VpnConnectionParamInvalid.SameVpnAndCgwTrafficSelectorOverlap', { other, customerGatewayId });
  it('names the other connection and the customer gateway for each differing setting', () => {
    const other = sibling({ IkeConfig: { ...single().IkeConfig, Psk: 'other1', LocalId: 'x' } });
    expect(sameCustomerGatewayRules(single(), ctxWith([other]))).toEqual([
      issue('IkeConfig.Psk', 'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs', { other: 'vco-sibling', customerGatewayId: cgw }),
      issue('IkeConfig.LocalId', 'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs', { other: 'vco-sibling', customerGatewayId: cgw }),
    ]);
  });
  it('two NaN lifetimes are the same setting; a NaN and a number are not', () => {
    const nan = setField(single(), 'IkeConfig.IkeLifetime', Number.NaN);
    expect(sameCustomerGatewayRules(nan, ctxWith([setField(sibling(), 'IkeConfig.IkeLifetime', Number.NaN)]))).toEqual([]);
    expect(sameCustomerGatewayRules(nan, ctxWith([sibling()]))).toEqual([
      issue('IkeConfig.IkeLifetime', 'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs', { other: 'vco-sibling', customerGatewayId: cgw }),
    ]);
  });
  it.each([
    ['the same networks', '10.1.1.0/24', '10.2.1.0/24', true],
    ['a wider local network', '10.0.0.0/8', '10.2.1.0/24', true],
    ['a narrower remote network at its last address', '10.1.1.0/24', '10.2.1.255/32', true],
    ['a narrower remote network at its first address', '10.1.1.0/24', '10.2.1.0/32', true],
    ['a remote network just past the end', '10.1.1.0/24', '10.2.2.0/24', false],
    ['a remote network just before the start', '10.1.1.0/24', '10.2.0.255/32', false],
    ['a local network just past the end', '10.1.2.0/24', '10.2.1.0/24', false],
    ['only one of several local networks overlapping', '10.9.0.0/16,10.1.1.128/25', '10.2.1.0/24', true],
    ['only one of several remote networks overlapping', '10.1.1.0/24', '10.9.0.0/16,10.2.1.0/24', true],
    ['both lists malformed', 'x', 'y', false],
  ])('selectors against %s overlap: %s, in either order', (_name, local, remote, expected) => {
    const mine = single();
    const theirs = sibling({ LocalSubnet: local, RemoteSubnet: remote });
    expect(sameCustomerGatewayRules(mine, ctxWith([theirs]))).toEqual(expected ? [overlap()] : []);
    const mirrored = { ...theirs, VpnConnectionId: mine.VpnConnectionId };
    expect(sameCustomerGatewayRules(mirrored, ctxWith([{ ...mine, VpnConnectionId: 'vco-sibling' }]))).toEqual(expected ? [overlap()] : []);
  });
  it('ignores itself, another gateway, another customer gateway, and a connection without one', () => {
    const o = sibling({ LocalSubnet: '10.1.1.0/24', RemoteSubnet: '10.2.1.0/24' });
    expect(sameCustomerGatewayRules(single(), ctxWith([{ ...o, VpnConnectionId: single().VpnConnectionId }]))).toEqual([]);
    expect(sameCustomerGatewayRules(single(), ctxWith([{ ...o, VpnGatewayId: 'vpn-else' }]))).toEqual([]);
    expect(sameCustomerGatewayRules(single(), ctxWith([{ ...o, CustomerGatewayId: 'cgw-else' }]))).toEqual([]);
    const noCgw = { ...single() };
    delete noCgw.CustomerGatewayId;
    expect(sameCustomerGatewayRules(noCgw, ctxWith([o]))).toEqual([]);
    const theirsNoCgw = { ...o };
    delete theirsNoCgw.CustomerGatewayId;
    expect(sameCustomerGatewayRules(single(), ctxWith([theirsNoCgw]))).toEqual([]);
  });
  it('reports an overlap once per other connection, even when both tunnels share its customer gateway', () => {
    const d = dual();
    const shared = 'cgw-p0wy363lucf1uyae1';
    const both: DualTunnelConnection = { ...d, tunnels: [d.tunnels[0], { ...d.tunnels[1], CustomerGatewayId: shared, TunnelIkeConfig: { ...d.tunnels[0].TunnelIkeConfig } }] };
    const other = sibling({ CustomerGatewayId: shared, LocalSubnet: '10.1.0.0/16', RemoteSubnet: '10.2.0.0/16', IkeConfig: { ...d.tunnels[0].TunnelIkeConfig } });
    expect(sameCustomerGatewayRules(both, ctxWith([other]))).toEqual([overlap('vco-sibling', shared)]);
    const other2 = { ...other, VpnConnectionId: 'vco-third' };
    expect(sameCustomerGatewayRules(both, ctxWith([other, other2]))).toEqual([overlap('vco-sibling', shared), overlap('vco-third', shared)]);
  });
  it('names the tunnel path of a dual-tunnel unit', () => {
    const d = dual();
    const other = sibling({ CustomerGatewayId: 'cgw-p0wy363lucf1uyae2', IkeConfig: { ...d.tunnels[1].TunnelIkeConfig, RemoteId: 'z' } });
    expect(sameCustomerGatewayRules(d, ctxWith([other]))).toEqual([
      issue(`${T2}.TunnelIkeConfig.RemoteId`, 'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs', { other: 'vco-sibling', customerGatewayId: 'cgw-p0wy363lucf1uyae2' }),
    ]);
  });
});

describe('validate', () => {
  it('flags the other mode’s parameters with the draft’s mode', () => {
    expect(validate({ ...single(), EnableTunnelsBgp: true }, normalGateway)).toEqual([issue('EnableTunnelsBgp', 'Rule.Param.DualTunnelOnly', { mode: 'single' })]);
    expect(validate({ ...single(), tunnels: dual().tunnels }, normalGateway)).toEqual([issue('TunnelOptionsSpecification', 'Rule.Param.DualTunnelOnly', { mode: 'single' })]);
    expect(validate({ ...dual(), HealthCheckConfig: single().HealthCheckConfig }, normalGateway)).toEqual([
      issue('HealthCheckConfig', 'Rule.Param.SingleTunnelOnly', { mode: 'dual' }),
    ]);
  });
  it('a shape fault at the top names mode and carries the detail', () => {
    const issues = validate(null, normalGateway);
    expect(issues.map((i) => i.path)).toEqual(['mode']);
    expect(issues[0]?.code).toBe('Rule.Shape.Invalid');
    expect(typeof issues[0]?.params.detail).toBe('string');
    expect(String(issues[0]?.params.detail)).not.toBe('');
  });
  it('runs the single-tunnel checks on their paths', () => {
    expect(validate(setField(single(), 'IpsecConfig.IpsecLifetime', -1), normalGateway)).toEqual([
      issue('IpsecConfig.IpsecLifetime', 'Rule.Lifetime.Range', { min: 0, max: 86400, value: '-1' }),
    ]);
    expect(validate(setField(single(), 'HealthCheckConfig.sip', 'x'), normalGateway)).toEqual([issue('HealthCheckConfig.sip', 'Rule.HealthCheck.Ip', { value: 'x' })]);
    expect(validate(setField(single(), 'RemoteCaCertificate', 'x'), normalGateway)).toEqual([issue('RemoteCaCertificate', 'Rule.RemoteCaCertificate.NotSupported', { vpnType: 'Normal' })]);
  });
  it('runs the tunnel checks on each tunnel’s path', () => {
    expect(validate(setField(dual(), `${T2}.TunnelIkeConfig.IkeMode`, 'x'), normalGateway)).toEqual([
      issue(`${T2}.TunnelIkeConfig.IkeMode`, 'Rule.Enum.NotAllowed', { value: 'x', allowed: 'main, aggressive', vpnType: 'Normal' }),
    ]);
    expect(validate(setField(dual(), `${T1}.TunnelIpsecConfig.IpsecPfs`, 'x'), normalGateway)).toEqual([
      issue(`${T1}.TunnelIpsecConfig.IpsecPfs`, 'NotSupportVpnConnectionParameter.IpsecPfs', { value: 'x', allowed: 'disabled, group1, group2, group5, group14', vpnType: 'Normal' }),
    ]);
    expect(validate(setField(dual(), `${T2}.RemoteCaCertificate`, 'x'), smGateway).filter((i) => i.path.endsWith('RemoteCaCertificate'))).toEqual([
      issue(`${T2}.RemoteCaCertificate`, 'Rule.RemoteCaCertificate.Pem'),
    ]);
    expect(validate(setField(dual(), `${T1}.RemoteCaCertificate`, 'x'), normalGateway)).toEqual([
      issue(`${T1}.RemoteCaCertificate`, 'Rule.RemoteCaCertificate.NotSupported', { vpnType: 'Normal' }),
    ]);
    expect(validate(setField(dual(), `${T1}.TunnelId`, ''), normalGateway)).toEqual([issue(`${T1}.TunnelId`, 'IllegalParam.TunnelId', { reason: 'empty', value: '' })]);
  });
  it('passes the gateway type and BGP switch through, and defaults the rest', () => {
    expect(validate(setField(single(), 'IkeConfig.IkeEncAlg', 'sm4'), { VpnType: 'NationalStandard', otherConnections: [] }).map((i) => i.path)).not.toContain('IkeConfig.IkeEncAlg');
    expect(validate(setField(single(), 'IkeConfig.IkeEncAlg', 'sm4'), { otherConnections: [] })).toEqual([
      issue('IkeConfig.IkeEncAlg', 'Rule.Enum.NotAllowed', { value: 'sm4', allowed: 'aes, aes192, aes256, des, 3des', vpnType: 'Normal' }),
    ]);
    expect(validate(single(), { VpnType: 'Normal', otherConnections: 'x' })).toEqual([]);
  });
  it('checks the other connections of the context, and reports Rule.Internal if one is broken after it was checked', () => {
    const other = { ...single(), VpnConnectionId: 'vco-other', CustomerGatewayId: 'cgw-other' };
    const ctx = { VpnType: 'Normal', otherConnections: [other] };
    expect(validate(single(), ctx).map((i) => i.params.reason)).toEqual(['duplicate']);
    (other as { BgpConfig: unknown }).BgpConfig = null;
    const after = validate(single(), ctx);
    expect(after).toHaveLength(1);
    expect(after[0]?.path).toBe('');
    expect(after[0]?.code).toBe('Rule.Internal');
    expect(String(after[0]?.params.detail)).not.toBe('');
    expect(after[0]?.params.detail).toMatch(/BgpConfig|null|undefined/);
    // A connection broken before the first check is left out instead.
    const broken = { ...other, BgpConfig: null };
    expect(validate(single(), { VpnType: 'Normal', otherConnections: [broken] })).toEqual([]);
    // Whatever is thrown is worded: an Error by its message, anything else as text.
    const odd = { ...single(), VpnConnectionId: 'vco-odd' };
    const oddCtx = { VpnType: 'Normal', otherConnections: [odd] };
    validate(single(), oddCtx);
    Object.defineProperty(odd, 'VpnGatewayId', {
      get() {
        throw 'not an Error';
      },
    });
    expect(validate(single(), oddCtx)).toEqual([issue('', 'Rule.Internal', { detail: 'not an Error' })]);
  });
});

describe('scope: the fields an issue is about', () => {
  const f = (path: string, code: string, params: Record<string, string> = {}) => issueFields(issue(path, code, params));
  it.each([
    'Rule.Shape.Invalid',
    'Rule.Internal',
    'Rule.Param.SingleTunnelOnly',
    'Rule.Param.DualTunnelOnly',
    'Rule.Draft.ConnectionMismatch',
    'Rule.Draft.ModeMismatch',
    'IllegalParam.Role',
    'IllegalParam.TunnelId',
  ])('%s blocks whatever changes', (code) => expect(f('Name', code)).toBe('always'));
  it('an issue on no field, or on the mode, blocks whatever changes', () => {
    expect(f('', 'InvalidName')).toBe('always');
    expect(f('mode', 'InvalidName')).toBe('always');
    expect(f('Name', 'InvalidName')).toEqual(['Name']);
  });
  it('a routing mode or a selector overlap is about both subnet lists', () => {
    expect(f('RemoteSubnet', 'Rule.Subnet.RoutingModeMismatch')).toEqual(['RemoteSubnet', 'LocalSubnet', 'RemoteSubnet']);
    expect(f('LocalSubnet', 'VpnConnectionParamInvalid.SameVpnAndCgwTrafficSelectorOverlap')).toEqual(['LocalSubnet', 'LocalSubnet', 'RemoteSubnet']);
  });
  it('a missing customer gateway ASN on tunnel BGP is about every tunnel BGP field; on BgpConfig about the switch only', () => {
    const tunnelFields = [1, 2].flatMap((n) => ['LocalAsn', 'TunnelCidr', 'LocalBgpIp'].map((k) => `TunnelOptionsSpecification.${n}.TunnelBgpConfig.${k}`));
    expect(f('EnableTunnelsBgp', 'MissingParam.CustomerGatewayAsn')).toEqual(['EnableTunnelsBgp', ...tunnelFields]);
    expect(f('BgpConfig.EnableBgp', 'MissingParam.CustomerGatewayAsn')).toEqual(['BgpConfig.EnableBgp']);
  });
  it('a tunnel pair is about the sibling tunnel’s network too; a duplicate on another connection is not', () => {
    expect(f(`${T2}.TunnelBgpConfig.TunnelCidr`, 'IllegalParam.TunnelCidr', { reason: 'pair', other: T1 })).toEqual([`${T2}.TunnelBgpConfig.TunnelCidr`, `${T1}.TunnelBgpConfig.TunnelCidr`]);
    expect(f('BgpConfig.TunnelCidr', 'IllegalParam.TunnelCidr', { reason: 'duplicate', other: 'vco-x' })).toEqual(['BgpConfig.TunnelCidr']);
    expect(issueFields(issue('BgpConfig.TunnelCidr', 'IllegalParam.TunnelCidr', { reason: 'prefix' }))).toEqual(['BgpConfig.TunnelCidr']);
  });
  it('a missing tunnel network or BGP address is about its whole block and its switch', () => {
    expect(f('BgpConfig.TunnelCidr', 'MissingParameter.TunnelCidr')).toEqual([
      'BgpConfig.TunnelCidr',
      'BgpConfig.EnableBgp',
      'BgpConfig.TunnelCidr',
      'BgpConfig.LocalBgpIp',
      'BgpConfig.LocalAsn',
    ]);
    const b = `${T1}.TunnelBgpConfig`;
    expect(f(`${b}.LocalBgpIp`, 'IllegalParam.LocalBgpIp', { reason: 'required' })).toEqual([`${b}.LocalBgpIp`, 'EnableTunnelsBgp', `${b}.TunnelCidr`, `${b}.LocalBgpIp`, `${b}.LocalAsn`]);
    expect(f(`${b}.LocalAsn`, 'IllegalParam.LocalAsn')).toEqual([`${b}.LocalAsn`]);
    expect(f('XBgpConfig.LocalBgpIp', 'IllegalParam.LocalBgpIp')).toEqual(['XBgpConfig.LocalBgpIp']);
    expect(f('BgpConfig', 'IllegalParam.LocalBgpIp')).toEqual(['BgpConfig']);
  });
  it('partitions by what the change touches', () => {
    const name = issue('Name', 'InvalidName');
    const internal = issue('', 'Rule.Internal');
    const cidr = issue('BgpConfig.LocalBgpIp', 'IllegalParam.LocalBgpIp', { reason: 'required' });
    expect(partitionIssues([name, internal, cidr], new Set(['BgpConfig.EnableBgp']))).toEqual({ blocking: [internal, cidr], warnings: [name] });
    expect(partitionIssues([name, internal, cidr], new Set(['Name']))).toEqual({ blocking: [name, internal], warnings: [cidr] });
    expect(partitionIssues([], new Set(['Name']))).toEqual({ blocking: [], warnings: [] });
  });
});

describe('readiness', () => {
  const RegionId = 'cn-hangzhou';
  const rec = (base: VpnConnection, draft: VpnConnection, patch: Partial<ReadinessInput> = {}): ReadinessInput => ({ RegionId, status: 'editing', base, draft, conflicts: [], ...patch });
  it('counts the rule errors exactly', () => {
    const base = single();
    expect(draftReadiness(rec(base, setField(base, 'Name', '')), normalGateway)).toEqual({ ready: false, reason: 'rules', issueCount: 1 });
    expect(draftReadiness(rec(base, setField(setField(base, 'Name', ''), 'IkeConfig.Psk', '')), normalGateway)).toEqual({ ready: false, reason: 'rules', issueCount: 2 });
  });
  it('conflicts come before everything but applied and busy, even while editing', () => {
    const base = single();
    const c = { path: 'Name' };
    expect(draftReadiness(rec(base, setField(base, 'Name', 'x'), { conflicts: [c] }), normalGateway)).toEqual({ ready: false, reason: 'conflicts', issueCount: 1 });
    expect(draftReadiness(rec(base, base, { status: 'conflict' }), normalGateway)).toEqual({ ready: false, reason: 'conflicts', issueCount: 0 });
  });
  it('a mode change is a change even when no field differs', () => {
    const base = single();
    const r = draftReadiness(rec(base, dual()), normalGateway);
    expect(r.ready === false && r.reason).not.toBe('no-changes');
    expect(draftReadiness(rec(base, base), null)).toEqual({ ready: false, reason: 'no-changes' });
    // A draft that claims the other mode with every field equal is no "no changes": the builder refuses it.
    const relabelled = { ...base, mode: 'dual' } as unknown as VpnConnection;
    expect(changedFields(base, relabelled)).toEqual([]);
    expect(draftReadiness(rec(base, relabelled), normalGateway)).toMatchObject({ ready: false, reason: 'rules' });
  });
  it('a draft that throws inside the builder counts as one rule error', () => {
    const base = single();
    // A draft whose reads start failing after the change list was taken from it (as many reads as changedFields makes).
    let reads = 0;
    let limit = Infinity;
    const throwing = new Proxy(setField(base, 'Name', 'x'), {
      get(target, key, receiver) {
        reads += 1;
        if (reads > limit) throw new Error('boom');
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    changedFields(base, throwing);
    limit = reads + 1; // draftReadiness reads the mode first
    reads = 0;
    expect(draftReadiness(rec(base, throwing), normalGateway)).toEqual({ ready: false, reason: 'rules', issueCount: 1 });
  });
});
