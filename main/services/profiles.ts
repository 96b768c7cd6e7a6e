// Profiles: non-secret metadata in the app store, secrets (AccessKey secret, STS token) only in the secret store.
// The renderer gets ProfileSummary: a masked key id and `hasSecret`, never the secret itself.
import crypto from 'node:crypto';
import * as z from 'zod';
import type { CredentialKind, KeychainStatus, MethodArgs, ProfileSummary, ProfilesState } from '../../core/contract.ts';
import { AppError } from '../../core/errors.ts';
import type { EventSink } from './events.ts';
import type { SecretStore } from './secret-store.ts';
import { RECORD_OK, recordMatches, type KeyValueStore, type StoreSpec } from './store.ts';

export const SANDBOX_PROFILE_ID = 'sandbox';

const storedProfileShape = z.object({
  profileId: z.string(),
  name: z.string(),
  kind: z.enum(['Sandbox', 'AccessKey', 'StsToken', 'RamRoleArn'] satisfies CredentialKind[]),
  regionId: z.string(),
  accessKeyId: z.string().nullable(),
  roleArn: z.string().optional(),
  roleSessionName: z.string().optional(),
  sessionOnly: z.boolean(),
  builtIn: z.boolean(),
  createdAt: z.string(),
});

export const PROFILES_STORE: StoreSpec = {
  name: 'profiles',
  version: 1,
  migrations: [(d) => d],
  // A damaged list would make every call fail: the profiles that read well stay, the whole list as it was is set
  // aside, and with none left the Sandbox is what remains.
  check(key, value) {
    if (key === 'activeProfileId') return typeof value === 'string' ? RECORD_OK : { ok: false, reason: 'not a profile id' };
    if (key !== 'profiles') return RECORD_OK;
    if (!Array.isArray(value)) return { ok: false, reason: 'not a list of profiles' };
    const good = value.filter((p) => recordMatches(storedProfileShape, p).ok);
    if (good.length === value.length) return RECORD_OK;
    return { ok: false, reason: `${value.length - good.length} of ${value.length} profiles are malformed`, keep: good };
  },
};
const DEFAULT_SANDBOX_REGION = 'cn-hangzhou';

export interface ProfileMeta {
  profileId: string;
  name: string;
  kind: CredentialKind;
  regionId: string;
  /** Not a secret (it names the key), but only its masked form leaves main. */
  accessKeyId: string | null;
  roleArn?: string;
  roleSessionName?: string;
  sessionOnly: boolean;
  builtIn: boolean;
  createdAt: string;
}

export interface ProfileSecret {
  accessKeySecret: string;
  securityToken?: string;
}

export type CredentialInput = MethodArgs<'createProfile'>['credential'];

export interface ProfilesService {
  state(): Promise<ProfilesState>;
  get(profileId: string): ProfileMeta;
  active(): ProfileMeta;
  secretFor(profile: ProfileMeta): Promise<ProfileSecret | null>;
  create(args: MethodArgs<'createProfile'>): Promise<ProfileSummary>;
  update(args: MethodArgs<'updateProfile'>): Promise<ProfileSummary>;
  remove(profileId: string): Promise<ProfilesState>;
  switchTo(profileId: string): Promise<ProfilesState>;
  /** Subscribe to changes of a profile's credentials or endpoint (clients are rebuilt). */
  onChanged(listener: (profileId: string) => void): void;
}

export interface ProfilesDeps {
  store: KeyValueStore;
  /** null: no keychain reachable; only session-only profiles can hold secrets. */
  keychain: SecretStore | null;
  session: SecretStore;
  keychainStatus(): KeychainStatus;
  emit: EventSink;
  now(): string;
}

export function maskAccessKeyId(id: string): string {
  if (id.length <= 8) return `${id.slice(0, 2)}****`;
  return `${id.slice(0, 4)}****${id.slice(-4)}`;
}

const secretAccount = (profileId: string) => `profile:${profileId}`;

function sandboxProfile(): ProfileMeta {
  return {
    profileId: SANDBOX_PROFILE_ID,
    name: 'Sandbox',
    kind: 'Sandbox',
    regionId: DEFAULT_SANDBOX_REGION,
    accessKeyId: null,
    sessionOnly: false,
    builtIn: true,
    createdAt: '1970-01-01T00:00:00.000Z',
  };
}

export function createProfilesService(deps: ProfilesDeps): ProfilesService {
  const listeners: Array<(id: string) => void> = [];
  const load = (): ProfileMeta[] => {
    const stored = deps.store.get<ProfileMeta[]>('profiles') ?? [];
    const sandbox = stored.find((p) => p.profileId === SANDBOX_PROFILE_ID);
    return [sandbox ?? sandboxProfile(), ...stored.filter((p) => p.profileId !== SANDBOX_PROFILE_ID)];
  };
  const save = (profiles: ProfileMeta[]) => deps.store.set('profiles', profiles);
  const activeId = (): string => {
    const id = deps.store.get<string>('activeProfileId');
    return id && load().some((p) => p.profileId === id) ? id : SANDBOX_PROFILE_ID;
  };
  const storeFor = (profile: ProfileMeta): SecretStore | null => (profile.sessionOnly ? deps.session : deps.keychain);

  const secretFor = async (profile: ProfileMeta): Promise<ProfileSecret | null> => {
    if (profile.kind === 'Sandbox') return null;
    const store = storeFor(profile);
    if (!store) return null;
    const raw = await store.get(secretAccount(profile.profileId));
    if (!raw) return null;
    try {
      return JSON.parse(raw) as ProfileSecret;
    } catch {
      return null;
    }
  };

  const summary = async (p: ProfileMeta): Promise<ProfileSummary> => ({
    profileId: p.profileId,
    name: p.name,
    kind: p.kind,
    regionId: p.regionId,
    accessKeyIdMasked: p.accessKeyId ? maskAccessKeyId(p.accessKeyId) : null,
    hasSecret: p.kind === 'Sandbox' ? true : (await secretFor(p)) !== null,
    sessionOnly: p.sessionOnly,
    builtIn: p.builtIn,
    ...(p.roleArn !== undefined && { roleArn: p.roleArn }),
  });

  const state = async (): Promise<ProfilesState> => ({
    profiles: await Promise.all(load().map(summary)),
    activeProfileId: activeId(),
    keychain: deps.keychainStatus(),
  });

  const announce = async () => {
    const s = await state();
    deps.emit('profilesChanged', s);
    return s;
  };

  const get = (profileId: string): ProfileMeta => {
    const p = load().find((x) => x.profileId === profileId);
    if (!p) throw new AppError('Profile.NotFound', `No profile with id ${profileId}.`, 'profileId');
    return p;
  };

  const writeSecret = async (profile: ProfileMeta, credential: CredentialInput) => {
    const store = storeFor(profile);
    if (!store) {
      throw new AppError(
        'Keychain.Unavailable',
        `No keychain is reachable (${deps.keychainStatus().detail ?? 'unknown reason'}), so the secret cannot be saved. Create a session-only profile instead: its secret is kept in memory until the app quits.`,
        'sessionOnly',
      );
    }
    const secret: ProfileSecret = {
      accessKeySecret: credential.accessKeySecret,
      ...(credential.kind === 'StsToken' && { securityToken: credential.securityToken }),
    };
    await store.set(secretAccount(profile.profileId), JSON.stringify(secret));
  };

  const applyCredentialMeta = (profile: ProfileMeta, credential: CredentialInput): ProfileMeta => {
    const { roleArn: _r, roleSessionName: _s, ...rest } = profile;
    return {
      ...rest,
      kind: credential.kind,
      accessKeyId: credential.accessKeyId,
      ...(credential.kind === 'RamRoleArn' && { roleArn: credential.roleArn }),
      ...(credential.kind === 'RamRoleArn' && credential.roleSessionName !== undefined && { roleSessionName: credential.roleSessionName }),
    };
  };

  const checkUniqueName = (name: string, except?: string) => {
    if (load().some((p) => p.name.toLowerCase() === name.toLowerCase() && p.profileId !== except)) {
      throw new AppError('Profile.NameTaken', `A profile named "${name}" already exists.`, 'name');
    }
  };

  return {
    state,
    get,
    active: () => get(activeId()),
    secretFor,
    async create(args) {
      const name = args.name.trim();
      checkUniqueName(name);
      const sessionOnly = args.sessionOnly === true;
      const base: ProfileMeta = {
        profileId: crypto.randomUUID(),
        name,
        kind: args.credential.kind,
        regionId: args.regionId,
        accessKeyId: null,
        sessionOnly,
        builtIn: false,
        createdAt: deps.now(),
      };
      const profile = applyCredentialMeta(base, args.credential);
      // The secret first: a profile whose secret could not be stored is not created at all.
      await writeSecret(profile, args.credential);
      save([...load(), profile]);
      await announce();
      return summary(profile);
    },
    async update(args) {
      const current = get(args.profileId);
      if (current.builtIn && (args.credential !== undefined || args.name !== undefined)) {
        throw new AppError('Profile.BuiltIn', 'The Sandbox profile only lets you change its default region.', args.credential ? 'credential' : 'name');
      }
      let next: ProfileMeta = { ...current };
      if (args.name !== undefined) {
        checkUniqueName(args.name.trim(), current.profileId);
        next.name = args.name.trim();
      }
      if (args.regionId !== undefined) next.regionId = args.regionId;
      if (args.credential !== undefined) {
        next = applyCredentialMeta(next, args.credential);
        await writeSecret(next, args.credential);
      }
      save(load().map((p) => (p.profileId === next.profileId ? next : p)));
      for (const l of listeners) l(next.profileId);
      await announce();
      return summary(next);
    },
    async remove(profileId) {
      const profile = get(profileId);
      if (profile.builtIn) throw new AppError('Profile.BuiltIn', 'The Sandbox profile cannot be deleted.', 'profileId');
      await storeFor(profile)?.delete(secretAccount(profileId));
      save(load().filter((p) => p.profileId !== profileId));
      if (deps.store.get<string>('activeProfileId') === profileId) deps.store.set('activeProfileId', SANDBOX_PROFILE_ID);
      for (const l of listeners) l(profileId);
      return announce();
    },
    async switchTo(profileId) {
      get(profileId);
      deps.store.set('activeProfileId', profileId);
      return announce();
    },
    onChanged(listener) {
      listeners.push(listener);
    },
  };
}
