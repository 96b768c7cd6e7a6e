// The Peer device column's mapping: each connection field's counterpart on the device, and hand edits back into the
// profile without inventing proposals the device never offered or losing them to an empty cell.
import { describe, expect, it } from 'vitest';
import { peerFieldText, setPeerFieldText } from '../../core/peer/fields.ts';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import type { PeerProfile } from '../../core/peer/profile.ts';
import { dual, single } from './fixtures.ts';

const ADDRESSES = {
  single: { cloudAddress: '47.96.1.1', deviceAddress: '203.0.113.9' },
  master: { cloudAddress: '47.96.1.1', deviceAddress: '203.0.113.9' },
  slave: { cloudAddress: '47.96.1.2', deviceAddress: '203.0.113.10' },
};
const mirrored = () => mirrorPeer(single(), ADDRESSES);
const edit = (p: PeerProfile, path: string, text: string) => setPeerFieldText(p, 'single', path, text);

describe('the Peer column', () => {
  it('shows the device side of each field: identities and selectors swapped to the device', () => {
    const c = single();
    const p = mirrorPeer(c, ADDRESSES);
    expect(peerFieldText(p, 'single', 'IkeConfig.LocalId')).toBe(c.IkeConfig.LocalId || ADDRESSES.single.cloudAddress);
    expect(peerFieldText(p, 'single', 'IkeConfig.RemoteId')).toBe(c.IkeConfig.RemoteId || ADDRESSES.single.deviceAddress);
    expect(peerFieldText(p, 'single', 'LocalSubnet')).toBe(c.LocalSubnet.split(',').map((s) => s.trim()).join(','));
    expect(peerFieldText(p, 'single', 'IkeConfig.IkeEncAlg')).toBe(c.IkeConfig.IkeEncAlg);
    expect(peerFieldText(p, 'single', 'Name')).toBeNull();
    // A tunnel the profile lacks has no value.
    expect(peerFieldText(p, 'dual', 'TunnelOptionsSpecification.1.TunnelIkeConfig.Psk')).toBeNull();
  });

  it('an algorithm list of a mirrored device becomes every combination, and the profile turns manual', () => {
    const p = edit(mirrored(), 'IkeConfig.IkeEncAlg', 'aes, aes256');
    expect(p.source).toBe('manual');
    expect(p.tunnels.single?.ikeProposals.map((x) => x.encryption)).toEqual(['aes', 'aes256']);
    const both = edit(p, 'IkeConfig.IkeAuthAlg', 'sha1, sha256');
    expect(both.tunnels.single?.ikeProposals).toHaveLength(4);
    expect(peerFieldText(both, 'single', 'IkeConfig.IkeAuthAlg')).toBe('sha1, sha256');
  });

  it('an emptied cell keeps the proposals (typing over it must not lose them for good)', () => {
    const p = mirrored();
    const cleared = edit(p, 'IkeConfig.IkeEncAlg', '');
    expect(cleared.tunnels.single?.ikeProposals).toEqual(p.tunnels.single?.ikeProposals);
    const retyped = edit(cleared, 'IkeConfig.IkeEncAlg', 'aes256');
    expect(retyped.tunnels.single?.ikeProposals.map((x) => x.encryption)).toEqual(['aes256']);
  });

  it('proposals that are not every combination are filtered and extended, never crossed', () => {
    const p: PeerProfile = {
      ...mirrored(),
      tunnels: {
        single: {
          ...mirrored().tunnels.single!,
          ikeProposals: [
            { encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' },
            { encryption: 'aes', integrity: 'sha1', dhGroup: 'group2' },
          ],
        },
      },
    };
    // Re-entering what is shown changes nothing (no aes-sha256-group2 appears).
    expect(edit(p, 'IkeConfig.IkeAuthAlg', 'sha256, sha1').tunnels.single?.ikeProposals).toEqual(p.tunnels.single?.ikeProposals);
    // Dropping a value drops its proposals; adding one pairs it with the remaining combinations of the other parts.
    const narrowed = edit(p, 'IkeConfig.IkeEncAlg', 'aes256, 3des');
    expect(narrowed.tunnels.single?.ikeProposals).toEqual([
      { encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' },
      { encryption: '3des', integrity: 'sha256', dhGroup: 'group14' },
    ]);
  });

  it('refuses an edit that would pass the 32-proposal cap', () => {
    const p = edit(edit(mirrored(), 'IkeConfig.IkeEncAlg', 'aes, aes192, aes256, des, 3des'), 'IkeConfig.IkeAuthAlg', 'md5, sha1, sha256, sha384, sha512');
    expect(p.tunnels.single?.ikeProposals).toHaveLength(25);
    const over = edit(p, 'IkeConfig.IkePfs', 'group2, group14');
    expect(over.tunnels.single?.ikeProposals).toHaveLength(25);
  });

  it('IKE version and mode read without case; an unreadable version list keeps the old one', () => {
    expect(edit(mirrored(), 'IkeConfig.IkeVersion', 'IKEv1, ikev2').tunnels.single?.ikeVersions).toEqual(['ikev1', 'ikev2']);
    expect(edit(mirrored(), 'IkeConfig.IkeVersion', 'v3').tunnels.single?.ikeVersions).toEqual(mirrored().tunnels.single?.ikeVersions);
    expect(edit(mirrored(), 'IkeConfig.IkeMode', 'Aggressive').tunnels.single?.ikeMode).toBe('aggressive');
  });

  it('a connection-wide field of a dual-tunnel connection is edited on both tunnels', () => {
    const p = mirrorPeer(dual(), ADDRESSES);
    const next = setPeerFieldText(p, 'dual', 'RemoteSubnet', '192.168.50.0/24');
    expect(next.tunnels.master?.localSubnets).toEqual(['192.168.50.0/24']);
    expect(next.tunnels.slave?.localSubnets).toEqual(['192.168.50.0/24']);
    const slaveOnly = setPeerFieldText(p, 'dual', 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk', 'new-slave-key');
    expect(slaveOnly.tunnels.slave?.psk).toBe('new-slave-key');
    expect(slaveOnly.tunnels.master?.psk).toBe(p.tunnels.master?.psk);
  });
});
