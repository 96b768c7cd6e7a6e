import { describe, expect, it } from 'vitest';
import { DescribeParseError, parseDescribeConnection, parseDescribeConnectionOrThrow, parseDescribeConnections, vpnTypeOf } from '../../core/index.ts';
import { dualDescribe, singleDescribe } from './fixtures.ts';

const fail = (body: unknown) => {
  const r = parseDescribeConnection(body);
  if (r.ok) throw new Error('expected a parse error');
  return r;
};

describe('parseDescribeConnection', () => {
  it('parses the document example as a single-tunnel connection with its values', () => {
    const c = parseDescribeConnectionOrThrow(singleDescribe());
    expect(c.mode).toBe('single');
    if (c.mode !== 'single') return;
    expect(c.IkeConfig).toEqual({
      Psk: 'pgw6dy7d1i8i****', IkeVersion: 'ikev1', IkeMode: 'main', IkeEncAlg: 'aes', IkeAuthAlg: 'sha1',
      IkePfs: 'group2', IkeLifetime: 86400, LocalId: '116.64.XX.XX', RemoteId: '139.18.XX.XX',
    });
    expect(c.HealthCheckConfig).toEqual({ enable: true, dip: '192.168.1.1', sip: '10.1.1.1', interval: 3, retry: 3 });
    expect(c.BgpConfig).toMatchObject({ EnableBgp: true, LocalAsn: '65530', TunnelCidr: '169.254.11.0/30', LocalBgpIp: '169.254.11.1', PeerAsn: '65531', Status: 'success' });
    expect(c.EnableDpd).toBe(true);
    expect(c.AutoConfigRoute).toBeUndefined();
  });

  it('parses a dual-tunnel connection: string scalars coerced, tunnels ordered master then slave', () => {
    const c = parseDescribeConnectionOrThrow(dualDescribe());
    expect(c.mode).toBe('dual');
    if (c.mode !== 'dual') return;
    expect(c.tunnels.map((t) => t.Role)).toEqual(['master', 'slave']);
    expect(c.EnableTunnelsBgp).toBe(true);
    expect(c.tunnels[0].EnableDpd).toBe(true);
    expect(c.tunnels[0].TunnelIkeConfig.IkeLifetime).toBe(86400);
    expect(c.tunnels[1].TunnelIpsecConfig.IpsecLifetime).toBe(86400);
    expect(c.tunnels[0].TunnelBgpConfig).toMatchObject({ LocalAsn: '65530', PeerAsn: '65531' });
    expect(c.tunnels[0].State).toBe('active');
  });

  it('ignores top-level IkeConfig on dual-tunnel connections whether empty, stale, or missing', () => {
    const filled = { ...dualDescribe(), IkeConfig: singleDescribe().IkeConfig, IpsecConfig: singleDescribe().IpsecConfig };
    const missing: Record<string, unknown> = { ...dualDescribe() };
    delete missing.IkeConfig;
    delete missing.IpsecConfig;
    const a = parseDescribeConnectionOrThrow(dualDescribe());
    expect(parseDescribeConnectionOrThrow(filled)).toEqual(a);
    expect(parseDescribeConnectionOrThrow(missing)).toEqual(a);
    expect('IkeConfig' in a).toBe(false);
  });

  it('accepts booleans and numbers as either JSON type, and capitalised or lower-case health-check keys', () => {
    const body = singleDescribe();
    body.EnableDpd = 'false';
    body.VcoHealthCheck = { dip: '192.168.1.1', sip: '10.1.1.1', interval: '5', retry: '2', enable: false };
    body.IkeConfig = { ...(body.IkeConfig as object), IkeLifetime: '3600' };
    const c = parseDescribeConnectionOrThrow(body);
    if (c.mode !== 'single') throw new Error('mode');
    expect(c.EnableDpd).toBe(false);
    expect(c.HealthCheckConfig).toEqual({ enable: false, dip: '192.168.1.1', sip: '10.1.1.1', interval: 5, retry: 2 });
    expect(c.IkeConfig.IkeLifetime).toBe(3600);
  });

  it('treats missing optional groups and lists as empty', () => {
    const body = singleDescribe();
    delete body.VcoHealthCheck;
    delete body.VpnBgpConfig;
    body.TunnelOptionsSpecification = {};
    const c = parseDescribeConnectionOrThrow(body);
    if (c.mode !== 'single') throw new Error('mode');
    expect(c.BgpConfig).toEqual({ EnableBgp: false, LocalAsn: '', TunnelCidr: '', LocalBgpIp: '' });
    expect(c.HealthCheckConfig.enable).toBe(false);
  });

  it('infers EnableBgp when DescribeVpnConnections omits it', () => {
    const body = singleDescribe();
    const { EnableBgp: _, ...bgp } = body.VpnBgpConfig as Record<string, unknown>;
    body.VpnBgpConfig = bgp;
    const c = parseDescribeConnectionOrThrow(body);
    expect(c.mode === 'single' && c.BgpConfig.EnableBgp).toBe(true);
  });

  it('wraps a TunnelOptions object into a list', () => {
    const body = dualDescribe();
    const [slave, master] = (body.TunnelOptionsSpecification as { TunnelOptions: unknown[] }).TunnelOptions;
    body.TunnelOptionsSpecification = { TunnelOptions: master };
    // one tunnel only → an error naming the list, not a crash
    expect(fail(body).path).toBe('TunnelOptionsSpecification.TunnelOptions');
    body.TunnelOptionsSpecification = { TunnelOptions: [master, slave] };
    expect(parseDescribeConnection(body).ok).toBe(true);
  });

  it('refuses the document example as-is: it lists a single master tunnel', () => {
    const body = { ...singleDescribe(), TunnelOptionsSpecification: { TunnelOptions: [(dualDescribe().TunnelOptionsSpecification as { TunnelOptions: unknown[] }).TunnelOptions[1]] } };
    const r = fail(body);
    expect(r.path).toBe('TunnelOptionsSpecification.TunnelOptions');
    expect(r.message).toContain('master');
  });

  it.each([
    [{ ...singleDescribe(), VpnConnectionId: 7 }, 'VpnConnectionId'],
    [{ ...singleDescribe(), EnableDpd: 'yes' }, 'EnableDpd'],
    [{ ...singleDescribe(), IkeConfig: { ...(singleDescribe().IkeConfig as object), IkeLifetime: 'forever' } }, 'IkeConfig.IkeLifetime'],
    [{ ...singleDescribe(), IkeConfig: undefined }, 'IkeConfig'],
    [{ ...singleDescribe(), IpsecConfig: { IpsecEncAlg: 'aes' } }, 'IpsecConfig.IpsecAuthAlg'],
  ])('names the malformed field (%#)', (body, path) => {
    expect(fail(body).path).toBe(path);
  });

  it('names the malformed tunnel field with its index', () => {
    const body = dualDescribe();
    const list = (body.TunnelOptionsSpecification as { TunnelOptions: Record<string, unknown>[] }).TunnelOptions;
    list[1] = { ...list[1], Role: 'primary' };
    expect(fail(body).path).toBe('TunnelOptionsSpecification.TunnelOptions.1.Role');
  });

  it.each([null, undefined, 'text', 3, [], {}])('never throws on %j', (body) => {
    expect(() => parseDescribeConnection(body)).not.toThrow();
    expect(parseDescribeConnection(body).ok).toBe(false);
  });

  it('throws a DescribeParseError naming the field from the throwing variant', () => {
    expect(() => parseDescribeConnectionOrThrow({ ...singleDescribe(), Name: 5 })).toThrow(DescribeParseError);
    expect(() => parseDescribeConnectionOrThrow({ ...singleDescribe(), Name: 5 })).toThrow(/Name/);
  });
});

describe('parseDescribeConnections / vpnTypeOf', () => {
  it('parses a page and names the bad item', () => {
    const ok = parseDescribeConnections({ VpnConnections: { VpnConnection: [singleDescribe(), dualDescribe()] } });
    expect(ok.ok && ok.connections.map((c) => c.mode)).toEqual(['single', 'dual']);
    const bad = parseDescribeConnections({ VpnConnections: { VpnConnection: [singleDescribe(), { ...dualDescribe(), Name: [] }] } });
    expect(!bad.ok && bad.path).toBe('VpnConnections.VpnConnection.1.Name');
    const empty = parseDescribeConnections({});
    expect(empty.ok && empty.connections).toEqual([]);
  });
  it('reads the gateway type', () => {
    expect(vpnTypeOf({ VpnType: 'NationalStandard' })).toBe('NationalStandard');
    expect(vpnTypeOf({ VpnType: 'Normal' })).toBe('Normal');
    expect(vpnTypeOf({})).toBe('Normal');
    expect(vpnTypeOf(null)).toBe('Normal');
  });
});
