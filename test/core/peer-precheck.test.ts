// The negotiation pre-check: one failing and one passing case per rule, against profiles built by hand or mirrored
// from the connection. The expectations follow strongSwan's measured behaviour (../shared/reference/strongswan-netns.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setField, type SingleTunnelConnection, type VpnConnection } from '../../core/index.ts';
import { formatPeerMessage, formatPrecheckSummary, PEER_MESSAGES } from '../../core/i18n/peer-messages.ts';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import { precheck, precheckSummary, type PrecheckReason, type PrecheckResult } from '../../core/peer/precheck.ts';
import type { PeerProfile, PeerTunnel, PeerTunnelKey } from '../../core/peer/profile.ts';
import { anyConnection, ipv4 } from './arbitraries.ts';
import { dual, single, smSingle } from './fixtures.ts';

const CLOUD = '47.100.0.1';
const DEVICE = '203.0.113.5';
const ADDR = { cloudAddress: CLOUD, deviceAddress: DEVICE };
const ADDRESSES = { single: ADDR, master: ADDR, slave: { cloudAddress: '47.100.0.2', deviceAddress: DEVICE } };

/** The device matching `c`, with some of its tunnel's fields replaced. */
function device(c: VpnConnection, change: Partial<PeerTunnel> = {}, key?: PeerTunnelKey): PeerProfile {
  const profile = mirrorPeer(c, ADDRESSES);
  const k = key ?? (c.mode === 'single' ? 'single' : 'master');
  return { ...profile, tunnels: { ...profile.tunnels, [k]: { ...profile.tunnels[k]!, ...change } } };
}

const reasons = (r: PrecheckResult, tunnel = 0): PrecheckReason[] => r.tunnels[tunnel]!.reasons;
const errors = (r: PrecheckResult, tunnel = 0) => reasons(r, tunnel).filter((x) => x.severity === 'error');
const warnings = (r: PrecheckResult, tunnel = 0) => reasons(r, tunnel).filter((x) => x.severity === 'warning');
const codes = (list: readonly PrecheckReason[]) => list.map((x) => x.code);
const ok = (r: PrecheckResult, tunnel = 0) => ({ ike: r.tunnels[tunnel]!.ike, child: r.tunnels[tunnel]!.child });

/** The single fixture without BGP (so BGP warnings stay out of tests about other rules). */
const plain = (): SingleTunnelConnection => setField(single(), 'BgpConfig.EnableBgp', false);
const v2 = (c: SingleTunnelConnection = plain()): SingleTunnelConnection => setField(c, 'IkeConfig.IkeVersion', 'ikev2');

describe('precheck: the mirror image negotiates', () => {
  it('single (IKEv1) and dual (IKEv2, BGP): every tunnel ok, not one reason', () => {
    for (const c of [single(), plain(), v2(), dual()]) {
      const r = precheck(c, mirrorPeer(c, ADDRESSES));
      expect(r.verdict).toBe('negotiates');
      for (const t of r.tunnels) expect(t).toMatchObject({ ike: 'ok', child: 'ok', reasons: [] });
    }
    expect(precheck(dual(), mirrorPeer(dual(), ADDRESSES)).tunnels.map((t) => t.tunnel)).toEqual(['master', 'slave']);
    expect(precheck(single(), mirrorPeer(single(), ADDRESSES)).tunnels.map((t) => t.tunnel)).toEqual(['single']);
  });

  it('holds for any valid connection (property)', () => {
    fc.assert(
      fc.property(anyConnection, ipv4, ipv4, (c, cloudAddress, deviceAddress) => {
        const a = { cloudAddress, deviceAddress };
        const r = precheck(c, mirrorPeer(c, { single: a, master: a, slave: a }));
        expect(r.tunnels.flatMap((t) => t.reasons)).toEqual([]);
        expect(r.verdict).toBe('negotiates');
      }),
      { numRuns: 300 },
    );
  });
});

describe('precheck: IKE SA', () => {
  it('IKE version must be one the device accepts', () => {
    const r = precheck(v2(), device(v2(), { ikeVersions: ['ikev1'] }));
    expect(r.verdict).toBe('fails');
    expect(ok(r)).toEqual({ ike: 'fails', child: 'fails' });
    expect(errors(r)).toEqual([expect.objectContaining({ path: 'IkeConfig.IkeVersion', code: 'peer.ikeVersion', params: { cloud: 'ikev2', offered: 'ikev1' } })]);
    expect(precheck(v2(), device(v2(), { ikeVersions: ['ikev1', 'ikev2'] })).verdict).toBe('negotiates');
  });

  it('a device accepting both versions with an IKEv1 connection: negotiates, with a warning about who initiates', () => {
    const r = precheck(plain(), device(plain(), { ikeVersions: ['ikev1', 'ikev2'] }));
    expect(r.verdict).toBe('negotiates');
    expect(codes(warnings(r))).toEqual(['peer.ikeVersionBoth']);
  });

  it('IKEv1 mode must be equal; IKEv2 ignores it', () => {
    const r = precheck(plain(), device(plain(), { ikeMode: 'aggressive' }));
    expect(ok(r).ike).toBe('fails');
    expect(errors(r)).toEqual([expect.objectContaining({ path: 'IkeConfig.IkeMode', code: 'peer.ikeMode', params: { cloud: 'main', device: 'aggressive' } })]);
    expect(precheck(v2(), device(v2(), { ikeMode: 'aggressive' })).verdict).toBe('negotiates');
  });

  it('IKE proposal: one field differs → names the field and what the device offers', () => {
    const c = setField(plain(), 'IkeConfig.IkeEncAlg', 'aes256');
    const r = precheck(c, device(plain()));
    expect(errors(r)).toEqual([
      {
        path: 'IkeConfig.IkeEncAlg',
        code: 'peer.ikeEncAlg',
        severity: 'error',
        params: { cloud: 'aes256', offered: 'aes' },
        message: 'The device offers IKE encryption aes only; this connection uses aes256.',
      },
    ]);
    const two = precheck(c, device(plain(), { ikeProposals: [{ encryption: 'aes', integrity: 'sha1', dhGroup: 'group2' }, { encryption: 'aes192', integrity: 'sha1', dhGroup: 'group2' }] }));
    expect(errors(two)[0]!.params).toEqual({ cloud: 'aes256', offered: 'aes, aes192' });
    const dh = precheck(setField(plain(), 'IkeConfig.IkePfs', 'group14'), device(plain()));
    expect(errors(dh)).toEqual([expect.objectContaining({ path: 'IkeConfig.IkePfs', code: 'peer.ikePfs', params: { cloud: 'group14', offered: 'group2' } })]);
  });

  it('IKE proposal: several fields differ → lists the device proposals; a match anywhere in the list passes', () => {
    const c = setField(setField(plain(), 'IkeConfig.IkeEncAlg', 'aes256'), 'IkeConfig.IkeAuthAlg', 'sha256');
    const r = precheck(c, device(plain()));
    expect(errors(r)).toEqual([expect.objectContaining({ path: 'IkeConfig.IkeEncAlg', code: 'peer.ikeProposal', params: { cloud: 'aes256-sha256-group2', offered: 'aes-sha1-group2' } })]);
    // Near misses in different fields: no single field to name.
    const mixed = device(plain(), { ikeProposals: [{ encryption: 'aes', integrity: 'sha256', dhGroup: 'group2' }, { encryption: 'aes256', integrity: 'sha1', dhGroup: 'group2' }] });
    expect(errors(precheck(c, mixed))).toEqual([expect.objectContaining({ code: 'peer.ikeProposal', params: { cloud: 'aes256-sha256-group2', offered: 'aes-sha256-group2, aes256-sha1-group2' } })]);
    // Only the closest proposals count: one near miss in integrity, one two fields off.
    const near = device(plain(), { ikeProposals: [{ encryption: 'aes', integrity: 'sha256', dhGroup: 'group5' }, { encryption: 'aes256', integrity: 'sha1', dhGroup: 'group2' }] });
    expect(errors(precheck(c, near))).toEqual([expect.objectContaining({ path: 'IkeConfig.IkeAuthAlg', code: 'peer.ikeAuthAlg', params: { cloud: 'sha256', offered: 'sha1' } })]);
    const offersMany = device(plain(), { ikeProposals: [{ encryption: 'aes256', integrity: 'sha512', dhGroup: 'group14' }, { encryption: 'aes256', integrity: 'sha256', dhGroup: 'group2' }] });
    expect(ok(precheck(c, offersMany)).ike).toBe('ok');
    expect(errors(precheck(c, device(plain(), { ikeProposals: [] })))[0]).toMatchObject({ code: 'peer.ikeProposal', params: { offered: '—' } });
  });

  it('PSK must be equal; an unknown device PSK is only a warning; the secret never appears in a reason', () => {
    const r = precheck(plain(), device(plain(), { psk: 'other-secret' }));
    expect(ok(r).ike).toBe('fails');
    expect(errors(r)).toEqual([{ path: 'IkeConfig.Psk', code: 'peer.psk', severity: 'error', message: 'The pre-shared keys differ.' }]);
    expect(JSON.stringify(r)).not.toContain('other-secret');
    expect(JSON.stringify(r)).not.toContain(plain().IkeConfig.Psk);
    const unknown = precheck(plain(), device(plain(), { psk: '' }));
    expect(unknown.verdict).toBe('negotiates');
    expect(warnings(unknown)).toEqual([expect.objectContaining({ path: 'IkeConfig.Psk', code: 'peer.pskUnknown' })]);
  });

  it('identities: device localId ↔ RemoteId, device remoteId ↔ LocalId', () => {
    const wrongLocal = precheck(plain(), device(plain(), { localId: 'cpe.example' }));
    expect(errors(wrongLocal)).toEqual([expect.objectContaining({ path: 'IkeConfig.RemoteId', code: 'peer.localId', params: { cloud: '139.18.XX.XX', device: 'cpe.example' } })]);
    const wrongRemote = precheck(plain(), device(plain(), { remoteId: 'gw.example' }));
    expect(errors(wrongRemote)).toEqual([expect.objectContaining({ path: 'IkeConfig.LocalId', code: 'peer.remoteId', params: { cloud: '116.64.XX.XX', device: 'gw.example' } })]);
    for (const any of ['', '%any']) expect(precheck(plain(), device(plain(), { remoteId: any })).verdict).toBe('negotiates');
  });

  it('identities compare as strongSwan reads them: addresses as addresses, names without case, @ and wildcards', () => {
    const ipv6 = setField(setField(plain(), 'IkeConfig.LocalId', '2001:db8::1'), 'IkeConfig.RemoteId', '10.0.0.1');
    expect(precheck(ipv6, device(ipv6, { remoteId: '2001:DB8:0:0::1', localId: '10.0.0.1' })).verdict).toBe('negotiates');
    expect(errors(precheck(ipv6, device(ipv6, { remoteId: '2001:db8::2' })))[0]).toMatchObject({ code: 'peer.remoteId' });
    // Names: the same FQDN in other case, with or without the type-forcing @, a user@FQDN, a DN.
    const fqdn = setField(plain(), 'IkeConfig.LocalId', 'gw.cloud.example');
    expect(precheck(fqdn, device(fqdn, { remoteId: 'GW.cloud.example' })).verdict).toBe('negotiates');
    expect(precheck(fqdn, device(fqdn, { remoteId: '@gw.cloud.example' })).verdict).toBe('negotiates');
    expect(errors(precheck(fqdn, device(fqdn, { remoteId: 'gw2.cloud.example' })))[0]).toMatchObject({ code: 'peer.remoteId' });
    const user = setField(plain(), 'IkeConfig.RemoteId', 'cpe@branch.example');
    expect(precheck(user, device(user, { localId: 'CPE@Branch.example' })).verdict).toBe('negotiates');
    // A user@FQDN is not the FQDN after its @.
    expect(errors(precheck(user, device(user, { localId: 'branch.example' })))[0]).toMatchObject({ code: 'peer.localId' });
    const dn = setField(plain(), 'IkeConfig.RemoteId', 'CN=cpe-branch, O=Example');
    expect(precheck(dn, device(dn, { localId: 'cn=CPE-branch,o=example' })).verdict).toBe('negotiates');
    // A wildcard the other identity falls under matches; an identity that itself holds a wildcard is refused in IKEv2.
    const star = setField(plain(), 'IkeConfig.LocalId', 'vpn.cloud.example');
    expect(precheck(star, device(star, { remoteId: '*.cloud.example' })).verdict).toBe('negotiates');
    expect(errors(precheck(star, device(star, { remoteId: '*.other.example' })))[0]).toMatchObject({ code: 'peer.remoteId' });
    const sendsStar = setField(v2(), 'IkeConfig.LocalId', '*.cloud.example');
    expect(errors(precheck(sendsStar, device(sendsStar)))[0]).toMatchObject({ code: 'peer.remoteId' });
    // IKEv1 sends it and the device's identical expectation matches (real strongSwan: test/ike, "identity pair").
    const sendsStarV1 = setField(plain(), 'IkeConfig.LocalId', '*.cloud.example');
    expect(precheck(sendsStarV1, device(sendsStarV1)).verdict).toBe('negotiates');
  });

  it('identity defaults: the cloud LocalId "" is the cloudAddress, RemoteId "" the deviceAddress', () => {
    const c = setField(setField(plain(), 'IkeConfig.LocalId', ''), 'IkeConfig.RemoteId', '');
    const mirrored = device(c);
    expect(mirrored.tunnels.single).toMatchObject({ localId: DEVICE, remoteId: CLOUD });
    expect(precheck(c, mirrored).verdict).toBe('negotiates');
    // The device expects the cloud's configured ID, but the cloud now sends its address.
    const r = precheck(c, device(c, { remoteId: '116.64.XX.XX' }));
    expect(errors(r)).toEqual([expect.objectContaining({ path: 'IkeConfig.LocalId', code: 'peer.remoteId', params: { cloud: CLOUD, device: '116.64.XX.XX' } })]);
    // The cloud expects the device's address; a device sending an FQDN fails, one with no ID (= its address) passes.
    expect(errors(precheck(c, device(c, { localId: 'cpe.example' })))[0]).toMatchObject({ path: 'IkeConfig.RemoteId', params: { cloud: DEVICE, device: 'cpe.example' } });
    expect(precheck(c, device(c, { localId: '' })).verdict).toBe('negotiates');
    // An unknown address cannot be compared: a warning, not a verdict.
    const blind = precheck(c, device(c, { cloudAddress: '', deviceAddress: '', localId: 'cpe.example' }));
    expect(codes(warnings(blind))).toEqual(['peer.localIdUnknown', 'peer.remoteIdUnknown']);
    expect(blind.verdict).toBe('negotiates');
  });

  it('when the IKE SA fails, the CHILD SA fails with no reasons of its own', () => {
    const c = setField(setField(plain(), 'IkeConfig.IkeEncAlg', 'aes256'), 'IpsecConfig.IpsecEncAlg', 'aes256');
    const r = precheck(c, device(plain(), { localSubnets: ['192.0.2.0/24'] }));
    expect(ok(r)).toEqual({ ike: 'fails', child: 'fails' });
    expect(codes(reasons(r))).toEqual(['peer.ikeEncAlg']);
  });
});

describe('precheck: CHILD SA proposal', () => {
  it('IKEv1: encryption, integrity and PFS group must all match one device proposal', () => {
    const pfs = setField(plain(), 'IpsecConfig.IpsecPfs', 'group5');
    const r = precheck(pfs, device(plain()));
    expect(ok(r)).toEqual({ ike: 'ok', child: 'fails' });
    expect(errors(r)).toEqual([expect.objectContaining({ path: 'IpsecConfig.IpsecPfs', code: 'peer.ipsecPfs', params: { cloud: 'group5', offered: 'group2' } })]);
    const enc = precheck(setField(plain(), 'IpsecConfig.IpsecEncAlg', '3des'), device(plain()));
    expect(errors(enc)).toEqual([expect.objectContaining({ path: 'IpsecConfig.IpsecEncAlg', code: 'peer.ipsecEncAlg', params: { cloud: '3des', offered: 'aes' } })]);
    const both = device(plain(), { ipsecProposals: [{ encryption: 'aes', integrity: 'sha1', pfs: 'group2' }, { encryption: 'aes', integrity: 'sha1', pfs: 'group5' }] });
    expect(precheck(pfs, both).verdict).toBe('negotiates');
  });

  it('IKEv2: a PFS mismatch comes up and fails at rekey', () => {
    const c = setField(v2(), 'IpsecConfig.IpsecPfs', 'group14');
    const r = precheck(c, device(v2()));
    expect(r.verdict).toBe('fails');
    expect(ok(r)).toEqual({ ike: 'ok', child: 'fails-at-rekey' });
    expect(errors(r)).toEqual([expect.objectContaining({ path: 'IpsecConfig.IpsecPfs', code: 'peer.pfsAtRekey', params: { cloud: 'group14', offered: 'group2' } })]);
    // PFS off counts as a value of its own.
    const off = precheck(setField(v2(), 'IpsecConfig.IpsecPfs', 'disabled'), device(v2()));
    expect(ok(off).child).toBe('fails-at-rekey');
    expect(errors(off)[0]!.params).toEqual({ cloud: 'disabled', offered: 'group2' });
    const offers = device(v2(), { ipsecProposals: [{ encryption: 'aes', integrity: 'sha1', pfs: 'group2' }, { encryption: 'aes', integrity: 'sha1', pfs: 'group14' }] });
    expect(precheck(c, offers).verdict).toBe('negotiates');
  });

  it('IKEv2: encryption or integrity mismatch fails the first CHILD SA at once', () => {
    const r = precheck(setField(v2(), 'IpsecConfig.IpsecAuthAlg', 'sha512'), device(v2()));
    expect(ok(r)).toEqual({ ike: 'ok', child: 'fails' });
    expect(errors(r)).toEqual([expect.objectContaining({ path: 'IpsecConfig.IpsecAuthAlg', code: 'peer.ipsecAuthAlg', params: { cloud: 'sha512', offered: 'sha1' } })]);
    const several = precheck(setField(setField(v2(), 'IpsecConfig.IpsecAuthAlg', 'sha512'), 'IpsecConfig.IpsecEncAlg', 'des'), device(v2()));
    expect(errors(several)[0]).toMatchObject({ code: 'peer.ipsecProposal', params: { cloud: 'des-sha512-group2', offered: 'aes-sha1-group2' } });
  });
});

describe('precheck: traffic selectors', () => {
  // plain(): LocalSubnet 10.1.1.0/24, RemoteSubnet 10.2.1.0/24; the device's remote side is the cloud's local side.
  it('disjoint selectors fail the CHILD SA on the side that does not meet (IKEv2 and IKEv1)', () => {
    for (const c of [v2(), plain()]) {
      const prefix = c.IkeConfig.IkeVersion;
      const r = precheck(c, device(c, { remoteSubnets: ['192.168.9.0/24'] }));
      expect(ok(r), prefix).toEqual({ ike: 'ok', child: 'fails' });
      expect(errors(r), prefix).toEqual([expect.objectContaining({ path: 'LocalSubnet', code: 'peer.tsDisjoint', params: { cloud: '10.1.1.0/24', device: '192.168.9.0/24' } })]);
      const other = precheck(c, device(c, { localSubnets: ['10.3.0.0/16'] }));
      expect(errors(other), prefix).toEqual([expect.objectContaining({ path: 'RemoteSubnet', code: 'peer.tsDisjoint' })]);
    }
  });

  it('subset and superset are narrowed: negotiates, with a warning naming the result', () => {
    const superset = precheck(v2(), device(v2(), { remoteSubnets: ['10.1.0.0/16'] }));
    expect(superset.verdict).toBe('negotiates');
    expect(warnings(superset)).toEqual([expect.objectContaining({ path: 'LocalSubnet', code: 'peer.tsNarrowed', params: { result: '10.1.1.0/24', cloud: '10.1.1.0/24', device: '10.1.0.0/16' } })]);
    const subset = precheck(v2(), device(v2(), { localSubnets: ['10.2.1.128/25'] }));
    expect(subset.verdict).toBe('negotiates');
    expect(warnings(subset)).toEqual([expect.objectContaining({ path: 'RemoteSubnet', code: 'peer.tsNarrowed', params: { result: '10.2.1.128/25', cloud: '10.2.1.0/24', device: '10.2.1.128/25' } })]);
    const v1 = precheck(plain(), device(plain(), { remoteSubnets: ['10.1.1.0/26'] }));
    expect(v1.verdict).toBe('negotiates');
    expect(warnings(v1)).toEqual([expect.objectContaining({ code: 'peer.tsNarrowed', params: { result: '10.1.1.0/26', cloud: '10.1.1.0/24', device: '10.1.1.0/26' } })]);
  });

  it('the same address set written differently is not narrowed; partial overlap of lists is', () => {
    const halves = precheck(v2(), device(v2(), { remoteSubnets: ['10.1.1.128/25', '10.1.1.0/25'] }));
    expect(reasons(halves)).toEqual([]);
    const c = setField(v2(), 'LocalSubnet', '10.1.1.0/24,10.1.2.0/24');
    const partial = precheck(c, device(c, { remoteSubnets: ['10.1.2.0/24', '10.9.0.0/24'] }));
    expect(partial.verdict).toBe('negotiates');
    expect(warnings(partial)[0]!.params).toMatchObject({ result: '10.1.2.0/24' });
  });

  it('IKEv1 with several remote subnets: only the device\'s first pair is proposed', () => {
    const c = setField(plain(), 'RemoteSubnet', '10.2.1.0/24,10.2.2.0/24');
    const r = precheck(c, device(c));
    expect(r.verdict).toBe('negotiates');
    expect(warnings(r)).toEqual([expect.objectContaining({ path: 'RemoteSubnet', code: 'peer.ikev1FirstPairOnly', params: { localSubnet: '10.1.1.0/24', remoteSubnet: '10.2.1.0/24' } })]);
    expect(warnings(r)[0]!.message).toBe('IKEv1 negotiates one pair of networks: only 10.1.1.0/24 ↔ 10.2.1.0/24 comes up.');
    // The device lists the second network first: that one comes up.
    const swapped = precheck(c, device(c, { localSubnets: ['10.2.2.0/24', '10.2.1.0/24'] }));
    expect(warnings(swapped)[0]!.params).toEqual({ localSubnet: '10.1.1.0/24', remoteSubnet: '10.2.2.0/24' });
    // Only the first is proposed: a device whose first network is unknown to the cloud fails in IKEv1, narrows in IKEv2.
    const first = { localSubnets: ['10.9.9.0/24', '10.2.1.0/24'] };
    expect(errors(precheck(c, device(c, first)))).toEqual([expect.objectContaining({ path: 'RemoteSubnet', code: 'peer.tsDisjoint', params: { cloud: '10.2.1.0/24, 10.2.2.0/24', device: '10.9.9.0/24' } })]);
    const c2 = v2(c);
    expect(precheck(c2, device(c2, first)).verdict).toBe('negotiates');
  });

  it('route-based 0.0.0.0/0 against specific networks narrows to them', () => {
    const r = precheck(v2(), device(v2(), { localSubnets: ['0.0.0.0/0'], remoteSubnets: ['0.0.0.0/0'] }));
    expect(r.verdict).toBe('negotiates');
    expect(warnings(r).map((w) => w.params?.result)).toEqual(['10.1.1.0/24', '10.2.1.0/24']);
  });
});

describe('precheck: warnings that never fail', () => {
  it('lifetimes, DPD and NAT-T differences', () => {
    const r = precheck(plain(), device(plain(), { ikeLifetime: 28800, ipsecLifetime: 3600, dpd: false, natTraversal: false }));
    expect(r.verdict).toBe('negotiates');
    expect(warnings(r)).toEqual([
      expect.objectContaining({ path: 'IkeConfig.IkeLifetime', code: 'peer.lifetimeDiffers', params: { cloud: 86400, device: 28800 } }),
      expect.objectContaining({ path: 'IpsecConfig.IpsecLifetime', code: 'peer.lifetimeDiffers', params: { cloud: 86400, device: 3600 } }),
      expect.objectContaining({ path: 'EnableDpd', code: 'peer.dpdCloudOnly' }),
      expect.objectContaining({ path: 'EnableNatTraversal', code: 'peer.natTraversalCloudOnly' }),
    ]);
    const off = setField(setField(plain(), 'EnableDpd', false), 'EnableNatTraversal', false);
    expect(codes(warnings(precheck(off, device(plain()))))).toEqual(['peer.dpdDeviceOnly', 'peer.natTraversalDeviceOnly']);
    expect(reasons(precheck(plain(), device(plain(), { ikeLifetime: Number.NaN, ipsecLifetime: Number.NaN })))).toEqual([]);
  });

  it('BGP: missing, ASNs or addresses that disagree are warnings', () => {
    const c = single(); // BGP on: LocalAsn 65530, LocalBgpIp 169.254.11.1, PeerBgpIp 169.254.11.2, PeerAsn 65531
    const missing = precheck(c, device(c, { bgp: undefined }));
    expect(missing.verdict).toBe('negotiates');
    expect(warnings(missing)).toEqual([expect.objectContaining({ path: 'BgpConfig.EnableBgp', code: 'peer.bgpMissing' })]);
    const bgp = device(c).tunnels.single!.bgp!;
    expect(reasons(precheck(c, device(c, { bgp: { ...bgp, peerAsn: '0.65530' } })))).toEqual([]); // asdot = the same ASN
    const wrong = precheck(c, device(c, { bgp: { asn: '65000', address: '169.254.11.1', peerAddress: '169.254.11.2', peerAsn: '65001' } }));
    expect(wrong.verdict).toBe('negotiates');
    expect(warnings(wrong)).toEqual([
      expect.objectContaining({ path: 'BgpConfig.LocalAsn', code: 'peer.bgpPeerAsn', params: { cloud: '65530', device: '65001' } }),
      expect.objectContaining({ path: 'BgpConfig.PeerAsn', code: 'peer.bgpAsn', params: { cloud: '65531', device: '65000' } }),
      expect.objectContaining({ path: 'BgpConfig.LocalBgpIp', code: 'peer.bgpPeerAddress', params: { cloud: '169.254.11.1', device: '169.254.11.2' } }),
      expect.objectContaining({ path: 'BgpConfig.PeerBgpIp', code: 'peer.bgpAddress', params: { cloud: '169.254.11.2', device: '169.254.11.1' } }),
    ]);
    // A draft without the read-only PeerBgpIp: the device must hold the other host of the /30.
    const draft: SingleTunnelConnection = { ...c, BgpConfig: { EnableBgp: true, LocalAsn: '65530', TunnelCidr: '169.254.11.0/30', LocalBgpIp: '169.254.11.1' } };
    expect(reasons(precheck(draft, device(c)))).toEqual([]);
    for (const address of ['169.254.11.1', '169.254.11.3', '169.254.12.2', '']) {
      expect(codes(warnings(precheck(draft, device(c, { bgp: { ...bgp, address } })))), address).toEqual(['peer.bgpAddressOutside']);
    }
    // No BGP on the connection: the device's BGP is not looked at.
    expect(reasons(precheck(plain(), device(plain(), { bgp: { ...bgp, asn: '1' } })))).toEqual([]);
  });
});

describe('precheck: tunnels', () => {
  it('dual-tunnel with one tunnel failing: per-tunnel paths and verdict', () => {
    const c = dual();
    const r = precheck(c, device(c, { psk: 'wrong' }, 'slave'));
    expect(r.verdict).toBe('fails');
    expect(r.tunnels.map((t) => [t.tunnel, t.ike, t.child])).toEqual([['master', 'ok', 'ok'], ['slave', 'fails', 'fails']]);
    expect(errors(r, 1)).toEqual([expect.objectContaining({ path: 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk', code: 'peer.psk' })]);
    // Each tunnel's own DPD and NAT-T.
    const dpd = precheck(c, device(c, { dpd: false }, 'master'));
    expect(warnings(dpd)).toEqual([expect.objectContaining({ path: 'TunnelOptionsSpecification.1.EnableDpd', code: 'peer.dpdCloudOnly' })]);
    expect(reasons(dpd, 1)).toEqual([]);
    const pfs = precheck(setField(c, 'TunnelOptionsSpecification.2.TunnelIpsecConfig.IpsecPfs', 'group5'), device(c));
    expect(errors(pfs, 1)).toEqual([expect.objectContaining({ path: 'TunnelOptionsSpecification.2.TunnelIpsecConfig.IpsecPfs', code: 'peer.pfsAtRekey' })]);
    // Subnets are connection-level: the path has no tunnel prefix.
    const ts = precheck(c, device(c, { remoteSubnets: ['192.0.2.0/24'] }, 'slave'));
    expect(errors(ts, 1)).toEqual([expect.objectContaining({ path: 'LocalSubnet', code: 'peer.tsDisjoint' })]);
  });

  it('dual-tunnel BGP is per tunnel', () => {
    const c = dual();
    const r = precheck(c, device(c, { bgp: undefined }, 'slave'));
    expect(warnings(r, 1)).toEqual([expect.objectContaining({ path: 'EnableTunnelsBgp', code: 'peer.bgpMissing' })]);
    const peerIp = precheck(c, device(c, { bgp: { asn: '65531', address: '169.254.12.2', peerAddress: '169.254.12.1', peerAsn: '65530' } }, 'master'));
    expect(warnings(peerIp)).toEqual([expect.objectContaining({ path: 'TunnelOptionsSpecification.1.TunnelBgpConfig.LocalBgpIp', code: 'peer.bgpPeerAddress' }), expect.objectContaining({ code: 'peer.bgpAddress' })]);
  });

  it('a profile without a tunnel the connection has: that tunnel fails with peer.noTunnel', () => {
    const c = dual();
    const onlyMaster: PeerProfile = { ...mirrorPeer(c, ADDRESSES), tunnels: { master: mirrorPeer(c, ADDRESSES).tunnels.master! } };
    const r = precheck(c, onlyMaster);
    expect(r.verdict).toBe('fails');
    expect(r.tunnels[0]).toMatchObject({ tunnel: 'master', ike: 'ok', child: 'ok' });
    expect(r.tunnels[1]).toEqual({
      tunnel: 'slave',
      ike: 'fails',
      child: 'fails',
      reasons: [{ path: 'TunnelOptionsSpecification.2', code: 'peer.noTunnel', severity: 'error', params: { tunnel: 'slave', available: 'master' }, message: 'The peer device profile has no slave tunnel (it has: master).' }],
    });
    // A dual-tunnel device against a single-tunnel connection.
    const s = precheck(plain(), mirrorPeer(c, ADDRESSES));
    expect(s.tunnels).toEqual([expect.objectContaining({ tunnel: 'single', ike: 'fails', reasons: [expect.objectContaining({ path: '', code: 'peer.noTunnel', params: { tunnel: 'single', available: 'master, slave' } })] })]);
  });

  it('SM (国密) gateway: same rules, its own names; a device without sm4/sm3 does not match', () => {
    const c = setField(smSingle(), 'BgpConfig.EnableBgp', false);
    expect(precheck(c, mirrorPeer(c, ADDRESSES)).verdict).toBe('negotiates');
    const r = precheck(c, device(c, { ikeProposals: [{ encryption: 'aes', integrity: 'sha1', dhGroup: 'group2' }] }));
    expect(errors(r)).toEqual([expect.objectContaining({ path: 'IkeConfig.IkeEncAlg', code: 'peer.ikeProposal', params: { cloud: 'sm4-sm3-group2', offered: 'aes-sha1-group2' } })]);
    const esp = precheck(c, device(c, { ipsecProposals: [{ encryption: 'sm4', integrity: 'sha256', pfs: 'group2' }] }));
    expect(errors(esp)).toEqual([expect.objectContaining({ path: 'IpsecConfig.IpsecAuthAlg', code: 'peer.ipsecAuthAlg', params: { cloud: 'sm3', offered: 'sha256' } })]);
    // The certificate-style identity is plain text.
    expect(errors(precheck(c, device(c, { localId: 'CN=other,OU=test,O=test,C=CHN' })))[0]).toMatchObject({ code: 'peer.localId' });
  });
});

describe('precheckSummary', () => {
  it('negotiates', () => {
    expect(precheckSummary(precheck(plain(), device(plain())))).toEqual({ status: 'negotiates', code: 'peer.negotiates', params: {} });
    // Warnings do not change it.
    expect(precheckSummary(precheck(plain(), device(plain(), { dpd: false }))).status).toBe('negotiates');
  });

  it('the first blocking reason of the first failing tunnel decides', () => {
    const enc = setField(plain(), 'IkeConfig.IkeEncAlg', 'aes256');
    expect(precheckSummary(precheck(enc, device(plain())))).toEqual({ status: 'breaks-phase1', code: 'peer.ikeEncAlg', params: { cloud: 'aes256', offered: 'aes', tunnel: 'single' } });
    const warnFirst = precheck(enc, device(plain(), { psk: '', ikeMode: 'aggressive' }));
    expect(precheckSummary(warnFirst).code).toBe('peer.ikeMode');
    expect(precheckSummary(precheck(plain(), device(plain(), { remoteSubnets: ['192.0.2.0/24'] })))).toMatchObject({ status: 'breaks-phase2', code: 'peer.tsDisjoint' });
    const c = setField(dual(), 'TunnelOptionsSpecification.1.TunnelIpsecConfig.IpsecPfs', 'group5');
    const both = precheck(c, device(dual(), { psk: 'wrong' }, 'slave'));
    expect(precheckSummary(both)).toMatchObject({ status: 'fails-at-rekey', code: 'peer.pfsAtRekey', params: { tunnel: 'master' } });
  });

  it('words the impact line in both languages', () => {
    const enc = setField(plain(), 'IkeConfig.IkeEncAlg', 'aes256');
    const summary = precheckSummary(precheck(enc, device(plain())));
    expect(formatPrecheckSummary(summary, 'en')).toBe('Breaks phase 1 with the peer device: The device offers IKE encryption aes only; this connection uses aes256.');
    expect(formatPrecheckSummary(summary, 'zh-CN')).toBe('与对端设备的第一阶段(IKE)协商将失败:对端设备的 IKE 加密算法仅提供 aes,本连接使用 aes256。');
    const slave = precheckSummary(precheck(dual(), device(dual(), { psk: 'x' }, 'slave')));
    expect(formatPrecheckSummary(slave, 'en')).toBe('Breaks phase 1 with the peer device (slave tunnel): The pre-shared keys differ.');
    expect(formatPrecheckSummary(precheckSummary(precheck(plain(), device(plain()))), 'en')).toBe('Keeps negotiating with the peer device.');
    expect(formatPrecheckSummary(precheckSummary(precheck(plain(), device(plain()))), 'zh-CN')).toBe('与对端设备的协商不受影响。');
  });
});

describe('peer messages', () => {
  const source = readFileSync(path.resolve(import.meta.dirname, '../../core/peer/precheck.ts'), 'utf8');
  const used = [...new Set([...source.matchAll(/'(peer\.[A-Za-z0-9.]+)'/g)].map((m) => m[1]!))];

  it('every code the pre-check can produce is worded in English and Chinese, with the same placeholders', () => {
    expect(used.length).toBeGreaterThan(25);
    const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of [...used, 'peer.ikeEncAlg', 'peer.ikeAuthAlg', 'peer.ikePfs', 'peer.ipsecEncAlg', 'peer.ipsecAuthAlg', 'peer.ipsecPfs']) {
      const entry = PEER_MESSAGES[code];
      expect(entry, code).toBeDefined();
      expect(entry!.en.length, code).toBeGreaterThan(0);
      expect(entry!['zh-CN'].length, code).toBeGreaterThan(0);
      expect(placeholders(entry!['zh-CN']), code).toEqual(placeholders(entry!.en));
    }
  });

  it('fills every placeholder of the reasons it produces', () => {
    const c = setField(setField(dual(), 'TunnelOptionsSpecification.1.TunnelIkeConfig.IkeEncAlg', 'des'), 'LocalSubnet', '10.1.0.0/16');
    const r = precheck(c, device(dual(), { remoteSubnets: ['10.1.0.0/8'], ikeLifetime: 1, dpd: false }, 'slave'));
    for (const x of r.tunnels.flatMap((t) => t.reasons)) {
      for (const lang of ['en', 'zh-CN'] as const) expect(formatPeerMessage(x.code, x.params ?? {}, lang), x.code).not.toMatch(/\{\w+\}/);
      expect(x.message).toBe(formatPeerMessage(x.code, x.params ?? {}, 'en'));
    }
  });
});
