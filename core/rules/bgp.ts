// BGP: TunnelCidr, LocalBgpIp, LocalAsn for single-tunnel BgpConfig and per-tunnel TunnelBgpConfig,
// plus TunnelCidr uniqueness across the whole VPN gateway.
import type { GatewayContext, VpnConnection } from '../model/connection.ts';
import { ASN_MAX, ASN_MIN } from '../model/enums.ts';
import { parseAsn } from '../net/asn.ts';
import { contains, ipv4ToInt, parseIpv4Cidr, type Ipv4Network } from '../net/ipv4.ts';
import { issue, type RuleIssue } from './issue.ts';

const LINK_LOCAL = parseIpv4Cidr('169.254.0.0/16') as Ipv4Network;

/**
 * The reference lists the reserved tunnel networks as "169.254.0–6.0/30 or 169.254.169.252/30". We read that as
 * the seven /30 blocks 169.254.0.0/30, 169.254.1.0/30, …, 169.254.6.0/30 plus 169.254.169.252/30 (the same
 * wording other clouds use), not as the whole 169.254.0.0–169.254.6.255 range: 169.254.6.4/30 stays usable.
 */
export const RESERVED_TUNNEL_CIDRS: readonly string[] = [
  ...[0, 1, 2, 3, 4, 5, 6].map((n) => `169.254.${n}.0/30`),
  '169.254.169.252/30',
];
const RESERVED_STARTS = new Set(RESERVED_TUNNEL_CIDRS.map((c) => (parseIpv4Cidr(c) as Ipv4Network).start));

/** Shape and range of one TunnelCidr (uniqueness is checked separately, it needs the whole gateway). */
export function tunnelCidrRules(path: string, value: string): RuleIssue[] {
  const net = parseIpv4Cidr(value);
  if (!net) return [issue(path, 'InvalidTunnelCidr.Malformed', { value })];
  if (net.prefix !== 30) return [issue(path, 'IllegalParam.TunnelCidr', { reason: 'prefix', value })];
  if (net.hostBitsSet) return [issue(path, 'IllegalParam.TunnelCidr', { reason: 'hostBits', value })];
  if (!contains(LINK_LOCAL, net.start)) return [issue(path, 'IllegalParam.TunnelCidr', { reason: 'outside', value })];
  if (RESERVED_STARTS.has(net.start)) return [issue(path, 'IllegalParam.TunnelCidr', { reason: 'reserved', value })];
  return [];
}

/** LocalBgpIp must be one of the two host addresses of its TunnelCidr. */
export function localBgpIpRules(path: string, ip: string, tunnelCidr: string): RuleIssue[] {
  const address = ipv4ToInt(ip.trim());
  if (address === undefined) return [issue(path, 'InvalidLocalBgpIp.Malformed', { value: ip })];
  const net = parseIpv4Cidr(tunnelCidr);
  if (!net) return []; // the TunnelCidr rule already reports it
  if (!contains(net, address)) return [issue(path, 'IllegalParam.LocalBgpIp', { reason: 'outside', value: ip, tunnelCidr })];
  if (address === net.start || address === net.end) {
    return [issue(path, 'IllegalParam.LocalBgpIp', { reason: 'notHost', value: ip, tunnelCidr })];
  }
  return [];
}

export function localAsnRules(path: string, value: string): RuleIssue[] {
  return parseAsn(value) === undefined ? [issue(path, 'IllegalParam.LocalAsn', { value, min: ASN_MIN, max: ASN_MAX })] : [];
}

interface BgpBlock {
  prefix: string;
  enabled: boolean;
  LocalAsn: string;
  TunnelCidr: string;
  LocalBgpIp: string;
}

function blockRules(b: BgpBlock): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const cidr = b.TunnelCidr.trim();
  if (cidr === '') {
    if (b.enabled) issues.push(issue(`${b.prefix}.TunnelCidr`, 'MissingParameter.TunnelCidr'));
  } else {
    issues.push(...tunnelCidrRules(`${b.prefix}.TunnelCidr`, cidr));
  }
  if (b.LocalBgpIp.trim() === '') {
    if (b.enabled) issues.push(issue(`${b.prefix}.LocalBgpIp`, 'IllegalParam.LocalBgpIp', { reason: 'required' }));
  } else {
    issues.push(...localBgpIpRules(`${b.prefix}.LocalBgpIp`, b.LocalBgpIp, cidr));
  }
  // Empty LocalAsn means "service default" (45104 for tunnels), so only a written value is checked.
  if (b.LocalAsn.trim() !== '') issues.push(...localAsnRules(`${b.prefix}.LocalAsn`, b.LocalAsn));
  return issues;
}

function blocksOf(connection: VpnConnection): BgpBlock[] {
  if (connection.mode === 'single') {
    const { EnableBgp, LocalAsn, TunnelCidr, LocalBgpIp } = connection.BgpConfig;
    return [{ prefix: 'BgpConfig', enabled: EnableBgp, LocalAsn, TunnelCidr, LocalBgpIp }];
  }
  return connection.tunnels.map((t, i) => ({
    prefix: `TunnelOptionsSpecification.${i + 1}.TunnelBgpConfig`,
    enabled: connection.EnableTunnelsBgp,
    ...t.TunnelBgpConfig,
  }));
}

/** Every TunnelCidr in use on the gateway by a connection, with who uses it. */
function cidrsInUse(connection: VpnConnection): { start: number; owner: string }[] {
  return blocksOf(connection).flatMap((b) => {
    const net = parseIpv4Cidr(b.TunnelCidr);
    return net ? [{ start: net.start, owner: connection.VpnConnectionId }] : [];
  });
}

/** The customer gateways that speak BGP with this connection, with the path that switches BGP on. */
function bgpPeers(connection: VpnConnection): { customerGatewayId: string | undefined; path: string }[] {
  if (connection.mode === 'single') {
    return connection.BgpConfig.EnableBgp ? [{ customerGatewayId: connection.CustomerGatewayId, path: 'BgpConfig.EnableBgp' }] : [];
  }
  return connection.EnableTunnelsBgp ? connection.tunnels.map((t) => ({ customerGatewayId: t.CustomerGatewayId ?? connection.CustomerGatewayId, path: 'EnableTunnelsBgp' })) : [];
}

// The document's MissingParam.CustomerGatewayAsn: BGP needs the peer's ASN, which is set on the customer gateway.
function customerGatewayAsnRules(connection: VpnConnection, context: GatewayContext): RuleIssue[] {
  const asns = context.customerGatewayAsns;
  if (!asns) return [];
  const missing = bgpPeers(connection).find(({ customerGatewayId }) => {
    if (!customerGatewayId || !Object.prototype.hasOwnProperty.call(asns, customerGatewayId)) return false;
    const asn = asns[customerGatewayId]?.trim() ?? '';
    return asn === '' || asn === '0';
  });
  return missing ? [issue(missing.path, 'MissingParam.CustomerGatewayAsn', { customerGatewayId: missing.customerGatewayId ?? '' })] : [];
}

export function bgpRules(connection: VpnConnection, context: GatewayContext): RuleIssue[] {
  const blocks = blocksOf(connection);
  const issues = [...blocks.flatMap(blockRules), ...customerGatewayAsnRules(connection, context)];
  const others = context.otherConnections.filter(
    (o) => o.VpnConnectionId !== connection.VpnConnectionId && o.VpnGatewayId === connection.VpnGatewayId,
  );
  const used = others.flatMap(cidrsInUse);
  const ownStarts = new Map<number, string>();
  for (const b of blocks) {
    const net = parseIpv4Cidr(b.TunnelCidr);
    if (!net || net.prefix !== 30) continue;
    const path = `${b.prefix}.TunnelCidr`;
    const clash = used.find((u) => u.start === net.start);
    if (clash) issues.push(issue(path, 'IllegalParam.TunnelCidr', { reason: 'duplicate', value: b.TunnelCidr, other: clash.owner }));
    const sibling = ownStarts.get(net.start);
    if (sibling !== undefined) {
      issues.push(issue(path, 'IllegalParam.TunnelCidr', { reason: 'pair', value: b.TunnelCidr, other: sibling }));
    }
    ownStarts.set(net.start, b.prefix.replace(/\.TunnelBgpConfig$/, ''));
  }
  return issues;
}
