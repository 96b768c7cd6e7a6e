// Drafts: one per connection being edited, autosaved on every saveDraft, each with the live snapshot it started
// from (the three-way merge base). Stored in the `drafts` store with PSKs and certificates sealed.
import crypto from 'node:crypto';
import * as z from 'zod';
import { changedFields, draftReadiness, gatewayContextOf, getField, mergeThreeWay, resolveConflict, setField, type VpnConnection } from '../../core/index.ts';
import type { DraftRecord, DraftStatus, DraftSummary } from '../../core/contract.ts';
import { flaggedFieldNames } from '../../core/model/paths.ts';
import { connectionShape } from '../../core/model/shape.ts';
import { reviveNumbers } from '../../core/model/stored-numbers.ts';
import { AppError } from '../../core/errors.ts';
import { createDraftTransfer } from './draft-transfer.ts';
import { sameIdentity } from './draft-shape.ts';
import type { EventSink } from './events.ts';
import type { InventoryService } from './inventory.ts';
import type { ProfilesService } from './profiles.ts';
import type { Sealer } from './sealing.ts';
import { RECORD_OK, recordMatches, type KeyValueStore, type StoreSpec } from './store.ts';
import type { TimelineService } from './timeline.ts';
import type { VpcReads } from './vpc-reads.ts';

/** What every part of the service reads from a stored record (secrets sealed: strings all the same). */
const storedDraftShape = z.object({
  draftId: z.string(),
  profileId: z.string(),
  RegionId: z.string(),
  VpnConnectionId: z.string(),
  VpnGatewayId: z.string(),
  base: connectionShape,
  baseFetchedAt: z.string(),
  draft: connectionShape,
  createdAt: z.string(),
  updatedAt: z.string(),
  status: z.enum(['editing', 'applying', 'applied', 'conflict']),
  conflicts: z.array(z.object({ path: z.string() })),
});

export const DRAFTS_STORE: StoreSpec = {
  name: 'drafts',
  version: 1,
  // One damaged record (hand-edited, half-restored) is set aside instead of breaking every list of drafts.
  check(key, value) {
    if (!key.startsWith('draft:')) return RECORD_OK;
    const shaped = recordMatches(storedDraftShape, value);
    if (!shaped.ok) return shaped;
    return (value as DraftRecord).draftId === key.slice('draft:'.length) ? RECORD_OK : { ok: false, reason: 'draftId does not match its key' };
  },
  migrations: [
    // 0 → 1: records written before the schema was versioned lack `conflicts` and `status`.
    (data) =>
      Object.fromEntries(
        Object.entries(data).map(([key, value]) => {
          if (!key.startsWith('draft:') || value === null || typeof value !== 'object') return [key, value];
          const record = value as Record<string, unknown>;
          return [key, { ...record, conflicts: Array.isArray(record.conflicts) ? record.conflicts : [], status: typeof record.status === 'string' ? record.status : 'editing' }];
        }),
      ),
  ],
};

export interface DraftsDeps {
  store: KeyValueStore;
  sealer(): Sealer;
  profiles: ProfilesService;
  inventory: InventoryService;
  readsFor(profileId: string): Promise<VpcReads>;
  timeline: TimelineService;
  emit: EventSink;
  now(): string;
  /** Minimum time between two `draft-saved` timeline entries for one draft when nothing else changed. */
  savedEventIntervalMs?: number;
}

// Conflict values are met by path, not by name, so they are sealed one by one: PSKs and certificates alike.
const SEALED_NAMES = flaggedFieldNames('sealed');
const isSealedPath = (path: string) => SEALED_NAMES.has(path.slice(path.lastIndexOf('.') + 1));

export function createDraftsService(deps: DraftsDeps) {
  const key = (draftId: string) => `draft:${draftId}`;
  const lastSavedEvent = new Map<string, { at: number; count: number }>();

  const read = (draftId: string): DraftRecord | null => {
    const stored = deps.store.get<DraftRecord>(key(draftId));
    if (!stored) return null;
    const sealer = deps.sealer();
    const record = reviveNumbers(sealer.unsealDeep(stored));
    // Conflict values sit under `base` / `draft` / `live`, which sealing does not open by name: those of a sealed
    // path were sealed one by one (write, below) and are opened the same way.
    const open = (value: unknown) => {
      try {
        return sealer.unseal(String(value ?? ''));
      } catch {
        return '';
      }
    };
    const conflicts = record.conflicts.map((c) => (isSealedPath(c.path) ? { ...c, base: open(c.base), draft: open(c.draft), live: open(c.live) } : c));
    return { ...record, conflicts };
  };
  // Summaries of every draft, kept in step with the store: listing drafts (on every change, for draftsChanged)
  // would otherwise unseal every draft each time. An editing draft's readiness also depends on main's inventory of
  // its gateway: `revision` is the snapshot revision it was computed against, and it is recomputed when that moves.
  interface IndexEntry {
    createdAt: string;
    summary: DraftSummary;
    revision: number;
  }
  let summaries: Map<string, IndexEntry> | null = null;
  const snapshotRevision = (profileId: string) => deps.inventory.cached(profileId)?.revision ?? -1;
  const entryOf = (r: DraftRecord): IndexEntry => ({ createdAt: r.createdAt, revision: snapshotRevision(r.profileId), summary: summarize(r) });
  const summaryIndex = () => {
    summaries ??= new Map(all().map((r) => [r.draftId, entryOf(r)]));
    return summaries;
  };
  /** The entry with its readiness computed against the current snapshot; true when the readiness changed. */
  const refresh = (entry: IndexEntry): boolean => {
    if (entry.summary.status !== 'editing' || entry.revision === snapshotRevision(entry.summary.profileId)) return false;
    const r = read(entry.summary.draftId);
    if (!r) return false;
    const before = JSON.stringify(entry.summary.readiness);
    Object.assign(entry, entryOf(r));
    return JSON.stringify(entry.summary.readiness) !== before;
  };
  // The store first: a save the disk refuses throws, and neither the record nor its summary changes.
  const write = (record: DraftRecord) => {
    const sealer = deps.sealer();
    const conflicts = record.conflicts.map((c) =>
      isSealedPath(c.path)
        ? { ...c, base: sealer.seal(String(c.base ?? '')), draft: sealer.seal(String(c.draft ?? '')), live: sealer.seal(String(c.live ?? '')) }
        : c,
    );
    deps.store.set(key(record.draftId), sealer.sealDeep({ ...record, conflicts }));
    summaryIndex().set(record.draftId, entryOf(record));
  };
  const all = (): DraftRecord[] =>
    deps.store
      .keys()
      .filter((k) => k.startsWith('draft:'))
      .map((k) => read(k.slice('draft:'.length)))
      .filter((r): r is DraftRecord => r !== null);

  const summarize = (r: DraftRecord): DraftSummary => ({
    draftId: r.draftId,
    profileId: r.profileId,
    RegionId: r.RegionId,
    VpnConnectionId: r.VpnConnectionId,
    VpnGatewayId: r.VpnGatewayId,
    Name: r.draft.Name,
    baseFetchedAt: r.baseFetchedAt,
    updatedAt: r.updatedAt,
    changedFieldCount: r.base.mode === r.draft.mode ? changedFields(r.base, r.draft).length : 0,
    conflictCount: r.conflicts.length,
    status: r.status,
    // Only an editing draft's readiness depends on its gateway: the others are not read against the snapshot.
    readiness: draftReadiness(r, r.status === 'editing' ? gatewayContextOf(deps.inventory.cached(r.profileId), r) : null),
  });
  const list = () =>
    [...summaryIndex().values()]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((entry) => {
        refresh(entry);
        return entry.summary;
      });
  /** The open (not yet applied) draft of a connection, if any. */
  const openDraftOf = (profileId: string, VpnConnectionId: string): DraftRecord | null => {
    for (const { summary } of summaryIndex().values()) {
      if (summary.profileId === profileId && summary.VpnConnectionId === VpnConnectionId && summary.status !== 'applied') return read(summary.draftId);
    }
    return null;
  };
  const announce = () => deps.emit('draftsChanged', { drafts: list() });
  // A fetch or a read-back can make a draft ready (its gateway is now known) or not (a sibling now holds its tunnel
  // network): the renderer hears of it when an editing draft's readiness changes.
  deps.inventory.onSnapshotChange((profileId) => {
    if (summaries === null) return;
    let changed = false;
    for (const entry of summaries.values()) if (entry.summary.profileId === profileId && refresh(entry)) changed = true;
    if (changed) announce();
  });

  const get = (draftId: string): DraftRecord => {
    const r = read(draftId);
    if (!r) throw new AppError('Draft.NotFound', `No draft with id ${draftId}.`, 'draftId');
    return r;
  };
  const requireEditable = (r: DraftRecord) => {
    if (r.status === 'applying') throw new AppError('Draft.Busy', 'This draft is being applied; wait for the job to finish.', 'draftId');
  };
  const update = (r: DraftRecord, patch: Partial<DraftRecord>): DraftRecord => {
    const next = { ...r, ...patch, updatedAt: deps.now() };
    write(next);
    announce();
    return next;
  };

  const create = (profileId: string, RegionId: string, base: VpnConnection, draft: VpnConnection, baseFetchedAt: string, needsSecrets: string[] = []): DraftRecord => {
    const now = deps.now();
    const record: DraftRecord = {
      draftId: crypto.randomUUID(),
      profileId,
      RegionId,
      VpnConnectionId: draft.VpnConnectionId,
      VpnGatewayId: draft.VpnGatewayId,
      base,
      baseFetchedAt,
      draft,
      createdAt: now,
      updatedAt: now,
      status: 'editing',
      conflicts: [],
      ...(needsSecrets.length > 0 && { needsSecrets }),
    };
    write(record);
    announce();
    return record;
  };

  const liveConnection = async (profileId: string, RegionId: string, VpnConnectionId: string): Promise<{ connection: VpnConnection; fetchedAt: string }> => {
    const cachedSnapshot = deps.inventory.cached(profileId);
    const fromCache = cachedSnapshot?.connections.find((c) => c.connection.VpnConnectionId === VpnConnectionId && c.RegionId === RegionId);
    if (fromCache && cachedSnapshot?.fetchedAt) return { connection: fromCache.connection, fetchedAt: cachedSnapshot.fetchedAt };
    const connection = await (await deps.readsFor(profileId)).connection(RegionId, VpnConnectionId);
    deps.inventory.rememberConnection(profileId, { RegionId, connection });
    return { connection, fetchedAt: deps.now() };
  };

  const batch = <T>(work: () => T): T => {
    try {
      return deps.store.batch(work);
    } catch (error) {
      summaries = null;
      throw error;
    }
  };
  const mergedOnto = (r: DraftRecord, live: VpnConnection): Partial<DraftRecord> => {
    // A draft whose own ids disagree with the connection read (a hand-off bundle naming another gateway) is not this
    // connection's draft: merging would store a record that can never be saved or applied correctly.
    const mismatch = sameIdentity(live, r.draft);
    if (mismatch) throw new AppError('Draft.IdentityChanged', `The draft does not match the live connection (${mismatch}).`, mismatch);
    const merged = mergeThreeWay(r.base, r.draft, live);
    if (!merged.ok) throw new AppError('Draft.CannotMerge', `The connection changed ${merged.reason === 'modeChanged' ? 'tunnel mode' : 'identity'} under the draft; discard it and start again.`);
    // A secret the sender changed but could not send stays empty: the merge would otherwise take the live key for it
    // (draft and base both empty), the very loss `needsSecrets` guards against.
    const draft = (r.needsSecrets ?? []).reduce((acc, path) => setField(acc, path, ''), merged.merged);
    const conflicts = merged.conflicts;
    return { base: live, baseFetchedAt: deps.now(), draft, conflicts, status: conflicts.length > 0 ? 'conflict' : 'editing', ...(r.notInAccount && { notInAccount: false }) };
  };

  return {
    list,
    get,
    all,
    summarize,
    async open(RegionId: string, VpnConnectionId: string): Promise<DraftRecord> {
      const profileId = deps.profiles.active().profileId;
      const existing = openDraftOf(profileId, VpnConnectionId);
      if (existing) return existing;
      const { connection, fetchedAt } = await liveConnection(profileId, RegionId, VpnConnectionId);
      return create(profileId, RegionId, connection, connection, fetchedAt);
    },
    save(draftId: string, draft: VpnConnection): DraftSummary {
      const r = get(draftId);
      requireEditable(r);
      if (r.status === 'applied') throw new AppError('Draft.Applied', 'This draft was applied already; open the connection again to start a new draft.', 'draftId');
      const mismatch = sameIdentity(r.base, draft);
      if (mismatch) throw new AppError('Draft.IdentityChanged', `A draft cannot change ${mismatch}.`, mismatch);
      // A secret the sender's file could not carry stops being needed once the user has entered it.
      const needsSecrets = r.needsSecrets?.filter((path) => getField(draft, path) === '');
      const next = update(r, { draft, ...(r.needsSecrets && { needsSecrets: needsSecrets ?? [] }) });
      const count = summarize(next).changedFieldCount;
      const last = lastSavedEvent.get(draftId);
      const nowMs = Date.parse(next.updatedAt);
      if (!last || last.count !== count || nowMs - last.at >= (deps.savedEventIntervalMs ?? 30_000)) {
        deps.timeline.append('draft-saved', r.VpnConnectionId, { draftId, changedFieldCount: count });
        lastSavedEvent.set(draftId, { at: nowMs, count });
      }
      return summarize(next);
    },
    setStatus(draftId: string, status: DraftStatus, patch: Partial<DraftRecord> = {}): DraftRecord {
      return update(get(draftId), { ...patch, status });
    },
    /** Runs `work` with the drafts file written once at the end; if the work or that write fails, nothing of it
     * stays (the store puts its records back, and the summaries are rebuilt from them). */
    batch,
    discard(draftId: string): boolean {
      const r = read(draftId);
      if (!r) return false;
      requireEditable(r);
      deps.store.delete(key(draftId));
      summaryIndex().delete(draftId);
      announce();
      return true;
    },
    ...createDraftTransfer({ now: deps.now, profiles: deps.profiles, get, openDraftOf, liveConnection, create, update, requireEditable }),
    async reconcile(draftId: string): Promise<DraftRecord> {
      const r = get(draftId);
      requireEditable(r);
      const live = await (await deps.readsFor(r.profileId)).connection(r.RegionId, r.VpnConnectionId);
      deps.inventory.rememberConnection(r.profileId, { RegionId: r.RegionId, connection: live });
      return this.mergeWithLive(r, live);
    },
    /** Three-way merge of the draft onto `live`; the new base is `live`. */
    mergeWithLive(r: DraftRecord, live: VpnConnection): DraftRecord {
      return update(r, mergedOnto(r, live));
    },
    /**
     * The same merge for many drafts, each `live` read by the caller: one write of the drafts file and one
     * draftsChanged. A draft no longer being edited when this runs (queued for apply, or in conflict since the
     * read) is left alone; the check and the write happen together, so an apply queued meanwhile always wins.
     * Returns the drafts merged and those whose connection changed mode or identity (left as they were).
     */
    mergeEditingWithLive(reads: ReadonlyArray<{ draftId: string; live: VpnConnection }>): { merged: DraftRecord[]; refused: string[] } {
      const merged: DraftRecord[] = [];
      const refused: string[] = [];
      batch(() => {
        for (const { draftId, live } of reads) {
          const r = read(draftId);
          if (r?.status !== 'editing') continue;
          let patch: Partial<DraftRecord>;
          try {
            patch = mergedOnto(r, live);
          } catch {
            refused.push(draftId);
            continue;
          }
          const next = { ...r, ...patch, updatedAt: deps.now() };
          write(next);
          merged.push(next);
        }
      });
      if (merged.length > 0) announce();
      return { merged, refused };
    },
    resolve(draftId: string, path: string, take: 'draft' | 'live'): DraftRecord {
      const r = get(draftId);
      requireEditable(r);
      const conflict = r.conflicts.find((c) => c.path === path);
      if (!conflict) throw new AppError('Draft.NoSuchConflict', `No conflict on ${path}.`, 'path');
      const conflicts = r.conflicts.filter((c) => c.path !== path);
      return update(r, { draft: resolveConflict(r.draft, conflict, take), conflicts, status: conflicts.length > 0 ? 'conflict' : 'editing' });
    },
  };
}

export type DraftsService = ReturnType<typeof createDraftsService>;
