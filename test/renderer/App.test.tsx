import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../core/contract.ts';
import { App } from '../../renderer/src/App.tsx';
import { createFakeApi, FakeApiError } from './support/fake-api.ts';

const info: AppInfo = {
  name: 'IPsec Studio',
  version: '0.1.0',
  platform: 'linux',
  arch: 'x64',
  versions: { node: '22.23.3', electron: '45.5.0' },
  keychain: { backend: 'libsecret', available: true },
};

// The About panel lives in Settings; every other method is left unfaked here, so these tests also show that the
// shell survives a main process that answers nothing else.
async function openAbout() {
  await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
}

describe('App', () => {
  it('shows what main reports about the installation', async () => {
    const fake = createFakeApi({ getAppInfo: () => info });
    render(<App api={fake.api} />);
    await openAbout();
    expect(await screen.findByTestId('app-version')).toHaveProperty('textContent', '0.1.0');
    expect(screen.getByTestId('keychain').textContent).toContain('libsecret');
    expect(fake.calls.filter((c) => c.method === 'getAppInfo')).toEqual([{ method: 'getAppInfo', args: {} }]);
  });

  it('says plainly when no keychain is reachable', async () => {
    const fake = createFakeApi({
      getAppInfo: () => ({ ...info, keychain: { backend: 'unavailable', available: false, reason: 'no-secret-service', detail: 'org.freedesktop.DBus.Error.ServiceUnknown' } }),
    });
    render(<App api={fake.api} />);
    await openAbout();
    const keychain = await screen.findByTestId('keychain');
    expect(keychain.textContent).toBe('unavailable — no Secret Service (such as GNOME Keyring or KWallet) answers on D-Bus');
    // The platform's own error stays available for support, not in the sentence.
    expect(keychain.querySelector('[title="org.freedesktop.DBus.Error.ServiceUnknown"]')).not.toBeNull();
  });

  it('words main\'s refusal by its code, in the UI language, with the code kept for support', async () => {
    const fake = createFakeApi({
      getAppInfo: () => {
        throw new FakeApiError({ code: 'Ipc.UntrustedSender', message: 'Not the app window.' });
      },
    });
    render(<App api={fake.api} />);
    await openAbout();
    const alerts = await screen.findAllByRole('alert');
    const alert = alerts.find((a) => a.textContent === 'A request that did not come from the app’s own window was refused.');
    expect(alert).toBeTruthy();
    expect(alert!.textContent).not.toContain('Not the app window.');
  });
});
