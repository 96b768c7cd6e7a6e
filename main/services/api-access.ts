// One VpcClient per profile, built from its credentials (secret store) and endpoint (Sandbox emulator or cloud),
// rebuilt when the profile changes. Also the single observer of reachability: the `connectivity` event.
import CredentialsModule, * as $Credentials from '@alicloud/credentials';
import { AppError } from '../../core/errors.ts';
import type { ApiErrorShape } from './api-error.ts';
import { cloudEndpointFor } from './endpoints.ts';
import type { EventSink } from './events.ts';
import type { ProfileMeta, ProfilesService } from './profiles.ts';
import type { SandboxService } from './sandbox.ts';
import { createVpcClient, type ClientCredentials, type VpcClient, type VpcClientOptions } from './vpc-client.ts';

export interface ApiAccess {
  clientFor(profileId: string): Promise<VpcClient>;
  /** Last observed reachability per profile (undefined until the first call). */
  online(profileId: string): boolean | undefined;
  /** Calls `listener` whenever a profile's observed reachability changes (any profile, active or not). */
  onReachabilityChange(listener: (profileId: string, online: boolean, was: boolean | undefined) => void): () => void;
  /** How many calls of a profile have ended so far: lets a probe tell whether anything else is trying the API. */
  attempts(profileId: string): number;
}

export interface ApiAccessDeps {
  profiles: ProfilesService;
  sandbox: SandboxService;
  emit: EventSink;
  now(): string;
  readTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Tests replace the client (e.g. to count calls); defaults to the openapi-client one. */
  createClient?: (options: VpcClientOptions) => VpcClient;
}

type CredentialCtor = new (config: $Credentials.Config) => unknown;
const CredentialClass = ((CredentialsModule as unknown as { default?: CredentialCtor }).default ?? CredentialsModule) as unknown as CredentialCtor;

export function createApiAccess(deps: ApiAccessDeps): ApiAccess {
  const clients = new Map<string, Promise<VpcClient>>();
  const reachability = new Map<string, boolean>();
  const attempts = new Map<string, number>();
  const listeners = new Set<(profileId: string, online: boolean, was: boolean | undefined) => void>();
  deps.profiles.onChanged((id) => clients.delete(id));
  const create = deps.createClient ?? createVpcClient;

  const observe = (profileId: string) => (reachable: boolean, error?: ApiErrorShape) => {
    attempts.set(profileId, (attempts.get(profileId) ?? 0) + 1);
    const was = reachability.get(profileId);
    if (was === reachable) return;
    reachability.set(profileId, reachable);
    if (deps.profiles.active().profileId === profileId) {
      deps.emit('connectivity', { online: reachable, checkedAt: deps.now(), ...(!reachable && error && { reason: `${error.code}: ${error.message}` }) });
    }
    // Called from inside the client's call: a listener's failure must not turn an answered call into a failed one.
    for (const listener of listeners) {
      try {
        listener(profileId, reachable, was);
      } catch {
        // ignored, as above
      }
    }
  };

  const build = async (profile: ProfileMeta): Promise<VpcClient> => {
    const timeouts = {
      ...(deps.readTimeoutMs !== undefined && { readTimeoutMs: deps.readTimeoutMs }),
      ...(deps.connectTimeoutMs !== undefined && { connectTimeoutMs: deps.connectTimeoutMs }),
    };
    if (profile.kind === 'Sandbox') {
      const target = await deps.sandbox.ensure();
      return create({
        endpointFor: () => ({ endpoint: target.endpoint, protocol: 'http' }),
        credentials: target.credentials,
        onReachability: observe(profile.profileId),
        ...timeouts,
      });
    }
    const secret = await deps.profiles.secretFor(profile);
    if (!secret || !profile.accessKeyId) {
      throw new AppError(
        'Profile.NoSecret',
        profile.sessionOnly
          ? `The secret of session-only profile "${profile.name}" is gone (the app was restarted). Enter it again.`
          : `No secret for profile "${profile.name}" in the keychain. Enter it again.`,
        'credential',
      );
    }
    let credentials: ClientCredentials;
    if (profile.kind === 'RamRoleArn') {
      // @alicloud/credentials assumes the role through STS and refreshes the temporary token itself.
      credentials = {
        credential: new CredentialClass(
          new $Credentials.Config({
            type: 'ram_role_arn',
            accessKeyId: profile.accessKeyId,
            accessKeySecret: secret.accessKeySecret,
            roleArn: profile.roleArn ?? '',
            roleSessionName: profile.roleSessionName ?? 'ipsec-studio',
          }),
        ),
      };
    } else {
      credentials = { accessKeyId: profile.accessKeyId, accessKeySecret: secret.accessKeySecret, ...(secret.securityToken && { securityToken: secret.securityToken }) };
    }
    return create({ endpointFor: cloudEndpointFor, credentials, onReachability: observe(profile.profileId), ...timeouts });
  };

  return {
    clientFor(profileId) {
      let client = clients.get(profileId);
      if (!client) {
        client = build(deps.profiles.get(profileId));
        client.catch(() => clients.delete(profileId));
        clients.set(profileId, client);
      }
      return client;
    },
    online: (profileId) => reachability.get(profileId),
    onReachabilityChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    attempts: (profileId) => attempts.get(profileId) ?? 0,
  };
}
