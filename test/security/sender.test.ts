import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../main/security/origin.ts';
import { isTrustedSender } from '../../main/security/sender.ts';

const allowed = [APP_ORIGIN];

describe('isTrustedSender', () => {
  it.each([
    ['app main frame', { url: 'app://bundle/index.html', isMainFrame: true }, true],
    ['app main frame with hash', { url: 'app://bundle/index.html#/drafts', isMainFrame: true }, true],
    ['look-alike host', { url: 'app://bundle.evil/index.html', isMainFrame: true }, false],
    ['look-alike userinfo', { url: 'app://bundle@evil/index.html', isMainFrame: true }, false],
    ['other scheme same host', { url: 'https://bundle/index.html', isMainFrame: true }, false],
    ['file: page', { url: 'file:///tmp/index.html', isMainFrame: true }, false],
    ['subframe of the app', { url: 'app://bundle/frame.html', isMainFrame: false }, false],
    ['about:blank', { url: 'about:blank', isMainFrame: true }, false],
    ['malformed url', { url: '::::', isMainFrame: true }, false],
    ['empty url', { url: '', isMainFrame: true }, false],
  ])('%s', (_label, frame, trusted) => {
    expect(isTrustedSender(frame, allowed)).toBe(trusted);
  });

  it('rejects a destroyed frame', () => {
    expect(isTrustedSender(null, allowed)).toBe(false);
    expect(isTrustedSender(undefined, allowed)).toBe(false);
  });

  it('compares ports exactly for the e2e http origin', () => {
    const origins = ['http://127.0.0.1:4100'];
    expect(isTrustedSender({ url: 'http://127.0.0.1:4100/index.html', isMainFrame: true }, origins)).toBe(true);
    expect(isTrustedSender({ url: 'http://127.0.0.1:4101/index.html', isMainFrame: true }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:4100/index.html', isMainFrame: true }, origins)).toBe(false);
  });
});
