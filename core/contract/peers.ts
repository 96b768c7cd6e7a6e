// The contract's peer-devices domain: the customer's end of each connection (core/peer/profile.ts), kept by main with
// its PSKs sealed. Generating and importing device configurations are pure core and run in the renderer, offline.
import * as z from 'zod';
import { peerProfileSchema } from '../peer/profile-schema.ts';
import type { PeerProfile } from '../peer/profile.ts';
import { id, shape, type MethodSpecs } from './schema.ts';

export const peerMethods = {
  getPeerProfile: { args: z.object({ VpnConnectionId: id }).strict(), result: shape<{ profile: PeerProfile | null }>() },
  savePeerProfile: { args: z.object({ VpnConnectionId: id, profile: peerProfileSchema }).strict(), result: shape<PeerProfile>() },
  deletePeerProfile: { args: z.object({ VpnConnectionId: id }).strict(), result: shape<{ deleted: boolean }>() },
} as const satisfies MethodSpecs;
