// Cisco IOS-XE behind the vendor seam: golden configurations for the eight shared cases, connection → mirror →
// generate → import round trips, the importer over configurations as devices print them, and the SM gateway.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import type { PeerIkeProposal, PeerProfile, PeerTunnel, PeerTunnelKey } from '../../core/peer/profile.ts';
import type { GeneratorNote, ImportRemark } from '../../core/peer/vendor.ts';
import { GENERIC_VENDOR_MESSAGES } from '../../core/peer/vendors/generic.ts';
import { keywordFor } from '../../core/peer/vendors/cisco-iosxe/algorithms.ts';
import { CISCO_IOSXE_MAPPINGS, CISCO_IOSXE_MESSAGES, ciscoIosXe } from '../../core/peer/vendors/cisco-iosxe/index.ts';
import { connectionWithAddresses, DUAL_ADDRESSES, expectGolden, SINGLE_ADDRESSES, VENDOR_CASES, vendorCase } from './peer-vendor-cases.ts';
import { type dual, single, smSingle } from './fixtures.ts';

const FORMAT = 'ios-xe';
const gen = (profile: PeerProfile, includeSecrets = true, tunnels?: PeerTunnelKey[]) => ciscoIosXe.generate(profile, { format: FORMAT, includeSecrets, ...(tunnels && { tunnels }) });
const imp = (text: string) => ciscoIosXe.import(text, FORMAT);
const codesByLine = (items: readonly (GeneratorNote | ImportRemark)[]) => items.map((n) => `${n.line} ${n.code}`);
const lineOf = (text: string, line: number) => text.split('\n')[line - 1];

/** Every code must be worded in both languages, by the vendor's table or the generic one. */
function expectWorded(codes: Iterable<string>): void {
  for (const code of codes)
    for (const lang of ['en', 'zh-CN'] as const) expect(CISCO_IOSXE_MESSAGES[lang][code] ?? GENERIC_VENDOR_MESSAGES[lang][code], `${code} in ${lang}`).toBeDefined();
}

// ---------------------------------------------------------------------------------------------------------------

describe('the vendor entry', () => {
  it('is cisco-iosxe with one format, its messages and its mapping table', () => {
    expect(ciscoIosXe).toMatchObject({ id: 'cisco-iosxe', label: 'Cisco IOS-XE', formats: [{ id: 'ios-xe', fileName: 'cisco-iosxe.cfg' }] });
    expect(ciscoIosXe.messages).toBe(CISCO_IOSXE_MESSAGES);
    expect(ciscoIosXe.mappings).toBe(CISCO_IOSXE_MAPPINGS);
    expect(() => ciscoIosXe.generate(mirrorPeer(single(), SINGLE_ADDRESSES), { format: 'swanctl' })).toThrow(/no format/);
    expect(ciscoIosXe.import('crypto map A 10 ipsec-isakmp', 'swanctl').remarks.map((r) => r.code)).toEqual(['peer.vendor.import.unreadable']);
  });

  it('maps every API value, SM4/SM3 to nothing, with the documents cited', () => {
    expect(CISCO_IOSXE_MAPPINGS.map((r) => `${r.kind}:${r.api}`).join(' ')).toBe(
      'encryption:aes encryption:aes192 encryption:aes256 encryption:des encryption:3des integrity:md5 integrity:sha1 integrity:sha256 integrity:sha384 ' +
        'integrity:sha512 encryption:sm4 integrity:sm3 dh:group1 dh:group2 dh:group5 dh:group14 dh:group24 pfs:disabled pfs:group1 pfs:group2 pfs:group5 ' +
        'pfs:group14 pfs:group24 lifetime:IkeLifetime lifetime:IpsecLifetime dpd:EnableDpd nat-t:EnableNatTraversal ike-version:ikev1 ike-version:ikev2 ike-mode:main ike-mode:aggressive',
    );
    const row = (kind: string, api: string) => CISCO_IOSXE_MAPPINGS.find((r) => r.kind === kind && r.api === api)!;
    expect(row('encryption', 'aes').keyword).toBe('encryption aes (IKEv1) / encryption aes-cbc-128 (IKEv2) / esp-aes (ESP)');
    expect(row('encryption', 'aes256').keyword).toBe('encryption aes 256 (IKEv1) / encryption aes-cbc-256 (IKEv2) / esp-aes 256 (ESP)');
    expect(row('integrity', 'sha1').keyword).toBe('hash sha (IKEv1) / integrity sha1 (IKEv2) / esp-sha-hmac (ESP)');
    expect(row('integrity', 'sha512').keyword).toBe('hash sha512 (IKEv1) / integrity sha512 (IKEv2) / esp-sha512-hmac (ESP)');
    expect([row('dh', 'group24').keyword, row('pfs', 'group14').keyword, row('pfs', 'disabled').keyword]).toEqual(['group 24 (IKEv1 policy, IKEv2 proposal)', 'set pfs group14', '(no `set pfs`)']);
    expect([row('encryption', 'sm4').keyword, row('integrity', 'sm3').keyword]).toEqual(['', '']);
    expect(row('lifetime', 'IkeLifetime').note).toContain('60–86400 s');
    expect(row('lifetime', 'IpsecLifetime').note).toContain('120–2592000 s');
    // The table and the generator read the same keywords.
    for (const r of CISCO_IOSXE_MAPPINGS.filter((x) => ['encryption', 'integrity', 'dh'].includes(x.kind) && x.keyword !== ''))
      for (const context of ['ikev1', 'ikev2', 'esp'] as const) expect(r.keyword).toContain(keywordFor(r.kind as 'dh', r.api, context)!.replace(/^group/, ''));
    for (const row of CISCO_IOSXE_MAPPINGS) {
      expect(row.sources.length).toBeGreaterThan(0);
      for (const url of row.sources) expect(url).toMatch(/^https:\/\/(www\.cisco\.com|github\.com\/YangModels)\//);
      if (row.keyword === '') expect(row.note).toMatch(/cannot match an SM/);
    }
  });

  it('words every code of its table in English and Simplified Chinese', () => {
    expect(Object.keys(CISCO_IOSXE_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(CISCO_IOSXE_MESSAGES.en).sort());
    for (const [code, text] of Object.entries(CISCO_IOSXE_MESSAGES['zh-CN'])) expect(text, code).toMatch(/[\u4e00-\u9fff]/);
  });
});

// ---------------------------------------------------------------------------------------------------------------

/** Each case's notes, by line and code: what IOS-XE cannot say, or where the engineer has to adapt the text. */
const GOLDEN_NOTES: Readonly<Record<string, readonly string[]>> = {
  'single-policy-static': ['46 peer.cisco-iosxe.weakAlgorithm', '51 peer.vendor.interfacePlaceholder'],
  'single-policy-bgp': ['41 peer.cisco-iosxe.bgpPolicyBased', '43 peer.vendor.interfacePlaceholder', '51 peer.cisco-iosxe.weakAlgorithm', '56 peer.vendor.interfacePlaceholder'],
  'single-route-static': ['37 peer.cisco-iosxe.weakAlgorithm', '43 peer.vendor.interfacePlaceholder', '49 peer.vendor.routesUnknown'],
  'single-route-bgp': ['37 peer.cisco-iosxe.weakAlgorithm', '44 peer.vendor.interfacePlaceholder'],
  'dual-policy-static': ['10 peer.cisco-iosxe.weakAlgorithm', '30 peer.cisco-iosxe.globalNatTraversal', '90 peer.vendor.interfacePlaceholder'],
  'dual-policy-bgp': ['10 peer.cisco-iosxe.weakAlgorithm', '30 peer.cisco-iosxe.globalNatTraversal', '54 peer.cisco-iosxe.bgpPolicyBased', '56 peer.vendor.interfacePlaceholder']
    .concat(['86 peer.cisco-iosxe.bgpPolicyBased', '88 peer.vendor.interfacePlaceholder', '100 peer.vendor.interfacePlaceholder']),
  'dual-route-static': ['10 peer.cisco-iosxe.weakAlgorithm', '30 peer.cisco-iosxe.globalNatTraversal', '56 peer.vendor.interfacePlaceholder', '62 peer.vendor.routesUnknown', '88 peer.vendor.routesUnknown'],
  'dual-route-bgp': ['10 peer.cisco-iosxe.weakAlgorithm', '30 peer.cisco-iosxe.globalNatTraversal', '57 peer.vendor.interfacePlaceholder'],
};

describe('generator (golden files, reviewed against the IOS-XE command references)', () => {
  for (const c of VENDOR_CASES) {
    it(`${c.name}`, () => {
      const out = gen(c.profile);
      expectGolden('cisco-iosxe', c.name, out.text);
      expect(codesByLine(out.notes)).toEqual(GOLDEN_NOTES[c.name]);
      expectWorded(out.notes.map((n) => n.code));
      // Every note points at a line that says what it is about.
      for (const note of out.notes) {
        const line = lineOf(out.text, note.line)!;
        if (note.code === 'peer.vendor.interfacePlaceholder') expect(line).toContain(String(note.params!.name));
        if (note.code === 'peer.vendor.routesUnknown') expect(line).toMatch(/^! Routes to the VPC .* Tunnel[12]$/);
        if (note.code === 'peer.cisco-iosxe.globalNatTraversal') expect(line).toMatch(/^! NAT traversal stays on/);
        if (note.code === 'peer.cisco-iosxe.bgpPolicyBased') expect(line).toMatch(/^ permit ip host 169\.254\.1[12]\.2 host 169\.254\.1[12]\.1$/);
        if (note.code === 'peer.cisco-iosxe.weakAlgorithm') expect(line).toMatch(/group [25]|set pfs group2/);
      }
    });
  }

  it('writes the weak-algorithm note once, naming every weak algorithm the file uses', () => {
    const out = gen(vendorCase('dual-route-bgp').profile);
    expect(out.notes.filter((n) => n.code === 'peer.cisco-iosxe.weakAlgorithm').map((n) => n.params!.algorithms)).toEqual(['group2, group5, 3des, md5']);
  });

  it('leaves the PSK out on request, and writes only the tunnels asked for', () => {
    const profile = vendorCase('dual-route-bgp').profile;
    const out = gen(profile, false, ['slave']);
    for (const absent of ['master-Key1', 'slave-Key2', 'Tunnel1', 'crypto ikev2']) expect(out.text).not.toContain(absent);
    expect(out.text).toContain(' pre-shared-key address 47.21.0.2 key REPLACE-WITH-PRE-SHARED-KEY');
    expect(codesByLine(out.notes).filter((n) => n.endsWith('pskPlaceholder'))).toHaveLength(1);
    expect(imp(out.text).profile.tunnels.single!.psk).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------------------------

const sameProposal = (a: PeerIkeProposal, b: PeerIkeProposal) => a.encryption === b.encryption && a.integrity === b.integrity && a.dhGroup === b.dhGroup;

function union(lists: readonly PeerIkeProposal[][]): PeerIkeProposal[] {
  const all: PeerIkeProposal[] = [];
  for (const p of lists.flat()) if (!all.some((x) => sameProposal(x, p))) all.push(p);
  return all;
}

/**
 * What the round trip gives back: the mirrored profile with `source: import`, except what the generator noted IOS-XE
 * cannot express, changed the way the device really behaves: a lifetime out of range is the nearest one; IKEv1
 * policies are global (every IKEv1 tunnel offers all of them, the first policy's lifetime first) and so is the IKEv2
 * policy of one local address; IKEv1 DPD and NAT traversal are global settings; IKEv2 has no aggressive mode; an
 * IKEv1 FQDN identity is the device's hostname (not in the text: '' with a remark), an IKEv1 address identity the
 * device's own address.
 */
function expectedAfterImport(mirrored: PeerProfile, notes: readonly GeneratorNote[]): { profile: PeerProfile; remarks: string[] } {
  const expected = structuredClone(mirrored);
  expected.vendor = 'cisco-iosxe';
  expected.source = 'import';
  const remarks: string[] = [];
  const tunnel = (note: GeneratorNote) => expected.tunnels[note.params!.tunnel as PeerTunnelKey]!;
  for (const note of notes) {
    const p = note.params ?? {};
    if (note.code === 'peer.vendor.cannotLifetime') {
      const value = Math.min(Number(p.max), Math.max(Number(p.min), Number(p.value)));
      if (p.phase === 'IKE') tunnel(note).ikeLifetime = value;
      else tunnel(note).ipsecLifetime = value;
    }
    if (note.code === 'peer.vendor.bothIkeVersions') tunnel(note).ikeVersions = ['ikev2'];
    if (note.code === 'peer.cisco-iosxe.ikeModeIkev2') tunnel(note).ikeMode = 'main';
    if (note.code === 'peer.cisco-iosxe.globalDpd') expected.tunnels[p.tunnel as PeerTunnelKey]!.dpd = true;
    if (note.code === 'peer.cisco-iosxe.globalNatTraversal') expected.tunnels[p.tunnel as PeerTunnelKey]!.natTraversal = true;
    if (note.code === 'peer.cisco-iosxe.ikev1AddressIdentity') tunnel(note).localId = tunnel(note).deviceAddress;
    if (note.code === 'peer.cisco-iosxe.ikev1HostnameIdentity') {
      tunnel(note).localId = '';
      remarks.push(`${note.line} peer.vendor.import.unresolved`);
    }
  }
  const all = Object.values(expected.tunnels) as PeerTunnel[];
  const v1 = all.filter((t) => t.ikeVersions.includes('ikev1') && !t.ikeVersions.includes('ikev2'));
  if (notes.some((n) => n.code === 'peer.cisco-iosxe.isakmpPoliciesShared')) {
    const proposals = union(v1.map((t) => t.ikeProposals));
    for (const t of v1) [t.ikeProposals, t.ikeLifetime] = [structuredClone(proposals), v1[0]!.ikeLifetime];
  }
  if (notes.some((n) => n.code === 'peer.cisco-iosxe.ikev2PolicyShared')) {
    const v2 = all.filter((t) => !v1.includes(t));
    for (const t of v2) t.ikeProposals = union(v2.filter((o) => o.deviceAddress === t.deviceAddress).map((o) => o.ikeProposals));
  }
  return { profile: expected, remarks };
}

/** The notes a random connection may bring, each adjusted for above (or, for BGP, not changing the profile). */
const ROUND_TRIP_NOTES = new Set(
  [
    ...['vendor.cannotLifetime', 'cisco-iosxe.ikeModeIkev2', 'cisco-iosxe.globalDpd', 'cisco-iosxe.globalNatTraversal', 'cisco-iosxe.ikev1AddressIdentity'],
    ...['cisco-iosxe.ikev1HostnameIdentity', 'cisco-iosxe.isakmpPoliciesShared', 'cisco-iosxe.ikev2PolicyShared'],
    // Expressed as written, only worth a warning:
    ...['cisco-iosxe.identityType', 'cisco-iosxe.weakAlgorithm', 'cisco-iosxe.pskQuestionMark', 'cisco-iosxe.bgpPolicyBased', 'cisco-iosxe.cloudAsnUnknown'],
    ...['vendor.bgpAsnUnknown', 'vendor.interfacePlaceholder', 'vendor.routesUnknown'],
  ].map((code) => `peer.${code}`),
);

describe('round trip: connection → mirrorPeer → generate → import', () => {
  it('equals the mirrored profile except what the notes say (200 random connections)', () => {
    fc.assert(
      fc.property(connectionWithAddresses, ([connection, addresses]) => {
        const mirrored = mirrorPeer(connection, addresses);
        const out = gen(mirrored);
        const back = imp(out.text);
        const expected = expectedAfterImport(mirrored, out.notes);
        expect(codesByLine(back.remarks)).toEqual(expected.remarks);
        expect(back.profile).toEqual(expected.profile);
        for (const note of out.notes) expect(ROUND_TRIP_NOTES, note.code).toContain(note.code);
        expectWorded(out.notes.map((n) => n.code));
      }),
      { numRuns: 200 },
    );
  });

  it('the noted cases really occur and read back as stated', () => {
    const c = vendorCase('dual-route-static').connection as ReturnType<typeof dual>;
    const [m, s] = c.tunnels;
    // Both tunnels IKEv1 with different proposals and lifetimes, DPD on one only, the slave's identity a name.
    const v1 = (t: typeof m, over: Partial<typeof m.TunnelIkeConfig>) => ({ ...t, TunnelIkeConfig: { ...t.TunnelIkeConfig, IkeVersion: 'ikev1', ...over } });
    const connection = { ...c, tunnels: [{ ...v1(m, { IkeLifetime: 30 }), EnableDpd: true }, { ...v1(s, { IkeEncAlg: 'aes256', IkeMode: 'aggressive', RemoteId: 'cpe.example' }), EnableDpd: false }] } as typeof c;
    const mirrored = mirrorPeer(connection, DUAL_ADDRESSES);
    const out = gen(mirrored);
    const noted = out.notes.filter((n) => !/weakAlgorithm|interfacePlaceholder|routesUnknown/.test(n.code));
    expect(noted.map((n) => `${n.line} ${n.code.replace(/^peer\.[a-z-]+\./, '')} ${String(n.params!.tunnel)}`)).toEqual(
      ['7 isakmpPoliciesShared slave', '12 cannotLifetime master', '14 isakmpPoliciesShared master', '21 globalDpd slave', '30 globalNatTraversal slave', '67 ikev1HostnameIdentity slave'],
    );
    expect([12, 21, 67].map((n) => lineOf(out.text, n))).toEqual([' lifetime 60', 'crypto isakmp keepalive 10 3 periodic', ' self-identity fqdn']);
    expect(out.text).toContain(' initiate mode aggressive');
    const back = imp(out.text);
    const expected = expectedAfterImport(mirrored, out.notes);
    expect(back.profile).toEqual(expected.profile);
    expect(back.profile.tunnels.slave).toMatchObject({ ikeMode: 'aggressive', localId: '', dpd: true, ikeLifetime: 60 });
    expect(back.profile.tunnels.master!.ikeProposals.map((p) => p.encryption)).toEqual(['aes', 'aes256']);
    expect(codesByLine(back.remarks)).toEqual(['67 peer.vendor.import.unresolved']);
    // With the device's hostname in the text, the identity reads back.
    expect(imp(`hostname cpe\nip domain name example\n${out.text}`).profile.tunnels.slave!.localId).toBe('cpe.example');
  });
});

// ---------------------------------------------------------------------------------------------------------------

// Configurations as devices print them (or as engineers paste them), with unrelated lines around the tunnel.
const sample = (name: string) => readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'golden', 'cisco-iosxe', name), 'utf8');
const SAMPLE_VTI = sample('import-vti.cfg');
const SAMPLE_MAP = sample('import-crypto-map.cfg');
const SAMPLE_PASTE = sample('import-paste.cfg');

describe('importer (real-world configurations)', () => {
  it('show running-config of an IKEv2 VTI with BGP: the profile, and a remark for each line it could not read', () => {
    const { profile, remarks } = imp(SAMPLE_VTI);
    expect(profile).toEqual({ vendor: 'cisco-iosxe', platform: '', source: 'import', tunnels: { single: expect.any(Object) } });
    expect(profile.tunnels.single).toEqual({
      ...{ deviceAddress: '198.51.100.2', cloudAddress: '47.96.1.1', ikeVersions: ['ikev2'], ikeMode: 'main', ikeLifetime: 28800, ipsecLifetime: 7200 },
      // Lists of algorithms in one IKEv2 proposal are every combination; group 19 is no API name and kept as it is.
      ikeProposals: [['aes256', 'group14'], ['aes256', 'group19'], ['aes', 'group14'], ['aes', 'group19']].map(([encryption, dhGroup]) => ({ encryption, integrity: 'sha256', dhGroup })),
      ipsecProposals: [{ encryption: 'aes-gcm-256', integrity: '', pfs: 'group14' }],
      ...{ localId: 'cpe01.example.com', remoteId: '47.96.1.1', localSubnets: ['0.0.0.0/0'], remoteSubnets: ['0.0.0.0/0'], psk: 'Str0ng-Key!' },
      ...{ dpd: true, natTraversal: true, routeBased: true, bgp: { asn: '65010', address: '169.254.20.2', peerAddress: '169.254.20.1', peerAsn: '45104' } },
    });
    expect(remarks.map((r) => `${r.line} ${r.code} ${r.text}`)).toEqual(['36 peer.cisco-iosxe.import.asymmetricPsk pre-shared-key remote Other-Key!'].concat(
      ['46 virtual-template 1', '67 tunnel vrf INTERNET', '81 neighbor 169.254.20.1 password 7 045802150C2E'].map((x) => x.replace(' ', ' peer.vendor.import.notUnderstood ')),
    ));
    expectWorded(remarks.map((r) => r.code));
  });

  it('IKEv1 crypto map entries: global policies (defaults filled in), encrypted and aggressive-mode keys, numbered ACLs', () => {
    const { profile, remarks } = imp(SAMPLE_MAP);
    const common = {
      ...{ deviceAddress: '203.0.113.50', ikeVersions: ['ikev1'], ikeLifetime: 28800, ipsecLifetime: 3600, remoteId: '', dpd: true, natTraversal: true, routeBased: false },
      // Policy 10 prints no hash: SHA-1 is the default; policy 20 has no pre-shared key authentication.
      ikeProposals: [{ encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' }, { encryption: '3des', integrity: 'sha1', dhGroup: 'group2' }],
    };
    expect(profile.tunnels).toEqual({
      master: {
        ...common,
        ...{ cloudAddress: '47.100.9.9', ikeMode: 'main', ipsecProposals: [{ encryption: 'aes256', integrity: 'sha1', pfs: 'group14' }], localId: '203.0.113.50', psk: '' },
        ...{ localSubnets: ['10.10.0.0/16', '10.20.0.5/32'], remoteSubnets: ['172.16.0.0/20'] },
      },
      slave: {
        ...common,
        ...{ cloudAddress: '47.100.8.8', ikeMode: 'aggressive', ipsecProposals: [{ encryption: '3des', integrity: '', pfs: 'disabled' }], localId: 'branch7.example.com' },
        ...{ localSubnets: [], remoteSubnets: [], psk: 'Agr3ss!ve' },
      },
    });
    // Not understood: the AH transform, the dynamic crypto map, `deny ip any any` and a `permit tcp` line.
    expect(codesByLine(remarks)).toEqual(['13 peer.cisco-iosxe.import.notPreShare', '15 peer.vendor.import.encryptedSecret'].concat([23, 36, 46, 47].map((n) => `${n} peer.vendor.import.notUnderstood`)));
  });

  it('a configuration-mode paste: no indentation, exit, abbreviations (encr, int)', () => {
    const { profile, remarks } = imp(SAMPLE_PASTE);
    expect(profile.tunnels).toEqual({
      single: {
        ...{ deviceAddress: '192.168.255.205', cloudAddress: '3.224.157.85', ikeVersions: ['ikev1'], ikeMode: 'main', ikeLifetime: 28800, ipsecLifetime: 3600 },
        ikeProposals: [{ encryption: 'aes', integrity: 'sha1', dhGroup: 'group14' }],
        ipsecProposals: [{ encryption: 'aes', integrity: 'sha1', pfs: 'group14' }],
        ...{ localId: '192.168.255.205', remoteId: '3.224.157.85', localSubnets: ['0.0.0.0/0'], remoteSubnets: ['0.0.0.0/0'], psk: 'clmvpn00' },
        ...{ dpd: false, natTraversal: true, routeBased: true, bgp: { asn: '65000', address: '169.254.30.110', peerAddress: '169.254.30.109', peerAsn: '64512' } },
      },
    });
    expect(remarks.map((r) => `${r.line} ${r.code} ${r.text}`)).toEqual(['42 peer.vendor.import.notUnderstood neighbor 169.254.30.109 default-originate']);
  });

  it('reads keys as the CLI stores them: type 0 spelt out, type 7, hex; the placeholder as unknown', () => {
    const key = (line: string) => imp(`crypto ikev2 keyring K\n peer P\n  address 1.2.3.4\n  ${line}\ncrypto ikev2 profile X\n keyring local K\ncrypto ipsec profile I\n set ikev2-profile X\ninterface Tunnel1\n tunnel mode ipsec ipv4\n tunnel destination 1.2.3.4\n tunnel protection ipsec profile I\n`);
    expect(key('pre-shared-key 0 6').profile.tunnels.single!.psk).toBe('6');
    expect(key('pre-shared-key hex 6b6579').profile.tunnels.single!.psk).toBe('key');
    expect(key('pre-shared-key REPLACE-WITH-PRE-SHARED-KEY').profile.tunnels.single!.psk).toBe('');
    const seven = key('pre-shared-key 7 0822455D0A16');
    expect(seven.profile.tunnels.single!.psk).toBe('');
    expect(codesByLine(seven.remarks)).toContain('4 peer.vendor.import.encryptedSecret');
  });

  it('a third tunnel is listed, not read; text with no tunnel says so first', () => {
    const vti = (n: number) => `interface Tunnel${n}\n tunnel mode ipsec ipv4\n tunnel destination 1.1.1.${n}\n tunnel protection ipsec profile P\n`;
    const { profile, remarks } = imp(`crypto ipsec profile P\n set transform-set T\ncrypto ipsec transform-set T esp-aes esp-sha-hmac\n${vti(1)}${vti(2)}${vti(3)}`);
    expect(Object.keys(profile.tunnels)).toEqual(['master', 'slave']);
    expect(profile.tunnels.slave!.cloudAddress).toBe('1.1.1.2');
    expect(remarks.filter((r) => r.code === 'peer.vendor.import.extraTunnel').map((r) => r.line)).toEqual([12]);
    const none = imp('hostname r1\ninterface GigabitEthernet1\n ip address 10.0.0.1 255.255.255.0\n');
    expect(none.profile.tunnels).toEqual({});
    expect(codesByLine(none.remarks)).toEqual(['1 peer.vendor.import.unreadable']);
  });

  it('garbage, truncated and oversized text never throws; remarks stay within 200', () => {
    const texts = ['', '!', '\u0000\u0001\u0002', 'crypto', 'crypto map', 'crypto map X 10 ipsec-isakmp\n set peer', 'interface\n tunnel protection ipsec profile', 'x'.repeat(5000), 'exit\nexit\n end'];
    texts.push(SAMPLE_VTI.slice(0, SAMPLE_VTI.length / 2), SAMPLE_MAP.slice(0, 700), SAMPLE_PASTE.replace(/\n/g, '\r'));
    for (const text of texts) expect(() => imp(text)).not.toThrow();
    const noise = 'crypto ikev2 profile P\n' + ' frobnicate\n'.repeat(1000);
    const many = imp(noise);
    expect(many.remarks).toHaveLength(200);
    expect(many.remarks[199]!.code).toBe('peer.cisco-iosxe.import.moreRemarks');
    const huge = imp(SAMPLE_VTI + 'ntp server 192.0.2.1\n'.repeat(60000));
    expect(huge.profile.tunnels.single!.cloudAddress).toBe('47.96.1.1');
    expect(huge.remarks.at(-1)!.code).toBe('peer.cisco-iosxe.import.truncated');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...`${SAMPLE_VTI}${SAMPLE_MAP}${SAMPLE_PASTE}`.split('\n'), 'exit', ' ', '  set pfs', 'crypto isakmp key', '\u0000 crypto \u00ff'), { maxLength: 80 }), (lines) => {
        const result = imp(lines.join('\n'));
        expect(result.remarks.length).toBeLessThanOrEqual(200);
        expect(result.profile.vendor).toBe('cisco-iosxe');
      }),
      { numRuns: 200 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => void expect(() => imp(text)).not.toThrow()), { numRuns: 200 });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('generator: what IOS-XE cannot say, said at the line', () => {
  it('an SM (国密) gateway: both proposals are left out with a comment and cannotSm at that line, nothing else dropped', () => {
    const mirrored = mirrorPeer(smSingle(), SINGLE_ADDRESSES);
    const out = gen(mirrored);
    const sm = out.notes.filter((n) => n.code === 'peer.vendor.cannotSm');
    expect(sm.map((n) => [lineOf(out.text, n.line), n.params!.algorithms])).toEqual(
      ['! IKE', ' ! IPsec'].map((phase) => [`${phase} proposal sm4-sm3-group2 of tunnel single left out: Cisco IOS-XE has no sm4, sm3`, 'sm4, sm3']),
    );
    for (const absent of [/^crypto isakmp policy/m, /^ set transform-set/m]) expect(out.text).not.toMatch(absent);
    // The rest of the tunnel is written all the same: peer, key, selectors, BGP.
    for (const line of [' pre-shared-key address 47.100.1.1 key pgw6dy7d1i8i****', ' set peer 47.100.1.1', ' permit ip 10.2.1.0 0.0.0.255 10.1.1.0 0.0.0.255', 'router bgp 65531'])
      expect(out.text.split('\n')).toContain(line);
    // The SM identity is a distinguished name: noted too.
    expect(out.notes.filter((n) => n.code === 'peer.cisco-iosxe.identityType').map((n) => n.params!.identity)).toEqual(['CN=test,OU=test,O=test,C=CHN']);
    const back = imp(out.text).profile.tunnels.single!;
    expect([back.ikeProposals, back.ipsecProposals]).toEqual([[], []]);
  });

  it('keys, identities, versions, lifetimes, PFS, ASNs and a second outside interface', () => {
    const p = structuredClone(vendorCase('dual-route-bgp').profile);
    const [m, s] = [p.tunnels.master!, p.tunnels.slave!];
    Object.assign(m, { psk: 'a?b', localId: 'cpe=1', remoteId: 'gw.example', ikeVersions: ['ikev1', 'ikev2'], ikeMode: 'aggressive', ikeLifetime: 100, ipsecLifetime: 0 });
    m.ipsecProposals = [{ encryption: 'aes256', integrity: 'sha256', pfs: 'group14' }, { encryption: 'aes', integrity: 'sha1', pfs: 'group2' }];
    m.bgp = { asn: '', address: '169.254.11.2', peerAddress: '169.254.11.1', peerAsn: '' };
    Object.assign(s, { psk: '6', deviceAddress: '198.51.100.7', localId: '198.51.100.7', ikeVersions: ['ikev2'], ikeLifetime: NaN, ipsecLifetime: NaN, bgp: { ...s.bgp!, asn: '65000.1' } });
    const out = gen(p);
    const at = (code: string) => out.notes.filter((n) => n.code === code).map((n) => lineOf(out.text, n.line));
    expect(at('peer.cisco-iosxe.pskQuestionMark')).toEqual(['  pre-shared-key a?b']);
    expect(out.text).toContain('  pre-shared-key 0 6\n');
    expect(at('peer.vendor.bothIkeVersions')).toEqual(['crypto ikev2 profile ALIYUN-MASTER-IKEV2']);
    expect(at('peer.cisco-iosxe.identityType')).toEqual([' identity local fqdn cpe=1']);
    expect(out.text).toContain(' match identity remote fqdn gw.example\n');
    expect(at('peer.vendor.cannotLifetime')).toEqual([' lifetime 120', ' set security-association lifetime seconds 120']);
    expect(at('peer.cisco-iosxe.ikeModeIkev2')).toEqual([' ! aggressive mode: IKEv1 only, IKEv2 has a single exchange']);
    expect(at('peer.cisco-iosxe.onePfsGroup')).toEqual([' set pfs group14']);
    expect(at('peer.vendor.lifetimeUnknown')).toEqual([' ! lifetime: not known, the IOS-XE default (86400 s) applies', ' ! set security-association lifetime: not known, the IOS-XE default (3600 s) applies']);
    expect(at('peer.vendor.interfacePlaceholder')).toEqual([' tunnel source GigabitEthernet1', ' tunnel source GigabitEthernet2']);
    expect(at('peer.vendor.bgpAsnUnknown')).toEqual(['router bgp DEVICE-ASN']);
    expect(at('peer.cisco-iosxe.cloudAsnUnknown')).toEqual([' neighbor 169.254.11.1 remote-as CLOUD-ASN']);
    expect(out.text).toContain(' neighbor 169.254.12.1 local-as 65000.1 no-prepend replace-as\n');
    // Different local addresses: one IKEv2 policy each.
    expect(out.text).toContain('crypto ikev2 policy ALIYUN-IKEV2-POLICY\n match address local 203.0.113.10\n proposal ALIYUN-IKE-AES128-SHA1-G2\n');
    expect(out.text).toContain('crypto ikev2 policy ALIYUN-IKEV2-POLICY-2\n match address local 198.51.100.7\n proposal ALIYUN-IKE-AES192-SHA256-G5\n');
    expectWorded(out.notes.map((n) => n.code));
    const back = imp(out.text);
    expect(back.remarks).toEqual([]);
    expect(back.profile.tunnels.master).toMatchObject({ psk: 'a?b', localId: 'cpe=1', remoteId: 'gw.example', ikeVersions: ['ikev2'], ikeMode: 'main', ikeLifetime: 120, ipsecLifetime: 120 });
    expect(back.profile.tunnels.master!.ipsecProposals.map((x) => x.pfs)).toEqual(['group14', 'group14']);
    expect(back.profile.tunnels.master!.bgp).toEqual({ asn: '', address: '169.254.11.2', peerAddress: '169.254.11.1', peerAsn: '' });
    expect(back.profile.tunnels.slave).toMatchObject({ psk: '6', deviceAddress: '198.51.100.7', ikeLifetime: 86400, ipsecLifetime: 3600, bgp: { asn: '65000.1' } });
  });

  it('unknown addresses become placeholders with their notes, and read back as unknown', () => {
    const p = structuredClone(vendorCase('single-policy-static').profile);
    Object.assign(p.tunnels.single!, { deviceAddress: '', cloudAddress: '', localId: '', remoteId: '', ikeVersions: ['ikev1'], psk: '' });
    const out = gen(p);
    const at = (code: string) => out.notes.filter((n) => n.code === code).map((n) => lineOf(out.text, n.line));
    expect(at('peer.vendor.cloudAddressUnknown')).toEqual([' pre-shared-key address CLOUD-GATEWAY-ADDRESS key REPLACE-WITH-PRE-SHARED-KEY', ' set peer CLOUD-GATEWAY-ADDRESS']);
    expect(at('peer.vendor.pskPlaceholder')).toEqual([' pre-shared-key address CLOUD-GATEWAY-ADDRESS key REPLACE-WITH-PRE-SHARED-KEY']);
    expect(at('peer.vendor.deviceAddressUnknown')).toEqual([' ! local-address <device address>: not known, any local address matches']);
    expect(out.text).toContain(' match identity address 0.0.0.0 0.0.0.0\n');
    const back = imp(out.text).profile.tunnels.single!;
    expect(back).toMatchObject({ deviceAddress: '', cloudAddress: '', localId: '', remoteId: '', psk: '' });
  });
});
