// Nonces are remembered for twice the timestamp window: a request may carry a timestamp up to 15 minutes ahead,
// and once a nonce is forgotten its timestamp is certainly outside the window, so a replay is still refused.
const RETENTION_MS = 30 * 60 * 1000;

export class NonceStore {
  private readonly seen = new Map<string, number>();

  /** Records the nonce; false when it was already used by this key. */
  use(accessKeyId: string, nonce: string, now: number): boolean {
    this.purge(now);
    const key = `${accessKeyId}\u0000${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now + RETENTION_MS);
    return true;
  }

  private purge(now: number): void {
    for (const [key, expiry] of this.seen) {
      if (expiry > now) break;
      this.seen.delete(key);
    }
  }
}
