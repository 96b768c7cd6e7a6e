// (live, draft, what changed) → the ModifyVpnConnectionAttribute request that turns live into draft. No rule is
// checked here: judge.ts decides whether the change may be sent, and uses this request to know what it sends.
//
// Policy (docs/core.md "Request builder"):
// * IkeConfig / IpsecConfig / HealthCheckConfig / BgpConfig are JSON strings, and per-tunnel
//   TunnelIkeConfig / TunnelIpsecConfig / TunnelBgpConfig are nested objects. When the service receives a group it
//   fills every omitted key with its default, and for Psk the "default" is a fresh random key: sending
//   {"IkeEncAlg":"aes256"} alone would silently replace the PSK and break the tunnel. So once any key of a group
//   changes, the whole group is sent, built from the draft (which is the live state plus the user's edits).
// * Keys whose value is empty (LocalId/RemoteId = "use the IP", BGP fields never configured) are left out rather
//   than sent as "", because "" is not a valid value for them and omission is exactly what "default" means.
// * A changed tunnel is sent whole: TunnelId and Role (the service identifies the tunnel by them; carrying both makes
//   a mismatch an error, not a guess), EnableDpd, EnableNatTraversal, TunnelIkeConfig and TunnelIpsecConfig. The
//   document does not say whether the service keeps what a tunnel element leaves out; Terraform's provider sends
//   every tunnel whole on any change of it, so that is the shape known to work. An untouched tunnel is not sent.
// * Tunnel BGP: with EnableTunnelsBgp on (after the change), a tunnel whose BGP fields change, and both tunnels when
//   BGP is being switched on (the service refuses BGP without a TunnelCidr: MissingParameter.TunnelCidr), carry
//   their complete TunnelBgpConfig. With it off, LocalAsn is never sent (the document allows configuring it only
//   once tunnel BGP is on); a moved TunnelCidr / LocalBgpIp is sent without it.
// * Scalars (Name, subnets, flags, certificates, EnableTunnelsBgp) are sent only when they change; subnet lists in
//   the form the service stores (model/normalize.ts).
import type { IkeConfig, IpsecConfig, TunnelOptions, VpnConnection } from '../model/connection.ts';
import { normalizeSubnetList } from '../model/normalize.ts';
import { parseAsn } from '../net/asn.ts';
import type { IkeConfigPayload, IpsecConfigPayload, ModifyVpnConnectionAttributeRequest, TunnelBgpConfigPayload, TunnelOptionsRequest } from './types.ts';

export interface ComposeOptions {
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

/** The tunnel's network and address: what moves while BGP is off. */
function tunnelNetworkPayload(bgp: TunnelOptions['TunnelBgpConfig']): TunnelBgpConfigPayload {
  return {
    ...(bgp.LocalBgpIp !== '' && { LocalBgpIp: bgp.LocalBgpIp }),
    ...(bgp.TunnelCidr !== '' && { TunnelCidr: bgp.TunnelCidr }),
  };
}

function tunnelBgpPayload(bgp: TunnelOptions['TunnelBgpConfig']): TunnelBgpConfigPayload {
  const asn = bgp.LocalAsn.trim() === '' ? undefined : parseAsn(bgp.LocalAsn);
  return { ...(asn !== undefined && { LocalAsn: asn }), ...tunnelNetworkPayload(bgp) };
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

/** The whole element of a changed tunnel (see the policy above). */
function tunnelElement(t: TunnelOptions, prefix: string, has: (p: string) => boolean, bgpOn: boolean, enablingBgp: boolean): TunnelOptionsRequest {
  const element: TunnelOptionsRequest = {
    TunnelId: t.TunnelId,
    Role: t.Role,
    EnableDpd: t.EnableDpd,
    EnableNatTraversal: t.EnableNatTraversal,
    TunnelIkeConfig: ikePayload(t.TunnelIkeConfig),
    TunnelIpsecConfig: ipsecPayload(t.TunnelIpsecConfig),
  };
  if (has(`${prefix}.RemoteCaCertificate`)) element.RemoteCaCertificate = t.RemoteCaCertificate;
  const bgpChanged = has(`${prefix}.TunnelBgpConfig`);
  if (bgpOn && (bgpChanged || enablingBgp)) element.TunnelBgpConfig = tunnelBgpPayload(t.TunnelBgpConfig);
  else if (!bgpOn && bgpChanged) {
    const network = tunnelNetworkPayload(t.TunnelBgpConfig);
    if (Object.keys(network).length > 0) element.TunnelBgpConfig = network;
  }
  return element;
}

/** The request for a same-mode, same-connection change; `changed` are the changed field paths. */
export function composeRequest(draft: VpnConnection, changed: readonly string[], options: ComposeOptions): ModifyVpnConnectionAttributeRequest {
  const has = (prefix: string) => changed.some((p) => p === prefix || p.startsWith(`${prefix}.`));
  const request: ModifyVpnConnectionAttributeRequest = {
    RegionId: options.RegionId,
    VpnConnectionId: draft.VpnConnectionId,
    ...(options.ClientToken !== undefined && { ClientToken: options.ClientToken }),
  };
  if (has('Name')) request.Name = draft.Name;
  if (has('LocalSubnet')) request.LocalSubnet = normalizeSubnetList(draft.LocalSubnet);
  if (has('RemoteSubnet')) request.RemoteSubnet = normalizeSubnetList(draft.RemoteSubnet);
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
    return request;
  }
  const bgpOn = draft.EnableTunnelsBgp;
  const enablingBgp = has('EnableTunnelsBgp') && bgpOn;
  if (has('EnableTunnelsBgp')) request.EnableTunnelsBgp = bgpOn;
  const elements = draft.tunnels.flatMap((t, i) => {
    const prefix = `TunnelOptionsSpecification.${i + 1}`;
    return has(prefix) || enablingBgp ? [tunnelElement(t, prefix, has, bgpOn, enablingBgp)] : [];
  });
  if (elements.length > 0) request.TunnelOptionsSpecification = elements;
  return request;
}

/** True when the request changes nothing (only the required identifiers). */
export function isEmptyRequest(request: ModifyVpnConnectionAttributeRequest): boolean {
  return Object.keys(request).every((k) => k === 'RegionId' || k === 'VpnConnectionId' || k === 'ClientToken');
}
