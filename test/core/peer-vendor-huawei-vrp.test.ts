// Huawei VRP: golden configurations for the eight shared cases (reviewed against the cited Huawei documents), the
// importer over configurations as devices print them and as sessions are pasted, round trips, and the SM gateway.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import type { PeerProfile, PeerTunnelKey } from '../../core/peer/profile.ts';
import type { GeneratorNote } from '../../core/peer/vendor.ts';
import { GENERIC_VENDOR_MESSAGES } from '../../core/peer/vendors/generic.ts';
import { IKE_LIFETIME, IPSEC_LIFETIME, VRP_ALGORITHMS } from '../../core/peer/vendors/huawei-vrp/algorithms.ts';
import { ENCRYPTED_KEY } from '../../core/peer/vendors/huawei-vrp/common.ts';
import { HUAWEI_VRP_MAPPINGS, HUAWEI_VRP_MESSAGES, huaweiVrp } from '../../core/peer/vendors/huawei-vrp/index.ts';
import { connectionWithAddresses, expectGolden, SINGLE_ADDRESSES, VENDOR_CASES, vendorCase } from './peer-vendor-cases.ts';
import { smSingle } from './fixtures.ts';

/** Configurations as devices print them and as sessions are pasted, beside the golden files. */
const sample = (name: string) => readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'golden', 'huawei-vrp', name), 'utf8');
const fixtures = { ar: sample('import-ar.cfg'), session: sample('import-session.cfg'), usg: sample('import-usg.cfg') };

const gen = (profile: PeerProfile, includeSecrets = true, tunnels?: PeerTunnelKey[]) => huaweiVrp.generate(profile, { format: 'vrp', includeSecrets, ...(tunnels && { tunnels }) });
const lines = (text: string) => text.split('\n');
const notesOf = (out: { text: string; notes: GeneratorNote[] }) => out.notes.map((n) => [n.code, lines(out.text)[n.line - 1]]);
const codesByLine = (remarks: { line: number; code: string }[]) => remarks.map((r) => `${r.line} ${r.code}`);

const OUTSIDE = ['peer.vendor.interfacePlaceholder', 'interface GigabitEthernet0/0/1'];
const UNNUMBERED = ['peer.vendor.interfacePlaceholder', ' ip address unnumbered interface GigabitEthernet0/0/1'];
const routes = (n: number) => ['peer.vendor.routesUnknown', `# ip route-static <VPC network> <mask> Tunnel0/0/${n}   (one route per VPC network)`];
const bgpPolicy = (n: number) => ['peer.vendor.cannotBgpPolicy', `interface Tunnel0/0/${n}`];

/** The notes of each golden case, with the line each one is attached to. */
const CASE_NOTES: Record<string, string[][]> = {
  'single-policy-static': [OUTSIDE],
  'single-policy-bgp': [bgpPolicy(1)],
  'single-route-static': [UNNUMBERED, routes(1)],
  'single-route-bgp': [],
  'dual-policy-static': [OUTSIDE],
  'dual-policy-bgp': [bgpPolicy(1), bgpPolicy(2)],
  'dual-route-static': [UNNUMBERED, routes(1), routes(2)],
  'dual-route-bgp': [],
};

describe('Huawei VRP generator: golden files', () => {
  for (const c of VENDOR_CASES) {
    it(`${c.name}`, () => {
      const out = gen(c.profile);
      expectGolden('huawei-vrp', c.name, out.text);
      expect(notesOf(out)).toEqual(CASE_NOTES[c.name]);
    });
  }

  it('writes the documented commands for the single policy-based case (spot checks against the golden file)', () => {
    const text = gen(vendorCase('single-policy-static').profile).text;
    for (const line of [
      'ike proposal 10', ' encryption-algorithm aes-256', ' dh group14', ' integrity-algorithm hmac-sha2-256', ' prf hmac-sha2-256', ' sa duration 86400',
      'ipsec proposal alibaba-p1', ' esp authentication-algorithm sha1', ' esp encryption-algorithm aes-128',
      'ike peer alibaba', ' undo version 1', ' version 2', ' pre-shared-key cipher S3cret#{x}', ' ike-proposal 10', ' remote-id 47.100.1.1', ' remote-address 47.100.1.1',
      'acl number 3101', ' rule 5 permit ip source 192.168.10.0 0.0.0.255 destination 10.1.1.0 0.0.0.255', ' rule 20 permit ip source 192.168.20.0 0.0.0.255 destination 10.1.2.0 0.0.0.255',
      'ipsec policy alibaba 10 isakmp', ' security acl 3101', ' ike-peer alibaba', ' proposal alibaba-p1', ' pfs dh-group2', ' sa duration time-based 3600', ' ipsec policy alibaba',
    ]) expect(lines(text)).toContain(line);
    // IKEv2 only: no exchange-mode (an IKEv1 setting), no IKEv1 authentication-algorithm.
    expect(text).not.toMatch(/exchange-mode|authentication-algorithm sha2-256/);
  });

  it('the IKEv1 slave: version 1, main mode, authentication-algorithm, no PFS, DPD and NAT-T off', () => {
    const text = gen(vendorCase('dual-route-bgp').profile, true, ['slave']).text;
    for (const line of [' version 1', ' undo version 2', ' exchange-mode main', ' authentication-algorithm sha2-256', ' dh group5', ' sa duration 28800', ' esp authentication-algorithm md5', ' esp encryption-algorithm 3des', ' # dpd: off, no dpd type is set', ' undo nat traversal', ' sa duration time-based 1800', 'bgp 65531', ' peer 169.254.12.1 connect-interface Tunnel0/0/2'])
      expect(lines(text)).toContain(line);
    expect(text).not.toMatch(/pfs |integrity-algorithm|alibaba1|Tunnel0\/0\/1/);
  });

  it('without secrets, unknown addresses and ASNs: placeholders with notes, nothing silently dropped', () => {
    const profile = structuredClone(vendorCase('single-route-bgp').profile);
    const t = profile.tunnels.single!;
    Object.assign(t, { deviceAddress: '', cloudAddress: '', localId: '', remoteId: '', ikeLifetime: Number.NaN, ikeVersions: ['ikev1', 'ikev2'] });
    t.bgp = { ...t.bgp!, asn: '', peerAsn: '' };
    const out = gen(profile, false);
    expect(notesOf(out)).toEqual([
      ['peer.vendor.lifetimeUnknown', ' # sa duration: the IKE lifetime is not known, the default (86400 s) applies'],
      ['peer.vendor.pskPlaceholder', ' pre-shared-key cipher REPLACE-WITH-PRE-SHARED-KEY'],
      ['peer.vendor.deviceAddressUnknown', " # local-address: the device's public address is not known"],
      ['peer.vendor.cloudAddressUnknown', ' # remote-address <cloud address>: not known, needed to initiate'],
      ['peer.vendor.interfacePlaceholder', ' source GigabitEthernet0/0/1'],
      ['peer.vendor.cloudAddressUnknown', ' # destination <cloud address>: not known'],
      ['peer.vendor.bgpAsnUnknown', 'bgp DEVICE-ASN'],
    ]);
    expect(lines(out.text)).toContain(' peer 169.254.11.1 as-number CLOUD-ASN');
    expect(lines(out.text)).toContain(' # version: IKEv1 and IKEv2 both stay enabled (the default); the device initiates with IKEv2');
    // Both versions: IKEv1 and IKEv2 integrity lines.
    expect(out.text).toMatch(/ authentication-algorithm sha2-256\n integrity-algorithm hmac-sha2-256\n prf hmac-sha2-256/);
    expect(huaweiVrp.import(out.text, 'vrp').profile.tunnels.single).toMatchObject({ psk: '', deviceAddress: '', cloudAddress: '', bgp: { asn: '', peerAsn: '' } });
  });

  it('keys with ? are quoted; lifetimes out of range are clamped and noted; one PFS per policy', () => {
    const profile = structuredClone(vendorCase('single-policy-static').profile);
    const t = profile.tunnels.single!;
    Object.assign(t, { psk: 'a?b', ikeLifetime: 10, ipsecLifetime: 700000 });
    t.ipsecProposals.push({ encryption: 'aes256', integrity: 'sha512', pfs: 'group14' }, { encryption: 'des', integrity: 'sha1', pfs: 'group24' });
    const out = gen(profile);
    expect(lines(out.text)).toContain(' pre-shared-key cipher "a?b"');
    expect(notesOf(out)).toEqual([
      ['peer.vendor.cannotLifetime', ' sa duration 60'],
      ['peer.vendor.cannotAlgorithm', '# ipsec proposal des-sha1-group24: VRP has no ESP keyword for group24, not written'],
      ['peer.huawei-vrp.pfsPerPolicy', ' proposal alibaba-p2'],
      ['peer.vendor.cannotLifetime', ' sa duration time-based 604800'],
      OUTSIDE,
    ]);
    expect(lines(out.text)).toContain('ipsec authentication sha2 compatible enable');
    expect(huaweiVrp.import(out.text, 'vrp').profile.tunnels.single!.psk).toBe('a?b');
  });

  it('notes at its line what VRP cannot express: a key with a double quote, selectors on a tunnel interface, two BGP ASNs', () => {
    const profile = structuredClone(vendorCase('dual-route-bgp').profile);
    profile.tunnels.master!.psk = 'ab"cd';
    delete profile.tunnels.slave!.bgp;
    profile.tunnels.slave!.remoteSubnets = ['10.9.0.0/16'];
    const out = gen(profile);
    expect(notesOf(out)).toEqual([
      ['peer.vendor.cannotPsk', ' pre-shared-key cipher ab"cd'],
      ['peer.huawei-vrp.routeSelectors', 'interface Tunnel0/0/2'],
      ['peer.vendor.interfacePlaceholder', ' ip address unnumbered interface GigabitEthernet0/0/1'],
      ['peer.vendor.routesUnknown', '# ip route-static <VPC network> <mask> Tunnel0/0/2   (one route per VPC network)'],
    ]);
    const two = structuredClone(vendorCase('dual-route-bgp').profile);
    two.tunnels.slave!.bgp!.asn = '65099';
    const notes = gen(two).notes.filter((n) => n.code === 'peer.huawei-vrp.oneBgpAsn');
    expect(notes.map((n) => n.params)).toEqual([{ vendor: 'Huawei VRP (USG / AR)', tunnel: 'slave', asn: '65531', wanted: '65099' }]);
  });

  it('is deterministic and keeps to the tunnels asked for', () => {
    const profile = vendorCase('dual-policy-static').profile;
    expect(gen(profile)).toEqual(gen(structuredClone(profile)));
    expect(gen(profile, true, ['slave']).text).not.toContain('alibaba1');
  });
});

describe('Huawei VRP and an SM (国密) gateway', () => {
  it('says at the IKE proposal that the device cannot match it; the ESP keywords are written with their limit', () => {
    const out = gen(mirrorPeer(smSingle(), SINGLE_ADDRESSES));
    expect(notesOf(out)).toEqual([
      ['peer.vendor.cannotSm', '# ike proposal sm4-sm3-group2: VRP has no IKE keyword for sm4, sm3, not written'],
      ['peer.huawei-vrp.smEspOnly', ' esp authentication-algorithm sm3'],
      // The document's connection runs BGP.
      bgpPolicy(1),
    ]);
    expect(lines(out.text)).toContain(' esp encryption-algorithm sm4');
    expect(lines(out.text)).toContain(' local-id CN=test,OU=test,O=test,C=CHN');
    expect(out.text).not.toMatch(/^ ike-proposal/m);
  });
});

describe('Huawei VRP importer', () => {
  it('reads a running configuration with two tunnels and lists exactly the lines it did not understand', () => {
    const { profile, remarks } = huaweiVrp.import(fixtures.ar, 'vrp');
    expect(profile).toMatchObject({ vendor: 'huawei-vrp', platform: '', source: 'import' });
    expect(profile.tunnels.master).toEqual({
      deviceAddress: '198.51.100.7',
      cloudAddress: '47.96.1.1',
      ikeVersions: ['ikev1'],
      ikeMode: 'aggressive',
      ikeProposals: [{ encryption: 'aes', integrity: 'sha1', dhGroup: 'group2' }],
      ipsecProposals: [{ encryption: 'aes256', integrity: 'sha256', pfs: 'group14' }],
      ikeLifetime: 28800,
      ipsecLifetime: 7200,
      localId: 'branch01.example.com',
      remoteId: '',
      localSubnets: ['192.168.1.0/24', '192.168.2.0/24'],
      remoteSubnets: ['172.16.0.0/16'],
      psk: 'Ali-Key#2024',
      dpd: true,
      natTraversal: true,
      routeBased: false,
    });
    expect(profile.tunnels.slave).toEqual({
      deviceAddress: '198.51.100.7',
      cloudAddress: '47.96.2.2',
      ikeVersions: ['ikev2'],
      ikeMode: 'main',
      ikeProposals: [
        { encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' },
        { encryption: 'aes256', integrity: 'sha256', dhGroup: 'group19' },
        { encryption: 'aes', integrity: 'sha256', dhGroup: 'group14' },
        { encryption: 'aes', integrity: 'sha256', dhGroup: 'group19' },
      ],
      ipsecProposals: [{ encryption: 'aes256', integrity: 'sha256', pfs: 'disabled' }],
      ikeLifetime: 86400,
      ipsecLifetime: 7200,
      localId: '198.51.100.7',
      remoteId: 'vpn.example.cn',
      localSubnets: ['0.0.0.0/0'],
      remoteSubnets: ['0.0.0.0/0'],
      psk: '',
      dpd: false,
      natTraversal: false,
      routeBased: true,
      bgp: { asn: '65010', address: '169.254.20.2', peerAddress: '169.254.20.1', peerAsn: '45104' },
    });
    expect(codesByLine(remarks)).toEqual([
      '8 peer.vendor.import.notUnderstood', // ike local-name
      '15 peer.vendor.import.notUnderstood', // a tcp rule with a port
      '36 peer.vendor.import.unknownAlgorithm', // dh group19
      '57 peer.vendor.import.encryptedSecret',
      '64 peer.vendor.import.notUnderstood', // ipsec policy-template
      '75 peer.vendor.import.notUnderstood', // a policy entry made from the template
      '101 peer.vendor.import.notUnderstood', // GRE over IPsec
    ]);
    expect(remarks.find((r) => r.code === 'peer.vendor.import.encryptedSecret')!.text).toMatch(/^pre-shared-key cipher %\^%#/);
  });

  it('reads a pasted CLI session (prompts, abbreviations, mixed case) like the configuration it makes', () => {
    const { profile, remarks } = huaweiVrp.import(fixtures.session, 'vrp');
    expect(remarks).toEqual([]);
    expect(profile.tunnels.single).toEqual({
      deviceAddress: '22.1.1.22',
      cloudAddress: '11.1.1.11',
      ikeVersions: ['ikev2'],
      ikeMode: 'main',
      ikeProposals: [{ encryption: 'aes', integrity: 'sha256', dhGroup: 'group14' }],
      ipsecProposals: [{ encryption: 'aes', integrity: 'sha256', pfs: 'group14' }],
      ikeLifetime: 86400,
      ipsecLifetime: 3600,
      localId: '22.1.1.22',
      remoteId: '',
      localSubnets: ['0.0.0.0/0'],
      remoteSubnets: ['0.0.0.0/0'],
      psk: 'Test@123',
      dpd: false,
      natTraversal: true,
      routeBased: true,
    });
  });

  it('reads the USG form: several algorithms per line, exchange-mode auto, global DPD, a key without "cipher", unindented', () => {
    const { profile, remarks } = huaweiVrp.import(fixtures.usg, 'vrp');
    expect(remarks).toEqual([]);
    expect(profile.tunnels.single).toMatchObject({
      ikeProposals: [
        { encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' },
        { encryption: 'aes192', integrity: 'sha256', dhGroup: 'group14' },
      ],
      ikeVersions: ['ikev1', 'ikev2'],
      psk: 'Usg-Key1',
      dpd: true,
      localId: '220.1.1.150',
      remoteId: '116.1.1.10',
      deviceAddress: '220.1.1.150',
      localSubnets: ['10.0.0.0/16'],
      remoteSubnets: ['192.168.0.0/24'],
    });
  });

  it('more than two tunnels: the third is listed, not read; a wrong format is unreadable', () => {
    const three = [1, 2, 3].map((n) => `ipsec policy p ${n} isakmp\n ike-peer x\n security acl 3000\n`).join('#\n');
    const result = huaweiVrp.import(`ike peer x\n pre-shared-key cipher k\n remote-address 1.1.1.1\n#\nacl number 3000\n rule permit ip\n#\n${three}`, 'vrp');
    expect(Object.keys(result.profile.tunnels)).toEqual(['master', 'slave']);
    expect(codesByLine(result.remarks)).toEqual(['1 peer.huawei-vrp.import.defaultProposal', '16 peer.vendor.import.extraTunnel']);
    expect(huaweiVrp.import('x', 'cli').remarks.map((r) => r.code)).toEqual(['peer.vendor.import.unreadable']);
  });

  it('garbage, truncated and oversized text gives remarks, never a throw', () => {
    const whole = gen(vendorCase('dual-route-bgp').profile).text;
    const inputs = ['', 'hello world', '\u0000\u0001{{', 'ike peer', 'ipsec policy a 1 isakmp\n', whole.slice(0, whole.length / 2), 'x'.repeat(2 * 1024 * 1024), 'ike peer a\n'.repeat(20000)];
    for (const text of inputs) {
      const result = huaweiVrp.import(text, 'vrp');
      expect(result.remarks.length).toBeLessThanOrEqual(200);
      expect(result.profile.source).toBe('import');
    }
    expect(huaweiVrp.import('hello', 'vrp').remarks.map((r) => r.code)).toEqual(['peer.vendor.import.unreadable']);
    const many = huaweiVrp.import(`${'ike sa keepalive\n'.repeat(500)}`, 'vrp');
    expect(many.remarks.length).toBe(200);
    expect(many.remarks.at(-1)!.code).toBe('peer.huawei-vrp.import.moreRemarks');
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => void huaweiVrp.import(text, 'vrp')), { numRuns: 200 });
  });
});

/**
 * What the round trip gives back: the mirrored profile, except what the generator noted it could not express (each
 * note names its tunnel): lifetimes outside VRP's range, BGP on a policy-based tunnel (written route-based), a key
 * VRP would take for cipher text, and a second BGP ASN (one process).
 */
function expectedAfterImport(mirrored: PeerProfile, notes: readonly GeneratorNote[]): PeerProfile {
  const expected: PeerProfile = { ...structuredClone(mirrored), vendor: 'huawei-vrp', source: 'import' };
  for (const note of notes) {
    const tunnel = expected.tunnels[note.params?.tunnel as PeerTunnelKey];
    if (!tunnel) continue;
    if (note.code === 'peer.vendor.cannotLifetime') {
      const ike = note.params!.phase === 'IKE';
      const range = ike ? IKE_LIFETIME : IPSEC_LIFETIME;
      const value = Math.min(range.max, Math.max(range.min, ike ? tunnel.ikeLifetime : tunnel.ipsecLifetime));
      if (ike) tunnel.ikeLifetime = value;
      else tunnel.ipsecLifetime = value;
    } else if (note.code === 'peer.vendor.cannotBgpPolicy') Object.assign(tunnel, { routeBased: true, localSubnets: ['0.0.0.0/0'], remoteSubnets: ['0.0.0.0/0'] });
    else if (note.code === 'peer.vendor.cannotPsk' && ENCRYPTED_KEY.test(tunnel.psk)) tunnel.psk = '';
    else if (note.code === 'peer.huawei-vrp.oneBgpAsn') tunnel.bgp!.asn = note.params!.asn === 'DEVICE-ASN' ? '' : String(note.params!.asn);
  }
  return expected;
}

describe('round trip: connection → mirrorPeer → generate → import', () => {
  it('equals the mirrored profile, except what the generator noted (200 random connections)', () => {
    fc.assert(
      fc.property(connectionWithAddresses, ([connection, addresses]) => {
        const mirrored = mirrorPeer(connection, addresses);
        const out = gen(mirrored);
        const { profile, remarks } = huaweiVrp.import(out.text, 'vrp');
        expect(remarks).toEqual([]);
        expect(profile).toEqual(expectedAfterImport(mirrored, out.notes));
      }),
      { numRuns: 200 },
    );
  });
});

describe('Huawei VRP tables', () => {
  it('maps every API value, each row with a source; SM only in ESP, group24 not at all', () => {
    const apis = HUAWEI_VRP_MAPPINGS.filter((r) => ['encryption', 'integrity', 'dh'].includes(r.kind)).map((r) => r.api);
    expect(apis).toEqual(['aes', 'aes192', 'aes256', 'des', '3des', 'sm4', 'md5', 'sha1', 'sha256', 'sha384', 'sha512', 'sm3', 'group1', 'group2', 'group5', 'group14', 'group24']);
    expect(HUAWEI_VRP_MAPPINGS.filter((r) => r.kind === 'pfs').map((r) => r.api)).toEqual(['disabled', 'group1', 'group2', 'group5', 'group14', 'group24']);
    for (const kind of ['lifetime', 'dpd', 'nat-t', 'ike-version', 'ike-mode']) expect(HUAWEI_VRP_MAPPINGS.some((r) => r.kind === kind)).toBe(true);
    for (const row of HUAWEI_VRP_MAPPINGS) expect(row.sources.length).toBeGreaterThan(0);
    for (const row of HUAWEI_VRP_MAPPINGS.filter((r) => r.keyword === '')) expect(row.note).toBeTruthy();
    expect(VRP_ALGORITHMS.filter((r) => r.ike === '').map((r) => r.api)).toEqual(['sm4', 'sm3', 'group24']);
  });

  it('every code the generator and importer emit is worded in English and Chinese', () => {
    expect(Object.keys(HUAWEI_VRP_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(HUAWEI_VRP_MESSAGES.en).sort());
    for (const text of Object.values(HUAWEI_VRP_MESSAGES['zh-CN'])) expect(text).toMatch(/[\u4e00-\u9fff]/);
    const emitted = [
      ...VENDOR_CASES.flatMap((c) => gen(c.profile, false).notes.map((n) => n.code)),
      ...gen(mirrorPeer(smSingle(), SINGLE_ADDRESSES)).notes.map((n) => n.code),
      ...[fixtures.ar, fixtures.usg, 'hello'].flatMap((t) => huaweiVrp.import(t, 'vrp').remarks.map((r) => r.code)),
    ];
    for (const code of new Set(emitted)) {
      const table = code.startsWith('peer.huawei-vrp.') ? HUAWEI_VRP_MESSAGES : GENERIC_VENDOR_MESSAGES;
      expect(table.en[code], code).toBeTruthy();
      expect(table['zh-CN'][code], code).toBeTruthy();
    }
  });
});
