// PSKs and certificates inside stored drafts, jobs and the inventory cache are sealed with AES-256-GCM under a
// random data key. The data key lives in the keychain (or only in memory in session-only mode), so the JSON files
// on disk never hold those values in clear. Sealing walks any JSON value and replaces the values of the keys
// below; the result keeps its shape, so stored records stay readable and diffable apart from the sealed strings.
// Unsealing opens the very same keys and nothing else: a sealed blob copied into another field (a draft file's
// Name) is data, or anyone holding a copy of the data folder could have the app decrypt it for them.
import crypto from 'node:crypto';
import { flaggedFieldNames } from '../../core/model/paths.ts';
import type { SecretStore } from './secret-store.ts';

export const SEALED_PREFIX = 'sealed:v1:';
export const DATA_KEY_ACCOUNT = 'data-key:v1';

/** Keys whose string values are sealed wherever they appear: the model's secret and sealed fields (`Psk`,
 * `RemoteCaCertificate`, core/model/paths.ts). `IkeConfig` is sealed when it is a request's JSON string (it carries the Psk). */
const SEALED_KEYS = flaggedFieldNames('sealed');
const isSealedKey = (key: string) => SEALED_KEYS.has(key) || key === 'IkeConfig';

export interface Sealer {
  seal(text: string): string;
  /** Throws when the value was sealed under another key (e.g. the keychain entry was removed). */
  unseal(text: string): string;
  sealDeep<T>(value: T): T;
  /** Unseals the sealed strings of the keys `sealDeep` seals (nothing else); one that cannot be opened becomes ''
   * and is reported through `onLost`. */
  unsealDeep<T>(value: T, onLost?: (path: string) => void): T;
}

export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error('data key must be 32 bytes');
  const seal = (text: string): string => {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    const ct = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
  };
  const unseal = (text: string): string => {
    if (!text.startsWith(SEALED_PREFIX)) return text;
    const raw = Buffer.from(text.slice(SEALED_PREFIX.length), 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  };
  const walk = (value: unknown, transform: (key: string, text: string, path: string) => string, path: string): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => walk(item, transform, `${path}.${i}`));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const p = path === '' ? k : `${path}.${k}`;
        out[k] = typeof v === 'string' ? transform(k, v, p) : walk(v, transform, p);
      }
      return out;
    }
    return value;
  };
  return {
    seal,
    unseal,
    // Every secret is sealed, one that happens to start with the prefix too: values in memory are always clear.
    sealDeep<T>(value: T): T {
      return walk(value, (k, text) => (text !== '' && isSealedKey(k) ? seal(text) : text), '') as T;
    },
    unsealDeep<T>(value: T, onLost?: (path: string) => void): T {
      return walk(
        value,
        (k, text, p) => {
          if (!isSealedKey(k) || !text.startsWith(SEALED_PREFIX)) return text;
          try {
            return unseal(text);
          } catch {
            onLost?.(p);
            return '';
          }
        },
        '',
      ) as T;
    },
  };
}

/** Gets the data key from the secret store, creating it on first use. */
export async function loadDataKey(secrets: SecretStore): Promise<Buffer> {
  const existing = await secrets.get(DATA_KEY_ACCOUNT);
  if (existing) {
    const key = Buffer.from(existing, 'base64');
    if (key.length === 32) return key;
  }
  const key = crypto.randomBytes(32);
  await secrets.set(DATA_KEY_ACCOUNT, key.toString('base64'));
  return key;
}
