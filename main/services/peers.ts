// Peer device profiles: the customer's end of each connection, one record per (account profile, connection), in the
// `peers` store. The device's PSKs are sealed like the connection's own; a record the schema refuses (hand-edited,
// from a newer version) is set aside by the store instead of reaching the pre-check.
import { peerProfileSchema, storedPeerProfileSchema } from '../../core/peer/profile-schema.ts';
import { PEER_TUNNEL_KEYS, type PeerProfile, type PeerTunnel } from '../../core/peer/profile.ts';
import { AppError } from '../../core/errors.ts';
import type { ProfilesService } from './profiles.ts';
import type { Sealer } from './sealing.ts';
import { RECORD_OK, recordMatches, type KeyValueStore, type StoreSpec } from './store.ts';

export const PEERS_STORE: StoreSpec = {
  name: 'peers',
  version: 1,
  check(key, value) {
    if (!key.startsWith('peer:')) return RECORD_OK;
    return recordMatches(storedPeerProfileSchema, value);
  },
  migrations: [],
};

export interface PeersDeps {
  store: KeyValueStore;
  sealer(): Sealer;
  profiles: Pick<ProfilesService, 'active'>;
}

export type PeersService = ReturnType<typeof createPeersService>;

export function createPeersService(deps: PeersDeps) {
  const key = (VpnConnectionId: string, profileId = deps.profiles.active().profileId) => `peer:${profileId}:${VpnConnectionId}`;
  const mapPsks = (profile: PeerProfile, change: (psk: string) => string): PeerProfile => {
    const tunnels: PeerProfile['tunnels'] = {};
    for (const k of PEER_TUNNEL_KEYS) {
      const t: PeerTunnel | undefined = profile.tunnels[k];
      if (t) tunnels[k] = { ...t, psk: t.psk === '' ? '' : change(t.psk) };
    }
    return { ...profile, tunnels };
  };
  return {
    /** The active account's profile of a connection, or of another account's (`profileId`, e.g. a draft's). */
    get(VpnConnectionId: string, profileId?: string): PeerProfile | null {
      const stored = deps.store.get<unknown>(key(VpnConnectionId, profileId));
      if (stored === undefined) return null;
      // The store refused damaged records when it opened; this only guards against a record written since.
      const parsed = storedPeerProfileSchema.safeParse(stored);
      if (!parsed.success) throw new AppError('Peer.ProfileUnreadable', `The stored peer device of ${VpnConnectionId} cannot be read: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
      const sealer = deps.sealer();
      // A PSK sealed under a key the keychain no longer has is unknown, not an error: the pre-check says so.
      const opened = mapPsks(parsed.data as PeerProfile, (psk) => {
        try {
          return sealer.unseal(psk);
        } catch {
          return '';
        }
      });
      return peerProfileSchema.safeParse(opened).success ? opened : { ...opened, tunnels: {} };
    },
    /** Into the active account, or another one (`profileId`: a bundle imported into a chosen profile). */
    save(VpnConnectionId: string, profile: PeerProfile, profileId?: string): PeerProfile {
      const sealer = deps.sealer();
      deps.store.set(key(VpnConnectionId, profileId), mapPsks(profile, (psk) => sealer.seal(psk)));
      return profile;
    },
    remove(VpnConnectionId: string): boolean {
      const k = key(VpnConnectionId);
      const had = deps.store.get(k) !== undefined;
      if (had) deps.store.delete(k);
      return had;
    },
  };
}
