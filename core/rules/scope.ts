// A change is judged by what it changes. `validate` checks every field of a draft; a fault in a field the change
// neither changes nor sends (a connection without a Name, a live LocalAsn of 0 with BGP off) is the live value's,
// not the change's, and must not stop a PSK change that never sends it. Here each issue learns which fields it is
// about, so the judge (request/judge.ts) can keep it blocking when one of them is touched and show it as a warning
// on the live value otherwise.
import type { RuleIssue } from './issue.ts';

/** Issues that block whatever the change touches: the draft cannot be read or named at all. */
const ALWAYS_BLOCKING = new Set([
  'Rule.Shape.Invalid',
  'Rule.Internal',
  'Rule.Param.SingleTunnelOnly',
  'Rule.Param.DualTunnelOnly',
  'Rule.Draft.ConnectionMismatch',
  'Rule.Draft.ModeMismatch',
  'IllegalParam.Role',
  'IllegalParam.TunnelId',
]);

const TUNNEL_BGP_KEYS = ['LocalAsn', 'TunnelCidr', 'LocalBgpIp'] as const;
const tunnelBgpPaths = (): string[] => [1, 2].flatMap((n) => TUNNEL_BGP_KEYS.map((k) => `TunnelOptionsSpecification.${n}.TunnelBgpConfig.${k}`));

/** `BgpConfig` or `TunnelOptionsSpecification.N.TunnelBgpConfig` for a path inside a BGP block. */
function bgpBlockOf(path: string): string | undefined {
  const m = /^(BgpConfig|TunnelOptionsSpecification\.\d\.TunnelBgpConfig)\./.exec(path);
  return m?.[1];
}

/** The switch that turns a BGP block on. */
const bgpSwitchOf = (block: string): string => (block === 'BgpConfig' ? 'BgpConfig.EnableBgp' : 'EnableTunnelsBgp');

/**
 * The fields an issue is about: its own path, plus the fields whose change can break it from elsewhere (a routing
 * mode is two lists; a LocalBgpIp is judged against its TunnelCidr and needed once BGP is switched on; two tunnels
 * with one tunnel network are a pair). `always` = blocks whatever changes.
 */
export function issueFields(issue: RuleIssue): readonly string[] | 'always' {
  if (ALWAYS_BLOCKING.has(issue.code) || issue.path === '' || issue.path === 'mode') return 'always';
  const fields = [issue.path];
  switch (issue.code) {
    case 'Rule.Subnet.RoutingModeMismatch':
    case 'VpnConnectionParamInvalid.SameVpnAndCgwTrafficSelectorOverlap':
      fields.push('LocalSubnet', 'RemoteSubnet');
      break;
    case 'MissingParam.CustomerGatewayAsn':
      if (issue.path === 'EnableTunnelsBgp') fields.push(...tunnelBgpPaths());
      break;
    case 'IllegalParam.TunnelCidr': {
      const other = issue.params.other;
      if (typeof other === 'string' && other.startsWith('TunnelOptionsSpecification.')) fields.push(`${other}.TunnelBgpConfig.TunnelCidr`);
      break;
    }
    default:
      break;
  }
  const block = bgpBlockOf(issue.path);
  // A BGP block is sent whole once any of its keys is (request/compose.ts): sending its ASN alone sends a block
  // without the tunnel network the service requires, so that completeness issue blocks too.
  if (block && (issue.code === 'MissingParameter.TunnelCidr' || issue.code === 'IllegalParam.LocalBgpIp')) {
    fields.push(bgpSwitchOf(block), `${block}.TunnelCidr`, `${block}.LocalBgpIp`, `${block}.LocalAsn`);
  }
  return fields;
}

/** Blocking: the issue is about a field the change touches (changes or sends). Warnings: all the others. */
export function partitionIssues(issues: readonly RuleIssue[], touched: ReadonlySet<string>): { blocking: RuleIssue[]; warnings: RuleIssue[] } {
  const blocking: RuleIssue[] = [];
  const warnings: RuleIssue[] = [];
  for (const issue of issues) {
    const fields = issueFields(issue);
    if (fields === 'always' || fields.some((f) => touched.has(f))) blocking.push(issue);
    else warnings.push(issue);
  }
  return { blocking, warnings };
}
