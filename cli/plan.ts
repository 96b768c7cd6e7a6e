// `ipsec-studio plan`: what turning the live connection into the draft means: the field diff, the verdict of the
// rules on the change (core judgeChange: only what the change changes or sends can refuse it), the smallest
// ModifyVpnConnectionAttribute request and the same request as an aliyun CLI command.
import { diffConnections, summarizeImpact, type DiffRow } from '../core/diff/diff.ts';
import { formatIssue, type Lang } from '../core/i18n/messages.ts';
import type { VpnConnection } from '../core/model/connection.ts';
import { REGION_ID_PATTERN } from '../core/model/region.ts';
import { cliCommand } from '../core/request/aliyun-cli.ts';
import { judgeChange } from '../core/request/judge.ts';
import type { ModifyVpnConnectionAttributeRequest } from '../core/request/types.ts';
import { maskSecrets, SECRET_MASK } from '../core/request/wire.ts';
import type { RuleIssue } from '../core/rules/issue.ts';
import { InputError, parseCommand, positionalsExactly, printJson, stringOption, type Io } from './args.ts';
import { issueOut, langOption, vpnTypeOption } from './check.ts';
import { contextFor, readConnection } from './input.ts';
import { planHelp } from './help.ts';

const options = {
  'region-id': { type: 'string' },
  'vpn-type': { type: 'string' },
  'reveal-secrets': { type: 'boolean' },
  text: { type: 'boolean' },
  lang: { type: 'string' },
} as const;

export interface Plan {
  changes: Array<Pick<DiffRow, 'path' | 'before' | 'after' | 'impact' | 'secret'>>;
  impact: ReturnType<typeof summarizeImpact>;
  errors: ReturnType<typeof issueOut>[];
  warnings: ReturnType<typeof issueOut>[];
  request: ModifyVpnConnectionAttributeRequest | null;
  aliyunCli: string | null;
}

const modeWords = (c: VpnConnection): string => (c.mode === 'single' ? 'single-tunnel' : 'dual-tunnel');

function textSummary(plan: Plan, live: VpnConnection, vpnType: string, lang: Lang, rawErrors: RuleIssue[]): string {
  const lines = [`${live.VpnConnectionId} (${modeWords(live)}, ${vpnType} gateway)`];
  if (plan.changes.length === 0) lines.push('No changes.');
  else {
    lines.push(`Changes (${plan.changes.length}):`);
    for (const c of plan.changes) lines.push(`  ${c.path}: ${c.before === '' ? '(unset)' : c.before} -> ${c.after === '' ? '(unset)' : c.after}${c.impact.length ? `  [${c.impact.join(', ')}]` : ''}`);
    const { renegotiates, routing, bothTunnels } = plan.impact;
    const effects = [renegotiates && (bothTunnels ? 'both tunnels renegotiate at once' : 'the tunnel renegotiates'), routing && 'routing changes'].filter(Boolean);
    lines.push(`Impact: ${effects.length ? effects.join('; ') : 'none on traffic'}`);
  }
  if (rawErrors.length > 0) {
    lines.push(`Refused by the rules (${rawErrors.length}):`);
    for (const e of rawErrors) lines.push(`  ${e.path || '(connection)'}: ${formatIssue(e, lang)} [${e.code}]`);
  }
  if (plan.warnings.length > 0) {
    lines.push(`Warnings (${plan.warnings.length}):`);
    for (const w of plan.warnings) lines.push(`  ${w.path || '(connection)'}: ${w.message} [${w.code}]`);
  }
  if (plan.aliyunCli) {
    lines.push('Command:', plan.aliyunCli);
    if (plan.aliyunCli.includes(SECRET_MASK)) lines.push(`(PSKs masked as ${SECRET_MASK}: --reveal-secrets prints them)`);
  }
  return `${lines.join('\n')}\n`;
}

export function plan(argv: readonly string[], io: Io): number {
  const parsed = parseCommand(argv, 'plan', options);
  if (parsed.help) {
    io.out(planHelp);
    return 0;
  }
  const [livePath = '', draftPath = ''] = positionalsExactly(parsed, ['live.json', 'draft.json'], 'plan');
  const lang = langOption(parsed);
  const vpnType = vpnTypeOption(parsed);
  const RegionId = stringOption(parsed, 'region-id');
  if (RegionId === undefined) throw new InputError('--region-id is required: the request needs the region, and a DescribeVpnConnection body does not carry it (see ipsec-studio plan --help)');
  if (RegionId.length > 64 || !REGION_ID_PATTERN.test(RegionId)) throw new InputError(`--region-id '${RegionId}' is not a region id such as cn-hangzhou`);
  const reveal = parsed.values['reveal-secrets'] === true;
  const live = readConnection(livePath);
  const draft = readConnection(draftPath);
  const context = contextFor(live, vpnType);
  const judged = judgeChange(live, draft, context, { RegionId });
  const rows = judged.errors.some((e) => e.code.startsWith('Rule.Draft.')) ? [] : diffConnections(live, draft, { revealSecrets: reveal });
  const sendable = judged.errors.length === 0 && rows.length > 0 && judged.request !== null;
  const request = sendable && judged.request ? (reveal ? judged.request : maskSecrets(judged.request)) : null;
  const result: Plan = {
    changes: rows.map((r) => ({ path: r.path, before: r.before, after: r.after, impact: r.impact, secret: r.secret })),
    impact: summarizeImpact(rows),
    errors: judged.errors.map((i) => issueOut(i, lang)),
    warnings: judged.warnings.map((i) => issueOut(i, lang)),
    request,
    aliyunCli: request ? cliCommand(request) : null,
  };
  if (parsed.values.text === true) io.out(textSummary(result, live, context.VpnType, lang, judged.errors));
  else printJson(io, result);
  return judged.errors.length === 0 ? 0 : 1;
}
