// The PAN-OS vendor: golden configurations for the eight shared cases (reviewed line by line against the PAN-OS
// documents cited in core/peer/vendors/panos/algorithms.ts), the notes of each, connection → mirror → generate →
// import round trips, the importer on set output as a firewall prints it, and the SM gateway.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import type { PeerProfile, PeerTunnelKey } from '../../core/peer/profile.ts';
import type { GeneratorNote } from '../../core/peer/vendor.ts';
import { describeFrom, GENERIC_VENDOR_MESSAGES, PSK_PLACEHOLDER } from '../../core/peer/vendors/generic.ts';
import { PANOS_MAPPINGS } from '../../core/peer/vendors/panos/algorithms.ts';
import { panosLifetime } from '../../core/peer/vendors/panos/generate-crypto.ts';
import { PANOS_MESSAGES, panos } from '../../core/peer/vendors/panos/index.ts';
import { single, smSingle } from './fixtures.ts';
import { connectionWithAddresses, expectGolden, SINGLE_ADDRESSES, VENDOR_CASES, vendorCase } from './peer-vendor-cases.ts';

const FORMAT = 'panos-cli';
const gen = (profile: PeerProfile, includeSecrets = true, tunnels?: PeerTunnelKey[]) => panos.generate(profile, { format: FORMAT, includeSecrets, ...(tunnels && { tunnels }) });
const notesAt = (text: string, notes: GeneratorNote[]) => notes.map((n) => `${n.code} @ ${text.split('\n')[n.line - 1]}`);

/** The notes every case has: each placeholder once, at its first line. */
function placeholderNotes(name: string, bgp: boolean): string[] {
  const unitLine = (unit: string, tunnel: string, address: string) =>
    `peer.vendor.interfacePlaceholder @ set network interface tunnel units ${unit} ${bgp ? `ip ${address}/30` : `comment ${tunnel}`}`;
  const first = name.startsWith('single') ? unitLine('tunnel.1', 'alibaba', '169.254.11.2') : unitLine('tunnel.1', 'alibaba-master', '169.254.11.2');
  const gw = name.startsWith('single') ? 'alibaba-gw' : 'alibaba-master-gw';
  return [
    first,
    'peer.vendor.interfacePlaceholder @ set zone vpn network layer3 tunnel.1',
    'peer.vendor.interfacePlaceholder @ set network virtual-router default interface tunnel.1',
    `peer.vendor.interfacePlaceholder @ set network ike gateway ${gw} local-address interface ethernet1/1 ip 203.0.113.10`,
  ];
}

const CASE_NOTES: Record<string, string[]> = {
  'single-policy-static': [],
  'single-policy-bgp': ['peer.vendor.cannotBgpPolicy @ set network virtual-router default protocol bgp peer-group alibaba peer alibaba enable yes peer-as 45104'],
  'single-route-static': ['peer.vendor.routesUnknown @ # set network virtual-router default routing-table ip static-route alibaba-vpc destination <VPC network> interface tunnel.1 metric 10'],
  'single-route-bgp': [],
  'dual-policy-static': ['peer.vendor.interfacePlaceholder @ set network interface tunnel units tunnel.2 comment alibaba-slave'],
  'dual-policy-bgp': [
    'peer.vendor.cannotBgpPolicy @ set network virtual-router default protocol bgp peer-group alibaba peer alibaba-master enable yes peer-as 65530',
    'peer.vendor.interfacePlaceholder @ set network interface tunnel units tunnel.2 ip 169.254.12.2/30',
    'peer.vendor.cannotBgpPolicy @ set network virtual-router default protocol bgp peer-group alibaba peer alibaba-slave enable yes peer-as 65530',
  ],
  'dual-route-static': [
    'peer.vendor.routesUnknown @ # set network virtual-router default routing-table ip static-route alibaba-master-vpc destination <VPC network> interface tunnel.1 metric 10',
    'peer.vendor.interfacePlaceholder @ set network interface tunnel units tunnel.2 comment alibaba-slave',
    'peer.vendor.routesUnknown @ # set network virtual-router default routing-table ip static-route alibaba-slave-vpc destination <VPC network> interface tunnel.2 metric 20',
  ],
  'dual-route-bgp': ['peer.vendor.interfacePlaceholder @ set network interface tunnel units tunnel.2 ip 169.254.12.2/30'],
};

describe('PAN-OS generator: the eight golden cases', () => {
  for (const c of VENDOR_CASES) {
    it(`${c.name}: the reviewed golden file, with its notes at their lines`, () => {
      const out = gen(c.profile);
      expectGolden('panos', c.name, out.text);
      const expected = [...placeholderNotes(c.name, c.name.endsWith('bgp')), ...CASE_NOTES[c.name]!];
      expect(notesAt(out.text, out.notes).sort()).toEqual(expected.sort());
      // The notes are in line order and every one is worded.
      expect(out.notes.map((n) => n.line)).toEqual([...out.notes.map((n) => n.line)].sort((a, b) => a - b));
      for (const note of out.notes) expect(note.message).not.toBe(note.code);
    });
  }

  it('the cases read back as the profile they were made from, with no remarks', () => {
    for (const c of VENDOR_CASES) {
      const back = panos.import(gen(c.profile).text, FORMAT);
      expect(back.remarks).toEqual([]);
      expect(back.profile).toEqual({ ...c.profile, vendor: 'panos', source: 'import' });
    }
  });

  it('without secrets every key is the placeholder, noted; only the tunnels asked for are written', () => {
    const out = gen(vendorCase('dual-route-bgp').profile, false, ['slave']);
    expect(out.text).not.toContain('alibaba-master');
    expect(out.text).not.toContain('slave-Key2');
    expect(notesAt(out.text, out.notes)).toContain(`peer.vendor.pskPlaceholder @ set network ike gateway alibaba-slave-gw authentication pre-shared-key key ${PSK_PLACEHOLDER}`);
    // The slave alone holds the BGP instance's lines.
    expect(out.text).toContain('set network virtual-router default protocol bgp local-as 65531\n');
    expect(panos.import(out.text, FORMAT).profile.tunnels.single!.psk).toBe('');
  });
});

describe('PAN-OS generator: what PAN-OS cannot express is noted at its line', () => {
  it('SM gateway: the proposal lines say the firewall cannot match it, nothing is dropped silently', () => {
    const out = gen(mirrorPeer(smSingle(), SINGLE_ADDRESSES));
    expect(notesAt(out.text, out.notes).filter((n) => !n.startsWith('peer.vendor.interfacePlaceholder'))).toEqual([
      'peer.vendor.cannotSm @ # IKE proposal sm4-sm3-group2 left out: PAN-OS has no keyword for sm4, sm3 (SM / 国密): this firewall cannot match an SM gateway',
      'peer.vendor.cannotSm @ # IPsec proposal sm4-sm3-group2 left out: PAN-OS has no keyword for sm4, sm3 (SM / 国密): this firewall cannot match an SM gateway',
      'peer.vendor.cannotBgpPolicy @ set network virtual-router default protocol bgp peer-group alibaba peer alibaba enable yes peer-as 65530',
    ]);
    expect(out.notes.find((n) => n.code === 'peer.vendor.cannotSm')!.params).toMatchObject({ algorithms: 'sm4, sm3' });
    expect(out.text).not.toMatch(/^set .* encryption/m);
  });

  it('lifetimes: seconds up to 65535, whole hours or minutes above, the nearest value outside the range', () => {
    expect([179, 180, 65535, 86400, 65580, 70001, 65535 * 3600 + 1].map((s) => panosLifetime(s))).toEqual([
      { text: 'seconds 180', seconds: 180, problem: 'range' },
      { text: 'seconds 180', seconds: 180 },
      { text: 'seconds 65535', seconds: 65535 },
      { text: 'hours 24', seconds: 86400 },
      { text: 'minutes 1093', seconds: 65580 },
      { text: 'minutes 1167', seconds: 70020, problem: 'unit' },
      { text: 'hours 65535', seconds: 235926000, problem: 'range' },
    ]);
  });

  it('a profile beyond the API: combined proposals, DES, AEAD, unknown names, asdot, unknown values', () => {
    const profile = mirrorPeer(single(), {});
    const t = profile.tunnels.single!;
    Object.assign(t, { ikeLifetime: 70001, ipsecLifetime: 0, psk: 'a?b"c', ikeVersions: [], remoteId: '', localId: 'a=b' });
    t.ikeProposals = [{ encryption: 'aes', integrity: 'sha1', dhGroup: 'group2' }, { encryption: 'des', integrity: 'sha256', dhGroup: 'group14' }];
    t.ipsecProposals = [{ encryption: 'aes-128-gcm', integrity: '', pfs: 'group24' }, { encryption: 'aes', integrity: 'sha1', pfs: 'disabled' }];
    t.bgp = { asn: '65000.1', address: '', peerAddress: '', peerAsn: '' };
    const out = gen(profile);
    expect(notesAt(out.text, out.notes).filter((n) => !n.startsWith('peer.vendor.interfacePlaceholder'))).toEqual([
      'peer.panos.desLegacy @ set network ike crypto-profiles ike-crypto-profiles alibaba-ike encryption [ aes-128-cbc des ]',
      'peer.panos.proposalsCombined @ set network ike crypto-profiles ike-crypto-profiles alibaba-ike encryption [ aes-128-cbc des ]',
      'peer.panos.lifetimeUnit @ set network ike crypto-profiles ike-crypto-profiles alibaba-ike lifetime minutes 1167',
      'peer.vendor.cannotAlgorithm @ # IPsec proposal aes-128-gcm-group24 left out: PAN-OS has no keyword for group24',
      'peer.vendor.cannotLifetime @ set network ike crypto-profiles ipsec-crypto-profiles alibaba-ipsec lifetime seconds 180',
      'peer.panos.bgpAddressUnknown @ # set network interface tunnel units tunnel.1 ip <device BGP address>/30',
      'peer.panos.ikeVersionUnknown @ set network ike gateway alibaba-gw protocol version ikev2-preferred',
      "peer.vendor.deviceAddressUnknown @ # local-address ip: the device's public address is not known, PAN-OS uses the first address of ethernet1/1",
      'peer.vendor.cloudAddressUnknown @ # set network ike gateway alibaba-gw peer-address ip <VPN gateway address>',
      'peer.vendor.cannotPsk @ set network ike gateway alibaba-gw authentication pre-shared-key key "a?b\\"c"',
      'peer.panos.asdot @ set network virtual-router default protocol bgp local-as 4259840001',
      'peer.vendor.cannotBgpPolicy @ set network virtual-router default protocol bgp peer-group alibaba peer alibaba enable yes',
      'peer.panos.bgpPeerUnknown @ # set network virtual-router default protocol bgp peer-group alibaba peer alibaba peer-as <VPN gateway ASN>',
      'peer.panos.bgpPeerUnknown @ # set network virtual-router default protocol bgp peer-group alibaba peer alibaba peer-address ip <VPN gateway BGP address>',
    ]);
    expect(out.notes.find((n) => n.code === 'peer.vendor.cannotPsk')!.params).toMatchObject({ detail: '? "' });
    expect(out.text).toContain('set network virtual-router default protocol bgp routing-options as-format 4-byte\n');
    expect(out.text).toContain('set network ike gateway alibaba-gw local-id type fqdn id "a=b"\n');
    // The key, escaped as written, reads back as it was; a control character is left out, never breaks the line.
    expect(panos.import(out.text, FORMAT).profile.tunnels.single!.psk).toBe('a?b"c');
    t.psk = 'x\ny';
    const broken = gen(profile);
    expect(broken.text).toContain('authentication pre-shared-key key "xy"\n');
    expect(broken.notes.find((n) => n.code === 'peer.vendor.cannotPsk')!.params).toMatchObject({ detail: 'U+000a' });
  });

  it('the format is checked; the output is deterministic', () => {
    expect(() => panos.generate(vendorCase('single-route-bgp').profile, { format: 'swanctl' })).toThrow();
    const profile = vendorCase('dual-policy-bgp').profile;
    expect(gen(profile)).toEqual(gen(structuredClone(profile)));
  });
});

// ---------------------------------------------------------------------------------------------------------------

/**
 * What the round trip gives back: the mirrored profile with vendor panos and source import, except what the
 * generator noted it wrote otherwise: a lifetime out of range or between whole minutes, an asdot ASN.
 */
function expectedAfterImport(mirrored: PeerProfile, notes: GeneratorNote[]): PeerProfile {
  const expected: PeerProfile = { ...structuredClone(mirrored), vendor: 'panos', source: 'import' };
  const tunnels = Object.values(expected.tunnels);
  for (const note of notes) {
    if (note.code === 'peer.vendor.cannotLifetime' || note.code === 'peer.panos.lifetimeUnit') {
      const field = note.params!.phase === 'IKE' ? 'ikeLifetime' : 'ipsecLifetime';
      for (const t of tunnels) if (t[field] === note.params!.value) t[field] = panosLifetime(t[field]).seconds;
    }
    // One BGP instance per virtual router: every tunnel reads back the instance's local AS.
    if (note.code === 'peer.panos.bgpOneAsn') expected.tunnels[note.params!.tunnel as PeerTunnelKey]!.bgp!.asn = String(note.params!.asn).replace('""', '');
    if (note.code === 'peer.panos.asdot') {
      for (const bgp of tunnels.flatMap((t) => (t.bgp ? [t.bgp] : []))) {
        for (const k of ['asn', 'peerAsn'] as const) if (bgp[k].trim() === note.params!.asdot) bgp[k] = String(note.params!.asplain);
      }
    }
  }
  return expected;
}

const ROUND_TRIP_NOTES = new Set([
  'peer.vendor.interfacePlaceholder', 'peer.vendor.routesUnknown', 'peer.vendor.cannotBgpPolicy', 'peer.vendor.bgpAsnUnknown', 'peer.vendor.cannotPsk',
  'peer.vendor.cannotLifetime', 'peer.panos.lifetimeUnit', 'peer.panos.asdot', 'peer.panos.bgpPeerUnknown', 'peer.panos.desLegacy', 'peer.panos.bgpOneAsn',
]);

describe('round trip: connection → mirrorPeer → generate → import', () => {
  it('equals the mirrored profile except what the generator noted (200 random connections)', () => {
    fc.assert(
      fc.property(connectionWithAddresses, ([connection, addresses]) => {
        const mirrored = mirrorPeer(connection, addresses);
        const out = gen(mirrored);
        const { profile, remarks } = panos.import(out.text, FORMAT);
        expect(remarks).toEqual([]);
        expect(profile).toEqual(expectedAfterImport(mirrored, out.notes));
        for (const note of out.notes) expect(ROUND_TRIP_NOTES).toContain(note.code);
      }),
      { numRuns: 200 },
    );
  });

  it('two tunnels with different local ASNs share the first one, noted and read back so', () => {
    const profile = structuredClone(vendorCase('dual-route-bgp').profile);
    profile.tunnels.slave!.bgp!.asn = '65532';
    const out = gen(profile);
    expect(notesAt(out.text, out.notes)).toContain('peer.panos.bgpOneAsn @ set network virtual-router default protocol bgp peer-group alibaba peer alibaba-slave enable yes peer-as 65530');
    expect(panos.import(out.text, FORMAT).profile).toEqual(expectedAfterImport(profile, out.notes));
    expect(expectedAfterImport(profile, out.notes).tunnels.slave!.bgp!.asn).toBe('65531');
  });

  it('the noted cases happen in the property space: a lifetime of 0 s, 70001 s, an asdot peer ASN', () => {
    const c = single();
    const odd = { ...c, IkeConfig: { ...c.IkeConfig, IkeLifetime: 0 }, IpsecConfig: { ...c.IpsecConfig, IpsecLifetime: 70001 }, BgpConfig: { ...c.BgpConfig, LocalAsn: '1.10' } };
    const mirrored = mirrorPeer(odd, SINGLE_ADDRESSES);
    const out = gen(mirrored);
    const back = panos.import(out.text, FORMAT).profile.tunnels.single!;
    expect([back.ikeLifetime, back.ipsecLifetime, back.bgp!.peerAsn]).toEqual([180, 70020, '65546']);
    expect(back).toEqual(expectedAfterImport(mirrored, out.notes).tunnels.single);
  });
});

// ---------------------------------------------------------------------------------------------------------------

const remarksOf = (remarks: { line: number; code: string }[]) => remarks.map((r) => `${r.line} ${r.code}`);

describe('PAN-OS importer: set output as a firewall prints it', () => {
  // `set cli config-output-format set` + `show`: defaults printed, the key encrypted, unrelated lines around.
  const SAMPLE = `set deviceconfig system hostname fw-branch-01
set deviceconfig system ntp-servers primary-ntp-server ntp-server-address 0.pool.ntp.org
set network interface ethernet ethernet1/1 layer3 ip 198.51.100.7/24
set network interface tunnel units tunnel.10 ip 169.254.21.2/30
set network interface tunnel units tunnel.10 mtu 1400
set network ike crypto-profiles ike-crypto-profiles default encryption [ aes-128-cbc 3des ]
set network ike crypto-profiles ike-crypto-profiles default hash sha1
set network ike crypto-profiles ike-crypto-profiles AliCloud-IKE hash [ sha256 sha1 ]
set network ike crypto-profiles ike-crypto-profiles AliCloud-IKE dh-group group14
set network ike crypto-profiles ike-crypto-profiles AliCloud-IKE encryption [ aes-256-cbc aes-256-gcm ]
set network ike crypto-profiles ike-crypto-profiles AliCloud-IKE lifetime hours 24
set network ike crypto-profiles ipsec-crypto-profiles AliCloud-IPSec esp authentication sha256
set network ike crypto-profiles ipsec-crypto-profiles AliCloud-IPSec esp encryption aes-128-cbc
set network ike crypto-profiles ipsec-crypto-profiles AliCloud-IPSec lifetime seconds 3600
set network ike crypto-profiles ipsec-crypto-profiles AliCloud-IPSec lifesize gb 100
set network ike crypto-profiles ipsec-crypto-profiles AliCloud-IPSec dh-group group14
set network ike crypto-profiles global-protect-app-crypto-profiles default encryption aes-128-cbc
set network ike gateway GW-AliCloud authentication pre-shared-key key -AQ==lhyPmzVO8XIdn5Md6O0aS+vw7lQ=aR2RFX8F2Nz7J4ZXDVkmjQ==
set network ike gateway GW-AliCloud protocol ikev1 dpd enable yes
set network ike gateway GW-AliCloud protocol ikev1 exchange-mode auto
set network ike gateway GW-AliCloud protocol ikev2 dpd enable yes
set network ike gateway GW-AliCloud protocol ikev2 ike-crypto-profile AliCloud-IKE
set network ike gateway GW-AliCloud protocol version ikev2
set network ike gateway GW-AliCloud protocol-common nat-traversal enable yes
set network ike gateway GW-AliCloud protocol-common fragmentation enable no
set network ike gateway GW-AliCloud protocol-common passive-mode yes
set network ike gateway GW-AliCloud local-address ip 198.51.100.7/24
set network ike gateway GW-AliCloud local-address interface ethernet1/1
set network ike gateway GW-AliCloud peer-address ip 47.96.1.1
set network ike gateway GW-AliCloud local-id type fqdn id fw-branch-01.example.com
set network tunnel ipsec VPN-AliCloud auto-key ike-gateway GW-AliCloud
set network tunnel ipsec VPN-AliCloud auto-key ipsec-crypto-profile AliCloud-IPSec
set network tunnel ipsec VPN-AliCloud auto-key proxy-id PID-1 protocol any
set network tunnel ipsec VPN-AliCloud auto-key proxy-id PID-1 local 192.168.1.0/24
set network tunnel ipsec VPN-AliCloud auto-key proxy-id PID-1 remote 172.16.0.0/16
set network tunnel ipsec VPN-AliCloud auto-key proxy-id PID-2 local 192.168.2.1
set network tunnel ipsec VPN-AliCloud auto-key proxy-id PID-2 remote 172.16.7.9/16
set network tunnel ipsec VPN-AliCloud auto-key proxy-id PID-2 protocol tcp remote-port 443
set network tunnel ipsec VPN-AliCloud tunnel-monitor enable no
set network tunnel ipsec VPN-AliCloud anti-replay yes
set network tunnel ipsec VPN-AliCloud copy-tos no
set network tunnel ipsec VPN-AliCloud tunnel-interface tunnel.10
set network virtual-router default interface [ ethernet1/1 ethernet1/2 tunnel.10 ]
set network virtual-router default routing-table ip static-route to-vpc destination 172.16.0.0/16 interface tunnel.10
set network virtual-router default protocol bgp enable yes
set network virtual-router default protocol bgp router-id 169.254.21.2
set network virtual-router default protocol bgp local-as 65010
set network virtual-router default protocol bgp routing-options graceful-restart enable yes
set network virtual-router default protocol bgp peer-group AliCloud type ebgp remove-private-as yes
set network virtual-router default protocol bgp peer-group AliCloud peer ali-1 peer-address ip 169.254.21.1
set network virtual-router default protocol bgp peer-group AliCloud peer ali-1 peer-as 45104
set network virtual-router default protocol bgp peer-group AliCloud peer ali-1 connection-options keep-alive-interval 10
set network virtual-router default protocol bgp peer-group AliCloud peer ali-1 multihop 2
set zone vpn network layer3 tunnel.10
set rulebase security rules allow-vpn from vpn
delete network ike gateway OLD-GW
`;

  it('reads the tunnel through its gateway, profiles, proxy IDs and BGP peer; lists every line it did not read', () => {
    const { profile, remarks } = panos.import(SAMPLE, FORMAT);
    expect(profile).toMatchObject({ vendor: 'panos', platform: '', source: 'import' });
    expect(profile.tunnels.single).toEqual({
      deviceAddress: '198.51.100.7',
      cloudAddress: '47.96.1.1',
      ikeVersions: ['ikev2'],
      ikeMode: 'main',
      ikeProposals: [
        { encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' },
        { encryption: 'aes256', integrity: 'sha1', dhGroup: 'group14' },
        { encryption: 'aes-256-gcm', integrity: 'sha256', dhGroup: 'group14' },
        { encryption: 'aes-256-gcm', integrity: 'sha1', dhGroup: 'group14' },
      ],
      ipsecProposals: [{ encryption: 'aes', integrity: 'sha256', pfs: 'group14' }],
      ikeLifetime: 86400,
      ipsecLifetime: 3600,
      localId: 'fw-branch-01.example.com',
      remoteId: '',
      localSubnets: ['192.168.1.0/24', '192.168.2.1/32'],
      remoteSubnets: ['172.16.0.0/16'],
      psk: '',
      dpd: true,
      natTraversal: true,
      routeBased: false,
      bgp: { asn: '65010', address: '169.254.21.2', peerAddress: '169.254.21.1', peerAsn: '45104' },
    });
    expect(remarksOf(remarks)).toEqual([
      '15 peer.vendor.import.notUnderstood', // lifesize
      '18 peer.vendor.import.encryptedSecret',
      '26 peer.vendor.import.notUnderstood', // passive-mode yes
      '38 peer.vendor.import.notUnderstood', // proxy-id protocol tcp
      '53 peer.vendor.import.notUnderstood', // multihop at the peer
      '56 peer.panos.import.notSet', // delete
    ]);
    expect(remarks[1]).toMatchObject({ text: SAMPLE.split('\n')[17], params: { vendor: 'Palo Alto (PAN-OS)' } });
  });

  it('two tunnels are master and slave in order of appearance; a third is listed; names resolve through templates', () => {
    const tunnel = (name: string, peer: string) =>
      `set template T1 config devices localhost.localdomain network ike gateway gw-${name} peer-address ip ${peer}\n` +
      `set template T1 config devices localhost.localdomain network tunnel ipsec "${name} vpn" auto-key ike-gateway gw-${name} ipsec-crypto-profile p2\n`;
    const text = `${tunnel('b', '1.1.1.2')}${tunnel('a', '1.1.1.1')}${tunnel('c', '1.1.1.3')}set network ike gateway gw-a protocol version ikev2-preferred\n`;
    const { profile, remarks } = panos.import(text, FORMAT);
    expect(Object.keys(profile.tunnels)).toEqual(['master', 'slave']);
    expect([profile.tunnels.master!.cloudAddress, profile.tunnels.slave!.cloudAddress]).toEqual(['1.1.1.2', '1.1.1.1']);
    expect(profile.tunnels.slave!.ikeVersions).toEqual(['ikev1', 'ikev2']);
    expect(remarksOf(remarks)).toEqual([
      '1 peer.vendor.import.noSecret', '1 peer.vendor.import.unresolved', '2 peer.vendor.import.unresolved', // gw-b: default IKE profile, p2
      '3 peer.vendor.import.noSecret', '3 peer.vendor.import.unresolved', '4 peer.vendor.import.unresolved',
      '6 peer.vendor.import.extraTunnel',
    ]);
    expect(remarks.filter((r) => r.code === 'peer.vendor.import.unresolved').map((r) => r.params!.name)).toEqual(['default', 'p2', 'default', 'p2']);
  });

  it('garbage, brace output, truncated and huge text give remarks, never a throw', () => {
    for (const text of ['', 'hello world', '\u0000\u0001{{[[', 'set network ike gateway "open', 'set', 'set network tunnel ipsec t auto-key ike-gateway [', 'x'.repeat(5000)]) {
      const result = panos.import(text, FORMAT);
      expect(result.profile.tunnels).toEqual({});
      expect(result.remarks[0]!.code).toBe('peer.vendor.import.unreadable');
    }
    const brace = panos.import('network {\n  ike {\n    gateway gw {\n      peer-address { ip 1.1.1.1; }\n    }\n  }\n}\n', FORMAT);
    expect(brace.remarks.map((r) => r.code)).toEqual(['peer.vendor.import.unreadable', 'peer.panos.import.hierarchical']);
    const huge = `${SAMPLE}${'set network ike gateway GW-AliCloud protocol ikev9 x\n'.repeat(30000)}`;
    const big = panos.import(huge.padEnd(1024 * 1024 + 10, 'y'), FORMAT);
    expect(big.profile.tunnels.single!.cloudAddress).toBe('47.96.1.1');
    expect(big.remarks.length).toBe(200);
    expect(panos.import(SAMPLE, 'swanctl').remarks.map((r) => r.code)).toEqual(['peer.vendor.import.unreadable']);
  });

  it('fuzz: any text, and any cut of a generated configuration, never throws', () => {
    const text = gen(vendorCase('dual-policy-bgp').profile).text;
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.nat(text.length), (noise, cut) => {
        expect(() => panos.import(noise, FORMAT)).not.toThrow();
        const result = panos.import(text.slice(0, cut) + noise, FORMAT);
        expect(result.remarks.length).toBeLessThanOrEqual(200);
      }),
      { numRuns: 200 },
    );
  });
});

describe('PAN-OS tables', () => {
  it('maps every API value, SM and group24 to nothing, each row with its sources', () => {
    const rows = PANOS_MAPPINGS.map((r) => `${r.kind}:${r.api}=${r.keyword}`);
    expect(rows.filter((r) => /^(encryption|integrity|dh|pfs):/.test(r))).toEqual([
      'encryption:aes=aes-128-cbc', 'encryption:aes192=aes-192-cbc', 'encryption:aes256=aes-256-cbc', 'encryption:des=des', 'encryption:3des=3des', 'encryption:sm4=',
      'integrity:md5=md5', 'integrity:sha1=sha1', 'integrity:sha256=sha256', 'integrity:sha384=sha384', 'integrity:sha512=sha512', 'integrity:sm3=',
      'dh:group1=group1', 'dh:group2=group2', 'dh:group5=group5', 'dh:group14=group14', 'dh:group24=',
      'pfs:disabled=no-pfs', 'pfs:group1=group1', 'pfs:group2=group2', 'pfs:group5=group5', 'pfs:group14=group14',
    ]);
    for (const kind of ['lifetime', 'dpd', 'nat-t', 'ike-version', 'ike-mode']) expect(PANOS_MAPPINGS.some((r) => r.kind === kind)).toBe(true);
    for (const row of PANOS_MAPPINGS) {
      expect(row.sources.length).toBeGreaterThan(0);
      if (row.keyword === '') expect(row.note).toBeTruthy();
    }
  });

  it('every code the vendor emits is worded in English and Chinese', () => {
    const own = Object.keys(PANOS_MESSAGES.en);
    expect(Object.keys(PANOS_MESSAGES['zh-CN']).sort()).toEqual([...own].sort());
    const generic = [
      'cannotAlgorithm', 'cannotSm', 'cannotLifetime', 'cannotIdentity', 'cannotPsk', 'cannotBgpPolicy', 'pskPlaceholder', 'deviceAddressUnknown',
      'cloudAddressUnknown', 'lifetimeUnknown', 'noProposals', 'noSubnets', 'bgpAsnUnknown', 'interfacePlaceholder', 'routesUnknown', 'import.unreadable',
      'import.notUnderstood', 'import.unknownAlgorithm', 'import.extraTunnel', 'import.unresolved', 'import.noSecret', 'import.encryptedSecret',
    ].map((c) => `peer.vendor.${c}`);
    for (const code of [...own, ...generic]) {
      for (const lang of ['en', 'zh-CN'] as const) expect(describeFrom([PANOS_MESSAGES, GENERIC_VENDOR_MESSAGES], code, lang), `${code} ${lang}`).toBeDefined();
      expect(describeFrom([PANOS_MESSAGES, GENERIC_VENDOR_MESSAGES], code, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
