// Everything the editor and the diff preview derive from (live, draft): rule issues, field diff, impact, the
// minimal request. Pure and memoised per (live, draft, context) object identity, so a keystroke costs one run.
import {
  advise,
  buildModifyRequest,
  diffConnections,
  maskSecrets,
  summarizeImpact,
  toWire,
  validate,
  type DiffRow,
  type GatewayContext,
  type ImpactSummary,
  type ModifyVpnConnectionAttributeRequest,
  type RuleIssue,
  type VpnConnection,
} from '../../../core/index.ts';

export interface Analysis {
  issues: RuleIssue[];
  issuesByPath: Map<string, RuleIssue[]>;
  /** Warnings (core `advise`): shown next to their field, never counted as errors, never blocking Apply. */
  warningsByPath: Map<string, RuleIssue[]>;
  rows: DiffRow[];
  changedPaths: Set<string>;
  impact: ImpactSummary;
  /** The request main would send (null when the rules refuse the draft or nothing changed). */
  request: ModifyVpnConnectionAttributeRequest | null;
}

export function analyse(live: VpnConnection, draft: VpnConnection, context: GatewayContext, RegionId: string, revealSecrets: boolean): Analysis {
  const issues = validate(draft, context);
  const issuesByPath = new Map<string, RuleIssue[]>();
  for (const issue of issues) {
    const list = issuesByPath.get(issue.path);
    if (list) list.push(issue);
    else issuesByPath.set(issue.path, [issue]);
  }
  const rows = diffConnections(live, draft, { revealSecrets });
  const changedPaths = new Set(rows.map((r) => r.path));
  let request: ModifyVpnConnectionAttributeRequest | null = null;
  if (issues.length === 0 && rows.length > 0) {
    const built = buildModifyRequest(live, draft, context, { RegionId });
    if (built.ok) request = revealSecrets ? built.request : maskSecrets(built.request);
    else {
      for (const issue of built.issues) {
        issues.push(issue);
        issuesByPath.set(issue.path, [...(issuesByPath.get(issue.path) ?? []), issue]);
      }
    }
  }
  const warningsByPath = new Map<string, RuleIssue[]>();
  for (const warning of advise(draft)) warningsByPath.set(warning.path, [...(warningsByPath.get(warning.path) ?? []), warning]);
  return { issues, issuesByPath, warningsByPath, rows, changedPaths, impact: summarizeImpact(rows), request };
}

const shellQuote = (value: string): string => (/^[\w./:@,=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

/** The same request as an aliyun CLI command line (secrets as masked in the request given). */
export function cliCommand(request: ModifyVpnConnectionAttributeRequest): string {
  const { query, body } = toWire(request);
  const parts = ['aliyun vpc ModifyVpnConnectionAttribute'];
  for (const [key, value] of [...Object.entries(query), ...Object.entries(body)]) parts.push(`  --${key} ${shellQuote(value)}`);
  return parts.join(' \\\n');
}
