// A stateful in-memory stand-in for main's services (profiles, inventory, drafts, jobs, timeline, settings) behind
// the typed fake api. Tests override single handlers to script failures or pushes.
import type { DraftRecord, DraftSummary, InventorySnapshot, JobSummary, ProfilesState, Settings, TimelineEvent } from '../../../core/contract.ts';
import { diffConnections, draftReadiness, gatewayContextOf, type VpnConnection } from '../../../core/index.ts';
import { connectionsOfGateways, listInventory } from '../../../core/inventory-listing.ts';
import type { PeerProfile } from '../../../core/peer/profile.ts';
import { createFakeApi, FakeApiError, type FakeHandlers } from './fake-api.ts';
import { snapshot as sampleSnapshot } from './sample-data.ts';

export interface FakeMainOptions {
  inventory?: InventorySnapshot;
  settings?: Partial<Settings>;
  handlers?: FakeHandlers;
}

export function createFakeMain(options: FakeMainOptions = {}) {
  let inventory = options.inventory ?? sampleSnapshot();
  let settings: Settings = { language: 'en', theme: 'light', confirmWindowSeconds: 0, settleSeconds: 20, ...options.settings };
  const profiles: ProfilesState = {
    profiles: [{ profileId: 'sandbox', name: 'Sandbox', kind: 'Sandbox', regionId: 'cn-hangzhou', accessKeyIdMasked: null, hasSecret: false, sessionOnly: false, builtIn: true }],
    activeProfileId: 'sandbox',
    keychain: { backend: 'libsecret', available: true },
  };
  const peers = new Map<string, PeerProfile>();
  const drafts = new Map<string, DraftRecord>();
  const jobs = new Map<string, JobSummary>();
  const events: TimelineEvent[] = [];
  let seq = 0;
  const now = () => new Date().toISOString();
  const liveOf = (id: string): VpnConnection => {
    const entry = inventory.connections.find((e) => e.connection.VpnConnectionId === id);
    if (!entry) throw new FakeApiError({ code: 'InvalidVpnConnectionInstanceId.NotFound', message: `${id} not found` });
    return entry.connection;
  };
  const summary = (r: DraftRecord): DraftSummary => ({
    draftId: r.draftId, profileId: r.profileId, RegionId: r.RegionId, VpnConnectionId: r.VpnConnectionId, VpnGatewayId: r.VpnGatewayId,
    Name: r.draft.Name, baseFetchedAt: r.baseFetchedAt, updatedAt: r.updatedAt, changedFieldCount: diffConnections(r.base, r.draft).length,
    conflictCount: r.conflicts.length, status: r.status,
    // As main computes it: core's readiness against the inventory of the draft's gateway.
    readiness: draftReadiness(r, gatewayContextOf(inventory, r)),
  });
  const getRecord = (draftId: string) => {
    const r = drafts.get(draftId);
    if (!r) throw new FakeApiError({ code: 'Draft.NotFound', message: 'no such draft' });
    return r;
  };
  const changed = () => fake.emit('draftsChanged', { drafts: [...drafts.values()].map(summary) });

  const handlers: FakeHandlers = {
    getAppInfo: () => ({ name: 'IPsec Studio', version: '0.1.0', platform: 'linux', arch: 'x64', versions: { node: '22.23.3' }, keychain: profiles.keychain }),
    getStorageLocations: () => ({ dataFolder: '/home/user/.config/ipsec-studio', secrets: profiles.keychain }),
    getSettings: () => settings,
    updateSettings: (args) => (settings = { ...settings, ...(args as Partial<Settings>) }),
    listProfiles: () => profiles,
    switchProfile: (args) => ({ ...profiles, activeProfileId: (args as { profileId: string }).profileId }),
    loadInventory: () => listInventory(inventory),
    refreshConnection: (args) => {
      const { RegionId, VpnConnectionId } = args as { RegionId: string; VpnConnectionId: string };
      const entry = inventory.connections.find((e) => e.RegionId === RegionId && e.connection.VpnConnectionId === VpnConnectionId) ?? null;
      return { profileId: inventory.profileId, source: 'live' as const, fetchedAt: inventory.fetchedAt, entry };
    },
    loadGatewayConnections: (args) => ({
      profileId: inventory.profileId,
      fetchedAt: inventory.fetchedAt,
      connections: connectionsOfGateways(inventory, (args as { VpnGatewayIds: string[] }).VpnGatewayIds),
    }),
    listDrafts: () => [...drafts.values()].map(summary),
    openDraft: (args) => {
      const { RegionId, VpnConnectionId } = args as { RegionId: string; VpnConnectionId: string };
      const existing = [...drafts.values()].find((d) => d.VpnConnectionId === VpnConnectionId);
      if (existing) return existing;
      const live = liveOf(VpnConnectionId);
      const record: DraftRecord = {
        draftId: `draft-${VpnConnectionId}`, profileId: 'sandbox', RegionId, VpnConnectionId, VpnGatewayId: live.VpnGatewayId, base: live,
        baseFetchedAt: inventory.fetchedAt ?? now(), draft: live, createdAt: now(), updatedAt: now(), status: 'editing', conflicts: [],
      };
      drafts.set(record.draftId, record);
      changed();
      return record;
    },
    getDraft: (args) => getRecord((args as { draftId: string }).draftId),
    saveDraft: (args) => {
      const { draftId, draft } = args as { draftId: string; draft: VpnConnection };
      const r = { ...getRecord(draftId), draft, updatedAt: now() };
      drafts.set(draftId, r);
      changed();
      return summary(r);
    },
    discardDraft: (args) => {
      drafts.delete((args as { draftId: string }).draftId);
      changed();
      return { discarded: true };
    },
    applyDraft: (args) => {
      const r = getRecord((args as { draftId: string }).draftId);
      const job: JobSummary = {
        jobId: `job-${jobs.size + 1}`, draftId: r.draftId, profileId: r.profileId, RegionId: r.RegionId, VpnConnectionId: r.VpnConnectionId, VpnGatewayId: r.VpnGatewayId,
        phase: 'queued', ClientToken: `tok-${jobs.size + 1}`, createdAt: now(), updatedAt: now(), attempts: 1, rollbackable: false, fieldErrors: [],
      };
      jobs.set(job.jobId, job);
      return job;
    },
    confirmJob: (args) => ({ ...jobs.get((args as { jobId: string }).jobId)!, phase: 'succeeded', updatedAt: now() }),
    rollbackJob: (args) => ({ ...jobs.get((args as { jobId: string }).jobId)!, phase: 'rolling-back', updatedAt: now() }),
    listJobs: () => [...jobs.values()],
    getTimeline: (args) => events.filter((e) => e.VpnConnectionId === (args as { VpnConnectionId?: string }).VpnConnectionId),
    getPeerProfile: (args) => ({ profile: peers.get((args as { VpnConnectionId: string }).VpnConnectionId) ?? null }),
    savePeerProfile: (args) => {
      const { VpnConnectionId, profile } = args as { VpnConnectionId: string; profile: PeerProfile };
      peers.set(VpnConnectionId, profile);
      return profile;
    },
    getBundleKey: () => ({ recipient: null }),
    deletePeerProfile: (args) => ({ deleted: peers.delete((args as { VpnConnectionId: string }).VpnConnectionId) }),
    ...options.handlers,
  };
  const fake = createFakeApi(handlers);
  return {
    ...fake,
    /** The live handler table: a test may replace a handler after the app has started. */
    handlers,
    drafts,
    jobs,
    /** Peer device profiles by connection, as main would keep them. */
    peers,
    setInventory(next: InventorySnapshot) {
      inventory = next;
    },
    pushEvent(e: Omit<TimelineEvent, 'seq'>) {
      const full = { ...e, seq: ++seq };
      events.push(full);
      fake.emit('timelineEvent', full);
    },
  };
}
