// FortiGate (FortiOS 7.x CLI): golden configurations, the importer over device-style text, and
// connection → mirrorPeer → generate → import round trips.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import type { PeerProfile, PeerTunnel, PeerTunnelKey } from '../../core/peer/profile.ts';
import type { GeneratorNote } from '../../core/peer/vendor.ts';
import { GENERIC_VENDOR_MESSAGES } from '../../core/peer/vendors/generic.ts';
import { FORTIGATE_MAPPINGS, FORTIGATE_MESSAGES, fortigate } from '../../core/peer/vendors/fortigate/index.ts';
import { keywordFor, readProposalToken } from '../../core/peer/vendors/fortigate/mapping.ts';
import { smSingle } from './fixtures.ts';
import { connectionWithAddresses, expectGolden, SINGLE_ADDRESSES, VENDOR_CASES, vendorCase } from './peer-vendor-cases.ts';

const gen = (profile: PeerProfile, includeSecrets = true, tunnels?: PeerTunnelKey[]) => fortigate.generate(profile, { format: 'fortios', includeSecrets, ...(tunnels && { tunnels }) });
const imp = (text: string) => fortigate.import(text, 'fortios');
const lineOf = (text: string, n: number) => text.split('\n')[n - 1]!.trim();
const notesOf = (text: string, notes: readonly GeneratorNote[]) => notes.map((n) => `${n.code} @ ${lineOf(text, n.line)}`);
const remarksOf = (remarks: readonly { line: number; code: string }[]) => remarks.map((r) => `${r.line} ${r.code}`);
const sample = (name: string) => readFileSync(join(import.meta.dirname, 'golden', 'fortigate', name), 'utf8');

const WAN = 'peer.vendor.interfacePlaceholder @ set interface "wan1"';
const LAN = 'peer.vendor.interfacePlaceholder @ set srcintf "internal"';
const anyPeer = 'peer.fortigate.anyPeerId @ set peertype any';
const ROUTES = 'peer.vendor.routesUnknown @ # Tunnel';

/** The notes of each golden case, reviewed with the files: code @ the line it is attached to. */
const GOLDEN_NOTES: Record<string, string[]> = {
  'single-policy-static': [WAN, anyPeer, LAN],
  'single-policy-bgp': [WAN, anyPeer, 'peer.fortigate.bgpSelectors @ set ip 169.254.11.2 255.255.255.255', LAN],
  'single-route-static': [WAN, anyPeer, ROUTES, LAN],
  'single-route-bgp': [WAN, anyPeer, LAN],
  'dual-policy-static': [WAN, anyPeer, anyPeer, LAN],
  'dual-policy-bgp': [WAN, anyPeer, anyPeer, 'peer.fortigate.bgpSelectors @ set ip 169.254.11.2 255.255.255.255', 'peer.fortigate.bgpSelectors @ set ip 169.254.12.2 255.255.255.255', LAN],
  'dual-route-static': [WAN, anyPeer, anyPeer, ROUTES, ROUTES, LAN],
  'dual-route-bgp': [WAN, anyPeer, anyPeer, LAN],
};

describe('FortiGate generator: golden files', () => {
  for (const c of VENDOR_CASES) {
    it(`${c.name}: the reviewed configuration and its notes`, () => {
      const out = gen(c.profile);
      expectGolden('fortigate', c.name, out.text);
      expect(notesOf(out.text, out.notes).map((n) => (n.startsWith('peer.vendor.routesUnknown') ? ROUTES : n))).toEqual(GOLDEN_NOTES[c.name]);
      expect(out.notes.find((n) => n.code === 'peer.fortigate.anyPeerId')!.params).toMatchObject({ identity: c.profile.tunnels[c.name.startsWith('single') ? 'single' : 'master']!.remoteId });
    });
  }

  it('is deterministic and honours the tunnels option', () => {
    const { profile } = vendorCase('dual-route-bgp');
    expect(gen(profile)).toEqual(gen(structuredClone(profile)));
    const slave = gen(profile, true, ['slave']).text;
    expect(slave).toContain('edit "alibaba-s"');
    expect(slave).not.toContain('alibaba-m');
  });

  it('without secrets writes the placeholder with a note, read back as an unknown key', () => {
    const out = gen(vendorCase('single-route-static').profile, false);
    expect(notesOf(out.text, out.notes)).toContain('peer.vendor.pskPlaceholder @ set psksecret "REPLACE-WITH-PRE-SHARED-KEY"');
    expect(imp(out.text).profile.tunnels.single!.psk).toBe('');
  });
});

/** A single tunnel as the mirror gives it, with changes. */
function tunnelWith(changes: Partial<PeerTunnel>): PeerProfile {
  const profile = structuredClone(vendorCase('single-route-static').profile);
  Object.assign(profile.tunnels.single!, changes);
  return profile;
}

describe('FortiGate generator: what FortiOS cannot express is written as a comment and noted', () => {
  it('keys FortiOS would misread as text go in hexadecimal; keys of the wrong length are noted', () => {
    for (const psk of ['what?now', '0xdeadbeef', '00xabc']) {
      const out = gen(tunnelWith({ psk }));
      expect(out.text).toMatch(/set psksecret 0x[0-9a-f]+\n/);
      expect(out.text).not.toContain(psk);
      expect(imp(out.text).profile.tunnels.single!.psk).toBe(psk);
    }
    expect(gen(tunnelWith({ psk: `a'b"c\\d` })).text).toContain(`set psksecret "a\\'b\\"c\\\\d"`);
    expect(imp(gen(tunnelWith({ psk: `a'b"c\\d` })).text).profile.tunnels.single!.psk).toBe(`a'b"c\\d`);
    const short = gen(tunnelWith({ psk: 'abc' }));
    expect(notesOf(short.text, short.notes)).toContain('peer.fortigate.pskLength @ set psksecret "abc"');
  });

  it('lifetimes outside 120–172800 s are clamped and noted; unknown ones fall back to the defaults', () => {
    const out = gen(tunnelWith({ ikeLifetime: 30, ipsecLifetime: 200000 }));
    expect(notesOf(out.text, out.notes)).toEqual(expect.arrayContaining(['peer.vendor.cannotLifetime @ set keylife 120', 'peer.vendor.cannotLifetime @ set keylifeseconds 172800']));
    expect(out.notes.find((n) => n.code === 'peer.vendor.cannotLifetime')!.params).toMatchObject({ phase: 'IKE', min: 120, max: 172800, value: 30 });
    const unknown = gen(tunnelWith({ ikeLifetime: NaN }));
    expect(notesOf(unknown.text, unknown.notes)).toContain("peer.vendor.lifetimeUnknown @ # set keylife: the IKE lifetime is not known, FortiOS's default (86400 s) applies");
    expect(imp(unknown.text).profile.tunnels.single!.ikeLifetime).toBe(86400);
  });

  it('IKE versions and modes: both → IKEv2, IKEv1 aggressive written, aggressive with IKEv2 left out', () => {
    const both = gen(tunnelWith({ ikeVersions: ['ikev1', 'ikev2'] }));
    expect(notesOf(both.text, both.notes)).toContain('peer.vendor.bothIkeVersions @ set ike-version 2');
    const v1 = gen(tunnelWith({ ikeVersions: ['ikev1'], ikeMode: 'aggressive' }));
    expect(v1.text).toContain('        set ike-version 1\n        set mode aggressive\n');
    expect(imp(v1.text).profile.tunnels.single).toMatchObject({ ikeVersions: ['ikev1'], ikeMode: 'aggressive' });
    const v2 = gen(tunnelWith({ ikeMode: 'aggressive' }));
    expect(notesOf(v2.text, v2.notes)).toContain('peer.fortigate.ikev2Mode @ # set mode aggressive: not for IKEv2');
  });

  it('identities: addresses as address type, anything else as FQDN; over 63 characters left out', () => {
    expect(gen(tunnelWith({ localId: 'cpe.example.com' })).text).toContain('set localid-type fqdn\n        set localid "cpe.example.com"\n');
    const long = gen(tunnelWith({ localId: 'x'.repeat(64) }));
    expect(notesOf(long.text, long.notes)).toContain(`peer.fortigate.localIdLength @ # set localid "${'x'.repeat(64)}"`);
    expect(imp(long.text).profile.tunnels.single!.localId).toBe('203.0.113.10');
  });

  it('several proposals: one token list and one DH group list, the extra combinations noted', () => {
    const out = gen(tunnelWith({
      ikeProposals: [{ encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' }, { encryption: 'aes', integrity: 'sha1', dhGroup: 'group2' }],
      ipsecProposals: [{ encryption: 'aes', integrity: 'sha1', pfs: 'group2' }, { encryption: 'aes256', integrity: 'sha1', pfs: 'disabled' }],
    }));
    expect(out.text).toContain('set proposal aes256-sha256 aes128-sha1\n        set dhgrp 14 2\n');
    expect(notesOf(out.text, out.notes)).toEqual(expect.arrayContaining(['peer.fortigate.dhCombined @ set dhgrp 14 2', 'peer.fortigate.pfsMixed @ set pfs enable']));
    expect(imp(out.text).profile.tunnels.single!.ikeProposals).toHaveLength(4);
    const g24 = gen(tunnelWith({ ikeProposals: [{ encryption: 'aes', integrity: 'sha1', dhGroup: 'group24' }, { encryption: 'aes', integrity: 'sha1', dhGroup: 'group14' }] }));
    expect(notesOf(g24.text, g24.notes)).toContain('peer.vendor.cannotAlgorithm @ set proposal aes128-sha1');
    expect(g24.text).toContain('# left out: aes-sha1 (group24) (FortiOS has no keyword for group24)');
  });

  it('SM gateway: the proposal lines say the device cannot match it; nothing else is dropped', () => {
    const out = gen(mirrorPeer(smSingle(), SINGLE_ADDRESSES));
    expect(notesOf(out.text, out.notes).filter((n) => n.startsWith('peer.vendor.cannotSm'))).toEqual([
      'peer.vendor.cannotSm @ # set proposal sm4-sm3 (group2)   (FortiOS has no keyword for sm4, sm3: this IKE proposal cannot be configured)',
      'peer.vendor.cannotSm @ # set proposal sm4-sm3 (group2)   (FortiOS has no keyword for sm4, sm3: this IPsec proposal cannot be configured)',
    ]);
    expect(out.notes.find((n) => n.code === 'peer.vendor.cannotSm')!.message).toBe('FortiGate (FortiOS) does not support the SM (国密) algorithms sm4, sm3: this device cannot match an SM gateway.');
    expect(out.text).toContain('set keylifeseconds');
  });

  it('BGP with unknown ASNs or addresses: commented lines with notes', () => {
    const bgp = { asn: '', address: '', peerAddress: '169.254.30.1', peerAsn: '' };
    const out = gen(tunnelWith({ bgp }));
    expect(notesOf(out.text, out.notes)).toEqual(expect.arrayContaining([
      'peer.fortigate.bgpAddressUnknown @ # set ip <BGP address of the device> 255.255.255.255',
      'peer.vendor.bgpAsnUnknown @ # set as <ASN of the device>',
      'peer.fortigate.bgpPeerAsnUnknown @ # set remote-as <ASN of the cloud>',
    ]));
    expect(imp(out.text).profile.tunnels.single!.bgp).toEqual(bgp);
  });
});

/**
 * What the round trip gives back: the mirrored profile with `vendor` and `source` of an import, except where the
 * generator noted that FortiOS cannot express the profile (the note's line says which tunnel).
 */
function expectedAfterImport(mirrored: PeerProfile, text: string, notes: readonly GeneratorNote[]): PeerProfile {
  const expected: PeerProfile = { ...structuredClone(mirrored), vendor: 'fortigate', source: 'import' };
  const lines = text.split('\n');
  const tunnelAt = (line: number): PeerTunnel => {
    const name = lines.slice(0, line).findLast((l) => /^ {4}edit "alibaba/.test(l))!.match(/"alibaba(-[ms])?/)![1];
    return expected.tunnels[name === '-m' ? 'master' : name === '-s' ? 'slave' : 'single']!;
  };
  for (const note of notes) {
    const params = note.params ?? {};
    if (note.code === 'peer.fortigate.anyPeerId') tunnelAt(note.line).remoteId = '';
    if (note.code === 'peer.fortigate.ikev2Mode') tunnelAt(note.line).ikeMode = 'main';
    if (note.code === 'peer.vendor.cloudAddressUnknown') tunnelAt(note.line).cloudAddress = '';
    if (note.code === 'peer.fortigate.localIdLength') tunnelAt(note.line).localId = tunnelAt(note.line).deviceAddress;
    if (note.code === 'peer.vendor.cannotLifetime') {
      const t = tunnelAt(note.line);
      const clamp = (v: number) => Math.min(Number(params.max), Math.max(Number(params.min), v));
      if (params.phase === 'IKE') t.ikeLifetime = clamp(t.ikeLifetime);
      else t.ipsecLifetime = clamp(t.ipsecLifetime);
    }
    if (note.code === 'peer.fortigate.bgpAsnDiffers') expected.tunnels[params.tunnel as PeerTunnelKey]!.bgp!.asn = String(params.used);
  }
  return expected;
}

const ROUND_TRIP_CODES = new Set([
  'peer.vendor.interfacePlaceholder', 'peer.fortigate.anyPeerId', 'peer.vendor.cloudAddressUnknown', 'peer.fortigate.ikev2Mode', 'peer.fortigate.localIdLength', 'peer.vendor.cannotLifetime',
  'peer.fortigate.pskLength', 'peer.vendor.routesUnknown', 'peer.vendor.bgpAsnUnknown', 'peer.fortigate.bgpPeerAsnUnknown', 'peer.fortigate.bgpSelectors',
]);

describe('round trip: connection → mirrorPeer → generate → import', () => {
  it('equals the mirrored profile except what the generator noted (200 random connections)', () => {
    fc.assert(
      fc.property(connectionWithAddresses, ([connection, addresses]) => {
        const mirrored = mirrorPeer(connection, addresses);
        const out = gen(mirrored);
        const { profile, remarks } = imp(out.text);
        expect(remarks).toEqual([]);
        expect(profile).toEqual(expectedAfterImport(mirrored, out.text, out.notes));
        expect(out.notes.filter((n) => !ROUND_TRIP_CODES.has(n.code))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('the golden cases read back to their profiles', () => {
    for (const c of VENDOR_CASES) {
      const out = gen(c.profile);
      expect(imp(out.text)).toEqual({ profile: expectedAfterImport(c.profile, out.text, out.notes), remarks: [] });
    }
  });
});

describe('FortiGate importer', () => {
  it('reads a `show` of a real device: wizard address groups, ENC key, BGP, a dial-up tunnel and other config', () => {
    const { profile, remarks } = imp(sample('import-show.conf'));
    expect(profile).toEqual({
      vendor: 'fortigate',
      platform: '',
      source: 'import',
      tunnels: {
        single: {
          deviceAddress: '',
          cloudAddress: '47.96.1.1',
          ikeVersions: ['ikev2'],
          ikeMode: 'main',
          ikeProposals: [
            { encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' },
            { encryption: 'aes256', integrity: 'sha256', dhGroup: 'group5' },
            { encryption: 'aes', integrity: 'sha1', dhGroup: 'group14' },
            { encryption: 'aes', integrity: 'sha1', dhGroup: 'group5' },
            { encryption: 'aes256gcm', integrity: 'prfsha384', dhGroup: 'group14' },
            { encryption: 'aes256gcm', integrity: 'prfsha384', dhGroup: 'group5' },
          ],
          ipsecProposals: [
            { encryption: 'aes256', integrity: 'sha256', pfs: 'disabled' },
            { encryption: 'aes128gcm', integrity: '', pfs: 'disabled' },
          ],
          ikeLifetime: 86400,
          ipsecLifetime: 3600,
          localId: 'branch.example.com',
          remoteId: '',
          localSubnets: ['10.10.1.0/24', '10.10.2.0/24'],
          remoteSubnets: ['172.17.112.0/20'],
          psk: '',
          dpd: true,
          natTraversal: true,
          routeBased: false,
          bgp: { asn: '65010', address: '169.254.20.2', peerAddress: '169.254.20.1', peerAsn: '45104' },
        },
      },
    });
    expect(remarksOf(remarks)).toEqual([
      '56 peer.vendor.import.encryptedSecret',
      '58 peer.vendor.import.notUnderstood', // xauthtype client
      '59 peer.vendor.import.notUnderstood', // an unknown setting
      '62 peer.fortigate.import.dialup',
      '75 peer.vendor.import.notUnderstood', // protocol 6
      '86 peer.vendor.import.notUnderstood', // vpn ipsec forticlient
    ]);
    expect(remarks[0]).toMatchObject({ text: 'set psksecret ENC KcmXz7bwWXQlMI+eWvB3ZQ8gQ2FQbW9ja3VwZWQ=', params: { vendor: 'FortiGate (FortiOS)' } });
  });

  it('reads a typed session: prompts, abbreviations, hex keys, ddns, defaults, per-pair phase 2s, a third tunnel', () => {
    const { profile, remarks } = imp(sample('import-typed.conf'));
    expect(Object.keys(profile.tunnels)).toEqual(['master', 'slave']);
    expect(profile.tunnels.master).toEqual({
      deviceAddress: '203.0.113.20',
      cloudAddress: '47.1.1.1',
      ikeVersions: ['ikev1'],
      ikeMode: 'aggressive',
      ikeProposals: [{ encryption: '3des', integrity: 'sha1', dhGroup: 'group2' }, { encryption: 'aes', integrity: 'md5', dhGroup: 'group2' }],
      ipsecProposals: [{ encryption: 'aes', integrity: 'sha1', pfs: 'group14' }, { encryption: 'aes', integrity: 'sha1', pfs: 'group5' }],
      ikeLifetime: 28800,
      ipsecLifetime: 43200,
      localId: '203.0.113.20',
      remoteId: 'gw.aliyun.example',
      localSubnets: ['10.0.1.0/24', '10.0.2.0/24'],
      remoteSubnets: ['172.16.0.0/16', '172.17.0.0/16'],
      psk: 'key-1',
      dpd: false,
      natTraversal: true,
      routeBased: false,
    });
    expect(profile.tunnels.slave).toMatchObject({
      cloudAddress: 'vpn.example.net',
      ikeVersions: ['ikev1'],
      ikeMode: 'main',
      psk: '0xabc123',
      localId: '',
      ikeProposals: [
        { encryption: 'aria128', integrity: 'sha256', dhGroup: 'group19' },
        { encryption: 'aria128', integrity: 'sha256', dhGroup: '99' },
        { encryption: 'foo', integrity: 'bar', dhGroup: 'group19' },
        { encryption: 'foo', integrity: 'bar', dhGroup: '99' },
      ],
      ipsecProposals: [],
      localSubnets: [],
    });
    expect(remarksOf(remarks)).toEqual([
      '17 peer.fortigate.import.noPhase2',
      '21 peer.vendor.import.unknownAlgorithm', // foo-bar
      '22 peer.vendor.import.unknownAlgorithm', // DH group 99
      '24 peer.vendor.import.extraTunnel',
      '35 peer.fortigate.import.extraPhase2', // pfs and proposal differ from hz-a-1
      '35 peer.fortigate.import.selectorPairs', // two pairs of four
      '42 peer.vendor.import.unresolved', // phase1name "nowhere"
    ]);
    expect(remarks.find((r) => r.code === 'peer.fortigate.import.extraPhase2')!.params).toMatchObject({ settings: 'proposal, pfs' });
    expect(remarks.find((r) => r.code === 'peer.vendor.import.unresolved')!.params).toMatchObject({ name: 'nowhere' });
  });

  it('a phase 2 naming an address it cannot find, unset settings (FortiOS defaults), a VDOM, empty full-configuration values', () => {
    const text = 'config vdom\nedit root\nconfig vpn ipsec phase1-interface\nedit "x"\nset remote-gw 1.2.3.4\nset psksecret "secret1"\nset localid ""\nset addke1\nnext\nend\n' +
      'config vpn ipsec phase2-interface\nedit "x"\nset phase1name "x"\nset dst-addr-type name\nset dst-name "ghost"\nnext\nend\nnext\nend\n';
    const { profile, remarks } = imp(text);
    expect(profile.tunnels.single).toMatchObject({
      ikeVersions: ['ikev1'], ikeMode: 'main', ikeLifetime: 86400, ipsecLifetime: 43200, dpd: true, natTraversal: true, localId: '', localSubnets: ['0.0.0.0/0'], remoteSubnets: [],
    });
    expect(profile.tunnels.single!.ikeProposals).toHaveLength(8);
    expect(profile.tunnels.single!.ipsecProposals).toHaveLength(14);
    expect(remarksOf(remarks)).toEqual(['4 peer.fortigate.import.defaultProposals', '12 peer.fortigate.import.defaultProposals', '15 peer.vendor.import.unresolved']);
  });

  it('never throws: garbage, truncated configurations, fuzz, 1 MiB', () => {
    const full = gen(vendorCase('dual-policy-bgp').profile).text;
    const lines = full.split('\n');
    for (let n = 0; n < lines.length; n += 7) expect(() => imp(lines.slice(0, n).join('\n'))).not.toThrow();
    for (const text of ['', 'hello world', '\u0000\u0001"\'\\', 'end\nend\nnext', 'config\nedit\nset', '"unterminated', 'x'.repeat((1 << 20) + 5)]) {
      const { profile, remarks } = imp(text);
      expect(profile.tunnels).toEqual({});
      expect(remarks[0]!.code).toBe('peer.vendor.import.unreadable');
    }
    expect(remarksOf(imp('x'.repeat((1 << 20) + 5)).remarks)).toEqual(['1 peer.vendor.import.unreadable', '1 peer.fortigate.import.truncated']);
    const many = `config vpn ipsec phase1-interface\n${'edit "t"\nset bogus 1\nnext\n'.repeat(20000)}end\n`;
    expect(imp(many).remarks.length).toBeLessThanOrEqual(200);
    const words = fc.constantFrom('config vpn ipsec phase1-interface', 'config vpn ipsec phase2-interface', 'edit "a"', 'set phase1name "a"', 'set proposal aes128-sha1 x', 'set psksecret 0xzz', 'set src-addr-type name', 'next', 'end', 'set dhgrp', '"', '\\', 'config router bgp', 'config neighbor');
    fc.assert(fc.property(fc.array(fc.oneof(words, fc.string()), { maxLength: 40 }), (parts) => {
      const { profile, remarks } = imp(parts.join('\n'));
      expect(Object.keys(profile.tunnels).length).toBeLessThanOrEqual(2);
      expect(remarks.length).toBeLessThanOrEqual(200);
    }), { numRuns: 300 });
    expect(fortigate.import('x', 'no-such-format').remarks[0]!.code).toBe('peer.vendor.import.unreadable');
    expect(() => fortigate.generate(vendorCase('single-route-static').profile, { format: 'no-such-format' })).toThrow();
  });
});

describe('FortiGate mapping table and wording', () => {
  it('has a row for every API value, each citing documents; SM and group24 have no keyword', () => {
    const rows = FORTIGATE_MAPPINGS.map((r) => `${r.kind}:${r.api}=${r.keyword}`);
    for (const api of ['aes', 'aes192', 'aes256', 'des', '3des', 'sm4']) expect(rows.some((r) => r.startsWith(`encryption:${api}=`))).toBe(true);
    for (const api of ['md5', 'sha1', 'sha256', 'sha384', 'sha512', 'sm3']) expect(rows.some((r) => r.startsWith(`integrity:${api}=`))).toBe(true);
    expect(rows).toEqual(expect.arrayContaining(['encryption:aes=aes128', 'encryption:sm4=', 'integrity:sm3=', 'dh:group14=14', 'dh:group24=', 'pfs:disabled=set pfs disable']));
    for (const kind of ['lifetime', 'dpd', 'nat-t', 'ike-version', 'ike-mode']) expect(FORTIGATE_MAPPINGS.some((r) => r.kind === kind)).toBe(true);
    for (const row of FORTIGATE_MAPPINGS) {
      expect(row.sources.length).toBeGreaterThan(0);
      if (row.keyword === '') expect(row.note).toBeTruthy();
    }
    for (const row of FORTIGATE_MAPPINGS.filter((r) => (r.kind === 'encryption' || r.kind === 'integrity') && r.keyword !== '')) {
      expect(keywordFor(row.kind as 'encryption' | 'integrity', row.api)).toBe(row.keyword);
    }
    expect(readProposalToken('aes128-sha256')).toEqual({ encryption: 'aes', integrity: 'sha256', unknown: false });
    expect(readProposalToken('chacha20poly1305')).toEqual({ encryption: 'chacha20poly1305', integrity: '', unknown: false });
  });

  it('words every code it can emit in English and Chinese', () => {
    expect(Object.keys(FORTIGATE_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(FORTIGATE_MESSAGES.en).sort());
    for (const text of Object.values(FORTIGATE_MESSAGES['zh-CN'])) expect(text).toMatch(/[\u4e00-\u9fff]/);
    const source = ['generate.ts', 'generate-network.ts', 'common.ts', 'import.ts', 'import-network.ts']
      .map((f) => readFileSync(join(import.meta.dirname, '../../core/peer/vendors/fortigate', f), 'utf8')).join('\n');
    const codes = [...new Set([...source.matchAll(/'(peer\.(?:vendor|fortigate)\.[\w.]+)'/g)].map((m) => m[1]!))];
    expect(codes.length).toBeGreaterThan(25);
    for (const code of codes) for (const lang of ['en', 'zh-CN'] as const) expect(FORTIGATE_MESSAGES[lang][code] ?? GENERIC_VENDOR_MESSAGES[lang][code], `${code} ${lang}`).toBeTruthy();
  });
});
