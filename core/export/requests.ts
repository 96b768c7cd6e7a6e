// The requests a change (one draft or a set) sends, exactly as the apply engine builds them: the export formats
// (aliyun CLI script, Terraform, JSON) all start from here, so an exported change is the change the app would apply.
import type { GatewayContext, VpnConnection } from '../model/connection.ts';
import { judgeChange } from '../request/judge.ts';
import { isEmptyRequest } from '../request/compose.ts';
import type { ModifyVpnConnectionAttributeRequest } from '../request/types.ts';
import { maskSecrets } from '../request/wire.ts';

export interface ExportChange {
  RegionId: string;
  live: VpnConnection;
  draft: VpnConnection;
}

export interface ExportEntry {
  change: ExportChange;
  request: ModifyVpnConnectionAttributeRequest;
}

// The request's shape does not depend on the gateway context (only the verdict does), and an export is not a
// verdict: whether a draft may be sent is the readiness check's, before export is offered.
const SHAPE_ONLY_CONTEXT: GatewayContext = { VpnType: 'Normal', otherConnections: [] };

/**
 * Each change with the request the engine would send for it (no ClientToken: a script run twice should be two
 * requests the user chose to send). A draft that changes nothing is left out; a draft of another connection or
 * mode is a programming error and throws.
 */
export function exportEntries(changes: ReadonlyArray<ExportChange>): ExportEntry[] {
  return changes.flatMap((change) => {
    const { request } = judgeChange(change.live, change.draft, SHAPE_ONLY_CONTEXT, { RegionId: change.RegionId });
    if (!request) throw new Error(`Draft of ${change.draft.VpnConnectionId} (${change.draft.mode}) is not a draft of ${change.live.VpnConnectionId} (${change.live.mode}).`);
    return isEmptyRequest(request) ? [] : [{ change, request }];
  });
}

/** The JSON requests of a change, as ModifyVpnConnectionAttribute receives them (PSKs included: mask before showing). */
export function changeRequests(changes: ReadonlyArray<ExportChange>): ModifyVpnConnectionAttributeRequest[] {
  return exportEntries(changes).map((e) => e.request);
}

/** The requests as a JSON document to read or hand over: every PSK masked (wire.ts maskSecrets), never written out. */
export function requestsJson(changes: ReadonlyArray<ExportChange>): string {
  return `${JSON.stringify(changeRequests(changes).map(maskSecrets), null, 2)}\n`;
}
