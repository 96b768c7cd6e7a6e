// Behaviour of the diff, the preview's impact summary and the three-way merge that the older tests left open
// (found by mutation testing, `npm run mutation`): each case here failed on a surviving mutant.
import { describe, expect, it } from 'vitest';
import { diffConnections, diffTunnels, groupDiffRows, MASK, mergeThreeWay, resolveConflict, setField, summarizeImpact, type DiffRow } from '../../core/index.ts';
import { dual, PEM, single, smSingle } from './fixtures.ts';

const rowsOf = (path: string, value: unknown) => diffConnections(single(), setField(single(), path, value));
const dualRows = (...edits: Array<[string, unknown]>) => diffConnections(dual(), edits.reduce((c, [p, v]) => setField(c, p, v), dual()));

describe('summarizeImpact: what the preview warns about', () => {
  it('flags a renegotiation and nothing else for an IKE change', () => {
    expect(summarizeImpact(rowsOf('IkeConfig.Psk', 'otherKey1'))).toEqual({ renegotiates: true, routing: false, bothTunnels: false, harmlessOnly: false });
  });

  it('flags routing and nothing else for a route-only change', () => {
    expect(summarizeImpact(rowsOf('AutoConfigRoute', true))).toEqual({ renegotiates: false, routing: true, bothTunnels: false, harmlessOnly: false });
    expect(summarizeImpact(rowsOf('HealthCheckConfig.retry', 7))).toEqual({ renegotiates: false, routing: true, bothTunnels: false, harmlessOnly: false });
  });

  it('flags both for a subnet change', () => {
    expect(summarizeImpact(rowsOf('LocalSubnet', '10.9.0.0/16'))).toMatchObject({ renegotiates: true, routing: true, harmlessOnly: false });
  });

  it('calls only a non-empty change harmless', () => {
    expect(summarizeImpact([])).toEqual({ renegotiates: false, routing: false, bothTunnels: false, harmlessOnly: false });
    expect(summarizeImpact(rowsOf('EffectImmediately', true))).toEqual({ renegotiates: false, routing: false, bothTunnels: false, harmlessOnly: true });
  });

  it('counts a tunnel as renegotiating only for its own renegotiating rows', () => {
    // Tunnel 1 renegotiates, tunnel 2 only moves its BGP address: one standby tunnel stays up.
    const bgpOnly = dualRows(['TunnelOptionsSpecification.1.TunnelIkeConfig.IkePfs', 'group5'], ['TunnelOptionsSpecification.2.TunnelBgpConfig.LocalBgpIp', '169.254.12.2']);
    expect(summarizeImpact(bgpOnly)).toMatchObject({ renegotiates: true, routing: true, bothTunnels: false });
    // Connection-wide subnets renegotiate too, but they are not a tunnel section.
    const subnets = dualRows(['TunnelOptionsSpecification.1.EnableDpd', false], ['RemoteSubnet', '10.9.0.0/16']);
    expect(summarizeImpact(subnets).bothTunnels).toBe(false);
    const both = dualRows(['TunnelOptionsSpecification.1.EnableDpd', false], ['TunnelOptionsSpecification.2.EnableNatTraversal', false]);
    expect(summarizeImpact(both).bothTunnels).toBe(true);
  });

  it('flags a change of mode as renegotiating and routing', () => {
    const [modeRow] = diffConnections(single(), { ...dual(), VpnConnectionId: single().VpnConnectionId });
    expect(modeRow).toEqual({ path: 'mode', group: 'General', section: 'General', kind: 'text', impact: ['renegotiates', 'routing'], secret: false, before: 'single', after: 'dual' });
    expect(summarizeImpact([modeRow as DiffRow])).toMatchObject({ renegotiates: true, routing: true });
  });
});

describe('diff rows', () => {
  it('masks a secret only on the side that has one', () => {
    const [set] = diffConnections(setField(single(), 'IkeConfig.Psk', ''), single());
    expect(set).toMatchObject({ secret: true, before: '', after: MASK });
    const [cleared] = diffConnections(single(), setField(single(), 'IkeConfig.Psk', ''));
    expect(cleared).toMatchObject({ before: MASK, after: '' });
    expect(diffConnections(single(), setField(single(), 'IkeConfig.Psk', 'k2'), { revealSecrets: false })[0]).toMatchObject({ before: MASK, after: MASK });
  });

  it('shows a value that is not text as its text, and a missing one as empty', () => {
    expect(rowsOf('IkeConfig.IkeLifetime', 3600)[0]).toMatchObject({ before: '86400', after: '3600', secret: false });
    expect(rowsOf('EnableDpd', false)[0]).toMatchObject({ before: 'true', after: 'false' });
    expect(rowsOf('Name', null)[0]).toMatchObject({ before: 'nametest', after: '' });
  });

  it('adds line changes to a multi-line field only', () => {
    const [cert] = diffConnections(smSingle(), setField(smSingle(), 'RemoteCaCertificate', ''));
    expect(cert?.lines).toEqual([{ value: PEM, added: false, removed: true }]);
    expect(rowsOf('Name', 'x')[0]).not.toHaveProperty('lines');
  });

  it('compares tunnels in the Tunnel section with their secrets masked by default', () => {
    const d = dual();
    const rows = diffTunnels(d.tunnels[0], d.tunnels[1]);
    expect(rows[0]).toMatchObject({ path: 'TunnelIkeConfig.Psk', section: 'Tunnel', group: 'IKE', secret: true, before: MASK, after: MASK });
    expect(rows.every((r) => r.section === 'Tunnel')).toBe(true);
  });

  it('lists every field once across modes, the shared ones compared', () => {
    const rows = diffConnections(single(), { ...dual(), VpnConnectionId: single().VpnConnectionId });
    const paths = rows.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(rows.find((r) => r.path === 'Name')).toMatchObject({ before: 'nametest', after: 'dual-test' });
    expect(rows.find((r) => r.path === 'EnableTunnelsBgp')).toMatchObject({ before: '', after: 'true' });
  });

  it('keeps rows of one section and group together, in first-seen order', () => {
    const rows = dualRows(['TunnelOptionsSpecification.2.TunnelIkeConfig.IkePfs', 'group5'], ['TunnelOptionsSpecification.2.TunnelIkeConfig.IkeMode', 'aggressive'], ['Name', 'n']);
    const sections = groupDiffRows(rows);
    expect(sections.map((s) => [s.section, s.group, s.rows.map((r) => r.path)])).toEqual([
      ['General', 'General', ['Name']],
      ['TunnelOptionsSpecification.2', 'IKE', ['TunnelOptionsSpecification.2.TunnelIkeConfig.IkeMode', 'TunnelOptionsSpecification.2.TunnelIkeConfig.IkePfs']],
    ]);
  });
});

describe('mergeThreeWay and resolving its conflicts', () => {
  const base = single();
  const conflicting = () => {
    const r = mergeThreeWay(base, setField(base, 'IkeConfig.IkeEncAlg', 'aes256'), setField(base, 'IkeConfig.IkeEncAlg', 'aes192'));
    if (!r.ok) throw new Error('merge failed');
    return r;
  };

  it('"keep mine" gives the draft value, whatever the merged state holds', () => {
    const r = conflicting();
    const [conflict] = r.conflicts;
    if (!conflict) throw new Error('no conflict');
    const kept = resolveConflict(r.merged, conflict, 'draft');
    expect(kept.mode === 'single' && kept.IkeConfig.IkeEncAlg).toBe('aes256');
    // After taking live, keeping mine brings the draft value back.
    const back = resolveConflict(resolveConflict(r.merged, conflict, 'live'), conflict, 'draft');
    expect(back.mode === 'single' && back.IkeConfig.IkeEncAlg).toBe('aes256');
  });

  it('returns the draft itself when nothing moved in the cloud', () => {
    const draft = setField(base, 'Name', 'mine');
    const r = mergeThreeWay(base, draft, single());
    expect(r.ok && r.merged).toBe(draft);
  });

  it('takes a field only live changed, and the other fields from the draft', () => {
    const draft = setField(base, 'IkeConfig.IkePfs', 'group5');
    const live = setField(base, 'RemoteSubnet', '10.8.0.0/16');
    const r = mergeThreeWay(base, draft, live);
    expect(r.ok && r.conflicts).toEqual([]);
    expect(r.ok && r.merged).toEqual(setField(live, 'IkeConfig.IkePfs', 'group5'));
  });

  it('refuses when only the draft or only the base is of another connection or mode', () => {
    const other = { ...single(), VpnConnectionId: 'vco-other' };
    expect(mergeThreeWay(single(), other, single())).toEqual({ ok: false, reason: 'connectionChanged' });
    expect(mergeThreeWay(other, single(), single())).toEqual({ ok: false, reason: 'connectionChanged' });
    const dualTwin = { ...dual(), VpnConnectionId: single().VpnConnectionId };
    expect(mergeThreeWay(single(), dualTwin, single())).toEqual({ ok: false, reason: 'modeChanged' });
    expect(mergeThreeWay(dualTwin, single(), single())).toEqual({ ok: false, reason: 'modeChanged' });
  });
});
