// a draft that changes only a PSK, printed without keys. The device table says the key changes
// ("changed (hidden)"), so the device-lines section must not claim the device configuration stays as it is.
import { describe, expect, it } from 'vitest';
import { changeSheetHtml } from '../../core/bundle/change-sheet.ts';
import { setField } from '../../core/index.ts';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import { single } from './fixtures.ts';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('change sheet, a PSK-only change printed without keys', () => {
  for (const vendor of ['strongswan', 'cisco-iosxe', 'fortigate', 'juniper-srx', 'huawei-vrp', 'panos']) {
    it(`${vendor}: does not say "the device configuration does not change" while the key must be changed on it`, () => {
      const base = single();
      const draft = setField(base, 'IkeConfig.Psk', 'Rotated-Key-2026');
      const peer = { ...mirrorPeer(base, { single: { cloudAddress: '47.96.1.1', deviceAddress: '203.0.113.9' } }), vendor };
      const html = changeSheetHtml({
        connections: [{ RegionId: 'cn-hangzhou', VpnConnectionId: base.VpnConnectionId, base, baseFetchedAt: '2026-11-29T08:00:00.000Z', draft, peer }],
        profileName: 'Sandbox',
        note: '',
        createdAt: '2026-11-29 09:00',
        lang: 'en',
        includePsks: false,
        confirmWindowSeconds: 120,
      });
      expect(html).not.toContain('Rotated-Key-2026');
      const t = text(html);
      expect(t).toContain('changed (hidden: ask for a sheet with keys)');
      expect(t).not.toContain('The device configuration does not change.');
    });
  }

  it('a draft that only renames the connection asks for no device lines (the device table says "no change on the device")', () => {
    const base = single();
    const draft = setField(base, 'Name', 'renamed');
    // A device that negotiates today and offers one proposal more, with its own IKE lifetime.
    const peer = mirrorPeer(base, { single: { cloudAddress: '47.96.1.1', deviceAddress: '203.0.113.9' } });
    peer.tunnels.single!.ikeProposals.push({ encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' });
    peer.tunnels.single!.ikeLifetime = 28800;
    const html = changeSheetHtml({
      connections: [{ RegionId: 'cn-hangzhou', VpnConnectionId: base.VpnConnectionId, base, baseFetchedAt: '2026-11-29T08:00:00.000Z', draft, peer }],
      profileName: 'Sandbox',
      note: '',
      createdAt: '2026-11-29 09:00',
      lang: 'en',
      includePsks: false,
      confirmWindowSeconds: 120,
    });
    expect(text(html)).toContain('no change on the device');
    expect(html).not.toMatch(/class="(add|del)"/);
  });
});
