// The mapping tables as data: docs/peer-devices.md shows exactly what the vendors' `mappings` render, every vendor has
// a row for every API algorithm and setting the issue names, every row cites a document, and only Huawei maps SM.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PeerTunnel } from '../../core/peer/profile.ts';
import type { MappingRow, Vendor } from '../../core/peer/vendor.ts';
import { VENDORS } from '../../core/peer/vendors/index.ts';
import { STRONGSWAN_ALGORITHMS, WITHOUT_STRONGSWAN_KEYWORD } from '../../core/peer/vendors/strongswan/algorithms.ts';
import { strongswan } from '../../core/peer/vendors/strongswan/index.ts';
import {
  cellText,
  END_MARKER,
  extractMappingSection,
  renderMappingSection,
  renderVendorTable,
  replaceMappingSection,
  START_MARKER,
} from '../../scripts/peer-mapping-docs-render.ts';

const DOC = readFileSync(new URL('../../docs/peer-devices.md', import.meta.url), 'utf8');

const REQUIRED: readonly { kind: MappingRow['kind']; api: string }[] = [
  ...['aes', 'aes192', 'aes256', 'des', '3des', 'sm4'].map((api) => ({ kind: 'encryption' as const, api })),
  ...['md5', 'sha1', 'sha256', 'sha384', 'sha512', 'sm3'].map((api) => ({ kind: 'integrity' as const, api })),
  ...['group1', 'group2', 'group5', 'group14'].map((api) => ({ kind: 'dh' as const, api })),
  { kind: 'lifetime', api: 'IkeLifetime' },
  { kind: 'lifetime', api: 'IpsecLifetime' },
  { kind: 'dpd', api: 'EnableDpd' },
  { kind: 'nat-t', api: 'EnableNatTraversal' },
];

const EXPECTED_VENDORS = ['strongswan', 'cisco-iosxe', 'huawei-vrp', 'juniper-srx', 'fortigate', 'panos'];

/**
 * Rows whose only sources are plain http (no https copy found yet). Each entry must still be such a row: once the
 * vendor's table cites an https document, the test below fails until the entry is removed.
 */
const HTTP_ONLY_KNOWN: readonly string[] = ['huawei-vrp:lifetime:IpsecLifetime'];

const rowKey = (vendor: Vendor, row: MappingRow) => `${vendor.id}:${row.kind}:${row.api}`;
const isHttps = (source: string) => URL.canParse(source) && new URL(source).protocol === 'https:';

function table(vendor: Vendor): readonly MappingRow[] {
  return vendor.mappings ?? [];
}

describe('the mapping tables in docs/peer-devices.md', () => {
  it('are exactly what the vendors’ mappings render', () => {
    const section = extractMappingSection(DOC);
    expect(section, `docs/peer-devices.md needs ${START_MARKER} … ${END_MARKER}`).toBeDefined();
    expect(section).toBe(renderMappingSection(VENDORS));
  });

  it('show one table per vendor, in VENDORS order, each row once', () => {
    const section = extractMappingSection(DOC)!;
    const headings = [...section.matchAll(/^### .* \(`([a-z-]+)`\)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(EXPECTED_VENDORS);
    for (const vendor of VENDORS) {
      const rendered = renderVendorTable(vendor).split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Kind '));
      expect(rendered).toHaveLength(table(vendor).length);
    }
  });

  it('number each vendor’s sources once and list them under its table', () => {
    const rendered = renderVendorTable(strongswan);
    const sources = [...new Set(table(strongswan).flatMap((row) => row.sources))];
    sources.forEach((url, i) => {
      expect(rendered).toContain(`\n${i + 1}. <${url}>\n`);
      expect(rendered).toContain(`\n[strongswan-${i + 1}]: ${url}\n`);
    });
    // The swanctl.conf page is cited after the two cipher-suite pages, so it is source 3 wherever it appears.
    expect(rendered).toContain('| `EnableDpd` | `dpd_delay = 10s + dpd_action = restart (off: dpd_delay = 0s, dpd_action = clear)` |');
    expect(rendered).toMatch(/\| PFS \| `group2` \| `modp1024` \| [^|]+ \| \[1\]\[strongswan-1\] \[2\]\[strongswan-2\] \[3\]\[strongswan-3\] \|/);
  });

  it('escape | in cells and keep <…> from reading as HTML outside code', () => {
    expect(cellText('a | b')).toBe('a \\| b');
    expect(cellText('sa duration <s>')).toBe('sa duration &lt;s>');
    expect(cellText('`rekey_time = <s>` and <s>')).toBe('`rekey_time = <s>` and &lt;s>');
    const fortigate = renderVendorTable(VENDORS.find((v) => v.id === 'fortigate')!);
    expect(fortigate).toContain('| `set dpd on-idle \\| disable` |');
    // Every table row still has exactly its five cells.
    for (const vendor of VENDORS) {
      for (const line of renderVendorTable(vendor).split('\n').filter((l) => l.startsWith('| '))) {
        expect(line.replace(/\\\|/g, '').split('|'), line).toHaveLength(7);
      }
    }
  });

  it('render the same text twice (deterministic)', () => {
    expect(renderMappingSection(VENDORS)).toBe(renderMappingSection(VENDORS));
  });

  it('replace only what lies between the markers', () => {
    const doc = `# T\n\nbefore\n${START_MARKER}\nold\n${END_MARKER}\nafter\n`;
    const out = replaceMappingSection(doc, '\nnew\n');
    expect(out).toBe(`# T\n\nbefore\n${START_MARKER}\nnew\n${END_MARKER}\nafter\n`);
    expect(extractMappingSection(out)).toBe('\nnew\n');
    expect(() => replaceMappingSection('no markers', 'x')).toThrow(/vendor-mappings:start/);
    expect(extractMappingSection(`${END_MARKER}${START_MARKER}`)).toBeUndefined();
  });
});

describe('every vendor’s mapping table', () => {
  it('exists for every registered vendor', () => {
    expect(VENDORS.map((v) => v.id)).toEqual(EXPECTED_VENDORS);
    for (const vendor of VENDORS) expect(table(vendor).length, vendor.id).toBeGreaterThan(0);
  });

  it.each(VENDORS.map((v) => [v.id, v] as const))('%s has a row for every API algorithm and setting', (_id, vendor) => {
    const missing = REQUIRED.filter((req) => !table(vendor).some((row) => row.kind === req.kind && row.api === req.api));
    expect(missing).toEqual([]);
  });

  it.each(VENDORS.map((v) => [v.id, v] as const))('%s cites an https document on every row', (_id, vendor) => {
    for (const row of table(vendor)) {
      expect(row.sources.length, rowKey(vendor, row)).toBeGreaterThan(0);
      for (const source of row.sources) expect(URL.canParse(source) && /^https?:$/.test(new URL(source).protocol), `${rowKey(vendor, row)}: ${source}`).toBe(true);
      if (HTTP_ONLY_KNOWN.includes(rowKey(vendor, row))) continue;
      expect(row.sources.some(isHttps), `${rowKey(vendor, row)} has no https source`).toBe(true);
    }
  });

  it('still has each known http-only row (remove the entry once it cites https)', () => {
    for (const key of HTTP_ONLY_KNOWN) {
      const [id, kind, api] = key.split(':');
      const row = table(VENDORS.find((v) => v.id === id)!).find((r) => r.kind === kind && r.api === api);
      expect(row, key).toBeDefined();
      expect(row!.sources.some(isHttps), key).toBe(false);
    }
  });

  it.each(VENDORS.map((v) => [v.id, v] as const))('%s says why on every row without a keyword', (_id, vendor) => {
    for (const row of table(vendor).filter((r) => r.keyword === '')) {
      expect(row.note?.trim() ?? '', rowKey(vendor, row)).not.toBe('');
    }
  });

  it('maps SM4 / SM3 only on Huawei VRP; every other vendor has no keyword for them', () => {
    for (const vendor of VENDORS) {
      const sm = table(vendor).filter((row) => (row.kind === 'encryption' && row.api === 'sm4') || (row.kind === 'integrity' && row.api === 'sm3'));
      expect(sm.map((row) => row.api).sort(), vendor.id).toEqual(['sm3', 'sm4']);
      for (const row of sm) {
        if (vendor.id === 'huawei-vrp') expect(row.keyword, rowKey(vendor, row)).not.toBe('');
        else expect(row.keyword, rowKey(vendor, row)).toBe('');
      }
    }
  });
});

describe('strongSwan’s mapping table', () => {
  it('carries every STRONGSWAN_ALGORITHMS row unchanged, and the keyword-less SM names', () => {
    for (const alg of STRONGSWAN_ALGORITHMS) {
      const row = table(strongswan).find((r) => r.kind === alg.kind && r.api === alg.api);
      expect(row, `${alg.kind}:${alg.api}`).toMatchObject({ keyword: alg.keyword, sources: alg.sources });
      expect(row!.note).toContain(alg.meaning);
    }
    for (const sm of WITHOUT_STRONGSWAN_KEYWORD) expect(table(strongswan).find((r) => r.kind === sm.kind && r.api === sm.api)?.keyword).toBe('');
  });

  it('says what swanctl-generate writes for PFS, lifetimes, DPD, NAT-T, the IKE version and mode', () => {
    const keyword = (kind: MappingRow['kind'], api: string) => table(strongswan).find((r) => r.kind === kind && r.api === api)?.keyword;
    expect(keyword('pfs', 'group14')).toBe('modp2048');
    expect(keyword('pfs', 'disabled')).toBe('(no DH group in `esp_proposals`)');
    expect(keyword('lifetime', 'IkeLifetime')).toBe('rekey_time = <seconds>s');
    expect(keyword('lifetime', 'IpsecLifetime')).toBe('life_time = <seconds>s + rekey_time = 90% of it');
    expect(keyword('dpd', 'EnableDpd')).toContain('dpd_delay = 10s');
    expect(keyword('nat-t', 'EnableNatTraversal')).toBe('encap = yes | no');
    expect(keyword('ike-version', 'ikev1')).toBe('version = 1');
    expect(keyword('ike-version', 'ikev2')).toBe('version = 2');
    expect(keyword('ike-version', 'ikev1+ikev2')).toBe('version = 0');
    expect(keyword('ike-mode', 'aggressive')).toBe('aggressive = yes');
    for (const row of table(strongswan).filter((r) => !['encryption', 'integrity', 'dh'].includes(r.kind))) {
      expect(row.sources.some((s) => s.startsWith('https://docs.strongswan.org/')), rowKey(strongswan, row)).toBe(true);
    }
  });

  it('matches the lines swanctl-generate writes', () => {
    const tunnel: PeerTunnel = {
      deviceAddress: '203.0.113.10',
      cloudAddress: '47.100.1.1',
      ikeVersions: ['ikev1'],
      ikeMode: 'aggressive',
      ikeProposals: [{ encryption: 'aes', integrity: 'sha1', dhGroup: 'group14' }],
      ipsecProposals: [{ encryption: 'aes256', integrity: 'sha256', pfs: 'group2' }],
      ikeLifetime: 28800,
      ipsecLifetime: 3600,
      localId: '',
      remoteId: '',
      localSubnets: ['192.168.0.0/24'],
      remoteSubnets: ['10.0.0.0/16'],
      psk: 'k',
      dpd: true,
      natTraversal: true,
      routeBased: false,
    };
    const on = strongswan.generate({ vendor: 'strongswan', platform: '', source: 'manual', tunnels: { single: tunnel } }, { format: 'swanctl' }).text;
    const off = strongswan.generate(
      { vendor: 'strongswan', platform: '', source: 'manual', tunnels: { single: { ...tunnel, ikeVersions: ['ikev1', 'ikev2'], ikeMode: 'main', dpd: false, natTraversal: false } } },
      { format: 'swanctl' },
    ).text;
    const lines = (text: string) => text.split('\n').map((line) => line.trim());
    const keyword = (kind: MappingRow['kind'], api: string) => table(strongswan).find((r) => r.kind === kind && r.api === api)!.keyword;
    expect(lines(on)).toContain(`proposals = ${keyword('encryption', 'aes')}-${keyword('integrity', 'sha1')}-${keyword('dh', 'group14')}`);
    expect(lines(on)).toContain(`esp_proposals = ${keyword('encryption', 'aes256')}-${keyword('integrity', 'sha256')}-${keyword('pfs', 'group2')}`);
    expect(lines(on)).toContain(keyword('lifetime', 'IkeLifetime').replace('<seconds>', '28800'));
    expect(lines(on)).toEqual(expect.arrayContaining(['life_time = 3600s', 'rekey_time = 3240s']));
    expect(lines(on)).toEqual(expect.arrayContaining(['dpd_delay = 10s', 'dpd_action = restart', 'encap = yes', keyword('ike-version', 'ikev1'), keyword('ike-mode', 'aggressive')]));
    expect(lines(off)).toEqual(expect.arrayContaining(['dpd_delay = 0s', 'dpd_action = clear', 'encap = no', keyword('ike-version', 'ikev1+ikev2'), keyword('ike-mode', 'main')]));
  });
});
