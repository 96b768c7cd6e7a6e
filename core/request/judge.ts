// A draft judged by what it changes: the one verdict behind the editor's errors and warnings, the builder, the
// readiness of a draft and main's checks before it sends. `validate` checks every field; here an issue blocks only
// when it is about a field the change changes or sends (rules/scope.ts), or when a rule that depends on the change
// itself refuses it (rules/change-rules.ts). Every other issue is the live value's and comes back as a warning.
import type { GatewayContext, VpnConnection } from '../model/connection.ts';
import { changedFields } from '../model/changes.ts';
import { changeRules, introducesIkeV1MultiSubnet } from '../rules/change-rules.ts';
import { issue, type RuleIssue } from '../rules/issue.ts';
import { partitionIssues } from '../rules/scope.ts';
import { validate } from '../rules/validate.ts';
import { composeRequest, type ComposeOptions } from './compose.ts';
import { sentPaths } from './sent-paths.ts';
import type { ModifyVpnConnectionAttributeRequest } from './types.ts';

export interface ChangeJudgement {
  /** What refuses the change. */
  errors: RuleIssue[];
  /** Shown next to their field, never blocking: rules the live value breaks in fields this change neither changes
   * nor sends, and IKEv1 with several subnets on a connection that already had it. */
  warnings: RuleIssue[];
  changedPaths: string[];
  /** The request the change sends (also when errors refuse it, for the preview); null when the draft is not a
   * same-mode draft of the live connection. */
  request: ModifyVpnConnectionAttributeRequest | null;
}

/** IKEv1 with several subnets on a connection that already had it: shown, not refused (change-rules.ts). */
export const IKEV1_MULTI_SUBNET_ADVICE = 'Advice.IkeV1.MultiSubnet';

function identityIssues(live: VpnConnection, draft: VpnConnection): RuleIssue[] {
  if (live.VpnConnectionId !== draft.VpnConnectionId) {
    return [issue('VpnConnectionId', 'Rule.Draft.ConnectionMismatch', { live: live.VpnConnectionId, draft: draft.VpnConnectionId })];
  }
  if (live.mode !== draft.mode) return [issue('mode', 'Rule.Draft.ModeMismatch', { live: live.mode, draft: draft.mode })];
  if (live.mode === 'dual' && draft.mode === 'dual') {
    return live.tunnels.flatMap((t, i) => {
      const d = draft.tunnels[i];
      const prefix = `TunnelOptionsSpecification.${i + 1}`;
      if (!d) return [];
      return [
        ...(d.TunnelId !== t.TunnelId ? [issue(`${prefix}.TunnelId`, 'IllegalParam.TunnelId', { reason: 'notLive', value: d.TunnelId, expected: t.TunnelId })] : []),
        ...(d.Role !== t.Role ? [issue(`${prefix}.Role`, 'IllegalParam.Role', { value: d.Role, expected: t.Role })] : []),
      ];
    });
  }
  return [];
}

/**
 * Two tunnels sharing one tunnel network: `validate` reports it on the second tunnel; when the change touched only the
 * first, the error belongs next to that field (the one the user changed), naming the untouched tunnel as the other.
 */
function onChangedSide(i: RuleIssue, touched: ReadonlySet<string>): RuleIssue {
  const other = i.params.other;
  if (i.code !== 'IllegalParam.TunnelCidr' || i.params.reason !== 'pair' || typeof other !== 'string') return i;
  const otherPath = `${other}.TunnelBgpConfig.TunnelCidr`;
  if (touched.has(i.path) || !touched.has(otherPath)) return i;
  return { ...i, path: otherPath, params: { ...i.params, other: i.path.replace(/\.TunnelBgpConfig\.TunnelCidr$/, '') } };
}

/**
 * Sorts the issues of `next` (the state a change leads to) into errors and warnings: `touched` are the fields the
 * change changes or sends. Shared by the judge of drafts and by validateRequest (requests from anywhere).
 */
export function sortIssues(live: VpnConnection, next: VpnConnection, issues: readonly RuleIssue[], touched: ReadonlySet<string>): { errors: RuleIssue[]; warnings: RuleIssue[] } {
  const errors: RuleIssue[] = [];
  const warnings: RuleIssue[] = [];
  const rest: RuleIssue[] = [];
  for (const i of issues) {
    if (i.code !== 'ModifyIkeV1WithMultiRoutes.Invalid') rest.push(i);
    else if (introducesIkeV1MultiSubnet(live, next, i.path)) errors.push(i);
    else warnings.push({ ...i, code: IKEV1_MULTI_SUBNET_ADVICE });
  }
  const { blocking, warnings: untouched } = partitionIssues(rest, touched);
  return { errors: [...blocking.map((i) => onChangedSide(i, touched)), ...errors], warnings: [...untouched, ...warnings] };
}

export function judgeChange(live: VpnConnection, draft: VpnConnection, context: GatewayContext, options: ComposeOptions = { RegionId: '' }): ChangeJudgement {
  const ruleIssues = validate(draft, context);
  // A draft that is not a connection at all cannot be compared with anything.
  if (ruleIssues.some((i) => i.code === 'Rule.Shape.Invalid' || i.code === 'Rule.Internal')) return { errors: ruleIssues, warnings: [], changedPaths: [], request: null };
  const mismatch = identityIssues(live, draft);
  if (mismatch.length > 0) return { errors: mismatch, warnings: [], changedPaths: [], request: null };
  const changedPaths = changedFields(live, draft).map((d) => d.path);
  const request = composeRequest(draft, changedPaths, options);
  const touched = new Set([...changedPaths, ...sentPaths(request, live)]);
  const { errors, warnings } = sortIssues(live, draft, ruleIssues, touched);
  errors.push(...changeRules(live, draft, changedPaths, context));
  return { errors, warnings, changedPaths, request };
}
