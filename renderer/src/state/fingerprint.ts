// A secret's short fingerprint: the first 8 hex digits of its SHA-256, so the two ends of a tunnel can check over the
// phone that they hold the same pre-shared key without saying it. On any Linux or macOS shell the other side gets the
// same digits with: printf '%s' "$PSK" | sha256sum | cut -c1-8   (shasum -a 256 on macOS).
import { useEffect, useState } from 'react';

export async function fingerprint(secret: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret)));
  const hex = [...digest.slice(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 4)} ${hex.slice(4)}`;
}

/** The fingerprint of `secret` once computed (Web Crypto is asynchronous); null while it is, or for no secret. */
export function useFingerprint(secret: string | undefined): string | null {
  const [held, setHeld] = useState<{ secret: string; value: string } | null>(null);
  useEffect(() => {
    if (!secret) return;
    let current = true;
    void fingerprint(secret).then((value) => current && setHeld({ secret, value }));
    return () => {
      current = false;
    };
  }, [secret]);
  return secret && held?.secret === secret ? held.value : null;
}
