// The open connection: the whole connections of its gateway (and of the compared one's), its live read, the editor
// session over its draft, what the rules say (against its gateway's other connections), its latest apply and timeline,
// and its tunnels' health.
import { useEffect, useMemo } from 'react';
import type { Api, ConnectionSummary, DraftSummary, GatewaySummary, InventoryListing } from '../../../core/contract.ts';
import type { AppErrorShape } from '../../../core/errors.ts';
import { buildGatewayContext, type GatewayContext, type VpnConnection } from '../../../core/index.ts';
import { analyse, type Analysis } from './analysis.ts';
import { useEditorSession, type EditorSession, type Selection } from './editor-session.ts';
import { useGatewayConnections } from './gateway-connections.ts';
import { openHealth, type ShownHealth } from './health.ts';
import { isInFlight, latestJobFor, type useJobs } from './jobs.ts';
import { useLiveConnection } from './live-connection.ts';
import type { GatewayIndex } from './tree.ts';

const NO_CONNECTIONS: readonly VpnConnection[] = [];

/** What the editor shows of the open connection, once its live state, draft and analysis are all in. */
export interface OpenEditor {
  session: EditorSession;
  live: VpnConnection;
  draft: VpnConnection;
  analysis: Analysis;
  gateway: GatewaySummary | undefined;
  /** The connection as last read live (DescribeVpnConnection): where its tunnels are. Never the draft. */
  liveConnection: VpnConnection | undefined;
  /** Every tunnel's state, from the live read or the latest apply's newer read of the tunnels. */
  health: ShownHealth | null;
  /** Field errors main reported on the last (failed) apply of this connection. */
  apiErrors: ReadonlyMap<string, readonly AppErrorShape[]>;
  /** A change of this connection is in flight: the draft is read-only until it ends. */
  busy: boolean;
}

export interface OpenConnectionInput {
  snapshot: InventoryListing | null;
  index: GatewayIndex;
  entryById: ReadonlyMap<string, ConnectionSummary>;
  /** The profile's drafts. */
  drafts: readonly DraftSummary[];
  jobs: ReturnType<typeof useJobs>;
  selection: Selection | null;
  /** The connection it is compared with, if any. */
  compareId: string | null;
  /** Secrets shown in clear in the preview's request. */
  revealDiff: boolean;
}

export function useOpenConnection(api: Api, { snapshot, index, entryById, drafts, jobs, selection, compareId, revealDiff }: OpenConnectionInput) {
  const selectedId = selection?.VpnConnectionId ?? null;
  const selectedGatewayId = selectedId ? (entryById.get(selectedId)?.VpnGatewayId ?? drafts.find((d) => d.VpnConnectionId === selectedId)?.VpnGatewayId) : undefined;
  const full = useGatewayConnections(api, snapshot, [selectedGatewayId, compareId ? entryById.get(compareId)?.VpnGatewayId : undefined]);
  const opened = useLiveConnection(api, snapshot, selection);
  const session = useEditorSession(api, selection, opened.connection, opened.fetchedAt, drafts);
  const draft = session.draft && session.draft.VpnConnectionId === selectedId ? session.draft : null;
  const live = session.live && session.live.VpnConnectionId === selectedId ? session.live : null;
  const gateway = draft ? index.byId.get(draft.VpnGatewayId) : undefined;

  const gatewayId = draft?.VpnGatewayId;
  const customerGateways = snapshot?.customerGateways;
  const RegionId = selection?.RegionId ?? '';
  // The rules check a connection against its gateway's other connections: no analysis (and no Apply) without them.
  // Built by core's buildGatewayContext, as main builds it for draft readiness and before sending.
  const siblings = gatewayId ? full.connectionsOf(gatewayId) : NO_CONNECTIONS;
  const gatewayType = gateway?.VpnType;
  const gatewayBgp = gateway?.EnableBgp === true;
  const context = useMemo<GatewayContext | null>(
    () =>
      siblings && selectedId
        ? buildGatewayContext({
            VpnConnectionId: selectedId,
            RegionId,
            gateway: gatewayType ? { VpnType: gatewayType, EnableBgp: gatewayBgp } : undefined,
            connections: siblings,
            customerGateways: customerGateways ?? [],
          })
        : null,
    [gatewayType, gatewayBgp, siblings, selectedId, RegionId, customerGateways],
  );
  const analysis = useMemo(() => (live && draft && context ? analyse(live, draft, context, RegionId, revealDiff) : null), [live, draft, context, RegionId, revealDiff]);

  const job = selectedId ? latestJobFor(jobs.jobs, selectedId) : undefined;
  // Tunnel health of the open connection: from its live read (or its apply's newer read), never from the draft.
  const selectedEntry = selectedId ? entryById.get(selectedId) : undefined;
  const listedAt = snapshot?.fetchedAt ?? null;
  const health = useMemo(
    () => openHealth(opened.connection, opened.fetchedAt, job, { entry: selectedEntry, fetchedAt: listedAt }),
    [opened.connection, opened.fetchedAt, job, selectedEntry, listedAt],
  );
  const inFlight = isInFlight(job);
  // Errors main mapped to fields on a failed apply stay next to those fields until the next apply.
  const apiErrors = useMemo(() => {
    const map = new Map<string, AppErrorShape[]>();
    if (job?.phase !== 'failed') return map;
    for (const e of job.fieldErrors) if (e.field) map.set(e.field, [...(map.get(e.field) ?? []), e]);
    return map;
  }, [job]);

  const { fetchTimeline } = jobs;
  useEffect(() => {
    if (selectedId) void fetchTimeline(selectedId);
  }, [selectedId, fetchTimeline]);
  const timeline = useMemo(() => jobs.events.filter((e) => e.VpnConnectionId === selectedId), [jobs.events, selectedId]);

  const editor: OpenEditor | null =
    draft && live && analysis ? { session, live, draft, analysis, gateway, liveConnection: opened.connection, health, apiErrors, busy: inFlight } : null;
  return {
    selectedId,
    session,
    draft,
    analysis,
    editor,
    job,
    inFlight,
    health,
    timeline,
    conflictCount: session.record?.conflicts.length ?? 0,
    compareWith: compareId ? (full.byId.get(compareId) ?? null) : null,
    /** Why the connection could not be loaded (its live read, or its gateway's connections). */
    loadError: opened.error ?? full.error,
    missing: opened.missing,
    notLive: opened.notLive,
    retry: () => {
      opened.retry();
      full.retry();
    },
    retryLive: opened.retry,
  };
}
