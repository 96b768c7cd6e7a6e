// A change as Terraform: per connection an `import` block (the connection exists; Terraform adopts it rather than
// creating one) and an `alicloud_vpn_connection` resource holding the draft's values, PSKs as sensitive variables.
//
// Attribute names and block shapes are the provider's documented schema:
//   https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/vpn_connection
//   (source: github.com/aliyun/terraform-provider-alicloud, website/docs/r/vpn_connection.html.markdown and
//   alicloud/resource_alicloud_vpn_connection.go at 81c43b6727a09e9da37b3d88818c3ba5fa17fa14).
// Mapping notes:
// * `vpn_connection_name`, not `name` (deprecated since provider 1.216.0).
// * Single tunnel: `ike_config` uses `ike_local_id` / `ike_remote_id`; per tunnel, `tunnel_ike_config` uses
//   `local_id` / `remote_id`. Empty ids (= the gateway's / customer gateway's IP) are left out, as the request does.
// * `local_asn` is a string in both BGP blocks, so the `high.low` form is written as the user typed it.
// * `health_check_config` / `bgp_config` numbers and addresses are written only when set (they are Computed).
// * The provider has no CA certificate argument (SM gateways): a draft carrying one gets a comment, not an argument.
// * `customer_gateway_id` is ForceNew: it is written as live has it, so importing never plans a replacement.
import type { DualTunnelConnection, IkeConfig, IpsecConfig, SingleTunnelConnection, TunnelOptions, VpnConnection } from '../model/connection.ts';
import { normalizeSubnetList } from '../model/normalize.ts';
import { formatHcl, type HclBlock, type HclItem, type HclValue } from './hcl.ts';
import { exportEntries, type ExportChange } from './requests.ts';

const RESOURCE = 'alicloud_vpn_connection';

const block = (type: string, body: HclItem[], labels: string[] = []): HclBlock => ({ type, labels, body });
const attr = (attribute: string, value: HclValue): HclItem => ({ attribute, value });
const optional = (attribute: string, value: string): HclItem[] => (value === '' ? [] : [attr(attribute, value)]);
const positive = (attribute: string, value: number): HclItem[] => (Number.isInteger(value) && value >= 1 ? [attr(attribute, value)] : []);
const subnets = (list: string): string[] => normalizeSubnetList(list).split(',').filter((s) => s !== '');

/** An HCL identifier from the connection's name (ASCII letters, digits, `_`), the id when the name has none. */
function baseIdentifier(c: VpnConnection): string {
  const fromName = c.Name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const raw = fromName !== '' ? fromName : c.VpnConnectionId.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const id = raw === '' ? 'connection' : raw;
  return /^[a-z_]/.test(id) ? id : `vco_${id}`;
}

function ikeBody(ike: IkeConfig, psk: string, ids: { local: string; remote: string }): HclItem[] {
  return [
    attr('psk', { expression: `var.${psk}` }),
    attr('ike_version', ike.IkeVersion),
    attr('ike_mode', ike.IkeMode),
    attr('ike_enc_alg', ike.IkeEncAlg),
    attr('ike_auth_alg', ike.IkeAuthAlg),
    attr('ike_pfs', ike.IkePfs),
    attr('ike_lifetime', ike.IkeLifetime),
    ...optional(ids.local, ike.LocalId),
    ...optional(ids.remote, ike.RemoteId),
  ];
}

const ipsecBody = (ipsec: IpsecConfig): HclItem[] => [
  attr('ipsec_enc_alg', ipsec.IpsecEncAlg),
  attr('ipsec_auth_alg', ipsec.IpsecAuthAlg),
  attr('ipsec_pfs', ipsec.IpsecPfs),
  attr('ipsec_lifetime', ipsec.IpsecLifetime),
];

const caComment = (certificate: string, where: string): HclItem[] =>
  certificate === '' ? [] : ['blank', { comment: `${where}RemoteCaCertificate is set in the draft; the provider has no argument for it.` }];

function singleBody(c: SingleTunnelConnection, psk: string): HclItem[] {
  const hc = c.HealthCheckConfig;
  const bgp = c.BgpConfig;
  return [
    attr('enable_dpd', c.EnableDpd),
    attr('enable_nat_traversal', c.EnableNatTraversal),
    'blank',
    block('ike_config', ikeBody(c.IkeConfig, psk, { local: 'ike_local_id', remote: 'ike_remote_id' })),
    'blank',
    block('ipsec_config', ipsecBody(c.IpsecConfig)),
    'blank',
    block('health_check_config', [attr('enable', hc.enable), ...optional('dip', hc.dip), ...optional('sip', hc.sip), ...positive('interval', hc.interval), ...positive('retry', hc.retry)]),
    'blank',
    block('bgp_config', [attr('enable', bgp.EnableBgp), ...optional('local_asn', bgp.LocalAsn.trim()), ...optional('tunnel_cidr', bgp.TunnelCidr), ...optional('local_bgp_ip', bgp.LocalBgpIp)]),
    ...caComment(c.RemoteCaCertificate, ''),
  ];
}

function tunnelBlock(t: TunnelOptions, liveTunnel: TunnelOptions | undefined, psk: string, index: number): HclItem[] {
  const bgp = t.TunnelBgpConfig;
  const bgpBody = [...optional('local_asn', bgp.LocalAsn.trim()), ...optional('tunnel_cidr', bgp.TunnelCidr), ...optional('local_bgp_ip', bgp.LocalBgpIp)];
  return [
    'blank',
    block('tunnel_options_specification', [
      attr('role', t.Role),
      ...optional('customer_gateway_id', liveTunnel?.CustomerGatewayId ?? t.CustomerGatewayId ?? ''),
      attr('enable_dpd', t.EnableDpd),
      attr('enable_nat_traversal', t.EnableNatTraversal),
      'blank',
      block('tunnel_ike_config', ikeBody(t.TunnelIkeConfig, psk, { local: 'local_id', remote: 'remote_id' })),
      'blank',
      block('tunnel_ipsec_config', ipsecBody(t.TunnelIpsecConfig)),
      ...(bgpBody.length === 0 ? [] : ['blank' as const, block('tunnel_bgp_config', bgpBody)]),
      ...caComment(t.RemoteCaCertificate, `tunnel ${index} `),
    ]),
  ];
}

function dualBody(c: DualTunnelConnection, live: VpnConnection, psks: [string, string]): HclItem[] {
  const liveTunnels = live.mode === 'dual' ? live.tunnels : undefined;
  return [attr('enable_tunnels_bgp', c.EnableTunnelsBgp), ...c.tunnels.flatMap((t, i) => tunnelBlock(t, liveTunnels?.[i], psks[i]!, i + 1))];
}

/** The Terraform configuration of a change: import + resource per connection, then the PSK variables. */
export function terraformExport(changes: ReadonlyArray<ExportChange>): string {
  const entries = exportEntries(changes);
  const used = new Set<string>();
  const blocks: { comments?: string[]; block: HclBlock }[] = [];
  const variables: { comments?: string[]; block: HclBlock }[] = [];
  for (const { change } of entries) {
    const { draft, live, RegionId } = change;
    const base = baseIdentifier(draft);
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    const address = `${RESOURCE}.${name}`;
    const pskVars = draft.mode === 'single' ? [`psk_${name}`] : [`psk_${name}_master`, `psk_${name}_slave`];
    for (const [i, v] of pskVars.entries()) {
      const of = draft.mode === 'single' ? draft.VpnConnectionId : `tunnel ${i + 1} of ${draft.VpnConnectionId}`;
      variables.push({ comments: [`Pre-shared key of ${of}: set it with TF_VAR_${v}, never in a file.`], block: block('variable', [attr('type', { expression: 'string' }), attr('sensitive', true)], [v]) });
    }
    blocks.push({ comments: [`${draft.VpnConnectionId} in ${RegionId}: the provider must be configured for this region.`], block: block('import', [attr('to', { expression: address }), attr('id', draft.VpnConnectionId)]) });
    const common: HclItem[] = [
      attr('vpn_gateway_id', draft.VpnGatewayId),
      ...(draft.mode === 'single' ? optional('customer_gateway_id', live.CustomerGatewayId ?? draft.CustomerGatewayId ?? '') : []),
      attr('vpn_connection_name', draft.Name),
      attr('local_subnet', subnets(draft.LocalSubnet)),
      attr('remote_subnet', subnets(draft.RemoteSubnet)),
      attr('effect_immediately', draft.EffectImmediately),
      ...(draft.AutoConfigRoute === undefined ? [] : [attr('auto_config_route', draft.AutoConfigRoute)]),
    ];
    const body = draft.mode === 'single' ? singleBody(draft, pskVars[0]!) : dualBody(draft, live, [pskVars[0]!, pskVars[1]!]);
    blocks.push({ block: block('resource', [...common, ...body], [RESOURCE, name]) });
  }
  const preamble = [`IPsec connections of ${entries.length} draft(s), exported by IPsec Studio: import blocks need Terraform 1.5 or later.`];
  return formatHcl([...blocks, ...variables], preamble);
}
