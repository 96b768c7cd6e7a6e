// Probes the real OS keychain: a gnome-keyring in the private D-Bus session that `npm test` starts
// (scripts/test-all.ts sets IPSEC_STUDIO_TEST_KEYRING=1 once it is unlocked).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { backendFor, loadKeytar, probeKeychain } from '../../main/services/keychain-probe.ts';

const keyringReady = process.env.IPSEC_STUDIO_TEST_KEYRING === '1';

describe('probeKeychain', () => {
  it.skipIf(!keyringReady)('finds the Secret Service of the private D-Bus session', async () => {
    await expect(probeKeychain(loadKeytar, 'linux')).resolves.toEqual({ backend: 'libsecret', available: true });
  });

  it('says plainly that no keychain is reachable when D-Bus is absent', () => {
    const script = `
      import { loadKeytar, probeKeychain } from './main/services/keychain-probe.ts';
      console.log(JSON.stringify(await probeKeychain(loadKeytar, 'linux', 5000)));
    `;
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 20_000 });
    const status = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(status.available).toBe(false);
    expect(status.backend).toBe('unavailable');
    expect(status.detail).toMatch(/Secret Service/);
    expect(status.reason).toBe('no-secret-service');
  });

  it('treats a keychain that never answers as unavailable', async () => {
    const hanging = { findCredentials: () => new Promise<never>(() => {}) };
    const status = await probeKeychain(async () => hanging, 'linux', 50);
    expect(status).toMatchObject({ available: false, backend: 'unavailable' });
    expect(status.detail).toMatch(/no answer within 50 ms/);
    expect(status.reason).toBe('no-answer');
  });

  it('names the backend per platform', () => {
    expect(backendFor('darwin')).toBe('macos-keychain');
    expect(backendFor('win32')).toBe('windows-credential-manager');
    expect(backendFor('linux')).toBe('libsecret');
  });
});
