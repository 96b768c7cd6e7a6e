// `ipsec-studio check`: the app's rules (core `validate`, every field of the connection, and `advise`) on one
// connection, as JSON. Only the connection is known, so the rules about the gateway's other connections (same
// customer gateway, tunnel networks in use) have nothing to compare with and stay quiet.
import type { VpnType } from '../core/model/connection.ts';
import { formatIssue, type Lang } from '../core/i18n/messages.ts';
import { advise } from '../core/rules/advise.ts';
import type { RuleIssue } from '../core/rules/issue.ts';
import { validate } from '../core/rules/validate.ts';
import { IKEV1_MULTI_SUBNET_ADVICE } from '../core/request/judge.ts';
import { choiceOption, parseCommand, positionalsExactly, printJson, type Io, type Parsed } from './args.ts';
import { contextFor, readConnection } from './input.ts';
import { checkHelp } from './help.ts';

export const LANGS = ['en', 'zh-CN'] as const;
export const VPN_TYPES = ['Normal', 'NationalStandard'] as const;

const options = { 'vpn-type': { type: 'string' }, lang: { type: 'string' } } as const;

export interface IssueOut {
  path: string;
  code: string;
  message: string;
  params: RuleIssue['params'];
}

export const issueOut = (issue: RuleIssue, lang: Lang): IssueOut => ({ path: issue.path, code: issue.code, message: formatIssue(issue, lang), params: issue.params });

export const langOption = (parsed: Parsed): Lang => choiceOption(parsed, 'lang', LANGS) ?? 'en';
export const vpnTypeOption = (parsed: Parsed): VpnType | undefined => choiceOption(parsed, 'vpn-type', VPN_TYPES);

export function check(argv: readonly string[], io: Io): number {
  const parsed = parseCommand(argv, 'check', options);
  if (parsed.help) {
    io.out(checkHelp);
    return 0;
  }
  const [path = ''] = positionalsExactly(parsed, ['connection.json'], 'check');
  const lang = langOption(parsed);
  const vpnType = vpnTypeOption(parsed);
  const connection = readConnection(path);
  const context = contextFor(connection, vpnType);
  const issues = validate(connection, context);
  // The document refuses a change that introduces IKEv1 with several subnets; a connection that already has it is
  // the live state, which the app shows as advice (request/judge.ts), and so does this check.
  const ikeV1Multi = (i: RuleIssue): boolean => i.code === 'ModifyIkeV1WithMultiRoutes.Invalid';
  const errors = issues.filter((i) => !ikeV1Multi(i)).map((i) => issueOut(i, lang));
  const warnings = [...issues.filter(ikeV1Multi).map((i) => ({ ...i, code: IKEV1_MULTI_SUBNET_ADVICE })), ...advise(connection)].map((i) => issueOut(i, lang));
  printJson(io, { valid: errors.length === 0, vpnType: context.VpnType, errors, warnings });
  return errors.length === 0 ? 0 : 1;
}
