// The change sheet service: what it prints (the drafts, the sender's note), what it refuses (undecided values, no
// printer). Printing itself is a seam: here it hands back the page it was given, so the page can be read; the e2e
// prints the same page with Chromium and looks at the PDF.
import { afterEach, describe, expect, it } from 'vitest';
import { setField } from '../../core/index.ts';
import { TestClient } from '../emulator/helpers.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { editAndSave } from './support/flows.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const pageOf = (sheet: { contentBase64: string }) => Buffer.from(sheet.contentBase64, 'base64').toString('utf8');
const printer = { printPdf: async (html: string) => new TextEncoder().encode(html) };

describe('change sheet', () => {
  it('prints the drafts with the sender note; refuses a draft with a conflict; says so when nothing can print', async () => {
    h = await createHarness({ compose: printer });
    const d = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => setField(setField(c, 'Name', 'eu <b>office</b>'), 'IpsecConfig.IpsecEncAlg', 'aes256'));
    const sheet = await h.call<{ fileName: string; contentBase64: string }>('exportChangeSheet', { draftIds: [d.draftId], note: 'Window: Saturday 02:00', lang: 'en' });
    expect(sheet.fileName).toMatch(/^ipsec-studio-change-sheet-1-\d{4}-\d\d-\d\d\.pdf$/);
    const page = pageOf(sheet);
    expect(page).toContain('Window: Saturday 02:00');
    expect(page).toContain('eu &lt;b&gt;office&lt;/b&gt;');
    expect(page).toMatch(/Sandbox/);

    // A colleague changes the same field in the cloud; reconciled, the draft has a conflict: nothing is printed.
    const outside = new TestClient(h.emulator);
    const live = await outside.call('DescribeVpnConnection', { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' });
    await outside.call('ModifyVpnConnectionAttribute', { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001', IpsecConfig: JSON.stringify({ ...(live.IpsecConfig as object), IpsecEncAlg: '3des' }) });
    await new Promise((r) => setTimeout(r, 400));
    await h.call('reconcileDraft', { draftId: d.draftId });
    const refused = await h.callRaw('exportChangeSheet', { draftIds: [d.draftId], lang: 'en' });
    expect(refused.error).toMatchObject({ code: 'ChangeSheet.DraftUndecided', params: { name: 'eu <b>office</b>' } });
  });

  it('without a printer (no Electron) the request is refused by name, not answered with an empty file', async () => {
    h = await createHarness();
    const d = await editAndSave(h, 'eu-central-1', 'vco-eu001', (c) => setField(c, 'Name', 'renamed'));
    expect((await h.callRaw('exportChangeSheet', { draftIds: [d.draftId], lang: 'zh-CN' })).error?.code).toBe('ChangeSheet.NoPrinter');
  });
});
