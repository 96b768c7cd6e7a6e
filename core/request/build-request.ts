// (live, draft) → the smallest ModifyVpnConnectionAttribute request that turns live into draft, or the issues that
// refuse it. The request's shape is compose.ts's; whether it may be sent is judge.ts's (a change is judged by what
// it changes and sends).
import type { GatewayContext, VpnConnection } from '../model/connection.ts';
import type { RuleIssue } from '../rules/issue.ts';
import { type ComposeOptions } from './compose.ts';
import { judgeChange } from './judge.ts';
import type { ModifyVpnConnectionAttributeRequest } from './types.ts';

export { ikePayload, ipsecPayload, isEmptyRequest } from './compose.ts';

export type BuildRequestResult =
  | { ok: true; request: ModifyVpnConnectionAttributeRequest; changedPaths: string[]; warnings: RuleIssue[] }
  | { ok: false; issues: RuleIssue[] };

export type BuildRequestOptions = ComposeOptions;

export function buildModifyRequest(live: VpnConnection, draft: VpnConnection, context: GatewayContext, options: BuildRequestOptions): BuildRequestResult {
  const judged = judgeChange(live, draft, context, options);
  if (judged.errors.length > 0 || !judged.request) return { ok: false, issues: judged.errors };
  return { ok: true, request: judged.request, changedPaths: judged.changedPaths, warnings: judged.warnings };
}
