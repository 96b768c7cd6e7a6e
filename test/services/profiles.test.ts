// Profiles through the handler table: Sandbox default, create/edit/switch/delete, keychain-less behaviour, imports.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfilesState, ProfileSummary } from '../../core/contract.ts';
import { createKeytarSecretStore, KEYCHAIN_SERVICE, loadKeytarApi } from '../../main/services/secret-store.ts';
import { candidateFromEnvironment } from '../../main/services/profile-import.ts';
import { createHarness, keyringReady, type Harness } from './support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const AK = { kind: 'AccessKey', accessKeyId: 'LTAI5tProfileTest0042', accessKeySecret: 'profile-secret-value' } as const;

describe('profiles', () => {
  it('starts with the Sandbox as the active, built-in profile that cannot be deleted', async () => {
    h = await createHarness();
    const state = await h.call<ProfilesState>('listProfiles');
    expect(state.activeProfileId).toBe('sandbox');
    expect(state.profiles).toEqual([expect.objectContaining({ profileId: 'sandbox', kind: 'Sandbox', builtIn: true, accessKeyIdMasked: null })]);
    expect((await h.callRaw('deleteProfile', { profileId: 'sandbox' })).error?.code).toBe('Profile.BuiltIn');
  });

  it('without a keychain refuses to store a secret, says so plainly, and offers a session-only profile', async () => {
    h = await createHarness({ keychain: null });
    const refused = await h.callRaw('createProfile', { name: 'prod', regionId: 'cn-hangzhou', credential: AK });
    expect(refused.error?.code).toBe('Keychain.Unavailable');
    expect(refused.error?.message).toMatch(/session-only/);
    expect(h.events.some((e) => e.event === 'appNotice' && (e.payload as { code: string }).code === 'Keychain.Unavailable')).toBe(true);
    const p = await h.call<ProfileSummary>('createProfile', { name: 'prod', regionId: 'cn-hangzhou', credential: AK, sessionOnly: true });
    expect(p).toMatchObject({ sessionOnly: true, hasSecret: true, accessKeyIdMasked: 'LTAI****0042' });
    // After a restart the in-memory secret is gone; the profile stays, without a secret.
    await h.restart();
    const again = (await h.call<ProfilesState>('listProfiles')).profiles.find((x) => x.profileId === p.profileId);
    expect(again).toMatchObject({ sessionOnly: true, hasSecret: false });
  });

  it('edits, switches and deletes profiles, and refuses duplicate names', async () => {
    h = await createHarness({ keychain: null });
    const p = await h.call<ProfileSummary>('createProfile', { name: 'a', regionId: 'cn-hangzhou', credential: AK, sessionOnly: true });
    expect((await h.callRaw('createProfile', { name: 'A', regionId: 'cn-hangzhou', credential: AK, sessionOnly: true })).error?.code).toBe('Profile.NameTaken');
    const edited = await h.call<ProfileSummary>('updateProfile', { profileId: p.profileId, name: 'b', regionId: 'eu-central-1' });
    expect(edited).toMatchObject({ name: 'b', regionId: 'eu-central-1' });
    expect((await h.call<ProfilesState>('switchProfile', { profileId: p.profileId })).activeProfileId).toBe(p.profileId);
    expect(h.events.filter((e) => e.event === 'profilesChanged').length).toBeGreaterThanOrEqual(3);
    const after = await h.call<ProfilesState>('deleteProfile', { profileId: p.profileId });
    expect(after.activeProfileId).toBe('sandbox');
    expect(after.profiles.map((x) => x.profileId)).toEqual(['sandbox']);
    expect((await h.callRaw('switchProfile', { profileId: 'nope' })).error?.code).toBe('Profile.NotFound');
  });

  it('a cloud profile with no reachable endpoint is reported, not crashed (no request leaves for Alibaba Cloud)', async () => {
    h = await createHarness({ keychain: null, compose: { createClient: () => ({ call: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })) }) } });
    const p = await h.call<ProfileSummary>('createProfile', { name: 'cloud', regionId: 'cn-hangzhou', credential: AK, sessionOnly: true });
    await h.call('switchProfile', { profileId: p.profileId });
    const snapshot = await h.call<{ source: string; errors: Array<{ code: string }> }>('loadInventory', { refresh: true });
    expect(snapshot.source).toBe('empty');
    expect(snapshot.errors[0]?.code).toBe('Network.ConnectionRefused');
  });

  it.skipIf(!keyringReady)('keeps secrets in the real keychain across restarts and removes them on delete', async () => {
    const keytar = await loadKeytarApi();
    h = await createHarness({ keychain: createKeytarSecretStore(keytar) });
    const p = await h.call<ProfileSummary>('createProfile', { name: `kc-${Date.now()}`, regionId: 'cn-hangzhou', credential: { kind: 'StsToken', accessKeyId: 'STS.KeyId0001', accessKeySecret: 's', securityToken: 't' } });
    expect(p.sessionOnly).toBe(false);
    expect(JSON.parse((await keytar.getPassword(KEYCHAIN_SERVICE, `profile:${p.profileId}`))!)).toEqual({ accessKeySecret: 's', securityToken: 't' });
    await h.restart();
    expect((await h.call<ProfilesState>('listProfiles')).profiles.find((x) => x.profileId === p.profileId)?.hasSecret).toBe(true);
    await h.call('deleteProfile', { profileId: p.profileId });
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, `profile:${p.profileId}`)).toBeNull();
  });
});

describe('profile import', () => {
  it('imports AK, StsToken and RamRoleArn profiles from ~/.aliyun/config.json and skips the rest with reasons', async () => {
    h = await createHarness({ keychain: null });
    mkdirSync(path.join(h.dataDir, '.aliyun'));
    writeFileSync(
      path.join(h.dataDir, '.aliyun', 'config.json'),
      JSON.stringify({
        current: 'default',
        profiles: [
          { name: 'default', mode: 'AK', access_key_id: 'LTAI5tCliDefault0001', access_key_secret: 'cli-secret-1', region_id: 'cn-shanghai' },
          { name: 'sts', mode: 'StsToken', access_key_id: 'STS.Cli0002', access_key_secret: 'cli-secret-2', sts_token: 'cli-token', region_id: 'cn-beijing' },
          { name: 'role', mode: 'RamRoleArn', access_key_id: 'LTAI5tCliRole0003', access_key_secret: 'cli-secret-3', ram_role_arn: 'acs:ram::123456789012:role/netops', ram_session_name: 'studio' },
          { name: 'ecs', mode: 'EcsRamRole', ram_role_name: 'x' },
          { name: 'empty', mode: 'AK' },
        ],
      }),
    );
    const result = await h.call<{ imported: ProfileSummary[]; skipped: Array<{ name: string; reason: string }> }>('importProfiles', { source: 'aliyun-cli' });
    expect(result.imported.map((p) => [p.name, p.kind, p.regionId, p.sessionOnly])).toEqual([
      ['default', 'AccessKey', 'cn-shanghai', true],
      ['sts', 'StsToken', 'cn-beijing', true],
      ['role', 'RamRoleArn', 'cn-hangzhou', true],
    ]);
    expect(result.imported[2]?.roleArn).toBe('acs:ram::123456789012:role/netops');
    expect(result.skipped.map((s) => s.name).sort()).toEqual(['ecs', 'empty']);
    expect(JSON.stringify(result)).not.toMatch(/cli-secret|cli-token/);
    const again = await h.call<{ imported: unknown[]; skipped: Array<{ reason: string }> }>('importProfiles', { source: 'aliyun-cli' });
    expect(again.imported).toEqual([]);
    expect(again.skipped.filter((s) => /already exists/.test(s.reason))).toHaveLength(3);
  });

  it('reports a missing CLI config plainly', async () => {
    h = await createHarness({ keychain: null });
    expect((await h.callRaw('importProfiles', { source: 'aliyun-cli' })).error?.code).toBe('Import.NotFound');
  });

  it('reads ALIBABA_CLOUD_* environment variables', async () => {
    expect(candidateFromEnvironment({})).toBeNull();
    expect(candidateFromEnvironment({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's', ALIBABA_CLOUD_SECURITY_TOKEN: 't', ALIBABA_CLOUD_REGION_ID: 'eu-central-1' })).toEqual({
      name: 'environment',
      regionId: 'eu-central-1',
      credential: { kind: 'StsToken', accessKeyId: 'id', accessKeySecret: 's', securityToken: 't' },
    });
    h = await createHarness({ keychain: null, compose: { env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tEnv000000001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret' } } });
    const result = await h.call<{ imported: ProfileSummary[] }>('importProfiles', { source: 'environment' });
    expect(result.imported).toEqual([expect.objectContaining({ name: 'environment', kind: 'AccessKey', accessKeyIdMasked: 'LTAI****0001', hasSecret: true })]);
  });
});

describe('profile import from a damaged or hostile aliyun CLI config', () => {
  const writeConfig = (dir: string, content: string) => {
    mkdirSync(path.join(dir, '.aliyun'), { recursive: true });
    writeFileSync(path.join(dir, '.aliyun', 'config.json'), content);
  };

  it('skips entries that are not objects instead of failing with an internal error', async () => {
    h = await createHarness({ keychain: null });
    writeConfig(h.dataDir, JSON.stringify({ profiles: [null, 7, 'x', [], { name: 'ok', mode: 'AK', access_key_id: 'LTAI5tCliOk000001', access_key_secret: 'cli-secret-ok' }] }));
    const reply = await h.callRaw('importProfiles', { source: 'aliyun-cli' });
    expect(reply.error).toBeUndefined();
    const result = reply.value as { imported: ProfileSummary[]; skipped: Array<{ name: string; reason: string }> };
    expect(result.imported.map((p) => p.name)).toEqual(['ok']);
    expect(result.skipped).toHaveLength(4);
    expect(result.skipped.every((s) => /not an object/.test(s.reason))).toBe(true);
  });

  it('holds imported values to the same rules as createProfile and names the field, never the value', async () => {
    h = await createHarness({ keychain: null });
    const longSecret = `cli-secret-${'s'.repeat(300)}`;
    writeConfig(
      h.dataDir,
      JSON.stringify({
        profiles: [
          { name: 'long-secret', mode: 'AK', access_key_id: 'LTAI5tCliLong0001', access_key_secret: longSecret },
          { name: 'bad-role', mode: 'RamRoleArn', access_key_id: 'LTAI5tCliRole0002', access_key_secret: 'cli-secret-2', ram_role_arn: 'acs:ram::123:role/' },
          { name: '   ', mode: 'AK', access_key_id: 'LTAI5tCliBlank003', access_key_secret: 'cli-secret-3' },
        ],
      }),
    );
    const result = await h.call<{ imported: ProfileSummary[]; skipped: Array<{ name: string; reason: string }> }>('importProfiles', { source: 'aliyun-cli' });
    expect(result.imported.map((p) => p.name)).toEqual(['unnamed']);
    const reasons = Object.fromEntries(result.skipped.map((s) => [s.name, s.reason]));
    expect(reasons['long-secret']).toMatch(/credential\.accessKeySecret/);
    expect(reasons['bad-role']).toMatch(/credential/);
    expect(JSON.stringify(result)).not.toContain('cli-secret');
    const state = await h.call<ProfilesState>('listProfiles');
    expect(state.profiles.map((p) => p.name).sort()).toEqual(['Sandbox', 'unnamed']);
  });

  it('refuses a malformed role ARN from ALIBABA_CLOUD_ROLE_ARN', async () => {
    h = await createHarness({
      keychain: null,
      compose: { env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tEnv000000002', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret', ALIBABA_CLOUD_ROLE_ARN: 'not-an-arn' } },
    });
    const result = await h.call<{ imported: ProfileSummary[]; skipped: Array<{ name: string; reason: string }> }>('importProfiles', { source: 'environment' });
    expect(result.imported).toEqual([]);
    expect(result.skipped[0]?.reason).toMatch(/roleArn/);
  });

  it('says a config that cannot be read is unreadable, not that it is bad JSON', async () => {
    h = await createHarness({ keychain: null });
    mkdirSync(path.join(h.dataDir, '.aliyun', 'config.json'), { recursive: true });
    const reply = await h.callRaw('importProfiles', { source: 'aliyun-cli' });
    expect(reply.error?.code).toBe('Import.Unreadable');
    expect(reply.error?.message).toMatch(/could not be read \(EISDIR\)/);
  });

  it('reports a config whose JSON is not an object with profiles plainly', async () => {
    h = await createHarness({ keychain: null });
    for (const content of ['null', '[1,2]', '{"profiles": {"__proto__": {"polluted": true}}}', '{not json']) {
      writeConfig(h.dataDir, content);
      const reply = await h.callRaw('importProfiles', { source: 'aliyun-cli' });
      expect(reply.error?.code, content).toBe('Import.Malformed');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
