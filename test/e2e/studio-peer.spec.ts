/// <reference lib="dom" />
// The other end of the tunnel, walked through the UI in both languages: a technician pastes the customer's strongSwan
// configuration, the Peer column shows the device beside Live and Draft, a change the device does not offer is marked
// on its row and in the preview ("breaks phase 1"), Apply waits for an explicit acknowledgement, and the
// acknowledgement is on the timeline.
import { en } from '../../renderer/src/i18n/en.ts';
import { zhCN } from '../../renderer/src/i18n/zh-CN.ts';
import { field, openConnection, useLanguage } from './helpers.ts';
import { expect, test } from './support/fixtures.ts';

const EU = 'eu office multi-subnet';
const IKE_ENC = 'IkeConfig.IkeEncAlg';
// What the customer's device holds for the seed connection vco-eu001 (gateway 8.209.10.1, customer gateway 192.0.2.41),
// written the way an engineer writes swanctl.conf, with one setting the importer has no place for (mobike).
const DEVICE_SWANCTL = `# /etc/swanctl/conf.d/alibaba.conf on the office router
connections {
  alibaba-eu {
    version = 2
    local_addrs = 192.0.2.41
    remote_addrs = 8.209.10.1
    proposals = aes128-sha1-modp1024
    rekey_time = 86400s
    dpd_delay = 10s
    encap = yes
    mobike = no
    local {
      auth = psk
      id = 192.0.2.41
    }
    remote {
      auth = psk
      id = 8.209.10.1
    }
    children {
      alibaba-eu-net {
        local_ts = 172.20.0.0/16
        remote_ts = 10.30.1.0/24,10.30.2.0/24
        esp_proposals = aes128-sha1-modp1024
        life_time = 86400s
        start_action = start
      }
    }
  }
}
secrets {
  ike-alibaba-eu {
    id-1 = 192.0.2.41
    id-2 = 8.209.10.1
    secret = "eu-office-psk"
  }
}
`;

const TEXT = { en, 'zh-CN': zhCN } as const;

for (const lang of ['en', 'zh-CN'] as const) {
  const L = TEXT[lang];

  test(`[${lang}] an imported device: Peer column, a change it does not offer breaks phase 1, Apply needs an acknowledgement that reaches the timeline`, async ({ app }) => {
    const { page } = app;
    await app.open();
    await useLanguage(page, lang);
    await openConnection(page, EU);

    // Read the device's configuration: the line it has no place for is listed, not dropped.
    await page.getByTestId('peer-open').click();
    const panel = page.getByTestId('peer-panel');
    await panel.getByTestId('peer-import-text').fill(DEVICE_SWANCTL);
    await panel.getByTestId('peer-read').click();
    await expect(panel.getByTestId('peer-remarks')).toContainText('mobike');
    await panel.getByTestId('peer-adopt').click();
    // With the live connection unchanged, nothing changes on the device.
    await expect(panel.getByTestId('peer-no-changes')).toBeVisible();
    await page.screenshot({ path: `screenshots/e2e/peer-dialog-${lang}.png` });
    await page.keyboard.press('Escape');

    // The Peer column: the device's IKE encryption beside the draft's, and the verdict in its header.
    const row = page.locator(`#editor-grid .field-row[data-path="${IKE_ENC}"]`);
    await expect(row.locator('[data-column="peer"] input')).toHaveValue('aes');
    await expect(page.locator('#editor-grid .field-row.header .cell.peer')).toContainText(L.peer.captionOk);

    // A change the device does not offer: the row and its peer cell are marked, with the reason.
    await field(page, IKE_ENC).selectOption('aes256');
    await expect(row).toHaveClass(/\bpeer-mismatch\b/);
    await expect(row.locator('.peer-notes')).toContainText('aes256');
    await expect(page.locator('#editor-grid .field-row.header .cell.peer')).toContainText(L.peer.captionFails);
    await page.screenshot({ path: `screenshots/e2e/peer-column-${lang}.png` });
    // The device configuration for the draft, and the lines the technician must change on the device.
    await page.getByTestId('peer-open').click();
    const diff = page.getByTestId('peer-device-diff');
    await expect(diff).toContainText('- ');
    await expect(diff).toContainText('proposals = aes256-sha1-modp1024');
    await page.screenshot({ path: `screenshots/e2e/peer-device-config-${lang}.png` });
    await page.keyboard.press('Escape');

    // The preview says it breaks phase 1; Apply waits for the acknowledgement.
    await page.keyboard.press('Control+Enter');
    const impact = page.getByTestId('peer-impact');
    await expect(impact).toHaveClass(/\bbreaks\b/);
    await expect(impact).toContainText(lang === 'en' ? 'Breaks phase 1' : '第一阶段');
    await expect(page.getByTestId('apply')).toBeDisabled();
    await expect(page.locator('#apply-block')).toHaveAttribute('data-block', 'peer');
    await page.getByTestId('peer-ack').check();
    await expect(page.getByTestId('apply')).toBeEnabled();
    await page.screenshot({ path: `screenshots/e2e/peer-preview-${lang}.png` });
    await page.getByLabel(L.diff.confirmWindow).fill('0');
    await page.getByTestId('apply').click();

    // The acknowledgement is on the timeline, in words.
    const ack = page.locator('[data-testid="timeline"] [data-kind="peer-acknowledged"]');
    await expect(ack).toBeVisible({ timeout: 20_000 });
    await expect(ack).toContainText(L.timeline.kind['peer-acknowledged']);
    await expect(ack).toContainText(L.timeline.value.prediction['breaks-phase1']);
  });
}

test('the device matching the live connection, then a change it follows: no acknowledgement asked', async ({ app }) => {
  const { page } = app;
  await app.open();
  await openConnection(page, EU);
  await page.getByTestId('peer-open').click();
  await page.getByTestId('peer-mirror').click();
  await expect(page.getByTestId('peer-source')).toContainText('Mirrored');
  await page.keyboard.press('Escape');
  await field(page, 'Name').fill('eu office renamed');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('peer-impact')).toContainText('Keeps negotiating');
  await expect(page.getByTestId('peer-ack')).toHaveCount(0);
  await expect(page.getByTestId('apply')).toBeEnabled();
});

for (const lang of ['en', 'zh-CN'] as const) {
  test(`[${lang}] commercial devices: the device configuration for Cisco IOS-XE and FortiGate, and the preview warns about what FortiOS cannot do`, async ({ app }) => {
    const { page } = app;
    await app.open();
    await useLanguage(page, lang);
    await openConnection(page, EU);
    await page.getByTestId('peer-open').click();
    await page.getByTestId('peer-mirror').click();
    const config = page.getByTestId('peer-device-config');
    const shots: Array<[string, RegExp[]]> = [
      ['cisco-iosxe', [/crypto ikev2 proposal/, /encryption aes-cbc-128/, /tunnel destination|crypto map/]],
      ['fortigate', [/config vpn ipsec phase1-interface/, /set proposal aes128-sha1/, /set remote-gw 8\.209\.10\.1/]],
    ];
    for (const [vendor, lines] of shots) {
      await page.getByTestId('peer-vendor').selectOption(vendor);
      for (const line of lines) await expect(config).toContainText(line);
      await expect(page.getByTestId('peer-source')).toContainText(vendor === 'fortigate' ? 'FortiGate' : 'Cisco');
      await config.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `screenshots/e2e/peer-device-config-${vendor}-${lang}.png` });
    }
    await page.keyboard.press('Escape');
    // The device is a FortiGate now: an IKE lifetime FortiOS cannot hold is named in the preview.
    await field(page, 'IkeConfig.IkeLifetime').fill('60');
    await page.keyboard.press('Control+Enter');
    const limits = page.getByTestId('peer-limits');
    await expect(limits).toContainText('FortiGate (FortiOS)');
    await expect(limits).toContainText(/120.172800/);
    await page.screenshot({ path: `screenshots/e2e/peer-limits-fortigate-${lang}.png` });
  });
}
