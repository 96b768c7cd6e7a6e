// The connection open in the editor, everything the editor and the drawer show of it: the live read, the draft
// session, the gateway's other connections (what the rules check against), the analysis, its latest apply, the
// health of its tunnels, and errors main mapped to its fields.
import { useMemo } from 'react';
import type { Api, DraftSummary, GatewaySummary, InventoryListing, JobSummary } from '../../../core/contract.ts';
import type { AppErrorShape } from '../../../core/errors.ts';
import { buildGatewayContext, type GatewayContext, type VpnConnection } from '../../../core/index.ts';
import { analyse, type Analysis } from './analysis.ts';
import { useEditorSession, type EditorSession, type Selection } from './editor-session.ts';
import { useGatewayConnections, type GatewayConnections } from './gateway-connections.ts';
import { openHealth, type ShownHealth } from './health.ts';
import { isInFlight, latestJobFor } from './jobs.ts';
import { useLiveConnection, type LiveConnection } from './live-connection.ts';
import type { TreeView } from './tree-view.ts';

export interface OpenConnectionInput {
  snapshot: InventoryListing | null;
  tree: Pick<TreeView, 'index' | 'entryById'>;
  drafts: readonly DraftSummary[];
  jobs: ReadonlyMap<string, JobSummary>;
  selection: Selection | null;
  compareId: string | null;
  revealDiff: boolean;
}

export interface OpenConnection {
  session: EditorSession;
  live: LiveConnection;
  gatewayConnections: GatewayConnections;
  /** Draft and live of the selected connection only (never a previous selection's while the next one loads). */
  draft: VpnConnection | null;
  base: VpnConnection | null;
  gateway: GatewaySummary | undefined;
  /** Null until the live read and the gateway's other connections are in: no analysis, no Apply. */
  analysis: Analysis | null;
  job: JobSummary | undefined;
  inFlight: boolean;
  health: ShownHealth | null;
  apiErrors: ReadonlyMap<string, AppErrorShape[]>;
  compareWith: VpnConnection | null;
  /** Why the connection could not be opened; null when it could (or when it is simply not there: `missing`). */
  loadFailure: AppErrorShape | null;
  /** Neither read live nor held by main: not in this account's inventory. */
  missing: boolean;
}

const NO_CONNECTIONS: readonly VpnConnection[] = [];

export function useOpenConnection(api: Api, input: OpenConnectionInput): OpenConnection {
  const { snapshot, tree, drafts, jobs, selection, compareId, revealDiff } = input;
  const selectedId = selection?.VpnConnectionId ?? null;
  const selectedGatewayId = selectedId ? (tree.entryById.get(selectedId)?.VpnGatewayId ?? drafts.find((d) => d.VpnConnectionId === selectedId)?.VpnGatewayId) : undefined;
  const gatewayConnections = useGatewayConnections(api, snapshot, [selectedGatewayId, compareId ? tree.entryById.get(compareId)?.VpnGatewayId : undefined]);
  const live = useLiveConnection(api, snapshot, selection);
  const session = useEditorSession(api, selection, live.connection, live.fetchedAt, drafts);
  const draft = session.draft && session.draft.VpnConnectionId === selectedId ? session.draft : null;
  const base = session.live && session.live.VpnConnectionId === selectedId ? session.live : null;
  const gateway = draft ? tree.index.byId.get(draft.VpnGatewayId) : undefined;

  const RegionId = selection?.RegionId ?? '';
  const customerGateways = snapshot?.customerGateways;
  const siblings = draft ? gatewayConnections.connectionsOf(draft.VpnGatewayId) : NO_CONNECTIONS;
  const gatewayType = gateway?.VpnType;
  const gatewayBgp = gateway?.EnableBgp === true;
  // Built by core's buildGatewayContext, as main builds it for draft readiness and before sending.
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
  const analysis = useMemo(() => (base && draft && context ? analyse(base, draft, context, RegionId, revealDiff) : null), [base, draft, context, RegionId, revealDiff]);

  const job = selectedId ? latestJobFor(jobs, selectedId) : undefined;
  // Tunnel health: from the live read (or its apply's newer read), never from the draft.
  const selectedEntry = selectedId ? tree.entryById.get(selectedId) : undefined;
  const listedAt = snapshot?.fetchedAt ?? null;
  const health = useMemo(() => openHealth(live.connection, live.fetchedAt, job, { entry: selectedEntry, fetchedAt: listedAt }), [live.connection, live.fetchedAt, job, selectedEntry, listedAt]);
  // Errors main mapped to fields on a failed apply stay next to those fields until the next apply.
  const apiErrors = useMemo(() => {
    const map = new Map<string, AppErrorShape[]>();
    if (job?.phase !== 'failed') return map;
    for (const e of job.fieldErrors) if (e.field) map.set(e.field, [...(map.get(e.field) ?? []), e]);
    return map;
  }, [job]);
  const loadFailure = live.error ?? gatewayConnections.error;
  const compareWith = compareId ? (gatewayConnections.byId.get(compareId) ?? null) : null;
  return { session, live, gatewayConnections, draft, base, gateway, analysis, job, inFlight: isInFlight(job), health, apiErrors, compareWith, loadFailure, missing: live.missing };
}
