// Profiles from the aliyun CLI config (~/.aliyun/config.json) and ALIBABA_CLOUD_* environment variables.
// Only the credential kinds the app can use are imported (AK, StsToken, RamRoleArn); the rest are skipped with a
// reason. Secrets go straight into the secret store through the profiles service.
import fs from 'node:fs';
import path from 'node:path';
import { contract, type ProfileSummary } from '../../core/contract.ts';
import { AppError } from '../../core/errors.ts';
import { REGION_ID_PATTERN } from '../../core/model/region.ts';
import type { CredentialInput, ProfilesService } from './profiles.ts';

export interface ImportResult {
  imported: ProfileSummary[];
  skipped: Array<{ name: string; reason: string }>;
}

export interface ImportDeps {
  profiles: ProfilesService;
  homeDir: string;
  env: Record<string, string | undefined>;
  keychainAvailable(): boolean;
}

interface Candidate {
  name: string;
  regionId: string;
  credential: CredentialInput;
}

const DEFAULT_REGION = 'cn-hangzhou';

interface CliProfile {
  name?: unknown;
  mode?: unknown;
  access_key_id?: unknown;
  access_key_secret?: unknown;
  sts_token?: unknown;
  ram_role_arn?: unknown;
  ram_session_name?: unknown;
  region_id?: unknown;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function candidatesFromCliConfig(json: unknown): { candidates: Candidate[]; skipped: ImportResult['skipped'] } {
  const profiles = (json as { profiles?: unknown } | null)?.profiles;
  if (!Array.isArray(profiles)) throw new AppError('Import.Malformed', 'The aliyun CLI config has no "profiles" list.');
  const candidates: Candidate[] = [];
  const skipped: ImportResult['skipped'] = [];
  for (const entry of profiles as unknown[]) {
    // A hand-edited config can hold anything in the list; an entry that is not an object is skipped, not a crash.
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      skipped.push({ name: 'unnamed', reason: 'this entry of "profiles" is not an object' });
      continue;
    }
    const raw = entry as CliProfile;
    const name = str(raw.name).trim() || 'unnamed';
    const mode = str(raw.mode) || 'AK';
    const regionId = REGION_ID_PATTERN.test(str(raw.region_id)) ? str(raw.region_id) : DEFAULT_REGION;
    const accessKeyId = str(raw.access_key_id);
    const accessKeySecret = str(raw.access_key_secret);
    if ((mode === 'AK' || mode === 'StsToken' || mode === 'RamRoleArn') && (!accessKeyId || !accessKeySecret)) {
      skipped.push({ name, reason: 'no AccessKey pair in this profile' });
      continue;
    }
    if (mode === 'AK') candidates.push({ name, regionId, credential: { kind: 'AccessKey', accessKeyId, accessKeySecret } });
    else if (mode === 'StsToken' && str(raw.sts_token)) {
      candidates.push({ name, regionId, credential: { kind: 'StsToken', accessKeyId, accessKeySecret, securityToken: str(raw.sts_token) } });
    } else if (mode === 'RamRoleArn' && /^acs:ram::\d+:role\/.+$/.test(str(raw.ram_role_arn))) {
      const session = str(raw.ram_session_name);
      candidates.push({
        name,
        regionId,
        credential: { kind: 'RamRoleArn', accessKeyId, accessKeySecret, roleArn: str(raw.ram_role_arn), ...(session.length >= 2 && { roleSessionName: session.slice(0, 64) }) },
      });
    } else skipped.push({ name, reason: `credential mode ${mode} is not supported (AK, StsToken and RamRoleArn are)` });
  }
  return { candidates, skipped };
}

export function candidateFromEnvironment(env: Record<string, string | undefined>): Candidate | null {
  const accessKeyId = env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? '';
  const accessKeySecret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? '';
  if (!accessKeyId || !accessKeySecret) return null;
  const region = env.ALIBABA_CLOUD_REGION_ID ?? '';
  const regionId = REGION_ID_PATTERN.test(region) ? region : DEFAULT_REGION;
  const token = env.ALIBABA_CLOUD_SECURITY_TOKEN ?? '';
  const roleArn = env.ALIBABA_CLOUD_ROLE_ARN ?? '';
  const session = env.ALIBABA_CLOUD_ROLE_SESSION_NAME ?? '';
  if (roleArn) {
    return { name: 'environment', regionId, credential: { kind: 'RamRoleArn', accessKeyId, accessKeySecret, roleArn, ...(session.length >= 2 && { roleSessionName: session.slice(0, 64) }) } };
  }
  if (token) return { name: 'environment', regionId, credential: { kind: 'StsToken', accessKeyId, accessKeySecret, securityToken: token } };
  return { name: 'environment', regionId, credential: { kind: 'AccessKey', accessKeyId, accessKeySecret } };
}

export function createProfileImporter(deps: ImportDeps) {
  const importCandidates = async (candidates: Candidate[], skipped: ImportResult['skipped']): Promise<ImportResult> => {
    const imported: ProfileSummary[] = [];
    const existing = (await deps.profiles.state()).profiles;
    for (const c of candidates) {
      const name = `${c.name}`.trim().slice(0, 64) || 'unnamed';
      // Imported values skip the IPC schema, so they are held to it here: an over-long key, a malformed role ARN
      // or an empty name is refused with the field it is about (never its value, which may be a secret).
      const args = { name, regionId: c.regionId, credential: c.credential };
      const checked = contract.methods.createProfile.args.safeParse(args);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        skipped.push({ name, reason: `invalid ${issue && issue.path.length > 0 ? issue.path.join('.') : 'profile'}: ${issue?.message ?? 'rejected'}` });
        continue;
      }
      if (existing.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
        skipped.push({ name, reason: 'a profile with this name already exists' });
        continue;
      }
      try {
        imported.push(
          await deps.profiles.create({ name, regionId: c.regionId, credential: c.credential, ...(!deps.keychainAvailable() && { sessionOnly: true }) }),
        );
      } catch (error) {
        skipped.push({ name, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return { imported, skipped };
  };

  return {
    async fromAliyunCli(): Promise<ImportResult> {
      const file = path.join(deps.homeDir, '.aliyun', 'config.json');
      let json: unknown;
      try {
        json = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new AppError('Import.NotFound', `No aliyun CLI config at ${file}.`);
        // A read failure (a folder, no permission) is not a JSON problem; say which one it is.
        if (typeof code === 'string') throw new AppError('Import.Unreadable', `${file} could not be read (${code}).`);
        throw new AppError('Import.Malformed', `${file} is not valid JSON.`);
      }
      const { candidates, skipped } = candidatesFromCliConfig(json);
      return importCandidates(candidates, skipped);
    },
    async fromEnvironment(): Promise<ImportResult> {
      const candidate = candidateFromEnvironment(deps.env);
      if (!candidate) {
        return { imported: [], skipped: [{ name: 'environment', reason: 'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not both set' }] };
      }
      return importCandidates([candidate], []);
    },
  };
}
