// Copying a section between the tunnels of a dual-tunnel connection: each tunnel's identities and addresses and its
// pre-shared key stay behind unless picked one by one.
import { describe, expect, it } from 'vitest';
import { advise, copyHold, copyTunnelGroup, getField, setField, tunnelCopyFields, validate, type DualTunnelConnection } from '../../core/index.ts';
import { dual, normalGateway } from './fixtures.ts';

const M = 'TunnelOptionsSpecification.1';
const S = 'TunnelOptionsSpecification.2';

/** The fixture with a master phase 1 that differs from the slave's in an ordinary field too. */
function edited(): DualTunnelConnection {
  return setField(dual(), `${M}.TunnelIkeConfig.IkeEncAlg`, 'aes256');
}

describe('copyHold', () => {
  it('holds back identities, BGP addresses and the PSK, in any path form, and nothing else', () => {
    for (const path of ['TunnelIkeConfig.LocalId', `${S}.TunnelIkeConfig.RemoteId`, 'TunnelBgpConfig.TunnelCidr', 'BgpConfig.LocalBgpIp']) expect(copyHold(path), path).toBe('identity');
    for (const path of ['TunnelIkeConfig.Psk', 'IkeConfig.Psk']) expect(copyHold(path), path).toBe('secret');
    for (const path of ['TunnelIkeConfig.IkeEncAlg', 'TunnelBgpConfig.LocalAsn', 'EnableDpd', 'TunnelIpsecConfig.IpsecPfs', 'Name']) expect(copyHold(path), path).toBeNull();
  });
});

describe('copyTunnelGroup', () => {
  it('copies phase 1 to the slave but leaves its Local ID, Remote ID and PSK alone, and says so', () => {
    const before = edited();
    const { draft, copied, leftOut } = copyTunnelGroup(before, 'IKE', 0, 'Normal');
    expect(copied).toEqual(['TunnelIkeConfig.IkeEncAlg']);
    expect(getField(draft, `${S}.TunnelIkeConfig.IkeEncAlg`)).toBe('aes256');
    expect(getField(draft, `${S}.TunnelIkeConfig.LocalId`)).toBe('47.21.0.2');
    expect(getField(draft, `${S}.TunnelIkeConfig.Psk`)).toBe('123456ab2');
    // RemoteId is the same on both tunnels in the fixture: nothing is left out there.
    expect(leftOut).toEqual([
      { path: 'TunnelIkeConfig.Psk', hold: 'secret' },
      { path: 'TunnelIkeConfig.LocalId', hold: 'identity' },
    ]);
    // The master is untouched; the copy leaves no rule error and no warning behind.
    expect(draft.tunnels[0]).toBe(before.tunnels[0]);
    expect(validate(draft, normalGateway)).toEqual([]);
    expect(advise(draft)).toEqual([]);
  });

  it('copies a held-back field only when it is picked, the PSK only when it is picked', () => {
    const picked = copyTunnelGroup(edited(), 'IKE', 0, 'Normal', ['TunnelIkeConfig.LocalId']);
    expect(picked.copied).toEqual(['TunnelIkeConfig.IkeEncAlg', 'TunnelIkeConfig.LocalId']);
    expect(getField(picked.draft, `${S}.TunnelIkeConfig.LocalId`)).toBe('47.21.0.1');
    expect(getField(picked.draft, `${S}.TunnelIkeConfig.Psk`)).toBe('123456ab2');
    expect(picked.leftOut).toEqual([{ path: 'TunnelIkeConfig.Psk', hold: 'secret' }]);
    const withKey = copyTunnelGroup(edited(), 'IKE', 0, 'Normal', ['TunnelIkeConfig.Psk']);
    expect(getField(withKey.draft, `${S}.TunnelIkeConfig.Psk`)).toBe('123456ab1');
    expect(getField(withKey.draft, `${S}.TunnelIkeConfig.LocalId`)).toBe('47.21.0.2');
  });

  it('copies BGP without the tunnel network and BGP address (which would collide), slave to master too', () => {
    const before = setField(dual(), `${S}.TunnelBgpConfig.LocalAsn`, '65000');
    const { draft, copied, leftOut } = copyTunnelGroup(before, 'BGP', 1, 'Normal');
    expect(copied).toEqual(['TunnelBgpConfig.LocalAsn']);
    expect(getField(draft, `${M}.TunnelBgpConfig.LocalAsn`)).toBe('65000');
    expect(getField(draft, `${M}.TunnelBgpConfig.TunnelCidr`)).toBe('169.254.11.0/30');
    expect(leftOut.map((f) => f.path)).toEqual(['TunnelBgpConfig.TunnelCidr', 'TunnelBgpConfig.LocalBgpIp']);
    expect(validate(draft, normalGateway)).toEqual([]);
  });

  it('copies every field of a section without held-back fields, and nothing that is already equal', () => {
    const before = setField(setField(dual(), `${M}.TunnelIpsecConfig.IpsecPfs`, 'group5'), `${M}.TunnelIpsecConfig.IpsecEncAlg`, 'aes256');
    const { draft, copied, leftOut } = copyTunnelGroup(before, 'IPsec', 0, 'Normal');
    expect(copied).toEqual(['TunnelIpsecConfig.IpsecEncAlg', 'TunnelIpsecConfig.IpsecPfs']);
    expect(leftOut).toEqual([]);
    expect(draft.tunnels[1].TunnelIpsecConfig).toEqual(before.tunnels[0].TunnelIpsecConfig);
    expect(copyTunnelGroup(draft, 'IPsec', 0, 'Normal').copied).toEqual([]);
  });

  it('lists the fields of a section with what would be held back and what differs', () => {
    const fields = tunnelCopyFields(edited(), 'IKE', 'Normal');
    expect(fields.filter((f) => f.differs).map((f) => [f.path, f.hold])).toEqual([
      ['TunnelIkeConfig.Psk', 'secret'],
      ['TunnelIkeConfig.IkeEncAlg', null],
      ['TunnelIkeConfig.LocalId', 'identity'],
    ]);
    // Certificates belong to SM gateways only.
    expect(tunnelCopyFields(dual(), 'Tunnel', 'Normal').map((f) => f.path)).not.toContain('RemoteCaCertificate');
    expect(tunnelCopyFields(dual(), 'Tunnel', 'NationalStandard').map((f) => f.path)).toContain('RemoteCaCertificate');
  });
});
