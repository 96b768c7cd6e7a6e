// HealthCheckConfig (single-tunnel only). The document gives no numeric limits for interval / retry, so we
// only require positive integers; addresses are required (and must be IPv4) once the check is enabled.
import type { HealthCheckConfig } from '../model/connection.ts';
import { isIpv4 } from '../net/ipv4.ts';
import { issue, type RuleIssue } from './issue.ts';

export function healthCheckRules(hc: HealthCheckConfig): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const key of ['dip', 'sip'] as const) {
    const value = hc[key].trim();
    const path = `HealthCheckConfig.${key}`;
    if (value === '') {
      if (hc.enable) issues.push(issue(path, 'Rule.HealthCheck.Required'));
    } else if (!isIpv4(value)) {
      issues.push(issue(path, 'Rule.HealthCheck.Ip', { value }));
    }
  }
  if (hc.enable) {
    for (const key of ['interval', 'retry'] as const) {
      const value = hc[key];
      if (!Number.isInteger(value) || value < 1) {
        issues.push(issue(`HealthCheckConfig.${key}`, 'Rule.HealthCheck.PositiveInt', { value: String(value) }));
      }
    }
  }
  return issues;
}
