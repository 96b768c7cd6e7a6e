// Secrets: AccessKey secrets and STS tokens only in the secret store; PSKs/certificates sealed in every store file;
// none of them in a log line, a timeline entry or an IPC result (profiles, jobs, timeline, exports).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobSummary } from '../../core/contract.ts';
import { createSealer, SEALED_PREFIX } from '../../main/services/sealing.ts';
import { createKeytarSecretStore, createSessionSecretStore, KEYCHAIN_SERVICE, loadKeytarApi } from '../../main/services/secret-store.ts';
import { allDataText, createHarness, keyringReady, type Harness } from './support/harness.ts';
import { editAndSave, waitForJob } from './support/flows.ts';

const AK_SECRET = 'AKSECRET-value-that-must-never-leak-1234';
const STS_TOKEN = 'STS-token-value-that-must-never-leak-5678';
const NEW_PSK = 'Psk-sealed-on-disk-9876';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  vi.restoreAllMocks();
});

const dataFiles = allDataText;

describe('sealing', () => {
  it('round-trips, uses a fresh IV each time, and refuses another key', () => {
    const key = Buffer.alloc(32, 7);
    const sealer = createSealer(key);
    const a = sealer.seal('secret');
    expect(a.startsWith(SEALED_PREFIX)).toBe(true);
    expect(sealer.seal('secret')).not.toBe(a);
    expect(sealer.unseal(a)).toBe('secret');
    expect(() => createSealer(Buffer.alloc(32, 8)).unseal(a)).toThrow();
    const lost: string[] = [];
    expect(createSealer(Buffer.alloc(32, 8)).unsealDeep({ x: { Psk: a } }, (p) => lost.push(p))).toEqual({ x: { Psk: '' } });
    expect(lost).toEqual(['x.Psk']);
  });

  it('seals Psk, RemoteCaCertificate and request IkeConfig strings anywhere in a value, and nothing else', () => {
    const sealer = createSealer(Buffer.alloc(32, 1));
    const value = { Name: 'n', IkeConfig: { Psk: 'p1' }, tunnels: [{ TunnelIkeConfig: { Psk: 'p2' }, RemoteCaCertificate: 'cert' }], request: { IkeConfig: '{"Psk":"p3"}' }, empty: { Psk: '' } };
    const sealed = sealer.sealDeep(value);
    const text = JSON.stringify(sealed);
    for (const s of ['p1', 'p2', 'cert', 'p3']) expect(text).not.toContain(`"${s}"`);
    expect(text).not.toContain('\\"Psk\\":\\"p3\\"');
    expect(sealed.Name).toBe('n');
    expect(sealed.empty.Psk).toBe('');
    expect(sealer.unsealDeep(sealed)).toEqual(value);
  });
});

describe('secret stores', () => {
  it('the session store keeps secrets in memory only', async () => {
    const s = createSessionSecretStore();
    await s.set('a', 'b');
    expect(await s.get('a')).toBe('b');
    expect(await s.delete('a')).toBe(true);
    expect(await s.get('a')).toBeNull();
  });

  it.skipIf(!keyringReady)('the keytar store reads and writes the real gnome-keyring under the ipsec-studio service', async () => {
    const keytar = await loadKeytarApi();
    const store = createKeytarSecretStore(keytar);
    const account = `test:${Date.now()}`;
    await store.set(account, 'from-the-test');
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, account)).toBe('from-the-test');
    expect(await store.get(account)).toBe('from-the-test');
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
  });
});

async function exerciseEverything(harness: Harness, sessionOnly: boolean): Promise<unknown[]> {
  const results: unknown[] = [];
  const call = async (method: string, args: unknown = {}) => {
    const value = await harness.call(method, args);
    results.push(value);
    return value;
  };
  await call('createProfile', { name: 'prod', regionId: 'cn-shanghai', credential: { kind: 'AccessKey', accessKeyId: 'LTAI5tExampleKeyId0001', accessKeySecret: AK_SECRET }, sessionOnly });
  await call('createProfile', { name: 'temp', regionId: 'cn-beijing', credential: { kind: 'StsToken', accessKeyId: 'STS.ExampleKeyId0002', accessKeySecret: AK_SECRET, securityToken: STS_TOKEN }, sessionOnly });
  await call('listProfiles');
  await call('loadInventory', { refresh: true });
  const d = await editAndSave(harness, 'eu-central-1', 'vco-eu001', (c) => (c.mode === 'single' ? { ...c, IkeConfig: { ...c.IkeConfig, Psk: NEW_PSK } } : c));
  const job = await call('applyDraft', { draftId: d.draftId });
  await waitForJob(harness, (job as JobSummary).jobId);
  await harness.app.apply.idle();
  await call('listJobs');
  await call('getTimeline', {});
  await call('exportTimeline', { format: 'csv' });
  await call('exportTimeline', { format: 'json' });
  await call('exportDraft', { draftId: d.draftId });
  await call('getStorageLocations');
  await call('getAppInfo');
  return results;
}

describe('no secret value in store files, logs or IPC results', () => {
  for (const mode of ['session', 'keychain'] as const) {
    it.skipIf(mode === 'keychain' && !keyringReady)(`with the ${mode} secret store`, async () => {
      const logged: string[] = [];
      for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
      }
      h = await createHarness(mode === 'keychain' ? { keychain: createKeytarSecretStore(await loadKeytarApi()) } : {});
      const results = await exerciseEverything(h, mode === 'session');
      const ipc = JSON.stringify(results);
      const files = dataFiles(h.dataDir);
      const events = JSON.stringify(h.events);
      for (const secret of [AK_SECRET, STS_TOKEN]) {
        expect(ipc).not.toContain(secret);
        expect(files).not.toContain(secret);
        expect(events).not.toContain(secret);
        expect(logged.join('\n')).not.toContain(secret);
      }
      // PSKs: never on disk (old or new) nor in the timeline; the drafts file holds sealed values instead.
      for (const psk of [NEW_PSK, 'eu-office-psk']) expect(files).not.toContain(psk);
      expect(files).toContain(SEALED_PREFIX);
      const timeline = JSON.stringify(await h.call('getTimeline', {}));
      expect(timeline).not.toContain(NEW_PSK);
      // Profiles show a masked key id and hasSecret only.
      const state = results[2] as { profiles: Array<{ name: string; accessKeyIdMasked: string | null; hasSecret: boolean }> };
      expect(state.profiles.find((p) => p.name === 'prod')).toMatchObject({ accessKeyIdMasked: 'LTAI****0001', hasSecret: true });
      // The exported draft leaves PSKs out and says so.
      const exported = JSON.parse((results.at(-3) as { content: string }).content);
      expect(JSON.stringify(exported)).not.toContain(NEW_PSK);
      expect(exported.omittedSecrets).toEqual([{ path: 'IkeConfig.Psk', changed: false }]);
    }, 30_000);
  }
});
