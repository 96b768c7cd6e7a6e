// Drafts reconciled when the API comes back: every draft of the active profile still being edited is merged three-way
// onto its connection read live, in main, so it happens with no window open and once per return (not once per
// window, nor per draft the renderer happens to list).
//
// Main learns reachability only from its own calls (api-access). While a window is open the renderer's offline
// retries make those calls; with none open nothing would, so a probe (one DescribeRegions) runs while the active
// profile is offline and nothing else has tried the API for a whole probe interval.
import type { VpnConnection } from '../../core/index.ts';
import type { ApiAccess } from './api-access.ts';
import type { DraftsService } from './drafts.ts';
import type { InventoryService } from './inventory.ts';
import { createLimiter } from './limiter.ts';
import type { ProfilesService } from './profiles.ts';
import type { VpcReads } from './vpc-reads.ts';

export interface DraftReconcilerDeps {
  api: Pick<ApiAccess, 'online' | 'onReachabilityChange' | 'attempts'>;
  profiles: Pick<ProfilesService, 'active'>;
  drafts: Pick<DraftsService, 'list' | 'mergeEditingWithLive'>;
  inventory: Pick<InventoryService, 'rememberConnection'>;
  readsFor(profileId: string): Promise<VpcReads>;
  /** Concurrent reads during one reconcile (default 4). */
  concurrency?: number;
  /** How often an offline, otherwise idle profile is probed (ms; default 15,000; 0: never). */
  probeMs?: number;
  /**
   * How long after the return the reads start (ms; default 1000). The renderer saves an editor's unsaved edits as
   * soon as it hears "online"; merging before that save lands would let the save overwrite the merged draft.
   */
  graceMs?: number;
  onError?(error: unknown): void;
}

export interface ReconcileReport {
  profileId: string;
  /** Drafts merged onto their live read (conflicts included). */
  merged: string[];
  /** Drafts left as they were: connection not readable (gone, refused) or changed mode / identity. */
  skipped: string[];
  /** API calls made, by action. */
  reads: { DescribeVpnConnections: number; DescribeVpnConnection: number };
}

export interface DraftReconciler {
  /** Reconciles the profile's editing drafts now (also what a return of connectivity runs). */
  reconcile(profileId: string): Promise<ReconcileReport>;
  /** Resolves when no reconcile is scheduled or running (tests, quit). */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

/** DescribeVpnConnections leaves out a single-tunnel connection's BgpConfig.EnableBgp and the parser infers it from a
 * configured tunnel network, which stays after BGP is switched off: such a connection is read on its own. */
const listCopyIsExact = (c: VpnConnection) => c.mode === 'dual' || c.BgpConfig.TunnelCidr === '' || c.BgpConfig.LocalBgpIp === '';

export function createDraftReconciler(deps: DraftReconcilerDeps): DraftReconciler {
  const graceMs = deps.graceMs ?? 1000;
  const probeMs = deps.probeMs ?? 15_000;
  let running: Promise<void> | null = null;
  let disposed = false;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let endGrace: () => void = () => undefined;
  const report = (error: unknown) => deps.onError?.(error);

  async function reconcile(profileId: string): Promise<ReconcileReport> {
    const result: ReconcileReport = { profileId, merged: [], skipped: [], reads: { DescribeVpnConnections: 0, DescribeVpnConnection: 0 } };
    // Only drafts being edited: an applying draft belongs to its job, and a draft in conflict already has the live
    // value as its base, so merging it again would take the user's side of every conflict silently.
    const targets = deps.drafts.list().filter((d) => d.profileId === profileId && d.status === 'editing');
    if (targets.length === 0) return result;
    const reads = await deps.readsFor(profileId);
    const run = createLimiter(deps.concurrency ?? 4);
    const byGateway = new Map<string, typeof targets>();
    for (const d of targets) {
      const key = `${d.RegionId}|${d.VpnGatewayId}`;
      byGateway.set(key, [...(byGateway.get(key) ?? []), d]);
    }
    const fresh: Array<{ draftId: string; RegionId: string; live: VpnConnection }> = [];
    const readOne = async (d: (typeof targets)[number]) => {
      try {
        result.reads.DescribeVpnConnection++;
        fresh.push({ draftId: d.draftId, RegionId: d.RegionId, live: await run(() => reads.connection(d.RegionId, d.VpnConnectionId)) });
      } catch {
        result.skipped.push(d.draftId);
      }
    };
    await Promise.all(
      [...byGateway.values()].map(async (drafts) => {
        const { RegionId, VpnGatewayId } = drafts[0]!;
        let listed: VpnConnection[] | null = null;
        try {
          result.reads.DescribeVpnConnections++;
          listed = await run(() => reads.gatewayConnections(RegionId, VpnGatewayId));
        } catch {
          // Offline again: nothing more to read until the next return. Any other refusal of the list: each
          // connection on its own.
          if (deps.api.online(profileId) === false) {
            result.skipped.push(...drafts.map((d) => d.draftId));
            return;
          }
        }
        const own: typeof drafts = [];
        for (const d of drafts) {
          const live = listed?.find((c) => c.VpnConnectionId === d.VpnConnectionId);
          if (live && listCopyIsExact(live)) fresh.push({ draftId: d.draftId, RegionId, live });
          else own.push(d);
        }
        await Promise.all(own.map(readOne));
      }),
    );
    for (const { RegionId, live } of fresh) deps.inventory.rememberConnection(profileId, { RegionId, connection: live });
    const { merged, refused } = deps.drafts.mergeEditingWithLive(fresh);
    result.merged = merged.map((r) => r.draftId);
    result.skipped.push(...refused);
    return result;
  }

  // One run at a time; a return during a run (offline and back again meanwhile) runs once more after it.
  let pending: string | null = null;
  const schedule = (profileId: string) => {
    if (disposed) return;
    pending = profileId;
    if (running) return;
    running = (async () => {
      while (pending !== null && !disposed) {
        const next = pending;
        pending = null;
        await new Promise<void>((resolve) => {
          endGrace = resolve;
          graceTimer = setTimeout(resolve, graceMs);
        });
        // The profile switched, or the API went away again during the grace: the next return runs it.
        if (disposed || deps.profiles.active().profileId !== next || deps.api.online(next) === false) continue;
        await reconcile(next).catch(report);
      }
    })().finally(() => {
      running = null;
    });
  };

  const unsubscribe = deps.api.onReachabilityChange((profileId, online, was) => {
    // A return, not a first contact: after a start the drafts are as the last session left them.
    if (online && was === false && deps.profiles.active().profileId === profileId) schedule(profileId);
  });

  let seenAttempts = -1;
  let probing = false;
  const probe = probeMs > 0 ? setInterval(() => void tick(), probeMs) : undefined;
  probe?.unref?.();
  async function tick() {
    if (probing || disposed) return;
    const profile = deps.profiles.active();
    const attempts = deps.api.attempts(profile.profileId);
    const idle = attempts === seenAttempts;
    seenAttempts = attempts;
    if (deps.api.online(profile.profileId) !== false || !idle) return;
    probing = true;
    try {
      // Any answer, even a refusal, counts as reachable (api-access observes it); the answer itself is not needed.
      await (await deps.readsFor(profile.profileId)).regions(profile.regionId);
    } catch {
      // Still offline (or no credentials): the next tick tries again.
    } finally {
      seenAttempts = deps.api.attempts(profile.profileId);
      probing = false;
    }
  }

  return {
    reconcile,
    async idle() {
      while (running) await running;
    },
    async dispose() {
      disposed = true;
      unsubscribe();
      clearInterval(probe);
      clearTimeout(graceTimer);
      endGrace();
      await running;
    },
  };
}
