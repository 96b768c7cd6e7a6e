// Checks a ready-made request against the live connection: the parameters the document allows per mode, the
// tunnel identifiers, complete groups and whole tunnel elements (see compose.ts for why), a tunnel LocalAsn only
// with tunnel BGP on, then the model rules on the result, judged like a draft: a rule blocks when the request sends
// or changes one of its fields (judge.ts). Main runs this as the last gate before sending, whatever produced the
// request: a request it refuses is never sent.
import type { GatewayContext, VpnConnection } from '../model/connection.ts';
import { changedFields } from '../model/changes.ts';
import { DUAL_TUNNEL_ONLY, SINGLE_TUNNEL_ONLY } from '../model/shape.ts';
import { changeRules } from '../rules/change-rules.ts';
import { issue, type RuleIssue } from '../rules/issue.ts';
import { validate } from '../rules/validate.ts';
import { applyModifyRequest, tunnelIndexFor } from './apply-request.ts';
import { sortIssues } from './judge.ts';
import { sentPaths } from './sent-paths.ts';
import type { ModifyVpnConnectionAttributeRequest } from './types.ts';

const IKE_REQUIRED = ['Psk', 'IkeVersion', 'IkeMode', 'IkeEncAlg', 'IkeAuthAlg', 'IkePfs', 'IkeLifetime'] as const;
const IPSEC_REQUIRED = ['IpsecEncAlg', 'IpsecAuthAlg', 'IpsecPfs', 'IpsecLifetime'] as const;
/** What a tunnel element must carry besides its identity (compose.ts: a changed tunnel is sent whole). */
const TUNNEL_REQUIRED = ['EnableDpd', 'EnableNatTraversal', 'TunnelIkeConfig', 'TunnelIpsecConfig'] as const;

function missingKeys(path: string, group: unknown, required: readonly string[], code = 'Rule.Request.IncompleteGroup'): RuleIssue[] {
  if (group === null || typeof group !== 'object') return [issue(path, 'Rule.Request.Malformed')];
  const missing = required.filter((k) => (group as Record<string, unknown>)[k] === undefined);
  return missing.length ? [issue(path, code, { missing: missing.join(', ') })] : [];
}

function jsonGroup(path: string, json: string | undefined, required: readonly string[]): RuleIssue[] {
  if (json === undefined) return [];
  try {
    return missingKeys(path, JSON.parse(json), required);
  } catch {
    return [issue(path, 'Rule.Request.Malformed')];
  }
}

export function validateRequest(request: ModifyVpnConnectionAttributeRequest, live: VpnConnection, context: GatewayContext): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const r = request as unknown as Record<string, unknown>;
  if (request.VpnConnectionId !== live.VpnConnectionId) {
    issues.push(issue('VpnConnectionId', 'Rule.Draft.ConnectionMismatch', { live: live.VpnConnectionId, draft: String(request.VpnConnectionId) }));
  }
  if (request.ClientToken !== undefined && !/^[\x20-\x7e]{1,64}$/.test(request.ClientToken)) {
    issues.push(issue('ClientToken', 'Rule.ClientToken.Invalid', { max: 64 }));
  }
  const foreign = live.mode === 'single' ? DUAL_TUNNEL_ONLY : SINGLE_TUNNEL_ONLY;
  for (const key of foreign) {
    if (r[key] !== undefined) issues.push(issue(key, live.mode === 'single' ? 'Rule.Param.DualTunnelOnly' : 'Rule.Param.SingleTunnelOnly', { mode: live.mode }));
  }
  issues.push(...jsonGroup('IkeConfig', request.IkeConfig, IKE_REQUIRED), ...jsonGroup('IpsecConfig', request.IpsecConfig, IPSEC_REQUIRED));
  issues.push(...jsonGroup('HealthCheckConfig', request.HealthCheckConfig, []));
  // The API has its own code for an unreadable BgpConfig.
  if (jsonGroup('BgpConfig', request.BgpConfig, []).length > 0) issues.push(issue('BgpConfig', 'IllegalParam.BgpConfig'));
  const elements: unknown = request.TunnelOptionsSpecification;
  if (elements !== undefined && !(Array.isArray(elements) && elements.every((e) => e !== null && typeof e === 'object'))) {
    issues.push(issue('TunnelOptionsSpecification', 'Rule.Request.Malformed'));
  } else if (live.mode === 'dual') {
    const seen = new Set<number>();
    (request.TunnelOptionsSpecification ?? []).forEach((element, n) => {
      const index = tunnelIndexFor(live, element);
      const wirePath = `TunnelOptionsSpecification.${n + 1}`;
      if (index < 0) {
        issues.push(issue(`${wirePath}.TunnelId`, 'IllegalParam.TunnelId', { reason: 'notLive', value: String(element.TunnelId ?? '') }));
        return;
      }
      const path = `TunnelOptionsSpecification.${index + 1}`;
      if (seen.has(index)) issues.push(issue(`${path}.TunnelId`, 'IllegalParam.TunnelId', { reason: 'duplicate', value: element.TunnelId }));
      seen.add(index);
      // Role is optional when TunnelId names the tunnel (the API requires neither; one of them must identify it).
      if ((element.Role !== undefined || !element.TunnelId) && element.Role !== live.tunnels[index]?.Role) {
        issues.push(issue(`${path}.Role`, 'IllegalParam.Role', { value: String(element.Role), expected: live.tunnels[index]?.Role ?? '' }));
      }
      issues.push(...missingKeys(path, element, TUNNEL_REQUIRED, 'Rule.Request.IncompleteTunnel'));
      if (element.TunnelIkeConfig) issues.push(...missingKeys(`${path}.TunnelIkeConfig`, element.TunnelIkeConfig, IKE_REQUIRED));
      if (element.TunnelIpsecConfig) issues.push(...missingKeys(`${path}.TunnelIpsecConfig`, element.TunnelIpsecConfig, IPSEC_REQUIRED));
    });
  }
  if (issues.length > 0) return issues;
  const next = applyModifyRequest(live, request);
  // The document: a tunnel LocalAsn can be configured only once EnableTunnelsBgp is true.
  if (next.mode === 'dual' && !next.EnableTunnelsBgp) {
    (request.TunnelOptionsSpecification ?? []).forEach((element) => {
      const index = tunnelIndexFor(next, element);
      if (element.TunnelBgpConfig?.LocalAsn !== undefined) issues.push(issue(`TunnelOptionsSpecification.${index + 1}.TunnelBgpConfig.LocalAsn`, 'Rule.TunnelBgp.LocalAsnRequiresBgp'));
    });
  }
  const changed = changedFields(live, next).map((d) => d.path);
  const touched = new Set([...sentPaths(request, live), ...changed]);
  // The sent-LocalAsn check above covers every tunnel LocalAsn the change rule would report again: one issue a field.
  const reported = new Set(issues.map((i) => `${i.path}|${i.code}`));
  const more = [...sortIssues(live, next, validate(next, context), touched).errors, ...changeRules(live, next, changed, context)];
  return [...issues, ...more.filter((i) => !reported.has(`${i.path}|${i.code}`))];
}
