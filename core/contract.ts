// The single IPC contract between the sandboxed renderer and the main process. Everything else is derived from it:
// the preload's createApi, main's handler table and dispatcher, the renderer's typed fake and the e2e bridge.
// Adding a method = one entry here + its handler in main/handlers.
import * as z from 'zod';
import type { MergeConflict } from './merge/three-way.ts';
import type { VpnConnection, VpnType } from './model/connection.ts';
import type { Health, TunnelHealth, TunnelLoss } from './model/health.ts';
import type { DraftReadiness } from './rules/readiness.ts';
import { connectionShape } from './model/shape.ts';
import type { AppErrorShape } from './errors.ts';

/** Phantom marker that carries a result or event payload type without any runtime cost. */
export function shape<T>(): { readonly __type?: T } {
  return {};
}

export type KeychainBackend = 'libsecret' | 'macos-keychain' | 'windows-credential-manager' | 'unavailable';

export interface KeychainStatus {
  backend: KeychainBackend;
  available: boolean;
  /** Why the keychain is unavailable, in plain words (e.g. "No Secret Service on D-Bus"). */
  detail?: string;
}

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  arch: string;
  /** Runtime versions as seen by main: node always, electron/chrome when running inside Electron. */
  versions: { node: string; electron?: string; chrome?: string };
  keychain: KeychainStatus;
}

// ---- profiles -------------------------------------------------------------------------------------------------

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
      roleArn: z.string().regex(/^acs:ram::\d+:role\/.+$/, 'expected acs:ram::<account>:role/<name>'),
      roleSessionName: z.string().min(2).max(64).optional(),
    })
    .strict(),
]);

const profileName = z.string().trim().min(1).max(64);
const regionId = z.string().regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, 'expected a region id such as cn-hangzhou');
const id = z.string().min(1).max(128);

// ---- inventory ------------------------------------------------------------------------------------------------

export interface RegionSummary {
  RegionId: string;
  LocalName: string;
}

export interface GatewaySummary {
  VpnGatewayId: string;
  RegionId: string;
  Name: string;
  /** init | provisioning | active | updating | deleting */
  Status: string;
  /** Normal | FinancialLocked */
  BusinessStatus: string;
  VpnType: VpnType;
  /** DisasterRecoveryInternetIp present: the gateway can carry dual-tunnel connections. */
  dualTunnelCapable: boolean;
  /** BGP is enabled on the gateway: its connections may not switch BGP off (IllegalParam.EnableBgp). */
  EnableBgp?: boolean;
  InternetIp?: string;
}

export interface CustomerGatewaySummary {
  CustomerGatewayId: string;
  RegionId: string;
  Name: string;
  IpAddress: string;
  Asn?: string;
}

export interface ConnectionEntry {
  RegionId: string;
  connection: VpnConnection;
}

/** What the tree, its filter and quick-open show of a connection. The full connection is fetched per gateway
 * (`loadGatewayConnections`) when one is opened: the first reply stays ~8× smaller than the whole inventory. */
export interface ConnectionSummary {
  RegionId: string;
  VpnConnectionId: string;
  VpnGatewayId: string;
  Name: string;
  mode: VpnConnection['mode'];
  /** IPsec negotiation: ike_sa_not_established | ike_sa_established | ipsec_sa_not_established | ipsec_sa_established.
   * A dual-tunnel connection's own Status is its master tunnel's: read `health` and `tunnels` instead. */
  Status?: string;
  /** The worst of its tunnels (core `connectionHealth`). */
  health: Health;
  /** Dual-tunnel only: each tunnel's state, so a slave that is down shows without opening the connection. */
  tunnels?: TunnelHealth[];
}

/** The whole inventory main holds (and caches) for a profile. */
export interface InventorySnapshot {
  profileId: string;
  /** ISO time of the fetch this snapshot comes from; null when nothing was ever fetched. */
  fetchedAt: string | null;
  /** Goes up with every change main makes to the snapshot (a fetch, a read-back): the same revision is the same
   * data, whichever call returned it. */
  revision: number;
  /** `cache`: served from the last snapshot because the API could not be reached (offline). */
  source: 'live' | 'cache' | 'empty';
  regions: RegionSummary[];
  gateways: GatewaySummary[];
  connections: ConnectionEntry[];
  customerGateways: CustomerGatewaySummary[];
  /** Per-region failures that did not stop the rest. */
  errors: Array<AppErrorShape & { RegionId?: string }>;
}

/** What `loadInventory` sends the renderer: the snapshot with each connection summarized. */
export type InventoryListing = Omit<InventorySnapshot, 'connections'> & { connections: ConnectionSummary[] };

/** Full connections of some gateways, from the snapshot main holds: the listing's, or newer once an apply's
 * read-back has replaced a connection in it. */
export interface GatewayConnections {
  profileId: string;
  fetchedAt: string | null;
  connections: ConnectionEntry[];
}

/** One connection as the editor opens it: read live (DescribeVpnConnection), or main's copy when the API cannot be
 * reached. */
export interface ConnectionRead {
  profileId: string;
  source: 'live' | 'cache';
  /** ISO time of the read, or of the snapshot the cached copy comes from. */
  fetchedAt: string | null;
  /** null: not read live and main holds no copy of it. */
  entry: ConnectionEntry | null;
  /** Why it was not read live (source `cache`): offline, no credentials, throttled, not allowed… */
  reason?: AppErrorShape;
}

export interface InventoryProgress {
  profileId: string;
  phase: 'regions' | 'gateways' | 'connections' | 'customer-gateways' | 'done' | 'cancelled' | 'failed';
  completedRequests: number;
  /** Grows as pages are discovered. */
  totalRequests: number;
  RegionId?: string;
}

// ---- drafts ---------------------------------------------------------------------------------------------------

export type DraftStatus = 'editing' | 'applying' | 'applied' | 'conflict';

export interface DraftRecord {
  draftId: string;
  profileId: string;
  RegionId: string;
  VpnConnectionId: string;
  VpnGatewayId: string;
  /** The live connection the draft started from (three-way merge base). */
  base: VpnConnection;
  baseFetchedAt: string;
  draft: VpnConnection;
  createdAt: string;
  updatedAt: string;
  status: DraftStatus;
  /** Set by reconcileDraft when the live connection moved under the draft on fields the draft also changed. */
  conflicts: MergeConflict[];
}

export interface DraftSummary {
  draftId: string;
  profileId: string;
  RegionId: string;
  VpnConnectionId: string;
  VpnGatewayId: string;
  Name: string;
  baseFetchedAt: string;
  updatedAt: string;
  changedFieldCount: number;
  conflictCount: number;
  status: DraftStatus;
  /** Whether "Apply ready drafts" may queue it, and if not why (core `draftReadiness`, against main's inventory of
   * the draft's gateway). Recomputed when the draft or that inventory changes. */
  readiness: DraftReadiness;
}

// ---- apply jobs and the timeline ------------------------------------------------------------------------------

export type JobPhase =
  | 'queued'
  | 'validating'
  | 'checking-live'
  | 'submitting'
  /** The Modify's answer was lost after it may have reached the service: the live connection decides. */
  | 'reconciling'
  | 'waiting-gateway'
  | 'verifying'
  /** Applied and read back: every tunnel is watched for the settle period. */
  | 'settling'
  | 'confirm-window'
  | 'rolling-back'
  /** Applied, and no tunnel that was up before is down. */
  | 'succeeded'
  /** Applied, but a tunnel (or BGP session) that was up before is down: rollback offered. */
  | 'degraded'
  /** Whether the change landed (or how the tunnels fare) could not be decided: live values shown, rollback offered. */
  | 'unknown'
  | 'failed'
  | 'conflict'
  | 'rolled-back';

/** Phases after which a job does nothing more on its own. `degraded` and `unknown` still accept a rollback. */
export const FINAL_JOB_PHASES: readonly JobPhase[] = ['succeeded', 'degraded', 'unknown', 'failed', 'conflict', 'rolled-back'];

/** Each tunnel's state before the change and as last read after it. */
export interface JobTunnels {
  before: TunnelHealth[];
  now: TunnelHealth[];
  /** ISO time of the read `now` comes from. */
  checkedAt: string;
  /** What was up before and is not now (empty: nothing lost). */
  losses: TunnelLoss[];
  /** ISO time a loss was first seen, while there is one. */
  downSince?: string;
}

export interface JobSummary {
  jobId: string;
  draftId: string;
  profileId: string;
  RegionId: string;
  VpnConnectionId: string;
  VpnGatewayId: string;
  phase: JobPhase;
  ClientToken: string;
  createdAt: string;
  updatedAt: string;
  /** Send attempts so far (1 = no retry). */
  attempts: number;
  /** While phase is confirm-window: when the automatic rollback happens unless confirmed. */
  confirmDeadline?: string;
  /** While phase is settling: when the tunnels have been watched long enough. */
  settleDeadline?: string;
  /** Negotiation before the change and since, once the change landed. */
  tunnels?: JobTunnels;
  /** How a confirm window ended in keeping the change: the user's Confirm, or every tunnel negotiating at the
   * deadline. With `degraded`, `user` means the user kept it although a tunnel was down. */
  keptBy?: 'user' | 'negotiation';
  /** Whether `rollbackJob` can act on it now. */
  rollbackable: boolean;
  error?: AppErrorShape;
  /** Rule or API errors mapped to the fields that caused them. */
  fieldErrors: AppErrorShape[];
}

export type TimelineKind =
  | 'draft-saved'
  | 'validated'
  | 'validation-failed'
  | 'conflict'
  | 'queued'
  | 'submitted'
  | 'reconciled'
  | 'retry'
  | 'gateway-status'
  | 'verified'
  | 'mismatch'
  | 'negotiation'
  | 'settling'
  | 'degraded'
  | 'unknown'
  | 'confirm-window'
  | 'confirmed'
  | 'rolling-back'
  | 'rolled-back'
  | 'succeeded'
  | 'failed';

export interface TimelineEvent {
  /** Monotonic per store, so the renderer can merge pushed and fetched events without duplicates. */
  seq: number;
  at: string;
  kind: TimelineKind;
  VpnConnectionId: string;
  jobId?: string;
  /** Plain facts: RequestId, ClientToken, code, attempt, status, elapsedMs, … (never a secret). */
  detail: Record<string, string | number | boolean | null>;
}

// ---- settings -------------------------------------------------------------------------------------------------

export interface Settings {
  language: 'system' | 'zh-CN' | 'en';
  theme: 'system' | 'light' | 'dark';
  /** Default confirm window for applies (0 = apply without a confirm window). */
  confirmWindowSeconds: number;
  /** How long every tunnel is watched after an apply without a confirm window before it counts as succeeded. */
  settleSeconds: number;
}

export interface StorageLocations {
  dataFolder: string;
  secrets: KeychainStatus;
}

const noArgs = z.object({}).strict();
const exportFormat = z.enum(['json', 'csv']);

export const contract = {
  methods: {
    getAppInfo: { args: noArgs, result: shape<AppInfo>() },
    getStorageLocations: { args: noArgs, result: shape<StorageLocations>() },

    getSettings: { args: noArgs, result: shape<Settings>() },
    updateSettings: {
      args: z
        .object({
          language: z.enum(['system', 'zh-CN', 'en']).optional(),
          theme: z.enum(['system', 'light', 'dark']).optional(),
          confirmWindowSeconds: z.number().int().min(0).max(3600).optional(),
          settleSeconds: z.number().int().min(5).max(600).optional(),
        })
        .strict(),
      result: shape<Settings>(),
    },

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

    loadInventory: {
      args: z.object({ refresh: z.boolean(), regionIds: z.array(regionId).max(64).optional() }).strict(),
      result: shape<InventoryListing>(),
    },
    /** Served from main's snapshot (no API call), so it works offline. */
    loadGatewayConnections: {
      args: z.object({ VpnGatewayIds: z.array(id).min(1).max(100) }).strict(),
      result: shape<GatewayConnections>(),
    },
    /** The live state of the connection being opened; DescribeVpnConnections (what the inventory lists) leaves out
     * EnableBgp, and the connection may have changed since the inventory was fetched. */
    refreshConnection: {
      args: z.object({ RegionId: regionId, VpnConnectionId: id }).strict(),
      result: shape<ConnectionRead>(),
    },
    cancelInventory: { args: noArgs, result: shape<{ cancelled: boolean }>() },

    listDrafts: { args: noArgs, result: shape<DraftSummary[]>() },
    openDraft: { args: z.object({ RegionId: regionId, VpnConnectionId: id }).strict(), result: shape<DraftRecord>() },
    getDraft: { args: z.object({ draftId: id }).strict(), result: shape<DraftRecord>() },
    saveDraft: { args: z.object({ draftId: id, draft: connectionShape }).strict(), result: shape<DraftSummary>() },
    discardDraft: { args: z.object({ draftId: id }).strict(), result: shape<{ discarded: boolean }>() },
    exportDraft: { args: z.object({ draftId: id }).strict(), result: shape<{ fileName: string; content: string }>() },
    importDraft: { args: z.object({ content: z.string().min(2).max(2_000_000) }).strict(), result: shape<DraftRecord>() },
    reconcileDraft: { args: z.object({ draftId: id }).strict(), result: shape<DraftRecord>() },
    resolveConflict: {
      args: z.object({ draftId: id, path: z.string().min(1).max(200), take: z.enum(['draft', 'live']) }).strict(),
      result: shape<DraftRecord>(),
    },

    applyDraft: {
      args: z.object({ draftId: id, confirmWindowSeconds: z.number().int().min(0).max(3600).optional() }).strict(),
      result: shape<JobSummary>(),
    },
    /** Queues several drafts in one step (all or none); each gateway's changes still run one after another. */
    applyDrafts: {
      args: z.object({ draftIds: z.array(id).min(1).max(500), confirmWindowSeconds: z.number().int().min(0).max(3600).optional() }).strict(),
      result: shape<JobSummary[]>(),
    },
    confirmJob: { args: z.object({ jobId: id }).strict(), result: shape<JobSummary>() },
    rollbackJob: { args: z.object({ jobId: id }).strict(), result: shape<JobSummary>() },
    listJobs: { args: noArgs, result: shape<JobSummary[]>() },
    getTimeline: {
      args: z.object({ VpnConnectionId: id.optional(), jobId: id.optional() }).strict(),
      result: shape<TimelineEvent[]>(),
    },
    exportTimeline: {
      args: z.object({ format: exportFormat, VpnConnectionId: id.optional(), jobId: id.optional() }).strict(),
      result: shape<{ fileName: string; content: string }>(),
    },
  },
  events: {
    /** Sent by main whenever it learns something the whole UI should show (keychain lost, store set aside, …). */
    appNotice: shape<{ level: 'info' | 'warning' | 'error'; code: string; message: string }>(),
    /** Reachability of the active profile's API endpoint, as last observed by main. */
    connectivity: shape<{ online: boolean; checkedAt: string; reason?: string }>(),
    inventoryProgress: shape<InventoryProgress>(),
    jobUpdated: shape<JobSummary>(),
    timelineEvent: shape<TimelineEvent>(),
    draftsChanged: shape<{ drafts: DraftSummary[] }>(),
    profilesChanged: shape<ProfilesState>(),
  },
} as const;

type Contract = typeof contract;
export type MethodName = keyof Contract['methods'] & string;
export type EventName = keyof Contract['events'] & string;
export type MethodArgs<M extends MethodName> = z.input<Contract['methods'][M]['args']>;
export type ParsedArgs<M extends MethodName> = z.output<Contract['methods'][M]['args']>;
export type MethodResult<M extends MethodName> = NonNullable<Contract['methods'][M]['result']['__type']>;
export type EventPayload<E extends EventName> = NonNullable<Contract['events'][E]['__type']>;

export const methodNames = Object.keys(contract.methods) as MethodName[];
export const eventNames = Object.keys(contract.events) as EventName[];
const knownMethods = new Set<string>(methodNames);
const knownEvents = new Set<string>(eventNames);

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && knownMethods.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && knownEvents.has(name);
}

/** What the renderer sees as `window.api`. */
export type Api = {
  [M in MethodName]: (
    ...args: Record<string, never> extends MethodArgs<M> ? [args?: MethodArgs<M>] : [args: MethodArgs<M>]
  ) => Promise<MethodResult<M>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export const IPC_INVOKE_PREFIX = 'api:';
export const IPC_EVENT_PREFIX = 'event:';
