import type { KeychainBackend, KeychainStatus } from '../../core/contract.ts';

/** The slice of keytar the probe needs; the secret store (later) uses the same module. */
export interface KeytarLike {
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export function backendFor(platform: string): KeychainBackend {
  if (platform === 'darwin') return 'macos-keychain';
  if (platform === 'win32') return 'windows-credential-manager';
  return 'libsecret';
}

const PROBE_SERVICE = 'ipsec-studio.probe';

// A reachable keychain answers a harmless lookup quickly; a missing Secret Service fails (or, on some D-Bus
// setups, never answers), so the probe has its own deadline.
export async function probeKeychain(
  loadKeytar: () => Promise<KeytarLike>,
  platform: string,
  timeoutMs = 3000,
): Promise<KeychainStatus> {
  const backend = backendFor(platform);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const keytar = await loadKeytar();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([keytar.findCredentials(PROBE_SERVICE), deadline]);
    return { backend, available: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const timedOut = message.startsWith('no answer within');
    const hint = backend === 'libsecret' ? 'No Secret Service (e.g. gnome-keyring) is reachable on D-Bus' : 'The OS keychain is not reachable';
    return { backend: 'unavailable', available: false, reason: timedOut ? 'no-answer' : backend === 'libsecret' ? 'no-secret-service' : 'no-keychain', detail: `${hint}: ${message}` };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export async function loadKeytar(): Promise<KeytarLike> {
  const module = (await import('keytar')) as unknown as { default?: KeytarLike } & KeytarLike;
  return module.default ?? module;
}
