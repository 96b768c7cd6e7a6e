// A PeerProfile handed over as JSON (the CLI's --peer file, later a stored profile): checked at the door with bounded
// sizes, so a hand-written or hostile file cannot make the pre-check compare megabyte strings or million-item lists.
// The bounds are ours, generous beside what a device really holds; the PSK bound is the API's (1–100 characters).
import * as z from 'zod';
import { pathOf } from '../model/shape.ts';
import type { PeerProfile } from './profile.ts';

export const PROFILE_CAPS = {
  /** Identities (LocalId / RemoteId), addresses, vendor and platform names. */
  id: 255,
  /** Proposals per list (IKE, IPsec). */
  proposals: 32,
  /** Traffic selectors per side. */
  subnets: 64,
  /** The API allows 1–100 characters; '' means unknown. */
  psk: 100,
  /** Algorithm keywords (aes256, modp2048s256, aes128gcm16…) and one network or ASN. */
  keyword: 64,
} as const;

const keyword = z.string().max(PROFILE_CAPS.keyword);
const idText = z.string().max(PROFILE_CAPS.id);
// JSON has no NaN: JSON.stringify writes the profile's "unknown" lifetime as null, so null reads back as NaN. IPC's
// structured clone keeps NaN itself, which zod's number() refuses: it is accepted by name.
const lifetime = z.union([z.number(), z.nan(), z.null()]).transform((v) => (v === null ? Number.NaN : v));

const ikeProposal = z.strictObject({ encryption: keyword, integrity: keyword, dhGroup: keyword });
const ipsecProposal = z.strictObject({ encryption: keyword, integrity: keyword, pfs: keyword });

const bgp = z.strictObject({ asn: keyword, address: keyword, peerAddress: keyword, peerAsn: keyword });

// The PSK's bound is a parameter: main stores the sealed form (`sealed:v1:` + base64 of IV, tag and ciphertext),
// about 4/3 of the key plus 50 characters, and checks stored records with room for that.
const tunnelWith = (pskMax: number) => z.strictObject({
  deviceAddress: idText,
  cloudAddress: idText,
  ikeVersions: z.array(z.enum(['ikev1', 'ikev2'])).min(1).max(2),
  ikeMode: z.enum(['main', 'aggressive']),
  ikeProposals: z.array(ikeProposal).max(PROFILE_CAPS.proposals),
  ipsecProposals: z.array(ipsecProposal).max(PROFILE_CAPS.proposals),
  ikeLifetime: lifetime,
  ipsecLifetime: lifetime,
  localId: idText,
  remoteId: idText,
  localSubnets: z.array(keyword).max(PROFILE_CAPS.subnets),
  remoteSubnets: z.array(keyword).max(PROFILE_CAPS.subnets),
  psk: z.string().max(pskMax),
  dpd: z.boolean(),
  natTraversal: z.boolean(),
  routeBased: z.boolean(),
  bgp: z.optional(bgp),
});

const profileWith = (pskMax: number) => {
  const tunnel = tunnelWith(pskMax);
  return z.strictObject({
  vendor: idText,
  platform: idText,
  source: z.enum(['mirror', 'import', 'manual']),
  tunnels: z
    .strictObject({ single: z.optional(tunnel), master: z.optional(tunnel), slave: z.optional(tunnel) })
    .refine((t) => t.single !== undefined || t.master !== undefined || t.slave !== undefined, 'expected at least one tunnel (single, master or slave)')
    .refine((t) => t.single === undefined || (t.master === undefined && t.slave === undefined), 'a profile has either a single tunnel or master/slave tunnels, not both'),
  });
};

export const peerProfileSchema = profileWith(PROFILE_CAPS.psk);
/** A profile as main stores it: the same, with its PSKs sealed (longer than the keys they hold). */
export const storedPeerProfileSchema = profileWith(400);

export type ParsePeerProfileResult = { ok: true; profile: PeerProfile } | { ok: false; path: string; message: string };

/** Never throws: anything that is not a bounded PeerProfile names its first offending field. */
export function parsePeerProfile(value: unknown): ParsePeerProfileResult {
  const parsed = peerProfileSchema.safeParse(value);
  if (parsed.success) return { ok: true, profile: parsed.data as PeerProfile };
  const first = parsed.error.issues[0];
  return { ok: false, path: first ? pathOf(first.path) : '', message: first?.message ?? 'invalid' };
}
