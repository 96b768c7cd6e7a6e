// Connection-wide fields: Name, LocalSubnet / RemoteSubnet, and the IKEv1 + several subnets restriction.
import type { VpnConnection } from '../model/connection.ts';
import { NAME_MAX } from '../model/enums.ts';
import { ANY_NETWORK, parseIpv4Cidr, splitCidrList } from '../net/ipv4.ts';
import { issue, type RuleIssue } from './issue.ts';

export function nameRules(name: string): RuleIssue[] {
  // Length is counted in code points so that 100 Chinese characters are 100, as the console counts them.
  const length = [...name].length;
  if (length < 1 || length > NAME_MAX) return [issue('Name', 'InvalidName', { reason: 'length', min: 1, max: NAME_MAX, length })];
  if (/^https?:\/\//i.test(name)) return [issue('Name', 'InvalidName', { reason: 'prefix' })];
  return [];
}

const SUBNET_CODE = { LocalSubnet: 'IllegalParam.LocalSubnet', RemoteSubnet: 'IllegalParam.RemoteSubnet' } as const;

/** One comma-separated list: every item a valid IPv4 network, no duplicates, `0.0.0.0/0` only on its own. */
export function subnetListRules(field: 'LocalSubnet' | 'RemoteSubnet', value: string): RuleIssue[] {
  const code = SUBNET_CODE[field];
  const items = splitCidrList(value);
  const issues: RuleIssue[] = [];
  const seen = new Set<number | string>();
  for (const item of items) {
    if (item === '') {
      issues.push(issue(field, code, { reason: 'empty', value: item }));
      continue;
    }
    const net = parseIpv4Cidr(item);
    if (!net) {
      issues.push(issue(field, code, { reason: 'malformed', value: item }));
      continue;
    }
    if (net.hostBitsSet) issues.push(issue(field, code, { reason: 'hostBits', value: item }));
    const key = `${net.start}/${net.prefix}`;
    if (seen.has(key)) issues.push(issue(field, code, { reason: 'duplicate', value: item }));
    seen.add(key);
  }
  if (items.length > 1 && items.some((i) => i === ANY_NETWORK)) {
    issues.push(issue(field, code, { reason: 'anyNotAlone', value: ANY_NETWORK }));
  }
  return issues;
}

export function isDestinationRouting(subnetList: string): boolean {
  return subnetList.trim() === ANY_NETWORK;
}

/**
 * `0.0.0.0/0` on both sides selects destination-routing mode, specific networks on both sides select
 * protected-flow mode; the document defines no mixed mode, so one side `0.0.0.0/0` alone is refused.
 */
export function routingModeRules(local: string, remote: string): RuleIssue[] {
  if (isDestinationRouting(local) !== isDestinationRouting(remote)) {
    return [issue('RemoteSubnet', 'Rule.Subnet.RoutingModeMismatch', { local, remote })];
  }
  return [];
}

/** `ModifyIkeV1WithMultiRoutes.Invalid`: IKEv1 negotiates one selector pair, so several subnets need IKEv2. */
export function ikeV1MultiSubnetRules(connection: VpnConnection): RuleIssue[] {
  const localCount = splitCidrList(connection.LocalSubnet).length;
  const remoteCount = splitCidrList(connection.RemoteSubnet).length;
  if (localCount <= 1 && remoteCount <= 1) return [];
  const params = { localCount, remoteCount };
  if (connection.mode === 'single') {
    return connection.IkeConfig.IkeVersion === 'ikev1'
      ? [issue('IkeConfig.IkeVersion', 'ModifyIkeV1WithMultiRoutes.Invalid', params)]
      : [];
  }
  return connection.tunnels.flatMap((t, i) =>
    t.TunnelIkeConfig.IkeVersion === 'ikev1'
      ? [issue(`TunnelOptionsSpecification.${i + 1}.TunnelIkeConfig.IkeVersion`, 'ModifyIkeV1WithMultiRoutes.Invalid', params)]
      : [],
  );
}

export function generalRules(connection: VpnConnection): RuleIssue[] {
  const local = subnetListRules('LocalSubnet', connection.LocalSubnet);
  const remote = subnetListRules('RemoteSubnet', connection.RemoteSubnet);
  const mode = local.length === 0 && remote.length === 0 ? routingModeRules(connection.LocalSubnet, connection.RemoteSubnet) : [];
  return [...nameRules(connection.Name), ...local, ...remote, ...mode, ...ikeV1MultiSubnetRules(connection)];
}
