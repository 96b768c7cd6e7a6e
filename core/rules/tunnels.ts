// Dual-tunnel structure: exactly a master and a slave, each with its own non-empty TunnelId.
import type { DualTunnelConnection } from '../model/connection.ts';
import { issue, type RuleIssue } from './issue.ts';

export function tunnelStructureRules(connection: DualTunnelConnection): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const expected = ['master', 'slave'] as const;
  connection.tunnels.forEach((t, i) => {
    const prefix = `TunnelOptionsSpecification.${i + 1}`;
    if (t.Role !== expected[i]) issues.push(issue(`${prefix}.Role`, 'IllegalParam.Role', { value: String(t.Role), expected: expected[i] ?? '' }));
    if (t.TunnelId.trim() === '') issues.push(issue(`${prefix}.TunnelId`, 'IllegalParam.TunnelId', { reason: 'empty', value: t.TunnelId }));
  });
  const [a, b] = connection.tunnels;
  if (a.TunnelId !== '' && a.TunnelId === b.TunnelId) {
    issues.push(issue('TunnelOptionsSpecification.2.TunnelId', 'IllegalParam.TunnelId', { reason: 'duplicate', value: b.TunnelId }));
  }
  return issues;
}
