import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../main/security/external-links.ts';
import {
  isAllowedNavigation,
  isPermissionGranted,
  mayAttachWebview,
  windowOpenDecision,
} from '../../main/security/navigation.ts';
import { APP_ORIGIN } from '../../main/security/origin.ts';

describe('navigation guard', () => {
  it.each([
    ['app://bundle/index.html', true],
    ['app://bundle/settings#x', true],
    ['app://bundle.evil/index.html', false],
    ['app://other/index.html', false],
    ['https://example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['about:blank', false],
    ['not a url', false],
  ])('%s → allowed=%s', (url, allowed) => {
    expect(isAllowedNavigation(url, APP_ORIGIN)).toBe(allowed);
  });

  it('allows the dev server origin only when it is the app origin', () => {
    expect(isAllowedNavigation('http://127.0.0.1:5173/x', 'http://127.0.0.1:5173')).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:5174/x', 'http://127.0.0.1:5173')).toBe(false);
  });

  it('denies every new window', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies the %s permission',
    (permission) => {
      expect(isPermissionGranted(permission)).toBe(false);
    },
  );

  it('never attaches a webview', () => {
    expect(mayAttachWebview()).toBe(false);
  });
});

describe('external link allowlist', () => {
  it.each([
    ['https://help.aliyun.com/zh/vpn/', true],
    ['https://www.alibabacloud.com/help/en/vpn', true],
    ['http://help.aliyun.com/', false],
    ['https://help.aliyun.com.evil.com/', false],
    ['https://user:pw@help.aliyun.com/', false],
    ['https://help.aliyun.com:8443/', false],
    ['file:///bin/sh', false],
    ['ms-settings:privacy', false],
    ['https://example.com/', false],
    ['', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});
