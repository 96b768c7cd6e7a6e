// The contract's profiles domain: credentials profiles as the renderer may see them (never a secret).
import * as z from 'zod';
import type { KeychainStatus } from './app.ts';
import { id, noArgs, regionId, shape, type MethodSpecs } from './schema.ts';

export type CredentialKind = 'Sandbox' | 'AccessKey' | 'StsToken' | 'RamRoleArn';

/** What the renderer may know about a profile: never a secret, only whether one is stored and a masked key id. */
export interface ProfileSummary {
  profileId: string;
  name: string;
  kind: CredentialKind;
  regionId: string;
  /** e.g. `LTAI****3xQa`; null for the Sandbox. */
  accessKeyIdMasked: string | null;
  hasSecret: boolean;
  /** Secrets held in memory only (no keychain reachable); gone when the app quits. */
  sessionOnly: boolean;
  builtIn: boolean;
  roleArn?: string;
}

export interface ProfilesState {
  profiles: ProfileSummary[];
  activeProfileId: string;
  keychain: KeychainStatus;
}

const credentialInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('AccessKey'), accessKeyId: z.string().min(1).max(128), accessKeySecret: z.string().min(1).max(256) }).strict(),
  z
    .object({
      kind: z.literal('StsToken'),
      accessKeyId: z.string().min(1).max(128),
      accessKeySecret: z.string().min(1).max(256),
      securityToken: z.string().min(1).max(8192),
    })
    .strict(),
  z
    .object({
      kind: z.literal('RamRoleArn'),
      accessKeyId: z.string().min(1).max(128),
      accessKeySecret: z.string().min(1).max(256),
      // acs:ram::<account id>:role/<role name ≤ 64 characters, RAM's limit>; 256 leaves room for a path.
      roleArn: z.string().max(256).regex(/^acs:ram::\d+:role\/.+$/, 'expected acs:ram::<account>:role/<name>'),
      roleSessionName: z.string().min(2).max(64).optional(),
    })
    .strict(),
]);

const profileName = z.string().trim().min(1).max(64);

export const profileMethods = {
  listProfiles: { args: noArgs, result: shape<ProfilesState>() },
  createProfile: {
    args: z.object({ name: profileName, regionId, credential: credentialInput, sessionOnly: z.boolean().optional() }).strict(),
    result: shape<ProfileSummary>(),
  },
  updateProfile: {
    args: z.object({ profileId: id, name: profileName.optional(), regionId: regionId.optional(), credential: credentialInput.optional() }).strict(),
    result: shape<ProfileSummary>(),
  },
  deleteProfile: { args: z.object({ profileId: id }).strict(), result: shape<ProfilesState>() },
  switchProfile: { args: z.object({ profileId: id }).strict(), result: shape<ProfilesState>() },
  importProfiles: {
    args: z.object({ source: z.enum(['aliyun-cli', 'environment']) }).strict(),
    result: shape<{ imported: ProfileSummary[]; skipped: Array<{ name: string; reason: string }> }>(),
  },
} as const satisfies MethodSpecs;
