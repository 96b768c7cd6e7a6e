// Tunnel health: a connection is as healthy as its worst tunnel, whatever the connection's own Status says.
import { describe, expect, it } from 'vitest';
import { connectionHealth, lostTunnels, negotiationHealth, tunnelHealths, worstHealth, type DualTunnelConnection } from '../../core/index.ts';
import { summarizeConnection } from '../../core/inventory-listing.ts';
import { dual, single } from './fixtures.ts';

const withStatuses = (master: string | undefined, slave: string | undefined, own = 'ipsec_sa_established'): DualTunnelConnection => {
  const c = dual();
  const [m, s] = c.tunnels;
  return {
    ...c,
    Status: own,
    tunnels: [
      { ...m, ...(master !== undefined ? { Status: master } : { Status: undefined }) },
      { ...s, ...(slave !== undefined ? { Status: slave } : { Status: undefined }) },
    ],
  } as DualTunnelConnection;
};

describe('tunnel health', () => {
  it('only ipsec_sa_established carries traffic; the other documented values are down, anything else unknown', () => {
    expect(negotiationHealth('ipsec_sa_established')).toBe('up');
    for (const s of ['ike_sa_established', 'ike_sa_not_established', 'ipsec_sa_not_established']) expect(negotiationHealth(s)).toBe('down');
    for (const s of [undefined, '', 'established', 'IPSEC_SA_ESTABLISHED']) expect(negotiationHealth(s)).toBe('unknown');
  });

  it('a dual-tunnel connection whose master is up and slave is down is down, though its own Status is the master\'s', () => {
    const c = withStatuses('ipsec_sa_established', 'ike_sa_not_established');
    expect(tunnelHealths(c).map((t) => [t.position, t.health])).toEqual([['master', 'up'], ['slave', 'down']]);
    expect(connectionHealth(c)).toBe('down');
    const summary = summarizeConnection({ RegionId: 'cn-hangzhou', connection: c });
    expect(summary).toMatchObject({ Status: 'ipsec_sa_established', health: 'down' });
    expect(summary.tunnels?.map((t) => t.health)).toEqual(['up', 'down']);
    expect(connectionHealth(withStatuses('ipsec_sa_established', 'ipsec_sa_established'))).toBe('up');
    expect(connectionHealth(withStatuses('ipsec_sa_established', undefined))).toBe('unknown');
    expect(connectionHealth(withStatuses(undefined, 'ike_sa_established'))).toBe('down');
  });

  it('a single-tunnel connection is its own tunnel; a BGP session that is down counts against it', () => {
    const c = single();
    expect(tunnelHealths({ ...c, Status: 'ipsec_sa_established' })).toEqual([{ position: 'connection', Status: 'ipsec_sa_established', health: 'up', bgp: 'up' }]);
    const bgpDown = { ...c, Status: 'ipsec_sa_established', BgpConfig: { ...c.BgpConfig, Status: 'false' } };
    expect(connectionHealth(bgpDown)).toBe('down');
    // BGP off: its status is not read.
    expect(connectionHealth({ ...bgpDown, BgpConfig: { ...bgpDown.BgpConfig, EnableBgp: false } })).toBe('up');
    expect(summarizeConnection({ RegionId: 'r', connection: c }).tunnels).toBeUndefined();
  });

  it('worst of: down over unknown over up; nothing known is unknown', () => {
    expect(worstHealth(['up', 'unknown'])).toBe('unknown');
    expect(worstHealth(['unknown', 'down', 'up'])).toBe('down');
    expect(worstHealth(['up', 'up'])).toBe('up');
    expect(worstHealth([])).toBe('unknown');
  });

  it('a loss is a tunnel (or BGP session) that was up and is not; one already down cannot be lost', () => {
    const before = tunnelHealths(withStatuses('ipsec_sa_established', 'ike_sa_not_established'));
    expect(lostTunnels(before, tunnelHealths(withStatuses('ipsec_sa_established', 'ike_sa_not_established')))).toEqual([]);
    expect(lostTunnels(before, tunnelHealths(withStatuses('ike_sa_established', 'ipsec_sa_established')))).toEqual([
      { position: 'master', what: 'negotiation', before: 'ipsec_sa_established', now: 'ike_sa_established' },
    ]);
    // A tunnel that can no longer be read is not up.
    expect(lostTunnels(before, tunnelHealths(withStatuses(undefined, 'ipsec_sa_established'))).map((l) => l.position)).toEqual(['master']);
    const c = { ...single(), Status: 'ipsec_sa_established' };
    const bgpLost = lostTunnels(tunnelHealths(c), tunnelHealths({ ...c, BgpConfig: { ...c.BgpConfig, Status: 'false' } }));
    expect(bgpLost).toEqual([{ position: 'connection', what: 'bgp', before: 'success', now: 'false' }]);
    // Switching BGP off on purpose loses no session.
    expect(lostTunnels(tunnelHealths(c), tunnelHealths({ ...c, BgpConfig: { ...c.BgpConfig, EnableBgp: false } }))).toEqual([]);
  });
});
