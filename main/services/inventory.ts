// Inventory: regions → VPN gateways → IPsec connections (+ customer gateways) for the active profile, fetched at
// the API's maximum page size with bounded concurrency, cancellable, with progress events. The last snapshot per
// profile is cached (secrets sealed) with its fetch time, so everything can be browsed and drafted offline.
// The cache is held in memory, deep-frozen, and written to disk after the reply: sealing and writing 2,000
// connections costs ~140 ms, which the user should not wait for, and a cache lost to a crash is simply re-fetched.
import type { ConnectionEntry, ConnectionRead, GatewayConnections, InventoryListing, InventoryProgress, InventorySnapshot, RegionSummary } from '../../core/contract.ts';
import { AppError, type AppErrorShape } from '../../core/errors.ts';
import { connectionsOfGateways, listInventory } from '../../core/inventory-listing.ts';
import type { ApiAccess } from './api-access.ts';
import { isNetworkError, normalizeApiError } from './api-error.ts';
import type { EventSink } from './events.ts';
import { createLimiter } from './limiter.ts';
import type { ProfilesService } from './profiles.ts';
import type { Sealer } from './sealing.ts';
import { connectionShape } from '../../core/model/shape.ts';
import { RECORD_OK, type KeyValueStore, type RecordCheck } from './store.ts';
import type { VpcAction } from './vpc-client.ts';
import { byteBudget, collectPages, createVpcReads, type Page, type VpcReads } from './vpc-reads.ts';

/** Response bytes one load may hold (2,000 connections come to about 8 MB): a service that keeps sending new
 * items ends in `Api.ResponseTooLarge` for its region, not in an out-of-memory crash. */
export const LOAD_BYTES = 128 * 1024 * 1024;

export interface InventoryService {
  load(args: { refresh: boolean; regionIds?: string[] }): Promise<InventorySnapshot>;
  /** `load`, with each connection summarized: what the renderer receives first. */
  list(args: { refresh: boolean; regionIds?: string[] }): Promise<InventoryListing>;
  /** Full connections of some gateways of the active profile, from its snapshot (no network). */
  gatewayConnections(VpnGatewayIds: readonly string[]): GatewayConnections;
  /** One connection of the active profile read live and remembered; the snapshot's copy, with the reason, when it
   * cannot be read live. */
  refreshConnection(RegionId: string, VpnConnectionId: string): Promise<ConnectionRead>;
  cancel(): boolean;
  /** The cached snapshot of a profile (no network). */
  cached(profileId: string): InventorySnapshot | null;
  /** Updates one connection in the cache after a fresh read (apply read-back, reconcile). */
  rememberConnection(profileId: string, entry: ConnectionEntry): void;
  /** Calls `listener` with the profile whenever main's snapshot of it changes (a fetch, a read-back). */
  onSnapshotChange(listener: (profileId: string) => void): () => void;
  /** Writes any cache change not yet on disk (at quit). */
  flush(): void;
}

export interface InventoryDeps {
  store: KeyValueStore;
  sealer(): Sealer;
  profiles: ProfilesService;
  api: ApiAccess;
  emit: EventSink;
  now(): string;
  /** Concurrent API requests during one load (regions × pages); also how many pages of a list are asked ahead. */
  concurrency?: number;
  /** Response bytes one load may hold (default LOAD_BYTES). */
  loadBytes?: number;
  /** How long single-connection updates may wait to be written together (ms). */
  rememberDelayMs?: number;
}

class Cancelled extends Error {}

function emptySnapshot(profileId: string): InventorySnapshot {
  return { profileId, fetchedAt: null, revision: 0, source: 'empty', regions: [], gateways: [], connections: [], customerGateways: [], errors: [] };
}

export function createInventoryService(deps: InventoryDeps): InventoryService {
  let current: AbortController | null = null;
  const cacheKey = (profileId: string) => `snapshot:${profileId}`;

  const memory = new Map<string, InventorySnapshot>();
  const cached = (profileId: string): InventorySnapshot | null => {
    const held = memory.get(profileId);
    if (held) return held;
    const stored = deps.store.get<unknown>(cacheKey(profileId));
    // A damaged or hand-edited cache file must not break browsing and drafting: it counts as no snapshot.
    if (!isSnapshotShaped(stored)) return null;
    // Caches written before revisions existed count as revision 1.
    const snapshot = deepFreeze({ ...deps.sealer().unsealDeep(stored), revision: typeof stored.revision === 'number' ? stored.revision : 1 });
    memory.set(profileId, snapshot);
    return snapshot;
  };

  const unwritten = new Set<string>();
  let writeTimer: ReturnType<typeof setTimeout> | undefined;
  // The offline copy is written from a timer, after the reply: a disk that refuses it (full, read-only, a store set
  // aside) is said once per kind of failure, never thrown out of the timer. Memory keeps the snapshot; the next
  // fetch or read-back tries the disk again.
  let lastWriteFailure: string | null = null;
  const flush = () => {
    clearTimeout(writeTimer);
    writeTimer = undefined;
    for (const profileId of unwritten) {
      const snapshot = memory.get(profileId);
      if (!snapshot) continue;
      try {
        deps.store.set(cacheKey(profileId), deps.sealer().sealDeep(snapshot));
        lastWriteFailure = null;
      } catch (error) {
        const code = error instanceof AppError ? error.code : 'Storage.WriteFailed';
        if (code !== lastWriteFailure) deps.emit('appNotice', { level: 'warning', code, message: `The offline copy of the inventory could not be saved (${error instanceof Error ? error.message : String(error)}).` });
        lastWriteFailure = code;
      }
    }
    unwritten.clear();
  };
  const listeners = new Set<(profileId: string) => void>();
  /** Holds the snapshot (frozen: every caller shares it) and writes it once the current reply has gone. */
  const saveCache = (snapshot: InventorySnapshot, delayMs = 0): InventorySnapshot => {
    const frozen = deepFreeze(snapshot);
    memory.set(snapshot.profileId, frozen);
    for (const listener of listeners) {
      try {
        listener(snapshot.profileId);
      } catch {
        // A listener's failure must not lose the snapshot.
      }
    }
    unwritten.add(snapshot.profileId);
    if (writeTimer === undefined || delayMs === 0) {
      clearTimeout(writeTimer);
      writeTimer = setTimeout(flush, delayMs);
      writeTimer.unref?.();
    }
    return frozen;
  };

  async function fetchAll(profileId: string, reads: VpcReads, homeRegion: string, only: string[] | undefined, signal: AbortSignal) {
    const run = createLimiter(deps.concurrency ?? 6);
    const progress: InventoryProgress = { profileId, phase: 'regions', completedRequests: 0, totalRequests: 1 };
    const report = (patch: Partial<InventoryProgress>) => {
      Object.assign(progress, patch);
      deps.emit('inventoryProgress', { ...progress });
    };
    const guard = <T>(task: () => Promise<T>) =>
      run(async () => {
        if (signal.aborted) throw new Cancelled();
        const result = await task();
        if (signal.aborted) throw new Cancelled();
        return result;
      });

    // Every list of every region, its pages asked for while the pages before them prove there are more (never on
    // TotalCount's word alone), and all of them within one byte budget: what a load may hold is bounded whatever
    // the service answers.
    const budget = byteBudget(deps.loadBytes ?? LOAD_BYTES);
    const allPages = async <T>(phase: InventoryProgress['phase'], RegionId: string, action: VpcAction, fetchPage: (n: number) => Promise<Page<T>>, idOf: (item: T) => string): Promise<T[]> => {
      report({ phase, RegionId });
      return collectPages(
        action,
        (n) => {
          report({ totalRequests: progress.totalRequests + 1 });
          return guard(() => fetchPage(n)).finally(() => report({ completedRequests: progress.completedRequests + 1 }));
        },
        idOf,
        { lookahead: deps.concurrency ?? 6, budget, maxPages: reads.maxPages },
      );
    };

    const fetchRegion = async (RegionId: string) => {
      try {
        const [gateways, connections, customerGateways] = await Promise.all([
          allPages('gateways', RegionId, 'DescribeVpnGateways', (n) => reads.gatewaysPage(RegionId, n), (g) => g.VpnGatewayId),
          allPages('connections', RegionId, 'DescribeVpnConnections', (n) => reads.connectionsPage(RegionId, n), (c) => c.VpnConnectionId),
          allPages('customer-gateways', RegionId, 'DescribeCustomerGateways', (n) => reads.customerGatewaysPage(RegionId, n), (c) => c.CustomerGatewayId),
        ]);
        return { RegionId, ok: true as const, gateways, connections: connections.map((connection) => ({ RegionId, connection })), customerGateways };
      } catch (error) {
        if (error instanceof Cancelled) throw error;
        return { RegionId, ok: false as const, error: normalizeApiError(error) };
      }
    };

    report({});
    // The home region is always listed, so its lists are fetched while the region list is: the other slots would
    // otherwise wait one round trip with nothing to do.
    const home = only ? undefined : fetchRegion(homeRegion);
    home?.catch(() => undefined);
    const allRegions = await guard(() => reads.regions(homeRegion));
    report({ completedRequests: progress.completedRequests + 1 });
    const regions: RegionSummary[] = only ? only.map((id) => allRegions.find((r) => r.RegionId === id) ?? { RegionId: id, LocalName: id }) : allRegions;
    const perRegion = await Promise.all(regions.map((region) => (home && region.RegionId === homeRegion ? home : fetchRegion(region.RegionId))));
    return { regions, allRegions, perRegion };
  }

  // Listings of the held (frozen) snapshots are made once per snapshot, not once per call.
  const listings = new WeakMap<InventorySnapshot, InventoryListing>();
  const listingOf = (snapshot: InventorySnapshot) => {
    let listing = listings.get(snapshot);
    if (!listing) {
      listing = listInventory(snapshot);
      listings.set(snapshot, listing);
    }
    return listing;
  };

  const service: InventoryService = {
    cached,
    flush,
    onSnapshotChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async list(args) {
      return listingOf(await service.load(args));
    },
    gatewayConnections(VpnGatewayIds) {
      const profileId = deps.profiles.active().profileId;
      const snapshot = cached(profileId);
      return { profileId, fetchedAt: snapshot?.fetchedAt ?? null, connections: snapshot ? connectionsOfGateways(snapshot, VpnGatewayIds) : [] };
    },
    async refreshConnection(RegionId, VpnConnectionId) {
      const profileId = deps.profiles.active().profileId;
      const fromCache = (reason: AppErrorShape): ConnectionRead => {
        const snapshot = cached(profileId);
        const entry = snapshot?.connections.find((c) => c.RegionId === RegionId && c.connection.VpnConnectionId === VpnConnectionId) ?? null;
        return { profileId, source: 'cache', fetchedAt: snapshot?.fetchedAt ?? null, entry, reason };
      };
      // Known to be offline: no connect timeout to sit through (the inventory's retries notice the way back).
      if (deps.api.online(profileId) === false) return fromCache({ code: 'Network.Offline', message: 'The API could not be reached on the last try.' });
      try {
        const connection = await createVpcReads(await deps.api.clientFor(profileId)).connection(RegionId, VpnConnectionId);
        const entry: ConnectionEntry = { RegionId, connection };
        const held = cached(profileId)?.connections.find((c) => c.connection.VpnConnectionId === VpnConnectionId);
        // Opening a connection is frequent and rewriting the cache is not cheap: only a change is remembered.
        if (!held || JSON.stringify(held.connection) !== JSON.stringify(connection)) service.rememberConnection(profileId, entry);
        return { profileId, source: 'live', fetchedAt: deps.now(), entry };
      } catch (error) {
        const shape = error instanceof AppError ? error.toShape() : normalizeApiError(error);
        // Gone from the cloud: nothing to edit. Any other failure (offline, no credentials in this session,
        // throttled, not allowed to Describe) leaves drafting from main's copy possible, as before the live read.
        if (/NotFound$/.test(shape.code)) throw new AppError(shape.code, shape.message, 'VpnConnectionId');
        return fromCache({ code: shape.code, message: shape.message });
      }
    },
    cancel() {
      if (!current) return false;
      current.abort();
      return true;
    },
    rememberConnection(profileId, entry) {
      const snapshot = cached(profileId);
      if (!snapshot) return;
      const fresh = structuredClone(entry);
      const at = snapshot.connections.findIndex((c) => c.connection.VpnConnectionId === entry.connection.VpnConnectionId);
      const connections = at === -1 ? [...snapshot.connections, fresh] : snapshot.connections.with(at, fresh);
      // Applies come in bursts: their read-backs are written together.
      saveCache({ ...snapshot, connections, revision: snapshot.revision + 1 }, deps.rememberDelayMs ?? 1000);
    },
    async load({ refresh, regionIds }) {
      const profile = deps.profiles.active();
      const profileId = profile.profileId;
      const previous = cached(profileId);
      if (!refresh && previous) return previous;

      current?.abort();
      const controller = new AbortController();
      current = controller;
      const progress = (phase: InventoryProgress['phase']) =>
        deps.emit('inventoryProgress', { profileId, phase, completedRequests: 0, totalRequests: 0 });
      try {
        const reads = createVpcReads(await deps.api.clientFor(profileId));
        const { regions, allRegions, perRegion } = await fetchAll(profileId, reads, profile.regionId, regionIds, controller.signal);
        const fetchedAt = deps.now();
        const base = previous ?? emptySnapshot(profileId);
        const refreshed = new Set(perRegion.filter((r) => r.ok).map((r) => r.RegionId));
        const keep = <T extends { RegionId: string }>(items: T[]) => items.filter((i) => !refreshed.has(i.RegionId));
        const errors: Array<AppErrorShape & { RegionId?: string }> = perRegion.flatMap((r) =>
          r.ok ? [] : [{ code: r.error.code, message: r.error.message, RegionId: r.RegionId }],
        );
        const fresh = perRegion.flatMap((r) => (r.ok ? [r] : []));
        if (fresh.length === 0 && perRegion.length > 0 && perRegion.every((r) => !r.ok && isNetworkError(r.error))) {
          deps.emit('inventoryProgress', { profileId, phase: 'failed', completedRequests: 0, totalRequests: 0 });
          return { ...(previous ?? emptySnapshot(profileId)), source: previous ? 'cache' : 'empty', errors };
        }
        // Regions that failed keep what the last snapshot knew about them.
        const snapshot: InventorySnapshot = {
          profileId,
          fetchedAt,
          revision: base.revision + 1,
          source: 'live',
          regions: regionIds ? mergeRegions(base.regions.length > 0 ? base.regions : allRegions, regions) : allRegions,
          gateways: [...keep(base.gateways), ...fresh.flatMap((r) => r.gateways)],
          connections: [...keep(base.connections), ...fresh.flatMap((r) => r.connections)],
          customerGateways: [...keep(base.customerGateways), ...fresh.flatMap((r) => r.customerGateways)],
          errors,
        };
        const held = saveCache(snapshot);
        progress('done');
        return held;
      } catch (error) {
        if (error instanceof Cancelled) {
          progress('cancelled');
          return previous ? { ...previous, source: 'cache' } : emptySnapshot(profileId);
        }
        if (error instanceof AppError) {
          progress('failed');
          throw error;
        }
        const shape = normalizeApiError(error);
        progress('failed');
        if (isNetworkError(shape)) {
          return { ...(previous ?? emptySnapshot(profileId)), source: previous ? 'cache' : 'empty', errors: [{ code: shape.code, message: shape.message }] };
        }
        throw new AppError(shape.code, shape.message);
      } finally {
        if (current === controller) current = null;
      }
    },
  };
  return service;
}

/** The inventory cache store's record check: a damaged snapshot is set aside at start (reported), not kept. */
export function checkCachedSnapshot(key: string, value: unknown): RecordCheck {
  return !key.startsWith('snapshot:') || isSnapshotShaped(value) ? RECORD_OK : { ok: false, reason: 'not an inventory snapshot' };
}

function isSnapshotShaped(value: unknown): value is InventorySnapshot {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  const objects = (list: unknown) => Array.isArray(list) && list.every((item) => item !== null && typeof item === 'object');
  return (
    typeof v.profileId === 'string' &&
    objects(v.regions) &&
    objects(v.gateways) &&
    objects(v.customerGateways) &&
    objects(v.errors ?? []) &&
    Array.isArray(v.connections) &&
    v.connections.every((entry: unknown) => {
      const e = entry as Record<string, unknown> | null;
      // Each connection whole, as the listing, the editor and the rules read it (secrets sealed: strings all the same).
      return e !== null && typeof e === 'object' && typeof e.RegionId === 'string' && connectionShape.safeParse(e.connection).success;
    })
  );
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function mergeRegions(known: RegionSummary[], fetched: RegionSummary[]): RegionSummary[] {
  const byId = new Map(known.map((r) => [r.RegionId, r]));
  for (const r of fetched) byId.set(r.RegionId, r);
  return [...byId.values()];
}
