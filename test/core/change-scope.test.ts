// A change is judged by what it changes and sends (issue 14, items 1–3 and 5): faults of untouched, unsent fields
// are warnings on the live value; IKEv1 with several subnets is refused only when a change introduces it; subnet
// lists are compared and sent as the service stores them; tunnel BGP fields travel only with tunnel BGP on.
import { describe, expect, it } from 'vitest';
import {
  applyModifyRequest,
  buildModifyRequest,
  diffConnections,
  formatIssue,
  isEmptyRequest,
  judgeChange,
  setField,
  validateRequest,
  type DualTunnelConnection,
  type RuleIssue,
  type SingleTunnelConnection,
  type VpnConnection,
} from '../../core/index.ts';
import { dual, normalGateway, single } from './fixtures.ts';

const opts = { RegionId: 'cn-shanghai' };
const codes = (issues: readonly RuleIssue[]) => issues.map((i) => `${i.path}:${i.code}`);
const M = 'TunnelOptionsSpecification.1';

function built(live: VpnConnection, draft: VpnConnection) {
  const r = buildModifyRequest(live, draft, normalGateway, opts);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.issues)}`);
  return r;
}

describe('item 1: rules on untouched, unsent fields are warnings on the live value', () => {
  const nameless = (): SingleTunnelConnection => ({ ...single(), Name: '' });

  it('a PSK change of a connection without a Name is sent, without Name, and the Name shows as a warning', () => {
    const live = nameless();
    const r = built(live, setField(live, 'IkeConfig.Psk', 'new-psk-1'));
    expect(r.request.Name).toBeUndefined();
    expect(r.request.IkeConfig).toContain('new-psk-1');
    expect(codes(r.warnings)).toEqual(['Name:InvalidName']);
    const judged = judgeChange(live, setField(live, 'IkeConfig.Psk', 'new-psk-1'), normalGateway, opts);
    expect(judged.errors).toEqual([]);
  });

  it('the same rule blocks once the change touches the field', () => {
    const live = single();
    const r = buildModifyRequest(live, setField(live, 'Name', ''), normalGateway, opts);
    expect(!r.ok && codes(r.issues)).toEqual(['Name:InvalidName']);
  });

  it('a live LocalAsn of 0 with BGP off does not stop a PSK change, but blocks a change that sends BgpConfig', () => {
    const live = setField(setField(single(), 'BgpConfig.EnableBgp', false), 'BgpConfig.LocalAsn', '0');
    const psk = built(live, setField(live, 'IkeConfig.Psk', 'new-psk-2'));
    expect(psk.request.BgpConfig).toBeUndefined();
    expect(codes(psk.warnings)).toEqual(['BgpConfig.LocalAsn:IllegalParam.LocalAsn']);
    // BgpConfig is sent whole, so moving its TunnelCidr sends the ASN of 0 too.
    const moved = buildModifyRequest(live, setField(setField(live, 'BgpConfig.TunnelCidr', '169.254.60.0/30'), 'BgpConfig.LocalBgpIp', '169.254.60.1'), normalGateway, opts);
    expect(!moved.ok && codes(moved.issues)).toEqual(['BgpConfig.LocalAsn:IllegalParam.LocalAsn']);
  });

  it('a tunnel LocalAsn of 0 with tunnel BGP off does not stop a change of that tunnel', () => {
    const live = setField(setField(dual(), 'EnableTunnelsBgp', false), `${M}.TunnelBgpConfig.LocalAsn`, '0');
    const r = built(live, setField(live, `${M}.TunnelIkeConfig.Psk`, 'new-psk-3'));
    expect(r.request.TunnelOptionsSpecification?.[0]?.TunnelBgpConfig).toBeUndefined();
    expect(codes(r.warnings)).toEqual([`${M}.TunnelBgpConfig.LocalAsn:IllegalParam.LocalAsn`]);
  });

  it('a rule about two fields blocks when either is changed (routing mode), not when neither is', () => {
    const live = setField(single(), 'LocalSubnet', '0.0.0.0/0'); // mixed routing mode, already live
    expect(codes(built(live, setField(live, 'Name', 'renamed')).warnings)).toEqual(['RemoteSubnet:Rule.Subnet.RoutingModeMismatch']);
    const local = buildModifyRequest(live, setField(live, 'LocalSubnet', '0.0.0.0/0,'), normalGateway, opts);
    expect(local.ok && isEmptyRequest(local.request)).toBe(true); // a trailing comma is no change
    const changed = buildModifyRequest(live, setField(live, 'RemoteSubnet', '10.9.0.0/16'), normalGateway, opts);
    expect(!changed.ok && codes(changed.issues)).toEqual(['RemoteSubnet:Rule.Subnet.RoutingModeMismatch']);
  });

  it('validateRequest judges a request the same way: a PSK-only request of a nameless connection passes', () => {
    const live = nameless();
    const request = built(live, setField(live, 'IkeConfig.Psk', 'new-psk-4')).request;
    expect(validateRequest(request, live, normalGateway)).toEqual([]);
    expect(codes(validateRequest({ ...request, Name: '' }, live, normalGateway))).toEqual(['Name:InvalidName']);
  });
});

describe('item 2: IKEv1 with several subnets is refused only when a change introduces it', () => {
  // The document's own Modify example: IKEv1 with two subnets per side.
  const example = (): SingleTunnelConnection => ({ ...single(), LocalSubnet: '10.1.1.0/24,10.1.2.0/24', RemoteSubnet: '10.2.1.0/24,10.2.2.0/24' });

  it('a connection that already has it can be renamed and re-keyed, with a warning that only the first pair comes up', () => {
    const live = example();
    for (const draft of [setField(live, 'Name', 'renamed'), setField(live, 'IkeConfig.Psk', 'new-psk-5'), setField(live, 'LocalSubnet', '10.1.1.0/24,10.1.3.0/24')]) {
      const r = built(live, draft);
      expect(codes(r.warnings)).toEqual(['IkeConfig.IkeVersion:Advice.IkeV1.MultiSubnet']);
    }
  });

  it('adding a subnet while on IKEv1 is refused', () => {
    const live = example();
    const r = buildModifyRequest(live, setField(live, 'RemoteSubnet', '10.2.1.0/24,10.2.2.0/24,10.2.3.0/24'), normalGateway, opts);
    expect(!r.ok && codes(r.issues)).toEqual(['IkeConfig.IkeVersion:ModifyIkeV1WithMultiRoutes.Invalid']);
  });

  it('switching to IKEv1 with several subnets is refused, per tunnel too', () => {
    const v2 = setField(example(), 'IkeConfig.IkeVersion', 'ikev2');
    const r = buildModifyRequest(v2, setField(v2, 'IkeConfig.IkeVersion', 'ikev1'), normalGateway, opts);
    expect(!r.ok && codes(r.issues)).toEqual(['IkeConfig.IkeVersion:ModifyIkeV1WithMultiRoutes.Invalid']);
    const d = dual(); // two local subnets, IKEv2 on both tunnels
    const t = buildModifyRequest(d, setField(d, 'TunnelOptionsSpecification.2.TunnelIkeConfig.IkeVersion', 'ikev1'), normalGateway, opts);
    expect(!t.ok && codes(t.issues)).toEqual(['TunnelOptionsSpecification.2.TunnelIkeConfig.IkeVersion:ModifyIkeV1WithMultiRoutes.Invalid']);
  });
});

describe('item 3: subnet lists are normalised before rules, diff, request and read-back', () => {
  it('sends the list trimmed, without empty items or repeats', () => {
    const live = setField(single(), 'IkeConfig.IkeVersion', 'ikev2');
    const r = built(live, setField(live, 'LocalSubnet', ' 10.1.1.0/24, 10.1.2.0/24,,10.1.1.0/24 '));
    expect(r.request.LocalSubnet).toBe('10.1.1.0/24,10.1.2.0/24');
    // What the service stores reads back as the draft: no difference, so no Apply.ReadBackMismatch.
    expect(diffConnections(applyModifyRequest(live, r.request), setField(live, 'LocalSubnet', '10.1.1.0/24, 10.1.2.0/24'))).toEqual([]);
  });

  it('a draft that differs from live only in spacing is no change', () => {
    const live = { ...single(), LocalSubnet: '10.1.1.0/24', RemoteSubnet: '10.2.1.0/24' };
    const draft = setField(setField(live, 'LocalSubnet', '10.1.1.0/24 ,'), 'RemoteSubnet', ' 10.2.1.0/24');
    expect(diffConnections(live, draft)).toEqual([]);
    expect(isEmptyRequest(built(live, draft).request)).toBe(true);
  });
});

describe('item 5: tunnel BGP fields are sent only while tunnel BGP is on', () => {
  const bgpOff = (): DualTunnelConnection => setField(dual(), 'EnableTunnelsBgp', false);

  it('an unchanged tunnel LocalAsn is not re-sent while tunnel BGP is off; a moved TunnelCidr is', () => {
    const live = bgpOff();
    const draft = setField(setField(live, `${M}.TunnelBgpConfig.TunnelCidr`, '169.254.61.0/30'), `${M}.TunnelBgpConfig.LocalBgpIp`, '169.254.61.1');
    const element = built(live, draft).request.TunnelOptionsSpecification?.[0];
    expect(element?.TunnelBgpConfig).toEqual({ TunnelCidr: '169.254.61.0/30', LocalBgpIp: '169.254.61.1' });
    // The read-back keeps the tunnel's ASN (nothing asked to change it).
    expect(applyModifyRequest(live, built(live, draft).request).tunnels[0].TunnelBgpConfig.LocalAsn).toBe(live.tunnels[0].TunnelBgpConfig.LocalAsn);
  });

  it('a change of another part of the tunnel sends no TunnelBgpConfig at all while BGP is off', () => {
    const live = bgpOff();
    expect(built(live, setField(live, `${M}.EnableDpd`, false)).request.TunnelOptionsSpecification?.[0]?.TunnelBgpConfig).toBeUndefined();
  });

  it('with tunnel BGP on, a BGP change sends the complete TunnelBgpConfig, LocalAsn included', () => {
    const live = dual();
    const draft = setField(live, `${M}.TunnelBgpConfig.TunnelCidr`, '169.254.62.0/30');
    const withIp = setField(draft, `${M}.TunnelBgpConfig.LocalBgpIp`, '169.254.62.1');
    expect(built(live, withIp).request.TunnelOptionsSpecification?.[0]?.TunnelBgpConfig).toEqual({ LocalAsn: 65530, TunnelCidr: '169.254.62.0/30', LocalBgpIp: '169.254.62.1' });
  });

  it('validateRequest refuses a tunnel LocalAsn sent while tunnel BGP is off, even the current value', () => {
    const live = bgpOff();
    const request = built(live, setField(live, `${M}.EnableDpd`, false)).request;
    const element = request.TunnelOptionsSpecification![0]!;
    const withAsn = { ...request, TunnelOptionsSpecification: [{ ...element, TunnelBgpConfig: { LocalAsn: 65530 } }] };
    expect(codes(validateRequest(withAsn, live, normalGateway))).toEqual([`${M}.TunnelBgpConfig.LocalAsn:Rule.TunnelBgp.LocalAsnRequiresBgp`]);
    expect(validateRequest(request, live, normalGateway)).toEqual([]);
  });
});

describe('a rule about a pair of tunnels sits on the field the user changed', () => {
  const cidr = (n: 1 | 2) => `TunnelOptionsSpecification.${n}.TunnelBgpConfig.TunnelCidr`;
  const withCidr = (n: 1 | 2, value: string, ip: string) => setField(setField(dual(), cidr(n), value), `TunnelOptionsSpecification.${n}.TunnelBgpConfig.LocalBgpIp`, ip);

  it('changing the master to the slave’s network: the error is on the master, naming the slave tunnel in words', () => {
    const judged = judgeChange(dual(), withCidr(1, '169.254.12.0/30', '169.254.12.1'), normalGateway, opts);
    const pair = judged.errors.filter((i) => i.code === 'IllegalParam.TunnelCidr');
    expect(pair.map((i) => i.path)).toEqual([cidr(1)]);
    expect(judged.warnings.filter((i) => i.path === cidr(2))).toEqual([]);
    expect(formatIssue(pair[0]!, 'en')).toBe('169.254.12.0/30 is also the tunnel network of the slave tunnel; each tunnel needs its own.');
    expect(formatIssue(pair[0]!, 'zh-CN')).toBe('169.254.12.0/30 也是备隧道的隧道网段;每条隧道须使用各自的隧道网段。');
  });

  it('changing the slave to the master’s network: the error is on the slave, naming the master tunnel', () => {
    const judged = judgeChange(dual(), withCidr(2, '169.254.11.0/30', '169.254.11.1'), normalGateway, opts);
    const pair = judged.errors.filter((i) => i.code === 'IllegalParam.TunnelCidr');
    expect(pair.map((i) => i.path)).toEqual([cidr(2)]);
    expect(formatIssue(pair[0]!, 'en')).toContain('of the master tunnel');
    expect(formatIssue(pair[0]!, 'en')).not.toContain('TunnelOptionsSpecification');
  });
});

describe('a BGP block sent without its tunnel network', () => {
  it('blocks an ASN-only change of a tunnel whose live block has no TunnelCidr while tunnel BGP is on', () => {
    const prefix = 'TunnelOptionsSpecification.2.TunnelBgpConfig';
    let live = setField(dual(), 'EnableTunnelsBgp', true) as VpnConnection;
    live = setField(setField(live, `${prefix}.TunnelCidr`, ''), `${prefix}.LocalBgpIp`, '') as VpnConnection;
    const draft = setField(live, `${prefix}.LocalAsn`, '65002');
    const judged = judgeChange(live, draft, normalGateway, opts);
    expect(codes(judged.errors)).toContain(`${prefix}.TunnelCidr:MissingParameter.TunnelCidr`);
  });
});

describe('the last check before sending reports each problem once', () => {
  it('a tunnel LocalAsn changed while tunnel BGP is off: one issue on that field', () => {
    const live = setField(dual(), 'EnableTunnelsBgp', false) as DualTunnelConnection;
    const slave = live.tunnels[1];
    const request = {
      RegionId: 'cn-shanghai',
      VpnConnectionId: live.VpnConnectionId,
      // A whole tunnel element, as the builder sends one, plus the LocalAsn it must not send while BGP is off.
      TunnelOptionsSpecification: [{ TunnelId: slave.TunnelId, Role: 'slave' as const, EnableDpd: slave.EnableDpd, EnableNatTraversal: slave.EnableNatTraversal, TunnelIkeConfig: slave.TunnelIkeConfig, TunnelIpsecConfig: slave.TunnelIpsecConfig, TunnelBgpConfig: { LocalAsn: 65009 } }],
    };
    const issues = validateRequest(request, live, normalGateway).filter((i) => i.code === 'Rule.TunnelBgp.LocalAsnRequiresBgp');
    expect(issues.map((i) => i.path)).toEqual(['TunnelOptionsSpecification.2.TunnelBgpConfig.LocalAsn']);
  });
});
