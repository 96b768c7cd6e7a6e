import { describe, expect, it } from 'vitest';
import { DEV_FLAG, devServerUrl, devToolsAllowed } from '../../main/security/launch.ts';

const url = 'http://localhost:5173/';

describe('devServerUrl', () => {
  it('is honoured only in an unpacked run started by the dev script', () => {
    expect(devServerUrl({ isPackaged: false, env: { ELECTRON_RENDERER_URL: url, [DEV_FLAG]: '1' } })).toBe(url);
  });

  it('is ignored without the dev flag: npm start is an unpacked run too', () => {
    expect(devServerUrl({ isPackaged: false, env: { ELECTRON_RENDERER_URL: url } })).toBeUndefined();
    expect(devServerUrl({ isPackaged: false, env: { ELECTRON_RENDERER_URL: url, [DEV_FLAG]: 'true' } })).toBeUndefined();
  });

  it('is ignored in a packaged build whatever the environment says', () => {
    expect(devServerUrl({ isPackaged: true, env: { ELECTRON_RENDERER_URL: url, [DEV_FLAG]: '1' } })).toBeUndefined();
  });

  it('accepts only a loopback http origin', () => {
    const dev = (u: string) => devServerUrl({ isPackaged: false, env: { ELECTRON_RENDERER_URL: u, [DEV_FLAG]: '1' } });
    expect(dev('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173/');
    expect(dev('https://evil.example/')).toBeUndefined();
    expect(dev('http://192.168.1.5:5173/')).toBeUndefined();
    expect(dev('http://user:pw@localhost:5173/')).toBeUndefined();
    expect(dev('file:///tmp/index.html')).toBeUndefined();
    expect(dev('not a url')).toBeUndefined();
  });
});

describe('devToolsAllowed', () => {
  it('is off in packaged builds', () => {
    expect(devToolsAllowed({ isPackaged: true })).toBe(false);
    expect(devToolsAllowed({ isPackaged: false })).toBe(true);
  });
});
