// Everything the editor and the diff preview derive from (live, draft): rule issues, field diff, impact, the
// minimal request. Pure and memoised per (live, draft, context) object identity, so a keystroke costs one run.
import {
  advise,
  diffConnections,
  getField,
  judgeChange,
  maskSecrets,
  summarizeImpact,
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
  /** Warnings (core `advise`, and rules the live value breaks in fields this change neither changes nor sends, core
   * `judgeChange`): shown next to their field, never counted as errors, never blocking Apply. */
  warningsByPath: Map<string, RuleIssue[]>;
  rows: DiffRow[];
  changedPaths: Set<string>;
  impact: ImpactSummary;
  /** The request main would send (null when the rules refuse the draft or nothing changed). */
  request: ModifyVpnConnectionAttributeRequest | null;
  /** Each changed secret's values, for what the preview may say of them (length, fingerprint) while masked. */
  secrets: Map<string, { before: string; after: string }>;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function analyse(live: VpnConnection, draft: VpnConnection, context: GatewayContext, RegionId: string, revealSecrets: boolean): Analysis {
  // A change is judged by what it changes: only issues of fields it changes or sends block (core judgeChange).
  const judged = judgeChange(live, draft, context, { RegionId });
  const issues = judged.errors;
  const issuesByPath = new Map<string, RuleIssue[]>();
  for (const issue of issues) issuesByPath.set(issue.path, [...(issuesByPath.get(issue.path) ?? []), issue]);
  const rows = diffConnections(live, draft, { revealSecrets });
  const changedPaths = new Set(rows.map((r) => r.path));
  let request: ModifyVpnConnectionAttributeRequest | null = null;
  if (issues.length === 0 && rows.length > 0 && judged.request) request = revealSecrets ? judged.request : maskSecrets(judged.request);
  const warningsByPath = new Map<string, RuleIssue[]>();
  for (const warning of [...judged.warnings, ...advise(draft)]) warningsByPath.set(warning.path, [...(warningsByPath.get(warning.path) ?? []), warning]);
  const secrets = new Map<string, { before: string; after: string }>();
  for (const row of rows) if (row.secret) secrets.set(row.path, { before: text(getField(live, row.path)), after: text(getField(draft, row.path)) });
  return { issues, issuesByPath, warningsByPath, rows, changedPaths, impact: summarizeImpact(rows), request, secrets };
}

// The aliyun CLI command line is core's (the CLI tool prints the same one); re-exported for the preview.
export { cliCommand } from '../../../core/request/aliyun-cli.ts';
