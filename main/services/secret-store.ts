// Where secrets live: the OS keychain (keytar) or, when none is reachable, process memory for this session.
// There is deliberately no third option: nothing here ever writes a secret to a file.
export const KEYCHAIN_SERVICE = 'ipsec-studio';

export interface SecretStore {
  readonly kind: 'keychain' | 'session';
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** The slice of keytar this module uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export function createKeytarSecretStore(keytar: KeytarApi, service = KEYCHAIN_SERVICE): SecretStore {
  return {
    kind: 'keychain',
    get: (account) => keytar.getPassword(service, account),
    set: (account, secret) => keytar.setPassword(service, account, secret),
    delete: (account) => keytar.deletePassword(service, account),
  };
}

export async function loadKeytarApi(): Promise<KeytarApi> {
  const module = (await import('keytar')) as unknown as { default?: KeytarApi } & KeytarApi;
  return module.default ?? module;
}

export function createSessionSecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    kind: 'session',
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => {
      secrets.set(account, secret);
    },
    delete: async (account) => secrets.delete(account),
  };
}
