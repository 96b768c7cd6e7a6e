// Juniper SRX (Junos `set`): golden configurations, the importer over hand-written device configurations (display set
// and the curly-brace form, in test/core/golden/juniper-srx/sample-*.conf), and connection → mirror → generate →
// import round trips.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import type { PeerProfile, PeerTunnel, PeerTunnelKey } from '../../core/peer/profile.ts';
import { GENERIC_VENDOR_MESSAGES, PSK_PLACEHOLDER } from '../../core/peer/vendors/generic.ts';
import { apiName, junosKeyword } from '../../core/peer/vendors/juniper-srx/algorithms.ts';
import { JUNIPER_SRX_MAPPINGS, JUNIPER_SRX_MESSAGES, juniperSrx } from '../../core/peer/vendors/juniper-srx/index.ts';
import { smSingle } from './fixtures.ts';
import { connectionWithAddresses, expectGolden, SINGLE_ADDRESSES, VENDOR_CASES, vendorCase } from './peer-vendor-cases.ts';

const FORMAT = 'junos-set';
const gen = (profile: PeerProfile, includeSecrets = true, tunnels?: PeerTunnelKey[]) =>
  juniperSrx.generate(profile, { format: FORMAT, includeSecrets, ...(tunnels && { tunnels }) });
const imp = (text: string) => juniperSrx.import(text, FORMAT);
const sample = (name: string) => readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'golden', 'juniper-srx', name), 'utf8');
/** Notes as `code @ the line they are on`. */
const notesAt = (out: { text: string; notes: { line: number; code: string }[] }) => out.notes.map((n) => `${n.code} @ ${out.text.split('\n')[n.line - 1]}`);
const codesByLine = (remarks: { line: number; code: string }[]) => remarks.map((r) => `${r.line} ${r.code}`);
const single = (name: string): PeerTunnel => structuredClone(vendorCase(name).profile.tunnels.single!);
const withSingle = (t: PeerTunnel): PeerProfile => ({ vendor: 'juniper-srx', platform: '', source: 'manual', tunnels: { single: t } });

const P = 'peer.vendor.interfacePlaceholder @ set security';
const OUTSIDE = `${P} ike gateway alibaba-gw external-interface ge-0/0/0.0`;
const OUTSIDE_M = `${P} ike gateway alibaba-master-gw external-interface ge-0/0/0.0`;
const ZONE = `${P} zones security-zone vpn interfaces st0.0`;
const UNTRUST = `${P} zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike`;
const PAIRS = (vpn: string) => `peer.juniper-srx.selectorPairs @ set security ipsec vpn ${vpn} traffic-selector ts1 local-ip 192.168.10.0/24`;
const BGP_POLICY = (unit: number, a: string, b: string) =>
  `peer.vendor.cannotBgpPolicy @ # BGP over st0.${unit}: its packets (${a} <-> ${b}) pass only where a traffic selector covers them at both ends.`;
const ROUTES = (unit: number) => `peer.vendor.routesUnknown @ # set routing-options static route <VPC network> next-hop st0.${unit}   (one per VPC network)`;

const CASE_NOTES: Record<string, string[]> = {
  'single-policy-static': [OUTSIDE, PAIRS('alibaba'), ZONE, UNTRUST],
  'single-policy-bgp': [OUTSIDE, PAIRS('alibaba'), `${ZONE} host-inbound-traffic protocols bgp`, BGP_POLICY(0, '169.254.11.2', '169.254.11.1'), UNTRUST],
  'single-route-static': [OUTSIDE, ZONE, ROUTES(0), UNTRUST],
  'single-route-bgp': [OUTSIDE, `${ZONE} host-inbound-traffic protocols bgp`, UNTRUST],
  'dual-policy-static': [OUTSIDE_M, PAIRS('alibaba-master'), ZONE, PAIRS('alibaba-slave'), UNTRUST],
  'dual-policy-bgp': [
    OUTSIDE_M, PAIRS('alibaba-master'), `${ZONE} host-inbound-traffic protocols bgp`, BGP_POLICY(0, '169.254.11.2', '169.254.11.1'),
    PAIRS('alibaba-slave'), BGP_POLICY(1, '169.254.12.2', '169.254.12.1'), UNTRUST,
  ],
  'dual-route-static': [OUTSIDE_M, ZONE, ROUTES(0), ROUTES(1), UNTRUST],
  'dual-route-bgp': [OUTSIDE_M, `${ZONE} host-inbound-traffic protocols bgp`, UNTRUST],
};

describe('Juniper SRX generator', () => {
  for (const c of VENDOR_CASES) {
    it(`golden ${c.name}: the reviewed file, its notes at their lines, and it reads back as the profile`, () => {
      const out = gen(c.profile);
      expectGolden('juniper-srx', c.name, out.text);
      expect(notesAt(out)).toEqual(CASE_NOTES[c.name]);
      expect(imp(out.text)).toEqual({ profile: { ...c.profile, vendor: 'juniper-srx', source: 'import' }, remarks: [] });
    });
  }

  it('maps every API value both ways; the SM algorithms have no keyword', () => {
    const pairs = (kind: string) => JUNIPER_SRX_MAPPINGS.filter((r) => r.kind === kind).map((r) => `${r.api}=${r.keyword}`);
    expect(pairs('encryption')).toEqual(['aes=aes-128-cbc', 'aes192=aes-192-cbc', 'aes256=aes-256-cbc', 'des=des-cbc', '3des=3des-cbc', 'sm4=']);
    expect(pairs('integrity')).toEqual([
      'md5=md5', 'md5=hmac-md5-96', 'sha1=sha1', 'sha1=hmac-sha1-96', 'sha256=sha-256', 'sha256=hmac-sha-256-128',
      'sha384=sha-384', 'sha384=hmac-sha-384', 'sha512=sha-512', 'sha512=hmac-sha-512', 'sm3=',
    ]);
    expect(pairs('dh')).toEqual(['group1=group1', 'group2=group2', 'group5=group5', 'group14=group14', 'group24=group24']);
    expect(pairs('pfs').at(-1)).toBe('disabled=(no perfect-forward-secrecy)');
    expect(pairs('lifetime')).toEqual(['IkeLifetime=lifetime-seconds', 'IpsecLifetime=lifetime-seconds']);
    expect(pairs('ike-version')).toEqual(['ikev1=version v1-only', 'ikev2=version v2-only']);
    for (const row of JUNIPER_SRX_MAPPINGS) {
      expect(row.sources.length).toBeGreaterThan(0);
      if (row.keyword === '') expect(row.note).toMatch(/no SM/);
    }
    expect(junosKeyword('ipsec', 'integrity', 'sha256')).toBe('hmac-sha-256-128');
    expect(junosKeyword('ike', 'encryption', 'aes-256-gcm')).toBe('aes-256-gcm');
    expect(junosKeyword('ike', 'encryption', 'sm4')).toBeUndefined();
    expect(apiName('ipsec', 'integrity', 'hmac-sha-384')).toEqual({ name: 'sha384', known: true });
    expect(apiName('ike', 'dh', 'group19')).toEqual({ name: 'group19', known: true });
    expect(apiName('ike', 'dh', 'modp2048')).toEqual({ name: 'modp2048', known: false });
  });

  it('SM gateway: the proposal lines say the SRX cannot match it, nothing else is dropped', () => {
    const out = gen(mirrorPeer(smSingle(), SINGLE_ADDRESSES));
    expect(notesAt(out).filter((n) => !n.startsWith('peer.vendor.interfacePlaceholder'))).toEqual([
      'peer.vendor.cannotSm @ # set security ike proposal alibaba-ike-1 ...   # not written: Junos has no keyword for sm4, sm3',
      'peer.vendor.noProposals @ # set security ike policy alibaba-ike proposals ...   # no IKE proposal can be written',
      'peer.vendor.cannotSm @ # set security ipsec proposal alibaba-ipsec-1 ...   # not written: Junos has no keyword for sm4, sm3',
      'peer.vendor.noProposals @ # set security ipsec policy alibaba-ipsec proposals ...   # no IPsec proposal can be written',
      'peer.vendor.cannotBgpPolicy @ # BGP over st0.0: its packets (169.254.11.2 <-> 169.254.11.1) pass only where a traffic selector covers them at both ends.',
    ]);
    expect(out.notes.find((n) => n.code === 'peer.vendor.cannotSm')!.message).toBe(
      'Juniper SRX (Junos) does not support the SM (国密) algorithms sm4, sm3: this device cannot match an SM gateway.',
    );
    expect(out.text).toContain('set security ike policy alibaba-ike pre-shared-key ascii-text');
  });

  it('clamps lifetimes, writes one IKE version, hex for keys Junos would misread, placeholders for what is unknown', () => {
    const t = single('single-route-bgp');
    Object.assign(t, { ikeLifetime: 90, ipsecLifetime: 100000, ikeVersions: ['ikev1', 'ikev2'], psk: '$9$notEncrypted', deviceAddress: '', cloudAddress: '' });
    Object.assign(t, { localId: 'cpe=01.example', remoteId: '', dpd: false, natTraversal: false, ikeMode: 'aggressive' });
    t.bgp = { asn: '65000.1', address: '169.254.11.2', peerAddress: '169.254.11.1', peerAsn: '' };
    const out = gen(withSingle(t));
    expect(notesAt(out).filter((n) => !n.startsWith('peer.vendor.interfacePlaceholder'))).toEqual([
      'peer.vendor.cannotLifetime @ set security ike proposal alibaba-ike-1 lifetime-seconds 180',
      'peer.vendor.cloudAddressUnknown @ # set security ike gateway alibaba-gw address <VPN gateway address>',
      'peer.vendor.deviceAddressUnknown @ # set security ike gateway alibaba-gw local-address <outside interface address>',
      'peer.vendor.bothIkeVersions @ set security ike gateway alibaba-gw version v2-only',
      'peer.vendor.cannotLifetime @ set security ipsec proposal alibaba-ipsec-1 lifetime-seconds 86400',
      'peer.juniper-srx.bgpPeerAsnUnknown @ # set protocols bgp group alibaba neighbor 169.254.11.1 peer-as <cloud ASN>',
    ]);
    const lines = out.text.split('\n');
    expect(lines).toContain('set security ike policy alibaba-ike pre-shared-key hexadecimal 2439246e6f74456e63727970746564');
    expect(lines).toContain('set security ike gateway alibaba-gw local-identity hostname "cpe=01.example"');
    expect(lines).toContain('set routing-options autonomous-system 65000.1');
    expect(lines).toContain('set protocols bgp group alibaba neighbor 169.254.11.1');
    expect(lines.some((l) => /dead-peer-detection|remote-identity|general-ikeid/.test(l))).toBe(false);
    const back = imp(out.text);
    expect(back.remarks).toEqual([]);
    expect(back.profile.tunnels.single).toEqual({ ...t, ikeLifetime: 180, ipsecLifetime: 86400, ikeVersions: ['ikev2'] });
  });

  it('several proposals: bracketed lists, PFS per policy noted, unknown keywords refused; no secrets on request', () => {
    const t = single('single-route-static');
    t.ikeProposals = [t.ikeProposals[0]!, { encryption: 'aes-256-gcm', integrity: '', dhGroup: 'group19' }, { encryption: 'aes128gcm16', integrity: '', dhGroup: 'ecp256' }];
    t.ipsecProposals = [{ encryption: 'aes', integrity: 'sha1', pfs: 'group2' }, { encryption: 'aes256', integrity: 'sha512', pfs: 'disabled' }];
    const out = gen(withSingle(t), false);
    const lines = out.text.split('\n');
    expect(lines).toContain('set security ike policy alibaba-ike proposals [ alibaba-ike-1 alibaba-ike-2 ]');
    expect(lines).toContain('set security ipsec policy alibaba-ipsec proposals [ alibaba-ipsec-1 alibaba-ipsec-2 ]');
    expect(notesAt(out).filter((n) => !/interfacePlaceholder|routesUnknown/.test(n))).toEqual([
      'peer.vendor.cannotAlgorithm @ # set security ike proposal alibaba-ike-3 ...   # not written: Junos has no keyword for aes128gcm16, ecp256',
      `peer.vendor.pskPlaceholder @ set security ike policy alibaba-ike pre-shared-key ascii-text "${PSK_PLACEHOLDER}"`,
      'peer.juniper-srx.pfsPerPolicy @ set security ipsec policy alibaba-ipsec perfect-forward-secrecy keys group2',
    ]);
    const back = imp(out.text).profile.tunnels.single!;
    expect(back.ikeProposals).toEqual(t.ikeProposals.slice(0, 2));
    expect(back.ipsecProposals).toEqual([t.ipsecProposals[0], { ...t.ipsecProposals[1], pfs: 'group2' }]);
    expect(back.psk).toBe('');
  });

  it('writes only the tunnels asked for, deterministically', () => {
    const profile = vendorCase('dual-route-bgp').profile;
    const slave = gen(profile, true, ['slave']);
    expect(slave.text).not.toContain('alibaba-master');
    expect(slave.text).toContain('set security ipsec vpn alibaba-slave bind-interface st0.1');
    expect(imp(slave.text).profile.tunnels).toEqual({ single: profile.tunnels.slave });
    expect(gen(profile)).toEqual(gen(structuredClone(profile)));
  });
});

describe('Juniper SRX importer', () => {
  it('reads display set from a device, with deactivated, quoted, encrypted and unknown values, by line', () => {
    const { profile, remarks } = imp(sample('sample-display-set.conf'));
    expect(profile).toMatchObject({ vendor: 'juniper-srx', platform: '', source: 'import' });
    expect(profile.tunnels.master).toEqual({
      deviceAddress: '', cloudAddress: '47.96.1.1', ikeVersions: ['ikev2'], ikeMode: 'main',
      ikeProposals: [{ encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' }, { encryption: 'aes-256-gcm', integrity: '', dhGroup: 'group19' }],
      ipsecProposals: [{ encryption: 'aes256', integrity: 'sha256', pfs: 'group14' }, { encryption: 'chacha99-cbc', integrity: '', pfs: 'group14' }],
      ikeLifetime: 28800, ipsecLifetime: 3600, localId: 'srx-branch-01.example.com', remoteId: '47.96.1.1',
      localSubnets: ['0.0.0.0/0'], remoteSubnets: ['0.0.0.0/0'], psk: '', dpd: true, natTraversal: true, routeBased: true,
      bgp: { asn: '65010', address: '169.254.20.2', peerAddress: '169.254.20.1', peerAsn: '45104' },
    });
    expect(profile.tunnels.slave).toEqual({
      deviceAddress: '', cloudAddress: '47.97.2.2', ikeVersions: ['ikev1'], ikeMode: 'aggressive', ikeProposals: [],
      ipsecProposals: [{ encryption: 'aes256', integrity: 'sha256', pfs: 'disabled' }], ikeLifetime: 28800, ipsecLifetime: 3600,
      localId: '', remoteId: 'vpn gw.example', localSubnets: ['192.168.1.0/24'], remoteSubnets: ['172.16.0.0/16', '172.17.0.0/16'],
      psk: 'pa ss"w#rd', dpd: false, natTraversal: false, routeBased: false,
    });
    expect(codesByLine(remarks)).toEqual([
      '25 peer.juniper-srx.import.lifetimes', // 28800 and 14400
      '26 peer.vendor.import.encryptedSecret', // $9$
      '38 peer.vendor.import.unknownAlgorithm', // chacha99-cbc
      '52 peer.vendor.import.notUnderstood', // IPv6 traffic selector
      '53 peer.vendor.import.notUnderstood',
      '61 peer.juniper-srx.import.proposalSet', // proposal-set standard
      '64 peer.juniper-srx.import.inactive', // deactivate … dead-peer-detection
      '65 peer.vendor.import.extraTunnel', // vpn-bj
    ]);
    expect(remarks[1]).toMatchObject({ text: 'set security ike policy ike-pol-hz pre-shared-key ascii-text "$9$Hk5FCtpB1hrK8xNdbsYGUHq.5F/tu0I"' });
  });

  it('reads the curly-brace form: inactive:, hexadecimal keys, a policy-based VPN through security policies and address books', () => {
    const { profile, remarks } = imp(sample('sample-hierarchy.conf'));
    expect(profile.tunnels).toEqual({
      single: {
        deviceAddress: '203.0.113.50', cloudAddress: '47.100.9.9', ikeVersions: ['ikev1'], ikeMode: 'main',
        ikeProposals: [{ encryption: 'aes', integrity: 'sha1', dhGroup: 'group5' }], ipsecProposals: [{ encryption: '3des', integrity: 'md5', pfs: 'disabled' }],
        ikeLifetime: 28800, ipsecLifetime: 1800, localId: '203.0.113.50', remoteId: '47.100.9.9',
        localSubnets: ['10.20.0.0/16', '10.30.1.7/32'], remoteSubnets: ['172.31.0.0/16'], psk: 'key-01', dpd: false, natTraversal: true, routeBased: false,
      },
    });
    expect(codesByLine(remarks)).toEqual(['35 peer.juniper-srx.import.inactive', '90 peer.vendor.import.notUnderstood']);
    expect(remarks[1]!.text).toBe('application [ junos-ssh junos-https ];');
  });

  it('reads `show configuration security ike` and `… security ipsec` pasted one after the other', () => {
    const text = [
      'root@srx> show configuration security ike',
      'proposal p1 { authentication-method pre-shared-keys; dh-group group2; authentication-algorithm sha1; encryption-algorithm 3des-cbc; }',
      'policy pol { mode aggressive; proposals p1; pre-shared-key ascii-text "$9$abc"; ## SECRET-DATA',
      '}',
      'gateway gw { ike-policy pol; address 47.1.1.1; remote-identity hostname cloud; local-identity user-at-hostname "ops@example.com"; xauth client; }',
      'root@srx> show configuration security ipsec',
      'proposal p2 { protocol ah; authentication-algorithm hmac-sha1-96; }',
      'policy pol { perfect-forward-secrecy { keys group5; } proposals p2; }',
      'vpn v { bind-interface st0.7; ike { gateway gw; ipsec-policy pol; proxy-identity { local 10.1.0.0/16; service junos-http; } } }',
    ].join('\n');
    const { profile, remarks } = imp(text);
    expect(profile.tunnels.single).toMatchObject({
      cloudAddress: '47.1.1.1', ikeMode: 'aggressive', ikeProposals: [{ encryption: '3des', integrity: 'sha1', dhGroup: 'group2' }],
      ipsecProposals: [{ encryption: '', integrity: 'sha1', pfs: 'group5' }], localId: 'ops@example.com', remoteId: 'cloud', psk: '',
      localSubnets: ['10.1.0.0/16'], remoteSubnets: ['0.0.0.0/0'], routeBased: false,
    });
    expect(codesByLine(remarks)).toEqual(['3 peer.vendor.import.encryptedSecret', '5 peer.vendor.import.notUnderstood', '7 peer.vendor.import.notUnderstood', '9 peer.vendor.import.notUnderstood']);
  });

  it('names what it cannot resolve; garbage, truncated and huge input give remarks, never a throw', () => {
    const missing = imp('set security ipsec vpn v ike gateway nowhere\nset security ipsec vpn v ike ipsec-policy none');
    // Also: the VPN has no st0 unit and no security policy tunnels into it, so it has no selectors.
    expect(codesByLine(missing.remarks)).toEqual(['1 peer.vendor.import.unresolved', '1 peer.vendor.import.notUnderstood', '2 peer.vendor.import.unresolved']);
    expect(missing.remarks[0]!.params).toMatchObject({ name: 'nowhere' });
    const full = gen(vendorCase('dual-policy-bgp').profile).text;
    for (const text of ['', 'hello world', '}}}{{{', 'set security ike policy p pre-shared-key ascii-text "open', full.slice(0, 1234), full.replace(/;|\[/g, '{'), '\u0000\u0001 set']) {
      const result = imp(text);
      expect(result.remarks.length).toBeLessThanOrEqual(201);
      if (Object.keys(result.profile.tunnels).length === 0) expect(result.remarks.some((r) => r.code === 'peer.vendor.import.unreadable')).toBe(true);
    }
    const huge = imp(`${full}\n${'set security ike bogus x\n'.repeat(60000)}`);
    expect(Object.keys(huge.profile.tunnels)).toEqual(['master', 'slave']);
    expect(huge.remarks.at(-1)!.code).toBe('peer.juniper-srx.import.tooManyRemarks');
    expect(huge.remarks.at(-2)!.code).toBe('peer.juniper-srx.import.truncated');
    const MiB = 1024 * 1024;
    const selectors = Array.from({ length: MiB / 128 }, (_, i) => `set security ipsec vpn v traffic-selector t${i} local-ip 10.${(i >> 8) & 255}.${i & 255}.0/24\n`);
    const manyPairs = `set security ipsec vpn v ike gateway g\n${selectors.map((l, i) => `${l}${l.replace(/local-ip 10/, 'remote-ip 11').replace(/t\d+ /, `t${i} `)}`).join('')}`;
    for (const text of ['a {'.repeat(MiB / 3), `set security ike gateway g address${' 1.2.3.4'.repeat(MiB / 8)}`, manyPairs]) {
      const started = Date.now();
      expect(imp(text).remarks.length).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(3000);
    }
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => void imp(text)), { numRuns: 300 });
    expect(juniperSrx.import(full, 'nope').remarks[0]!.code).toBe('peer.vendor.import.unreadable');
  });
});

/** The mirrored profile as it comes back: Junos' lifetime range applied (the generator notes each clamp). */
function expectedAfterImport(mirrored: PeerProfile): PeerProfile {
  const expected: PeerProfile = { ...structuredClone(mirrored), vendor: 'juniper-srx', source: 'import' };
  const clamp = (n: number) => Math.min(86400, Math.max(180, n));
  for (const t of Object.values(expected.tunnels)) Object.assign(t, { ikeLifetime: clamp(t.ikeLifetime), ipsecLifetime: clamp(t.ipsecLifetime) });
  return expected;
}

const EXPECTED_IN_ROUND_TRIPS = new Set([
  'peer.vendor.interfacePlaceholder', 'peer.juniper-srx.selectorPairs', 'peer.vendor.cannotBgpPolicy', 'peer.vendor.routesUnknown',
  'peer.vendor.bgpAsnUnknown', 'peer.juniper-srx.bgpPeerAsnUnknown', 'peer.vendor.cannotLifetime',
]);

describe('round trip: connection → mirrorPeer → generate → import', () => {
  it('equals the mirrored profile (200 random connections); only the expected notes', () => {
    fc.assert(
      fc.property(connectionWithAddresses, ([connection, addresses]) => {
        const mirrored = mirrorPeer(connection, addresses);
        const out = gen(mirrored);
        const { profile, remarks } = imp(out.text);
        expect(remarks).toEqual([]);
        expect(profile).toEqual(expectedAfterImport(mirrored));
        for (const n of out.notes) expect(EXPECTED_IN_ROUND_TRIPS).toContain(n.code);
        const outOfRange = Object.values(mirrored.tunnels).flatMap((t) => [t.ikeLifetime, t.ipsecLifetime]).filter((s) => s < 180).length;
        expect(out.notes.filter((n) => n.code === 'peer.vendor.cannotLifetime')).toHaveLength(outOfRange);
      }),
      { numRuns: 200 },
    );
  });
});

describe('wording', () => {
  it('every code the vendor emits is worded in English and Chinese', () => {
    expect(Object.keys(JUNIPER_SRX_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(JUNIPER_SRX_MESSAGES.en).sort());
    for (const text of Object.values(JUNIPER_SRX_MESSAGES['zh-CN'])) expect(text).toMatch(/[\u4e00-\u9fff]/);
    const emitted = new Set<string>();
    const profiles = [...VENDOR_CASES.map((c) => c.profile), mirrorPeer(smSingle(), SINGLE_ADDRESSES)];
    for (const p of profiles) for (const n of gen(p, false).notes) emitted.add(n.code);
    for (const r of [...imp(sample('sample-display-set.conf')).remarks, ...imp('x').remarks]) emitted.add(r.code);
    for (const code of emitted) {
      const table = code.startsWith('peer.juniper-srx.') ? JUNIPER_SRX_MESSAGES : GENERIC_VENDOR_MESSAGES;
      expect(table.en[code], code).toBeDefined();
      expect(table['zh-CN'][code], code).toBeDefined();
    }
    expect(emitted.size).toBeGreaterThan(12);
  });
});
