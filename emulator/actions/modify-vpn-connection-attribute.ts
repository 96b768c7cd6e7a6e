import { createHash } from 'node:crypto';
import { ApiError, badParam, invalidParameter } from '../http/errors.ts';
import { checkIkeV1MultiRoutes, checkSameGatewayAndCustomerGateway, checkTunnelCidrsUnique, type CheckScope } from '../rules/cross-connection.ts';
import { applyIke, applyIpsec, defaultIke, defaultIpsec } from '../rules/ike-ipsec.ts';
import { type Loose, looseBool, looseInt, looseString, parseJsonObject, pick } from '../rules/lenient.ts';
import { hasTunnelOptions, parseTunnelOptions, type TunnelPatch } from '../rules/tunnel-options.ts';
import {
  checkLocalBgpIpFormat,
  checkLocalBgpIpInCidr,
  checkName,
  checkRemoteCaCertificate,
  checkRoutingMode,
  checkSubnets,
  checkTunnelCidr,
  isIpv4,
  parseAsn,
} from '../rules/values.ts';
import type { Store } from '../state/store.ts';
import { connectionModifyView } from '../state/views.ts';
import type { Tunnel, UnsupportedOperation, VpnConnection, VpnGateway } from '../types.ts';
import type { ActionContext, ActionHandler } from './context.ts';
import type { Params } from './params.ts';
import { requireRegion } from './params.ts';
import { findConnection } from './vpn-connections.ts';

/** The key of a single-tunnel connection's one end in a CheckScope (tunnels use their TunnelId). */
const SINGLE_END = '';

const SINGLE_ONLY = ['IkeConfig', 'IpsecConfig', 'HealthCheckConfig', 'BgpConfig', 'EnableDpd', 'EnableNatTraversal', 'RemoteCaCertificate'];
const DUAL_ONLY = ['EnableTunnelsBgp'];

function fingerprint(params: Params): string {
  const entries = Object.entries(params.raw)
    .filter(([k]) => k !== 'ClientToken')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}

function checkClientToken(token: string): void {
  if (token.length > 64 || !/^[\x20-\x7e]+$/.test(token)) {
    throw badParam('InvalidClientToken.Malformed', 'The ClientToken must be 1-64 ASCII characters.');
  }
}

const UNSUPPORTED_MESSAGES: Record<UnsupportedOperation, string> = {
  SetDPD: 'Current version of the VPN does not support setting DPD.',
  SetNatTraversal: 'Current version of the VPN does not support setting NAT traversal.',
  EnableBgp: 'Current version of the VPN does not support enable BGP.',
};

/**
 * An older gateway refuses to change what its version lacks (the document's OperationUnsupported.*). Repeating the
 * current value is no change and is accepted: a client that sends a tunnel whole (Terraform, the app) repeats the
 * tunnel's DPD and NAT-T flags on every change of it.
 */
function checkSupported(gateway: VpnGateway, operation: UnsupportedOperation, current: boolean, next: boolean | undefined): void {
  if (next === undefined || next === current || !gateway.UnsupportedOperations.includes(operation)) return;
  if (operation === 'EnableBgp' && !next) return;
  throw badParam(`OperationUnsupported.${operation}`, UNSUPPORTED_MESSAGES[operation]);
}

/** Single-only parameters on a dual-tunnel connection (and vice versa): undocumented, so configurable. */
function screenTunnelMode(ctx: ActionContext, dual: boolean): Set<string> {
  const ignored = new Set<string>();
  const wrong = dual ? SINGLE_ONLY.filter((p) => ctx.params.has(p)) : DUAL_ONLY.filter((p) => ctx.params.has(p));
  if (!dual && hasTunnelOptions(ctx.params.raw)) wrong.push('TunnelOptionsSpecification');
  for (const name of wrong) {
    if (ctx.tunnelModeMismatch === 'reject') {
      throw badParam(
        `IllegalParam.${name}`,
        `The parameter ${name} applies only to ${dual ? 'single' : 'dual'}-tunnel IPsec-VPN connections.`,
      );
    }
    ignored.add(name);
  }
  return ignored;
}

function applyHealthCheck(next: VpnConnection, raw: string): void {
  const patch = parseJsonObject('HealthCheckConfig', raw);
  const code = 'IllegalParam.HealthCheckConfig';
  const hc = { ...next.VcoHealthCheck };
  const enable = pick(patch, 'enable');
  if (enable !== undefined) hc.Enable = looseBool(code, 'HealthCheckConfig.enable', enable);
  for (const [key, field] of [['dip', 'Dip'], ['sip', 'Sip']] as const) {
    const v = pick(patch, key);
    if (v === undefined) continue;
    const ip = looseString(code, `HealthCheckConfig.${key}`, v);
    if (!isIpv4(ip)) throw badParam(code, `The specified HealthCheckConfig.${key} is not a valid IPv4 address.`);
    hc[field] = ip;
  }
  // The document gives no upper limit for either, so only a positive whole number is required.
  for (const [key, field] of [['interval', 'Interval'], ['retry', 'Retry']] as const) {
    const v = pick(patch, key);
    if (v === undefined) continue;
    const n = looseInt(code, `HealthCheckConfig.${key}`, v);
    if (n < 1) throw badParam(code, `The specified HealthCheckConfig.${key} must be a positive whole number.`);
    hc[field] = n;
  }
  if (hc.Enable && (!hc.Dip || !hc.Sip)) {
    throw badParam(code, 'HealthCheckConfig needs dip and sip when the health check is enabled.');
  }
  next.VcoHealthCheck = hc;
}

function checkCustomerGatewayAsn(store: Store, cgwId: string): void {
  const cgw = store.customerGateways.get(cgwId);
  if (cgw && !cgw.Asn) {
    throw badParam('MissingParam.CustomerGatewayAsn', 'Asn of customer gateway is mandatory when BGP is enabled.');
  }
}

/** TunnelCidr and LocalBgpIp of a BgpConfig / TunnelBgpConfig patch, each checked on its own (the pair is checked later). */
function applyCidrAndBgpIp(bgp: { TunnelCidr: string; LocalBgpIp: string }, patch: Loose): void {
  const cidr = pick(patch, 'TunnelCidr');
  if (cidr !== undefined) bgp.TunnelCidr = checkTunnelCidr(looseString('InvalidTunnelCidr.Malformed', 'TunnelCidr', cidr));
  const ip = pick(patch, 'LocalBgpIp');
  if (ip !== undefined) {
    bgp.LocalBgpIp = looseString('InvalidLocalBgpIp.Malformed', 'LocalBgpIp', ip);
    checkLocalBgpIpFormat(bgp.LocalBgpIp);
  }
}

function applyBgp(store: Store, gateway: VpnGateway, next: VpnConnection, raw: string): void {
  const patch = parseJsonObject('BgpConfig', raw);
  const bgp = { ...next.VpnBgpConfig };
  const enable = pick(patch, 'EnableBgp');
  if (enable !== undefined) bgp.EnableBgp = looseBool('IllegalParam.BgpConfig', 'BgpConfig.EnableBgp', enable);
  if (enable !== undefined && !bgp.EnableBgp && gateway.EnableBgp) {
    throw badParam('IllegalParam.EnableBgp', 'VPN connection must enable BGP when VPN gateway has enabled BGP.');
  }
  checkSupported(gateway, 'EnableBgp', next.VpnBgpConfig.EnableBgp, enable === undefined ? undefined : bgp.EnableBgp);
  const asn = pick(patch, 'LocalAsn');
  if (asn !== undefined) bgp.LocalAsn = parseAsn(asn);
  applyCidrAndBgpIp(bgp, patch);
  if (bgp.EnableBgp) {
    if (!bgp.TunnelCidr) {
      throw badParam('MissingParameter.TunnelCidr', 'The parameter TunnelCidr is mandatory when BGP is enabled.');
    }
    checkCustomerGatewayAsn(store, next.CustomerGatewayId);
  }
  if (bgp.LocalBgpIp && bgp.TunnelCidr) checkLocalBgpIpInCidr(bgp.LocalBgpIp, bgp.TunnelCidr);
  next.VpnBgpConfig = bgp;
}

function modifySingle(ctx: ActionContext, gateway: VpnGateway, next: VpnConnection, ignored: Set<string>, scope: CheckScope): void {
  const { params, store } = ctx;
  const sm = gateway.VpnType === 'NationalStandard';
  const ike = params.str('IkeConfig');
  if (ike !== undefined) {
    next.IkeConfig = applyIke(next.IkeConfig, parseJsonObject('IkeConfig', ike), sm);
    scope.ikeSent.add(SINGLE_END);
  }
  const ipsec = params.str('IpsecConfig');
  if (ipsec !== undefined) next.IpsecConfig = applyIpsec(next.IpsecConfig, parseJsonObject('IpsecConfig', ipsec), sm);
  const hc = params.str('HealthCheckConfig');
  if (hc !== undefined) applyHealthCheck(next, hc);
  const bgp = params.str('BgpConfig');
  if (bgp !== undefined) {
    applyBgp(store, gateway, next, bgp);
    if (pick(parseJsonObject('BgpConfig', bgp), 'TunnelCidr') !== undefined) scope.cidrSent.add(SINGLE_END);
  }
  const dpd = params.bool('EnableDpd');
  checkSupported(gateway, 'SetDPD', next.EnableDpd, dpd);
  next.EnableDpd = dpd ?? next.EnableDpd;
  const natT = params.bool('EnableNatTraversal');
  checkSupported(gateway, 'SetNatTraversal', next.EnableNatTraversal, natT);
  next.EnableNatTraversal = natT ?? next.EnableNatTraversal;
  const ca = params.str('RemoteCaCertificate');
  if (ca !== undefined && !ignored.has('RemoteCaCertificate')) {
    checkRemoteCaCertificate(ca, sm);
    next.RemoteCaCertificate = ca;
  }
}

function findTunnel(tunnels: Tunnel[], patch: TunnelPatch): Tunnel {
  if (patch.Role !== undefined && patch.Role !== 'master' && patch.Role !== 'slave') {
    throw badParam('IllegalParam.Role', 'The specified Role is invalid.');
  }
  if (patch.TunnelId !== undefined) {
    const tunnel = tunnels.find((t) => t.TunnelId === patch.TunnelId);
    if (!tunnel) throw badParam('IllegalParam.TunnelId', 'The specified TunnelId is invalid.');
    if (patch.Role !== undefined && patch.Role !== tunnel.Role) {
      throw badParam('IllegalParam.Role', 'The specified Role is invalid.');
    }
    return tunnel;
  }
  if (patch.Role !== undefined) {
    const tunnel = tunnels.find((t) => t.Role === patch.Role);
    if (tunnel) return tunnel;
  }
  throw badParam('IllegalParam.TunnelId', 'The specified TunnelId is invalid: give TunnelId or Role for each tunnel.');
}

function flag(patch: TunnelPatch, field: 'EnableDpd' | 'EnableNatTraversal'): boolean | undefined {
  const value = patch[field];
  if (value === undefined) return undefined;
  if (!/^(true|false)$/i.test(value)) throw invalidParameter(`TunnelOptionsSpecification.${patch.index}.${field}`);
  return value.toLowerCase() === 'true';
}

/**
 * `partialTunnel: 'reset'`: an element is read as the whole tunnel, and what it leaves out gets the creation
 * defaults (DPD and NAT-T on, the default proposals, and, as the document says of a missing PSK, a random 16-character
 * key). This is the behaviour a client sending part of a tunnel cannot rule out, so the app's tests run against it.
 */
function resetOmitted(store: Store, tunnel: Tunnel, patch: TunnelPatch, sm: boolean): void {
  if (patch.EnableDpd === undefined) tunnel.EnableDpd = true;
  if (patch.EnableNatTraversal === undefined) tunnel.EnableNatTraversal = true;
  const cgwIp = store.customerGateways.get(tunnel.CustomerGatewayId)?.IpAddress ?? '';
  if (!patch.TunnelIkeConfig) tunnel.TunnelIkeConfig = defaultIke(sm, tunnel.InternetIp, cgwIp);
  if (!patch.TunnelIpsecConfig) tunnel.TunnelIpsecConfig = defaultIpsec(sm);
}

function modifyDual(ctx: ActionContext, gateway: VpnGateway, next: VpnConnection & { TunnelOptions: Tunnel[] }, scope: CheckScope): void {
  const { params, store } = ctx;
  const sm = gateway.VpnType === 'NationalStandard';
  const enableBgp = params.bool('EnableTunnelsBgp');
  if (enableBgp === false && gateway.EnableBgp) {
    throw badParam('IllegalParam.EnableBgp', 'VPN connection must enable BGP when VPN gateway has enabled BGP.');
  }
  checkSupported(gateway, 'EnableBgp', next.EnableTunnelsBgp, enableBgp);
  const enabling = enableBgp === true && !next.EnableTunnelsBgp;
  next.EnableTunnelsBgp = enableBgp ?? next.EnableTunnelsBgp;
  const touched = new Set<string>();
  const bgpTouched = new Set<string>();
  for (const patch of parseTunnelOptions(params.raw)) {
    const current = findTunnel(next.TunnelOptions, patch);
    if (touched.has(current.TunnelId)) {
      throw badParam('IllegalParam.TunnelId', 'The same tunnel appears twice in TunnelOptionsSpecification.');
    }
    touched.add(current.TunnelId);
    const tunnel: Tunnel = structuredClone(current);
    if (ctx.partialTunnel === 'reset') resetOmitted(store, tunnel, patch, sm);
    if (patch.CustomerGatewayId !== undefined) {
      const cgw = store.customerGateways.get(patch.CustomerGatewayId);
      if (!cgw || cgw.RegionId !== next.RegionId) {
        throw new ApiError(
          404,
          'InvalidCustomerGatewayInstanceId.NotFound',
          'The specified customer gateway instance id does not exist.',
        );
      }
      tunnel.CustomerGatewayId = patch.CustomerGatewayId;
    }
    const dpd = flag(patch, 'EnableDpd');
    checkSupported(gateway, 'SetDPD', current.EnableDpd, dpd);
    tunnel.EnableDpd = dpd ?? tunnel.EnableDpd;
    const natT = flag(patch, 'EnableNatTraversal');
    checkSupported(gateway, 'SetNatTraversal', current.EnableNatTraversal, natT);
    tunnel.EnableNatTraversal = natT ?? tunnel.EnableNatTraversal;
    if (patch.RemoteCaCertificate !== undefined) {
      checkRemoteCaCertificate(patch.RemoteCaCertificate, sm);
      tunnel.RemoteCaCertificate = patch.RemoteCaCertificate;
    }
    if (patch.TunnelIkeConfig) {
      tunnel.TunnelIkeConfig = applyIke(tunnel.TunnelIkeConfig, patch.TunnelIkeConfig, sm);
      scope.ikeSent.add(tunnel.TunnelId);
    }
    if (patch.TunnelIpsecConfig) {
      tunnel.TunnelIpsecConfig = applyIpsec(tunnel.TunnelIpsecConfig, patch.TunnelIpsecConfig, sm);
    }
    if (patch.TunnelBgpConfig) {
      applyTunnelBgp(tunnel, patch.TunnelBgpConfig, next.EnableTunnelsBgp);
      bgpTouched.add(tunnel.TunnelId);
      if (pick(patch.TunnelBgpConfig, 'TunnelCidr') !== undefined) scope.cidrSent.add(tunnel.TunnelId);
    }
    next.TunnelOptions[next.TunnelOptions.indexOf(current)] = tunnel;
  }
  // BGP is checked where the request touches it: switching tunnel BGP on checks both tunnels, a TunnelBgpConfig its
  // own tunnel (a live connection's other faults are not this request's).
  for (const tunnel of next.TunnelOptions) {
    if (!enabling && !bgpTouched.has(tunnel.TunnelId)) continue;
    const bgp = tunnel.TunnelBgpConfig;
    if (next.EnableTunnelsBgp) {
      if (!bgp.TunnelCidr) {
        throw badParam('MissingParameter.TunnelCidr', 'The parameter TunnelCidr is mandatory when BGP is enabled.');
      }
      checkCustomerGatewayAsn(store, tunnel.CustomerGatewayId);
    }
    if (bgp.LocalBgpIp && bgp.TunnelCidr) checkLocalBgpIpInCidr(bgp.LocalBgpIp, bgp.TunnelCidr);
  }
}

function applyTunnelBgp(tunnel: Tunnel, patch: Loose, tunnelsBgp: boolean): void {
  const bgp = { ...tunnel.TunnelBgpConfig };
  const asn = pick(patch, 'LocalAsn');
  if (asn !== undefined) {
    const value = parseAsn(asn);
    // The document: LocalAsn can be set or changed only once BGP is enabled for the tunnels. Repeating the current
    // value (a client sending the whole TunnelBgpConfig to move the TunnelCidr) changes nothing and is accepted.
    if (!tunnelsBgp && value !== bgp.LocalAsn) {
      throw badParam('IllegalParam.LocalAsn', 'LocalAsn can be set only when EnableTunnelsBgp is true.');
    }
    bgp.LocalAsn = value;
  }
  applyCidrAndBgpIp(bgp, patch);
  tunnel.TunnelBgpConfig = bgp;
}

export const modifyVpnConnectionAttribute: ActionHandler = (ctx) => {
  const { params, store } = ctx;
  const regionId = requireRegion(params, store);
  const current = findConnection(store, regionId, params.required('VpnConnectionId'));
  const token = params.str('ClientToken');
  const tokenKey = token === undefined ? undefined : `${ctx.accessKeyId}\u0000${token}`;
  if (token !== undefined) {
    checkClientToken(token);
    const previous = store.clientTokens.get(tokenKey as string);
    if (previous) {
      if (previous.fingerprint !== fingerprint(params)) {
        throw badParam('IdempotentParameterMismatch', 'The request uses the same client token as a previous, but non-identical request.');
      }
      return previous.body;
    }
  }
  const gatewayRecord = store.gateways.get(current.VpnGatewayId);
  if (!gatewayRecord) throw new ApiError(500, 'InternalError', 'The VPN gateway of this connection is missing.');
  const gateway = gatewayRecord.gateway;
  if (gateway.BusinessStatus === 'FinancialLocked') {
    throw badParam('VpnGateway.FinancialLocked', 'The specified service is financial locked.');
  }

  const next = structuredClone(current);
  const dual = Array.isArray(next.TunnelOptions);
  const ignored = screenTunnelMode(ctx, dual);
  const name = params.str('Name');
  if (name !== undefined) {
    checkName(name);
    next.Name = name;
  }
  for (const field of ['LocalSubnet', 'RemoteSubnet'] as const) {
    const value = params.str(field);
    if (value !== undefined) {
      checkSubnets(field, value);
      next[field] = value.split(',').map((s) => s.trim()).join(',');
    }
  }
  if (params.has('LocalSubnet') || params.has('RemoteSubnet')) checkRoutingMode(next.LocalSubnet, next.RemoteSubnet);
  next.EffectImmediately = params.bool('EffectImmediately') ?? next.EffectImmediately;
  next.AutoConfigRoute = params.bool('AutoConfigRoute') ?? next.AutoConfigRoute;
  // What the request sends, for the rules across connections: a connection's live faults elsewhere are not this
  // request's (docs/emulator.md, "Judged by what the request sends").
  const scope: CheckScope = { ikeSent: new Set(), cidrSent: new Set(), subnetsSent: params.has('LocalSubnet') || params.has('RemoteSubnet') };
  if (dual) modifyDual(ctx, gateway, next as VpnConnection & { TunnelOptions: Tunnel[] }, scope);
  else modifySingle(ctx, gateway, next, ignored, scope);

  const siblings = store.connectionsOfGateway(next.VpnGatewayId);
  checkIkeV1MultiRoutes(current, next);
  checkTunnelCidrsUnique(next, siblings, scope);
  checkSameGatewayAndCustomerGateway(current, next, siblings, scope);

  const status = store.gatewayStatus(gateway.VpnGatewayId);
  if (status === 'updating') throw badParam('VpnGateway.Configuring', 'The specified service is configuring.');
  if (status !== 'active') {
    throw badParam('IncorrectStatus.VpnGateway', `The VPN gateway is ${status}; try again when it is active.`);
  }

  store.commitUpdate(next);
  const body = { RequestId: ctx.requestId, ...connectionModifyView(store, next) };
  if (tokenKey !== undefined) store.clientTokens.set(tokenKey, { fingerprint: fingerprint(params), body });
  return body;
};
