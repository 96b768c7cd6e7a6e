// The single entry point the renderer (every keystroke) and main (before sending) call.
import type { GatewayContext, VpnConnection } from '../model/connection.ts';
import { normalizeConnection } from '../model/normalize.ts';
import { connectionShape, DUAL_TUNNEL_ONLY, pathOf, SINGLE_TUNNEL_ONLY } from '../model/shape.ts';
import { bgpRules } from './bgp.ts';
import { remoteCaCertificateRules } from './certificate.ts';
import { generalRules } from './general.ts';
import { healthCheckRules } from './health-check.ts';
import { ikeConfigRules, ipsecConfigRules } from './ike-ipsec.ts';
import { issue, type RuleIssue } from './issue.ts';
import { sameCustomerGatewayRules } from './same-customer-gateway.ts';
import { tunnelStructureRules } from './tunnels.ts';

function modeParameterRules(draft: Record<string, unknown>, mode: 'single' | 'dual'): RuleIssue[] {
  // `tunnels` is how the model spells TunnelOptionsSpecification.
  const foreign = mode === 'single' ? [...DUAL_TUNNEL_ONLY, 'tunnels'] : SINGLE_TUNNEL_ONLY;
  const code = mode === 'single' ? 'Rule.Param.DualTunnelOnly' : 'Rule.Param.SingleTunnelOnly';
  return foreign.filter((k) => draft[k] !== undefined).map((k) => issue(k === 'tunnels' ? 'TunnelOptionsSpecification' : k, code, { mode }));
}

// The context is the same objects keystroke after keystroke (the renderer holds them as they arrived), and checking
// it again on every call was most of a keystroke's cost: the gateway's other connections are parsed, and the ASNs
// of every customer gateway of the profile copied, once per object. Should one be changed afterwards, the rules'
// own guard still reports Rule.Internal instead of throwing.
const wellFormed = new WeakSet<object>();
const stringAsns = new WeakMap<object, Record<string, string>>();
function isConnection(value: unknown): value is VpnConnection {
  if (value === null || typeof value !== 'object') return false;
  if (wellFormed.has(value)) return true;
  if (!connectionShape.safeParse(value).success) return false;
  wellFormed.add(value);
  return true;
}

function asnsOf(value: object): Record<string, string> {
  let asns = stringAsns.get(value);
  if (!asns) {
    asns = Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    stringAsns.set(value, asns);
  }
  return asns;
}

function contextOf(context: unknown): GatewayContext {
  const c = (context ?? {}) as Partial<GatewayContext>;
  return {
    VpnType: c.VpnType === 'NationalStandard' ? 'NationalStandard' : 'Normal',
    otherConnections: Array.isArray(c.otherConnections)
      ? c.otherConnections.filter(isConnection)
      : [],
    ...(c.EnableBgp === true && { EnableBgp: true }),
    ...(c.customerGatewayAsns !== null && typeof c.customerGatewayAsns === 'object' && { customerGatewayAsns: asnsOf(c.customerGatewayAsns) }),
  };
}

function rulesFor(connection: VpnConnection, context: GatewayContext): RuleIssue[] {
  const { VpnType } = context;
  const issues = [...generalRules(connection)];
  if (connection.mode === 'single') {
    issues.push(
      ...ikeConfigRules('IkeConfig', connection.IkeConfig, VpnType),
      ...ipsecConfigRules('IpsecConfig', connection.IpsecConfig, VpnType),
      ...healthCheckRules(connection.HealthCheckConfig),
      ...remoteCaCertificateRules('RemoteCaCertificate', connection.RemoteCaCertificate, VpnType),
    );
  } else {
    issues.push(...tunnelStructureRules(connection));
    connection.tunnels.forEach((t, i) => {
      const prefix = `TunnelOptionsSpecification.${i + 1}`;
      issues.push(
        ...ikeConfigRules(`${prefix}.TunnelIkeConfig`, t.TunnelIkeConfig, VpnType),
        ...ipsecConfigRules(`${prefix}.TunnelIpsecConfig`, t.TunnelIpsecConfig, VpnType),
        ...remoteCaCertificateRules(`${prefix}.RemoteCaCertificate`, t.RemoteCaCertificate, VpnType),
      );
    });
  }
  issues.push(...bgpRules(connection, context), ...sameCustomerGatewayRules(connection, context));
  return issues;
}

/**
 * Every rule of the Modify document, applied to every field of a draft (what a *change* may send is judged by
 * request/judge.ts, which turns the issues of untouched fields into warnings). Subnet lists are checked in the form
 * the service stores them (model/normalize.ts). Never throws: a value that is not a connection at all yields
 * `Rule.Shape.Invalid` issues naming the offending fields instead.
 */
export function validate(draft: unknown, context: GatewayContext | unknown): RuleIssue[] {
  const shaped = connectionShape.safeParse(draft);
  if (!shaped.success) {
    return shaped.error.issues.map((i) => issue(pathOf(i.path) || 'mode', 'Rule.Shape.Invalid', { detail: i.message }));
  }
  const connection = normalizeConnection(draft as VpnConnection);
  try {
    return [...modeParameterRules(draft as Record<string, unknown>, connection.mode), ...rulesFor(connection, contextOf(context))];
  } catch (error) {
    // Defence in depth: the shape check should make this unreachable, but a keystroke must never crash the UI.
    return [issue('', 'Rule.Internal', { detail: error instanceof Error ? error.message : String(error) })];
  }
}
