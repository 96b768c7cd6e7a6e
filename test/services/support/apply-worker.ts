// A separate process that runs the real services against a data folder and an emulator it does not own, so the
// kill test can SIGKILL it at any point and start a fresh one on the same folder.
//   WORKER_MODE=start : refresh inventory, draft and apply the changes in WORKER_CHANGES, wait until idle
//   WORKER_MODE=resume: compose (which resumes unfinished jobs), wait until idle
// Every timeline event is printed as `EVENT <kind> <jobId>` the moment it is appended.
import fs from 'node:fs';
import { composeApp } from '../../../main/compose.ts';
import { dispatch } from '../../../main/handlers/dispatch.ts';
import type { SecretStore } from '../../../main/services/secret-store.ts';

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

/**
 * Test-only stand-in for the keychain when no gnome-keyring is available: a file in its own temp folder (never the
 * data folder). The app has no such store; it exists so the kill test can run everywhere.
 */
function fileSecretStore(file: string): SecretStore {
  const read = (): Record<string, string> => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {});
  return {
    kind: 'keychain',
    get: async (account) => read()[account] ?? null,
    set: async (account, secret) => fs.writeFileSync(file, JSON.stringify({ ...read(), [account]: secret })),
    delete: async (account) => {
      const all = read();
      const had = account in all;
      delete all[account];
      fs.writeFileSync(file, JSON.stringify(all));
      return had;
    },
  };
}

const [host, port] = env('WORKER_EMULATOR').split(':');
const credentials = JSON.parse(env('WORKER_CREDENTIALS')) as { accessKeyId: string; accessKeySecret: string };
const app = await composeApp({
  facts: { name: 'IPsec Studio', version: '0.0.0-worker', platform: process.platform, arch: process.arch, versions: { node: process.versions.node } },
  dataDir: env('WORKER_DATA_DIR'),
  emit: (event, payload) => {
    if (event === 'timelineEvent') {
      const e = payload as { kind: string; jobId?: string; detail: { status?: unknown } };
      const kind = e.kind === 'gateway-status' ? `gateway-status:${String(e.detail.status)}` : e.kind;
      process.stdout.write(`EVENT ${kind} ${e.jobId ?? '-'}\n`);
    }
  },
  ...(process.env.IPSEC_STUDIO_TEST_KEYRING === '1' ? {} : { keychain: fileSecretStore(env('WORKER_SECRET_FILE')) }),
  sandbox: async () => ({ endpoint: `${host}:${port}`, credentials, close: async () => undefined }),
  apply: { retry: { maxAttempts: 12, baseDelayMs: 20, maxDelayMs: 200 }, poll: { initialMs: 30, maxMs: 150, growth: 0.1, timeoutMs: 60_000 }, confirmPollMs: 50, settleMs: 300 },
});
const call = async <T>(method: string, args: unknown = {}): Promise<T> => {
  const reply = await dispatch(app.table, method, args, { url: 'app://bundle/index.html', isMainFrame: true }, { allowedOrigins: ['app://bundle'] });
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
};

if (env('WORKER_MODE') === 'start') {
  await call('loadInventory', { refresh: true });
  const changes = JSON.parse(env('WORKER_CHANGES')) as Array<{ RegionId: string; VpnConnectionId: string; Name: string }>;
  for (const change of changes) {
    const d = await call<{ draftId: string; draft: Record<string, unknown> }>('openDraft', { RegionId: change.RegionId, VpnConnectionId: change.VpnConnectionId });
    await call('saveDraft', { draftId: d.draftId, draft: { ...d.draft, Name: change.Name } });
    await call('applyDraft', { draftId: d.draftId });
  }
  process.stdout.write('APPLIED-ALL\n');
}
await app.apply.idle();
process.stdout.write('IDLE\n');
await app.dispose();
process.exit(0);
