// Rules that depend on what a change does, not only on the state it leads to, so `validate(draft)` cannot see them:
// they compare the live connection with the draft.
import type { GatewayContext, VpnConnection } from '../model/connection.ts';
import { normalizeSubnetList } from '../model/normalize.ts';
import { getField } from '../model/paths.ts';
import { issue, type RuleIssue } from './issue.ts';

/**
 * The document: TunnelBgpConfig.LocalAsn "当您为 IPsec 连接开启 BGP 功能后(即指定 EnableTunnelsBgp 参数的值为
 * true)支持配置或修改本参数". A tunnel ASN changed while tunnel BGP stays off is refused (and the builder never
 * sends one then).
 */
function tunnelAsnRules(draft: VpnConnection, changed: readonly string[]): RuleIssue[] {
  if (draft.mode !== 'dual' || draft.EnableTunnelsBgp) return [];
  return changed.filter((p) => p.endsWith('.TunnelBgpConfig.LocalAsn')).map((p) => issue(p, 'Rule.TunnelBgp.LocalAsnRequiresBgp'));
}

/** The document lets an SM gateway *modify* the peer CA certificate, and SM gateways authenticate with it: clearing
 * it is not a documented operation, so a change to "" is refused rather than sent. */
function clearedCertificateRules(draft: VpnConnection, changed: readonly string[], context: GatewayContext): RuleIssue[] {
  if (context.VpnType !== 'NationalStandard') return [];
  return changed
    .filter((p) => p.endsWith('RemoteCaCertificate') && String(getField(draft, p)).trim() === '')
    .map((p) => issue(p, 'Rule.RemoteCaCertificate.Required'));
}

/** IllegalParam.EnableBgp: on a gateway with BGP enabled a connection cannot switch BGP off (the service refuses the
 * switch, not connections that never had BGP). */
function bgpSwitchOffRules(draft: VpnConnection, changed: readonly string[], context: GatewayContext): RuleIssue[] {
  if (!context.EnableBgp) return [];
  const path = draft.mode === 'single' ? 'BgpConfig.EnableBgp' : 'EnableTunnelsBgp';
  const on = draft.mode === 'single' ? draft.BgpConfig.EnableBgp : draft.EnableTunnelsBgp;
  return changed.includes(path) && !on ? [issue(path, 'IllegalParam.EnableBgp')] : [];
}

const count = (list: string): number => (normalizeSubnetList(list) === '' ? 0 : normalizeSubnetList(list).split(',').length);

/**
 * IKEv1 with several subnets. The document's own Modify example is exactly that (ikev1, two subnets per side) while
 * its error table lists ModifyIkeV1WithMultiRoutes.Invalid ("修改VPN连接参数失败,在使用IkeV1协议的同时配置了多网端").
 * We read the code as refusing a change that *introduces* the combination: switching a tunnel (or the connection)
 * to IKEv1 while it has several subnets, or adding subnets while on IKEv1. A connection that already has it stays
 * editable; IKEv1 negotiates one selector pair, so only the first subnet pair comes up (strongSwan does the same).
 */
export function introducesIkeV1MultiSubnet(live: VpnConnection, draft: VpnConnection, ikeVersionPath: string): boolean {
  if (live.mode !== draft.mode) return true;
  const switched = getField(live, ikeVersionPath) !== 'ikev1' && getField(draft, ikeVersionPath) === 'ikev1';
  return switched || count(draft.LocalSubnet) > count(live.LocalSubnet) || count(draft.RemoteSubnet) > count(live.RemoteSubnet);
}

export function changeRules(live: VpnConnection, draft: VpnConnection, changed: readonly string[], context: GatewayContext): RuleIssue[] {
  return [...tunnelAsnRules(draft, changed), ...clearedCertificateRules(draft, changed, context), ...bgpSwitchOffRules(draft, changed, context)];
}
