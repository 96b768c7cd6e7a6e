// The change sheet's content: what each page says about both ends, what it hides, and that nothing from a bundle can
// inject markup into the printed document.
import { describe, expect, it } from 'vitest';
import { changeSheetHtml, type SheetConnection } from '../../core/bundle/change-sheet.ts';
import { setField, type VpnConnection } from '../../core/index.ts';
import { mirrorPeer } from '../../core/peer/mirror.ts';
import { dual, single } from './fixtures.ts';

const DUAL_ADDR = { master: { cloudAddress: '47.21.0.1', deviceAddress: '203.0.113.10' }, slave: { cloudAddress: '47.21.0.2', deviceAddress: '203.0.113.10' } };

function dualChange(): SheetConnection {
  const base = dual();
  let draft: VpnConnection = setField(base, 'TunnelOptionsSpecification.1.TunnelIkeConfig.IkeEncAlg', 'aes256');
  draft = setField(draft, 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk', 'New-Slave-Key-9');
  return { RegionId: 'ap-southeast-5', VpnConnectionId: base.VpnConnectionId, base, baseFetchedAt: '2026-11-29T08:00:00.000Z', draft, peer: mirrorPeer(base, DUAL_ADDR) };
}

const input = (connections: SheetConnection[], extra: Partial<Parameters<typeof changeSheetHtml>[0]> = {}) => ({
  connections,
  profileName: 'Sandbox',
  note: '',
  createdAt: '2026-11-29 09:00',
  lang: 'en' as const,
  includePsks: false,
  confirmWindowSeconds: 120,
  ...extra,
});

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('change sheet', () => {
  it('one page per connection, both ends before and after, the device lines to change', () => {
    const other = single();
    const html = changeSheetHtml(input([dualChange(), { RegionId: 'cn-hangzhou', VpnConnectionId: other.VpnConnectionId, base: other, baseFetchedAt: 'x', draft: setField(other, 'IpsecConfig.IpsecLifetime', 3600), peer: null }]));
    expect(html.match(/<section class="page">/g)).toHaveLength(2);
    const t = text(html);
    expect(t).toContain('Connection 1 of 2');
    expect(t).toContain('Connection 2 of 2');
    // Cloud end: the master's encryption, labelled with its tunnel.
    expect(t).toMatch(/Master tunnel · [^<]*Encryption[^|]*aes aes256/i);
    // Device end, from its profile: the strongSwan line that changes, old and new.
    expect(html).toContain('<span class="del">-     proposals = aes128-sha1-modp1024</span>');
    expect(html).toContain('<span class="add">+     proposals = aes256-sha1-modp1024</span>');
    // No device profile for the second: the mirror is explained, no vendor lines are invented.
    expect(t).toContain('No device profile');
    expect(html.match(/Device configuration lines to change/g)).toHaveLength(1);
    expect(t).toContain('confirm window of 120 seconds');
  });

  it('keeps what only the device knows: a draft without the Describe-only PeerAsn does not "remove" the device ASN', () => {
    const c = dualChange();
    for (const i of [0, 1] as const) {
      if (c.draft.mode !== 'dual') throw new Error('dual expected');
      const { PeerAsn: _asn, ...bgp } = c.draft.tunnels[i].TunnelBgpConfig;
      c.draft.tunnels[i] = { ...c.draft.tunnels[i], TunnelBgpConfig: bgp };
    }
    const html = changeSheetHtml(input([c]));
    expect(html).toContain('<span class="add">+     proposals = aes256-sha1-modp1024</span>');
    expect(html).not.toMatch(/class="(add|del)">[^<]*bgp-local-asn/);
  });

  it('PSKs are hidden unless asked for, in the tables and in the device lines', () => {
    const hidden = changeSheetHtml(input([dualChange()]));
    expect(hidden).not.toContain('New-Slave-Key-9');
    expect(hidden).not.toContain('123456ab2');
    expect(text(hidden)).toContain('changed (hidden: ask for a sheet with keys)');
    const shown = changeSheetHtml(input([dualChange()], { includePsks: true }));
    expect(text(shown)).toMatch(/Slave tunnel · [^<]*Pre-shared key[^|]*123456ab2 New-Slave-Key-9/i);
    expect(shown).toContain('<span class="add">+     secret = &quot;New-Slave-Key-9&quot;</span>');
  });

  it('escapes everything that comes from drafts, devices and notes', () => {
    const c = dualChange();
    c.draft = setField(c.draft, 'Name', '<img src=x onerror=alert(1)>');
    c.peer!.platform = '</style><script>';
    const html = changeSheetHtml(input([c], { note: '<script>alert(2)</script>', profileName: '"><b>' }));
    expect(html).not.toMatch(/<img|<script|<b>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain("default-src 'none'");
  });

  it('without a confirm window the plan says there is no rollback; Chinese wording', () => {
    expect(text(changeSheetHtml(input([dualChange()], { confirmWindowSeconds: 0 })))).toContain('there is no automatic rollback');
    const zh = text(changeSheetHtml(input([dualChange()], { lang: 'zh-CN' })));
    expect(zh).toContain('IPsec 变更单');
    expect(zh).toContain('确认窗口为 120 秒');
    expect(zh).toContain('主隧道');
  });
});
