import { describe, expect, it } from 'vitest';
import { diffConnections, diffTunnels, groupDiffRows, MASK, mergeThreeWay, resolveConflict, setField, summarizeImpact } from '../../core/index.ts';
import { dual, PEM, PEM_MULTILINE, single, smSingle } from './fixtures.ts';

describe('diffConnections', () => {
  it('is empty for identical states', () => {
    expect(diffConnections(single(), single())).toEqual([]);
    expect(diffConnections(dual(), dual())).toEqual([]);
  });

  it('reports a changed field with its group, section and impact', () => {
    const rows = diffConnections(single(), setField(single(), 'IkeConfig.IkePfs', 'group14'));
    expect(rows).toEqual([
      { path: 'IkeConfig.IkePfs', group: 'IKE', section: 'General', kind: 'enum', impact: ['renegotiates'], secret: false, before: 'group2', after: 'group14' },
    ]);
  });

  it('classifies impact: Name harmless, PSK renegotiates, subnets renegotiate and route, BGP routes', () => {
    const impactOf = (path: string, value: unknown) => diffConnections(single(), setField(single(), path, value))[0]?.impact;
    expect(impactOf('Name', 'x')).toEqual(['harmless']);
    expect(impactOf('IkeConfig.Psk', 'other1')).toEqual(['renegotiates']);
    expect(impactOf('IkeConfig.RemoteId', 'peer.example.com')).toEqual(['renegotiates']);
    expect(impactOf('LocalSubnet', '10.7.0.0/16')).toEqual(['renegotiates', 'routing']);
    expect(impactOf('AutoConfigRoute', true)).toEqual(['routing']);
    expect(impactOf('BgpConfig.LocalAsn', '65000')).toEqual(['routing']);
    expect(summarizeImpact(diffConnections(single(), setField(single(), 'Name', 'x')))).toMatchObject({ harmlessOnly: true, renegotiates: false });
  });

  it('masks secrets unless asked', () => {
    const draft = setField(single(), 'IkeConfig.Psk', 'newSecret1');
    const [row] = diffConnections(single(), draft);
    expect(row).toMatchObject({ secret: true, before: MASK, after: MASK });
    expect(diffConnections(single(), draft, { revealSecrets: true })[0]).toMatchObject({ before: 'pgw6dy7d1i8i****', after: 'newSecret1' });
  });

  it('diffs certificates line by line', () => {
    const after = PEM_MULTILINE.replace('Qm9iMB4XDTIwMDEwMTAw', 'Q2hhbmdlZA==');
    const [row] = diffConnections(setField(smSingle(), 'RemoteCaCertificate', PEM_MULTILINE), setField(smSingle(), 'RemoteCaCertificate', after));
    expect(row?.kind).toBe('multiline');
    expect(row?.lines?.filter((l) => l.removed).map((l) => l.value)).toEqual(['Qm9iMB4XDTIwMDEwMTAw\n']);
    expect(row?.lines?.filter((l) => l.added).map((l) => l.value)).toEqual(['Q2hhbmdlZA==\n']);
    expect(row?.lines?.filter((l) => !l.added && !l.removed).length).toBeGreaterThan(0);
  });

  it('groups rows per tunnel section and flags both tunnels changing', () => {
    let draft = setField(dual(), 'TunnelOptionsSpecification.1.TunnelIkeConfig.IkeEncAlg', 'aes256');
    draft = setField(draft, 'TunnelOptionsSpecification.2.TunnelIpsecConfig.IpsecEncAlg', 'aes256');
    draft = setField(draft, 'Name', 'x');
    const rows = diffConnections(dual(), draft);
    expect(groupDiffRows(rows).map((s) => `${s.section}/${s.group}`)).toEqual(['General/General', 'TunnelOptionsSpecification.1/IKE', 'TunnelOptionsSpecification.2/IPsec']);
    expect(summarizeImpact(rows).bothTunnels).toBe(true);
    expect(summarizeImpact(rows.slice(0, 2)).bothTunnels).toBe(false);
  });

  it('compares two different connections, even of different modes', () => {
    const rows = diffConnections(single(), dual());
    expect(rows[0]).toMatchObject({ path: 'mode', before: 'single', after: 'dual' });
    expect(rows.find((r) => r.path === 'IkeConfig.IkeVersion')).toMatchObject({ before: 'ikev1', after: '' });
    expect(rows.find((r) => r.path === 'TunnelOptionsSpecification.1.TunnelIkeConfig.IkeVersion')).toMatchObject({ before: '', after: 'ikev2' });
  });
});

describe('diffTunnels', () => {
  it('compares master and slave with relative paths', () => {
    const d = dual();
    const rows = diffTunnels(d.tunnels[0], d.tunnels[1], { revealSecrets: true });
    expect(rows.map((r) => r.path)).toEqual([
      'TunnelIkeConfig.Psk',
      'TunnelIkeConfig.LocalId',
      'TunnelBgpConfig.TunnelCidr',
      'TunnelBgpConfig.LocalBgpIp',
    ]);
    expect(diffTunnels(d.tunnels[0], d.tunnels[0])).toEqual([]);
  });
});

describe('mergeThreeWay', () => {
  it('returns the draft unchanged when live did not move', () => {
    const draft = setField(single(), 'Name', 'mine');
    const r = mergeThreeWay(single(), draft, single());
    expect(r).toEqual({ ok: true, merged: draft, conflicts: [] });
  });

  it('merges changes on different fields', () => {
    const base = dual();
    const draft = setField(base, 'TunnelOptionsSpecification.1.TunnelIkeConfig.Psk', 'mineKey1');
    const live = { ...setField(base, 'Name', 'theirs'), State: 'updating' };
    const r = mergeThreeWay(base, draft, live);
    if (!r.ok) throw new Error('merge failed');
    expect(r.conflicts).toEqual([]);
    expect(r.merged.Name).toBe('theirs');
    expect(r.merged.mode === 'dual' && r.merged.tunnels[0].TunnelIkeConfig.Psk).toBe('mineKey1');
    expect(r.merged.State).toBe('updating'); // status from live
  });

  it('turns changes of the same field into a conflict with both values, keeping the draft value', () => {
    const base = single();
    const r = mergeThreeWay(base, setField(base, 'IkeConfig.IkeEncAlg', 'aes256'), setField(base, 'IkeConfig.IkeEncAlg', 'aes192'));
    if (!r.ok) throw new Error('merge failed');
    expect(r.conflicts).toEqual([{ path: 'IkeConfig.IkeEncAlg', base: 'aes', draft: 'aes256', live: 'aes192' }]);
    expect(r.merged.mode === 'single' && r.merged.IkeConfig.IkeEncAlg).toBe('aes256');
    const resolved = resolveConflict(r.merged, r.conflicts[0]!, 'live');
    expect(resolved.mode === 'single' && resolved.IkeConfig.IkeEncAlg).toBe('aes192');
  });

  it('does not call the same change on both sides a conflict', () => {
    const base = single();
    const same = setField(base, 'RemoteSubnet', '10.8.0.0/16');
    const r = mergeThreeWay(base, same, same);
    expect(r.ok && r.conflicts).toEqual([]);
  });

  it('refuses to merge across a mode or identity change', () => {
    expect(mergeThreeWay(single(), single(), { ...dual(), VpnConnectionId: single().VpnConnectionId })).toEqual({ ok: false, reason: 'modeChanged' });
    expect(mergeThreeWay(single(), single(), { ...single(), VpnConnectionId: 'vco-x' })).toEqual({ ok: false, reason: 'connectionChanged' });
  });

  it('uses PEM certificates as ordinary fields', () => {
    const base = smSingle();
    const r = mergeThreeWay(base, setField(base, 'RemoteCaCertificate', PEM_MULTILINE), setField(base, 'Name', 'n'));
    expect(r.ok && r.conflicts).toEqual([]);
    expect(r.ok && r.merged.mode === 'single' && r.merged.RemoteCaCertificate).toBe(PEM_MULTILINE);
    expect(PEM).toContain('BEGIN');
  });
});
