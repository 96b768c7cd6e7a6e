// Composition root for main's services, shared by the Electron entry point, the e2e bridge and the kill tests, so
// that all of them run the same wiring. Only the runtime facts, the data folder, the store engine, the secret store
// and the event sink differ.
import os from 'node:os';
import * as z from 'zod';
import type { AppInfo, KeychainStatus } from '../core/contract.ts';
import { connectionShape } from '../core/model/shape.ts';
import { createHandlerTable, type FullServices, type HandlerTable, type Services } from './handlers/table.ts';
import { createApiAccess } from './services/api-access.ts';
import { createAppInfoService } from './services/app-info.ts';
import { createApplyEngine, JOBS_STORE, type ApplyEngine } from './services/apply/engine.ts';
import type { PollPolicy } from './services/apply/poller.ts';
import type { RetryPolicy } from './services/apply/retry.ts';
import { createDraftReconciler, type DraftReconciler } from './services/draft-reconcile.ts';
import { createDraftsService, DRAFTS_STORE } from './services/drafts.ts';
import { createBundlesService } from './services/bundles.ts';
import { createChangeSheetService, type PrintPdf } from './services/change-sheet.ts';
import { createPeerGate } from './services/peer-gate.ts';
import { createPeersService, PEERS_STORE } from './services/peers.ts';
import { isoNow, systemClock, type Clock, type EventSink } from './services/events.ts';
import { createInventoryService } from './services/inventory.ts';
import { loadKeytar, probeKeychain } from './services/keychain-probe.ts';
import { createProfileImporter } from './services/profile-import.ts';
import { createProfilesService, PROFILES_STORE } from './services/profiles.ts';
import { createSandboxService, inProcessEmulator, type SandboxOptions } from './services/sandbox.ts';
import { createSealer, loadDataKey, type Sealer } from './services/sealing.ts';
import { createKeytarSecretStore, createSessionSecretStore, loadKeytarApi, type SecretStore } from './services/secret-store.ts';
import { createSettingsService, SETTINGS_STORE } from './services/settings.ts';
import { openRecordStore } from './services/record-store.ts';
import { openStore, RECORD_OK, recordMatches, type ConfFactory, type StoreNotice, type StoreSpec } from './services/store.ts';
import { createTimeline } from './services/timeline.ts';
import { createVpcReads } from './services/vpc-reads.ts';
import type { VpcClient, VpcClientOptions } from './services/vpc-client.ts';

export interface RuntimeFacts {
  name: string;
  version: string;
  platform: string;
  arch: string;
  versions: AppInfo['versions'];
}

export interface ComposeOptions {
  facts: RuntimeFacts;
  dataDir: string;
  emit: EventSink;
  /** conf (default) or electron-store. */
  storeFactory?: ConfFactory;
  /**
   * The keychain. `undefined`: probe keytar and use it when reachable. `null`: no keychain (session-only secrets).
   */
  keychain?: SecretStore | null;
  /** How the Sandbox emulator is started (default: in-process, seed data, lazily). */
  sandbox?: SandboxOptions['start'];
  sandboxUpdateSeconds?: number;
  /** How long the Sandbox's tunnels renegotiate after a change (seconds; the settle period must outlast it). */
  sandboxRenegotiateSeconds?: number;
  clock?: Clock;
  homeDir?: string;
  env?: Record<string, string | undefined>;
  apply?: { retry?: RetryPolicy; poll?: PollPolicy; confirmPollMs?: number; maxParallelGateways?: number; draftSettleMs?: number; settleMs?: number };
  readTimeoutMs?: number;
  /** Concurrent API requests while loading the inventory (default 6). */
  inventoryConcurrency?: number;
  /** How long read-backs may wait to be written to the inventory cache together (ms; default 1000). */
  inventoryRememberDelayMs?: number;
  /** scrypt work factor (log2 N) for bundle passphrases; age's default when unset. Tests pass a small one. */
  bundleWorkFactor?: number;
  createClient?: (options: VpcClientOptions) => VpcClient;
  /** Prints the change sheet to PDF: Electron's printToPDF in the app, headless Chromium in tests; absent: refused. */
  printPdf?: PrintPdf;
  /** Resume unfinished apply jobs right away (default true). */
  resumeJobs?: boolean;
  /** Drafts reconciled when the API comes back (main/services/draft-reconcile.ts). */
  reconcile?: { probeMs?: number; graceMs?: number; concurrency?: number };
}

export interface ComposedApp {
  table: HandlerTable;
  services: Services & FullServices & { sealer(): Sealer; keychainStatus(): KeychainStatus; sandbox: ReturnType<typeof createSandboxService> };
  apply: ApplyEngine;
  reconciler: DraftReconciler;
  dispose(): Promise<void>;
}

/** A cached snapshot whole, each connection as the listing, the editor and the rules read it (secrets sealed:
 * strings all the same); a damaged one is set aside at start and the inventory is fetched again. */
const cachedSnapshotShape = z.object({
  profileId: z.string(),
  regions: z.array(z.object({})),
  gateways: z.array(z.object({})),
  customerGateways: z.array(z.object({})),
  errors: z.array(z.object({})).optional(),
  connections: z.array(z.object({ RegionId: z.string(), connection: connectionShape })),
});
const INVENTORY_STORE: StoreSpec = {
  name: 'inventory-cache',
  version: 1,
  migrations: [(d) => d],
  check: (key, value) => (key.startsWith('snapshot:') ? recordMatches(cachedSnapshotShape, value) : RECORD_OK),
};

export async function composeApp(options: ComposeOptions): Promise<ComposedApp> {
  const clock = options.clock ?? systemClock;
  const now = () => isoNow(clock);
  const emit = options.emit;
  const notices: StoreNotice[] = [];
  const notify = (notice: StoreNotice) => {
    notices.push(notice);
    emit('appNotice', notice);
  };

  // Keychain: probed once at start; without one, secrets (and the sealing key) live in memory only.
  let keychainStatus: KeychainStatus;
  let keychain: SecretStore | null;
  if (options.keychain === undefined) {
    keychainStatus = await probeKeychain(loadKeytar, options.facts.platform);
    keychain = keychainStatus.available ? createKeytarSecretStore(await loadKeytarApi()) : null;
  } else {
    keychain = options.keychain;
    keychainStatus = keychain
      ? { backend: options.facts.platform === 'darwin' ? 'macos-keychain' : options.facts.platform === 'win32' ? 'windows-credential-manager' : 'libsecret', available: true }
      : { backend: 'unavailable', available: false, reason: 'not-configured', detail: 'the app was started without a keychain' };
  }
  const session = createSessionSecretStore();
  if (!keychain) {
    notify({
      level: 'warning',
      code: 'Keychain.Unavailable',
      message: `No keychain is reachable (${keychainStatus.detail ?? 'unknown reason'}). Secrets can only be kept for this session; nothing secret is written to disk.`,
    });
  }
  const sealer = createSealer(await loadDataKey(keychain ?? session));

  const open = (spec: StoreSpec) => openStore(spec, { dataDir: options.dataDir, ...(options.storeFactory && { factory: options.storeFactory }), now: () => clock.now(), notify });
  const settingsStore = open(SETTINGS_STORE);
  const profilesStore = open(PROFILES_STORE);
  const inventoryStore = open(INVENTORY_STORE);
  const draftsStore = open(DRAFTS_STORE);
  const peersStore = open(PEERS_STORE);
  // The apply journal is written several times per job: one file per job keeps each write small at any history size.
  const jobsStore = openRecordStore(JOBS_STORE, { dataDir: options.dataDir, ...(options.storeFactory && { factory: options.storeFactory }), now: () => clock.now(), notify });

  const settings = createSettingsService(settingsStore);
  const profiles = createProfilesService({ store: profilesStore, keychain, session, keychainStatus: () => keychainStatus, emit, now });
  const sandbox = createSandboxService({ start: options.sandbox ?? inProcessEmulator({ updateSeconds: options.sandboxUpdateSeconds ?? 2, renegotiateSeconds: options.sandboxRenegotiateSeconds ?? 3 }) });
  const api = createApiAccess({
    profiles,
    sandbox,
    emit,
    now,
    ...(options.readTimeoutMs !== undefined && { readTimeoutMs: options.readTimeoutMs }),
    ...(options.createClient && { createClient: options.createClient }),
  });
  const readsFor = async (profileId: string) => createVpcReads(await api.clientFor(profileId));
  const timeline = createTimeline({ dataDir: options.dataDir, emit, now, notify: (message) => notify({ level: 'warning', code: 'Timeline.SkippedLines', message }) });
  const inventory = createInventoryService({
    store: inventoryStore,
    sealer: () => sealer,
    profiles,
    api,
    emit,
    now,
    ...(options.inventoryConcurrency !== undefined && { concurrency: options.inventoryConcurrency }),
    ...(options.inventoryRememberDelayMs !== undefined && { rememberDelayMs: options.inventoryRememberDelayMs }),
  });
  const drafts = createDraftsService({ store: draftsStore, sealer: () => sealer, profiles, inventory, readsFor, timeline, emit, now });
  const reconciler = createDraftReconciler({
    api,
    profiles,
    drafts,
    inventory,
    readsFor,
    onError: (error) => console.error('[reconcile] unexpected error:', error instanceof Error ? (error.stack ?? error.message) : String(error)),
    ...options.reconcile,
  });
  const peers = createPeersService({ store: peersStore, sealer: () => sealer, profiles });
  const peerGate = createPeerGate({ peers, drafts, timeline });
  const bundles = createBundlesService({ drafts, peers, profiles, inventory, secrets: () => keychain ?? session, keychainAvailable: () => keychain !== null, now, ...(options.bundleWorkFactor !== undefined && { workFactor: options.bundleWorkFactor }) });
  const apply = createApplyEngine({
    store: jobsStore,
    sealer: () => sealer,
    drafts,
    inventory,
    timeline,
    clientFor: (id) => api.clientFor(id),
    readsFor,
    emit,
    now,
    nowMs: () => clock.now().getTime(),
    defaultConfirmWindowSeconds: () => settings.get().confirmWindowSeconds,
    settleMs: () => options.apply?.settleMs ?? settings.get().settleSeconds * 1000,
    onInternalError: (error) => console.error('[apply] unexpected error:', error instanceof Error ? (error.stack ?? error.message) : String(error)),
    ...(options.apply?.retry && { retry: options.apply.retry }),
    ...(options.apply?.poll && { poll: options.apply.poll }),
    ...(options.apply?.confirmPollMs !== undefined && { confirmPollMs: options.apply.confirmPollMs }),
    ...(options.apply?.maxParallelGateways !== undefined && { maxParallelGateways: options.apply.maxParallelGateways }),
    ...(options.apply?.draftSettleMs !== undefined && { draftSettleMs: options.apply.draftSettleMs }),
  });
  const profileImport = createProfileImporter({
    profiles,
    homeDir: options.homeDir ?? os.homedir(),
    env: options.env ?? process.env,
    keychainAvailable: () => keychain !== null,
  });
  const appInfo = createAppInfoService({ ...options.facts, keychainStatus: async () => keychainStatus });
  const storage = { locations: async () => ({ dataFolder: options.dataDir, secrets: keychainStatus }) };

  const changeSheet = createChangeSheetService({ drafts, peers, profiles, confirmWindowSeconds: () => settings.get().confirmWindowSeconds, now, printPdf: options.printPdf });
  const services = { appInfo, storage, settings, profiles, profileImport, inventory, drafts, peers, peerGate, bundles, changeSheet, apply, timeline, sealer: () => sealer, keychainStatus: () => keychainStatus, sandbox };
  if (options.resumeJobs !== false) await apply.resume();
  return {
    table: createHandlerTable(services),
    services,
    apply,
    reconciler,
    async dispose() {
      await reconciler.dispose();
      await apply.dispose();
      inventory.flush();
      await sandbox.close();
    },
  };
}
