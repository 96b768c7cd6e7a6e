// (live, draft) → the smallest ModifyVpnConnectionAttribute request that turns live into draft.
//
// Policy on groups (why some things are always sent whole):
// * IkeConfig / IpsecConfig / HealthCheckConfig / BgpConfig are JSON strings, and per-tunnel
//   TunnelIkeConfig / TunnelIpsecConfig / TunnelBgpConfig are nested objects. When the service receives a group it
//   fills every omitted key with its default, and for Psk the "default" is a fresh random key: sending
//   {"IkeEncAlg":"aes256"} alone would silently replace the PSK and break the tunnel. So once any key of a group
//   changes, the whole group is sent, built from the draft (which is the live state plus the user's edits).
// * Keys whose value is empty (LocalId/RemoteId = "use the IP", BGP fields never configured) are left out rather
//   than sent as "", because "" is not a valid value for them and omission is exactly what "default" means.
// * A tunnel element always carries TunnelId and Role: the service identifies the tunnel by them (Terraform
//   sends Role only, the SDK documents TunnelId), and carrying both makes a mismatch an error, not a guess.
// * Enabling BGP (EnableTunnelsBgp=true) also sends each tunnel's complete TunnelBgpConfig, because the
//   service refuses to enable BGP without a TunnelCidr in the request (MissingParameter.TunnelCidr).
// * Scalars (Name, subnets, flags, certificates) are sent only when they change.
import type { GatewayContext, IkeConfig, IpsecConfig, TunnelOptions, VpnConnection } from '../model/connection.ts';
import { changedFields } from '../model/changes.ts';
import { getField } from '../model/paths.ts';
import { parseAsn } from '../net/asn.ts';
import { issue, type RuleIssue } from '../rules/issue.ts';
import { validate } from '../rules/validate.ts';
import type {
  IkeConfigPayload,
  IpsecConfigPayload,
  ModifyVpnConnectionAttributeRequest,
  TunnelBgpConfigPayload,
  TunnelOptionsRequest,
} from './types.ts';

export type BuildRequestResult = { ok: true; request: ModifyVpnConnectionAttributeRequest; changedPaths: string[] } | { ok: false; issues: RuleIssue[] };

export interface BuildRequestOptions {
  RegionId: string;
  ClientToken?: string;
}

export function ikePayload(ike: IkeConfig): IkeConfigPayload {
  return {
    Psk: ike.Psk,
    IkeVersion: ike.IkeVersion,
    IkeMode: ike.IkeMode,
    IkeEncAlg: ike.IkeEncAlg,
    IkeAuthAlg: ike.IkeAuthAlg,
    IkePfs: ike.IkePfs,
    IkeLifetime: ike.IkeLifetime,
    ...(ike.LocalId !== '' && { LocalId: ike.LocalId }),
    ...(ike.RemoteId !== '' && { RemoteId: ike.RemoteId }),
  };
}

export function ipsecPayload(ipsec: IpsecConfig): IpsecConfigPayload {
  return { IpsecEncAlg: ipsec.IpsecEncAlg, IpsecAuthAlg: ipsec.IpsecAuthAlg, IpsecPfs: ipsec.IpsecPfs, IpsecLifetime: ipsec.IpsecLifetime };
}

function tunnelBgpPayload(bgp: TunnelOptions['TunnelBgpConfig']): TunnelBgpConfigPayload {
  const asn = bgp.LocalAsn.trim() === '' ? undefined : parseAsn(bgp.LocalAsn);
  return {
    ...(asn !== undefined && { LocalAsn: asn }),
    ...(bgp.LocalBgpIp !== '' && { LocalBgpIp: bgp.LocalBgpIp }),
    ...(bgp.TunnelCidr !== '' && { TunnelCidr: bgp.TunnelCidr }),
  };
}

/** Values as strings, like the document's own BgpConfig / HealthCheckConfig examples. */
function bgpConfigJson(bgp: Extract<VpnConnection, { mode: 'single' }>['BgpConfig']): string {
  const asn = bgp.LocalAsn.trim() === '' ? undefined : parseAsn(bgp.LocalAsn);
  return JSON.stringify({
    EnableBgp: String(bgp.EnableBgp),
    ...(asn !== undefined && { LocalAsn: String(asn) }),
    ...(bgp.TunnelCidr !== '' && { TunnelCidr: bgp.TunnelCidr }),
    ...(bgp.LocalBgpIp !== '' && { LocalBgpIp: bgp.LocalBgpIp }),
  });
}

const positiveInt = (n: number): boolean => Number.isInteger(n) && n >= 1;

/**
 * interval / retry are validated only while the check is enabled (a disabled check may keep a cleared field), so a
 * value that is not a positive whole number can only belong to a disabled check: it is left out (the service keeps
 * its current one) instead of being sent as "0" or "NaN", which the service refuses.
 */
function healthCheckJson(hc: Extract<VpnConnection, { mode: 'single' }>['HealthCheckConfig']): string {
  return JSON.stringify({
    enable: String(hc.enable),
    ...(hc.dip !== '' && { dip: hc.dip }),
    ...(hc.sip !== '' && { sip: hc.sip }),
    ...(positiveInt(hc.interval) && { interval: String(hc.interval) }),
    ...(positiveInt(hc.retry) && { retry: String(hc.retry) }),
  });
}

function identityIssues(live: VpnConnection, draft: VpnConnection): RuleIssue[] {
  if (live.VpnConnectionId !== draft.VpnConnectionId) {
    return [issue('VpnConnectionId', 'Rule.Draft.ConnectionMismatch', { live: live.VpnConnectionId, draft: draft.VpnConnectionId })];
  }
  if (live.mode !== draft.mode) return [issue('mode', 'Rule.Draft.ModeMismatch', { live: live.mode, draft: draft.mode })];
  if (live.mode === 'dual' && draft.mode === 'dual') {
    return live.tunnels.flatMap((t, i) => {
      const d = draft.tunnels[i];
      const prefix = `TunnelOptionsSpecification.${i + 1}`;
      if (!d) return [];
      return [
        ...(d.TunnelId !== t.TunnelId ? [issue(`${prefix}.TunnelId`, 'IllegalParam.TunnelId', { reason: 'notLive', value: d.TunnelId, expected: t.TunnelId })] : []),
        ...(d.Role !== t.Role ? [issue(`${prefix}.Role`, 'IllegalParam.Role', { value: d.Role, expected: t.Role })] : []),
      ];
    });
  }
  return [];
}

export function buildModifyRequest(
  live: VpnConnection,
  draft: VpnConnection,
  context: GatewayContext,
  options: BuildRequestOptions,
): BuildRequestResult {
  const ruleIssues = validate(draft, context);
  if (ruleIssues.length > 0) return { ok: false, issues: ruleIssues };
  const mismatch = identityIssues(live, draft);
  if (mismatch.length > 0) return { ok: false, issues: mismatch };

  const changed = changedFields(live, draft).map((d) => d.path);
  // The document: TunnelBgpConfig.LocalAsn can be set or changed only with tunnel BGP enabled. This depends on
  // what changes, so it lives here rather than in validate().
  if (draft.mode === 'dual' && !draft.EnableTunnelsBgp) {
    const asnIssues = changed
      .filter((p) => p.endsWith('.TunnelBgpConfig.LocalAsn'))
      .map((p) => issue(p, 'Rule.TunnelBgp.LocalAsnRequiresBgp'));
    if (asnIssues.length > 0) return { ok: false, issues: asnIssues };
  }
  // The Modify document lets an SM gateway *modify* the peer CA certificate, and SM gateways authenticate with it:
  // clearing it is not a documented operation, so a change to "" is refused rather than sent.
  if (context.VpnType === 'NationalStandard') {
    const cleared = changed
      .filter((p) => p.endsWith('RemoteCaCertificate') && String(getField(draft, p)).trim() === '')
      .map((p) => issue(p, 'Rule.RemoteCaCertificate.Required'));
    if (cleared.length > 0) return { ok: false, issues: cleared };
  }
  // IllegalParam.EnableBgp: on a gateway with BGP enabled, a connection cannot switch BGP off (the service refuses
  // only the switch, not connections that never had BGP, so this depends on what changes).
  if (context.EnableBgp) {
    const switchingOff =
      draft.mode === 'single'
        ? changed.includes('BgpConfig.EnableBgp') && !draft.BgpConfig.EnableBgp
        : changed.includes('EnableTunnelsBgp') && !draft.EnableTunnelsBgp;
    if (switchingOff) return { ok: false, issues: [issue(draft.mode === 'single' ? 'BgpConfig.EnableBgp' : 'EnableTunnelsBgp', 'IllegalParam.EnableBgp')] };
  }
  const has = (prefix: string) => changed.some((p) => p === prefix || p.startsWith(`${prefix}.`));
  const request: ModifyVpnConnectionAttributeRequest = {
    RegionId: options.RegionId,
    VpnConnectionId: draft.VpnConnectionId,
    ...(options.ClientToken !== undefined && { ClientToken: options.ClientToken }),
  };
  if (has('Name')) request.Name = draft.Name;
  if (has('LocalSubnet')) request.LocalSubnet = draft.LocalSubnet;
  if (has('RemoteSubnet')) request.RemoteSubnet = draft.RemoteSubnet;
  if (has('EffectImmediately')) request.EffectImmediately = draft.EffectImmediately;
  if (has('AutoConfigRoute') && draft.AutoConfigRoute !== undefined) request.AutoConfigRoute = draft.AutoConfigRoute;

  if (draft.mode === 'single') {
    if (has('IkeConfig')) request.IkeConfig = JSON.stringify(ikePayload(draft.IkeConfig));
    if (has('IpsecConfig')) request.IpsecConfig = JSON.stringify(ipsecPayload(draft.IpsecConfig));
    if (has('HealthCheckConfig')) request.HealthCheckConfig = healthCheckJson(draft.HealthCheckConfig);
    if (has('BgpConfig')) request.BgpConfig = bgpConfigJson(draft.BgpConfig);
    if (has('EnableDpd')) request.EnableDpd = draft.EnableDpd;
    if (has('EnableNatTraversal')) request.EnableNatTraversal = draft.EnableNatTraversal;
    if (has('RemoteCaCertificate')) request.RemoteCaCertificate = draft.RemoteCaCertificate;
  } else {
    const enablingBgp = has('EnableTunnelsBgp') && draft.EnableTunnelsBgp;
    if (has('EnableTunnelsBgp')) request.EnableTunnelsBgp = draft.EnableTunnelsBgp;
    const elements: TunnelOptionsRequest[] = [];
    draft.tunnels.forEach((t, i) => {
      const prefix = `TunnelOptionsSpecification.${i + 1}`;
      const element: TunnelOptionsRequest = { TunnelId: t.TunnelId, Role: t.Role };
      if (has(`${prefix}.EnableDpd`)) element.EnableDpd = t.EnableDpd;
      if (has(`${prefix}.EnableNatTraversal`)) element.EnableNatTraversal = t.EnableNatTraversal;
      if (has(`${prefix}.RemoteCaCertificate`)) element.RemoteCaCertificate = t.RemoteCaCertificate;
      if (has(`${prefix}.TunnelIkeConfig`)) element.TunnelIkeConfig = ikePayload(t.TunnelIkeConfig);
      if (has(`${prefix}.TunnelIpsecConfig`)) element.TunnelIpsecConfig = ipsecPayload(t.TunnelIpsecConfig);
      if (has(`${prefix}.TunnelBgpConfig`) || enablingBgp) element.TunnelBgpConfig = tunnelBgpPayload(t.TunnelBgpConfig);
      if (Object.keys(element).length > 2) elements.push(element);
    });
    if (elements.length > 0) request.TunnelOptionsSpecification = elements;
  }
  return { ok: true, request, changedPaths: changed };
}

/** True when the request changes nothing (only the required identifiers). */
export function isEmptyRequest(request: ModifyVpnConnectionAttributeRequest): boolean {
  return Object.keys(request).every((k) => k === 'RegionId' || k === 'VpnConnectionId' || k === 'ClientToken');
}
