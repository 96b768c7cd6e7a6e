// DescribeVpnConnection (or one item of DescribeVpnConnections) → model, through a schema.
// The service is loose about types (reference §5 "Type drift"): tunnel scalars arrive as strings
// ("true", "86400"), VcoHealthCheck / VpnBgpConfig flags are strings, lists may be missing or (from some
// proxies) a bare object. The schema accepts all of that and anything else becomes an error naming the field.
import * as z from 'zod';
import type { DualTunnelConnection, IkeConfig, IpsecConfig, SingleTunnelConnection, TunnelOptions, VpnConnection, VpnType } from './connection.ts';
import { pathOf } from './shape.ts';

const boolish = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])])
  .transform((v) => v === true || (typeof v === 'string' && v.toLowerCase() === 'true'));
const numish = z.union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/, 'expected a number')]).transform(Number);
/** ASNs are kept as text in the model (the `high.low` form must survive editing). */
const asnText = z.union([z.number(), z.string()]).transform(String);
const text = z.string();
const optText = z.optional(z.nullable(z.string())).transform((v) => v ?? '');

const ikeSchema = z.object({
  Psk: text,
  IkeVersion: text,
  IkeMode: text,
  IkeEncAlg: text,
  IkeAuthAlg: text,
  IkePfs: text,
  IkeLifetime: numish,
  LocalId: optText,
  RemoteId: optText,
});
const ipsecSchema = z.object({ IpsecEncAlg: text, IpsecAuthAlg: text, IpsecPfs: text, IpsecLifetime: numish });

/** Describe capitalises the health-check keys, the Modify document lower-cases them; accept either. */
const lowerKeys = (v: unknown): unknown =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x]))
    : v;
const healthSchema = z.preprocess(
  lowerKeys,
  z.object({
    enable: z.optional(boolish),
    dip: optText,
    sip: optText,
    interval: z.optional(numish),
    retry: z.optional(numish),
    status: z.optional(text),
  }),
);

const bgpSchema = z.object({
  EnableBgp: z.optional(boolish),
  LocalAsn: z.optional(asnText),
  TunnelCidr: optText,
  LocalBgpIp: optText,
  PeerAsn: z.optional(asnText),
  PeerBgpIp: z.optional(text),
  Status: z.optional(text),
});

const tunnelSchema = z.object({
  TunnelId: text,
  Role: z.enum(['master', 'slave']),
  CustomerGatewayId: z.optional(text),
  EnableDpd: z.optional(boolish),
  EnableNatTraversal: z.optional(boolish),
  RemoteCaCertificate: optText,
  TunnelIkeConfig: ikeSchema,
  TunnelIpsecConfig: ipsecSchema,
  TunnelBgpConfig: z.optional(
    z.object({
      LocalAsn: z.optional(asnText),
      LocalBgpIp: optText,
      TunnelCidr: optText,
      PeerAsn: z.optional(asnText),
      PeerBgpIp: z.optional(text),
      BgpStatus: z.optional(text),
    }),
  ),
  State: z.optional(text),
  Status: z.optional(text),
  InternetIp: z.optional(text),
  ZoneNo: z.optional(text),
});

/** The SDKs throw when a list comes back as an object; we wrap it instead, and treat a missing list as empty. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(item));

const describeSchema = z.object({
  VpnConnectionId: text,
  VpnGatewayId: text,
  CustomerGatewayId: z.optional(text),
  Name: optText,
  LocalSubnet: optText,
  RemoteSubnet: optText,
  EffectImmediately: z.optional(boolish),
  AutoConfigRoute: z.optional(boolish),
  EnableDpd: z.optional(boolish),
  EnableNatTraversal: z.optional(boolish),
  EnableTunnelsBgp: z.optional(boolish),
  RemoteCaCertificate: optText,
  Status: z.optional(text),
  State: z.optional(text),
  CreateTime: z.optional(numish),
  // Validated only for single-tunnel connections (see below): on dual-tunnel ones the service may return
  // them empty, filled with stale values or not at all, and they carry no meaning there.
  IkeConfig: z.optional(z.unknown()),
  IpsecConfig: z.optional(z.unknown()),
  VcoHealthCheck: z.optional(healthSchema),
  VpnBgpConfig: z.optional(bgpSchema),
  TunnelOptionsSpecification: z.optional(z.object({ TunnelOptions: listOf(tunnelSchema) })),
});

export type ParseDescribeResult = { ok: true; connection: VpnConnection } | { ok: false; path: string; message: string };

export class DescribeParseError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`Describe response field ${path || '(root)'}: ${message}`);
    this.name = 'DescribeParseError';
    this.path = path;
  }
}

function firstError(error: z.ZodError, prefix: readonly PropertyKey[] = []): { ok: false; path: string; message: string } {
  const first = error.issues[0];
  const path = first ? pathOf([...prefix, ...first.path]) : pathOf(prefix);
  return { ok: false, path, message: first?.message ?? 'invalid' };
}

type Tunnel = z.output<typeof tunnelSchema>;

function toTunnel(t: Tunnel): TunnelOptions {
  const bgp = t.TunnelBgpConfig;
  return {
    TunnelId: t.TunnelId,
    Role: t.Role,
    ...(t.CustomerGatewayId !== undefined && { CustomerGatewayId: t.CustomerGatewayId }),
    EnableDpd: t.EnableDpd ?? false,
    EnableNatTraversal: t.EnableNatTraversal ?? false,
    RemoteCaCertificate: t.RemoteCaCertificate,
    TunnelIkeConfig: t.TunnelIkeConfig,
    TunnelIpsecConfig: t.TunnelIpsecConfig,
    TunnelBgpConfig: {
      LocalAsn: bgp?.LocalAsn ?? '',
      TunnelCidr: bgp?.TunnelCidr ?? '',
      LocalBgpIp: bgp?.LocalBgpIp ?? '',
      ...(bgp?.PeerAsn !== undefined && { PeerAsn: bgp.PeerAsn }),
      ...(bgp?.PeerBgpIp !== undefined && { PeerBgpIp: bgp.PeerBgpIp }),
      ...(bgp?.BgpStatus !== undefined && { BgpStatus: bgp.BgpStatus }),
    },
    ...(t.State !== undefined && { State: t.State }),
    ...(t.Status !== undefined && { Status: t.Status }),
    ...(t.InternetIp !== undefined && { InternetIp: t.InternetIp }),
    ...(t.ZoneNo !== undefined && { ZoneNo: t.ZoneNo }),
  };
}

/** Parses a Describe response body (or one list item). Returns an error naming the first bad field; never throws. */
export function parseDescribeConnection(body: unknown): ParseDescribeResult {
  const parsed = describeSchema.safeParse(body);
  if (!parsed.success) return firstError(parsed.error);
  const d = parsed.data;
  const common = {
    VpnConnectionId: d.VpnConnectionId,
    VpnGatewayId: d.VpnGatewayId,
    Name: d.Name,
    LocalSubnet: d.LocalSubnet,
    RemoteSubnet: d.RemoteSubnet,
    EffectImmediately: d.EffectImmediately ?? false,
    ...(d.AutoConfigRoute !== undefined && { AutoConfigRoute: d.AutoConfigRoute }),
    ...(d.Status !== undefined && { Status: d.Status }),
    ...(d.State !== undefined && { State: d.State }),
    ...(d.CreateTime !== undefined && { CreateTime: d.CreateTime }),
  };
  const tunnels = d.TunnelOptionsSpecification?.TunnelOptions ?? [];
  if (tunnels.length > 0) {
    const master = tunnels.find((t) => t.Role === 'master');
    const slave = tunnels.find((t) => t.Role === 'slave');
    if (tunnels.length !== 2 || !master || !slave) {
      return {
        ok: false,
        path: 'TunnelOptionsSpecification.TunnelOptions',
        message: `expected one master and one slave tunnel, got roles [${tunnels.map((t) => t.Role).join(', ')}]`,
      };
    }
    const connection: DualTunnelConnection = {
      mode: 'dual',
      ...common,
      ...(d.CustomerGatewayId !== undefined && { CustomerGatewayId: d.CustomerGatewayId }),
      EnableTunnelsBgp: d.EnableTunnelsBgp ?? false,
      tunnels: [toTunnel(master), toTunnel(slave)],
    };
    return { ok: true, connection };
  }
  if (d.IkeConfig === undefined) return { ok: false, path: 'IkeConfig', message: 'required for a single-tunnel connection' };
  const ike = ikeSchema.safeParse(d.IkeConfig);
  if (!ike.success) return firstError(ike.error, ['IkeConfig']);
  if (d.IpsecConfig === undefined) return { ok: false, path: 'IpsecConfig', message: 'required for a single-tunnel connection' };
  const ipsec = ipsecSchema.safeParse(d.IpsecConfig);
  if (!ipsec.success) return firstError(ipsec.error, ['IpsecConfig']);
  const hc = d.VcoHealthCheck;
  const bgp = d.VpnBgpConfig;
  const connection: SingleTunnelConnection = {
    mode: 'single',
    ...common,
    ...(d.CustomerGatewayId !== undefined && { CustomerGatewayId: d.CustomerGatewayId }),
    IkeConfig: ike.data satisfies IkeConfig,
    IpsecConfig: ipsec.data satisfies IpsecConfig,
    // Documented defaults (3 s, 3 tries) when the service omits a disabled health check.
    HealthCheckConfig: { enable: hc?.enable ?? false, dip: hc?.dip ?? '', sip: hc?.sip ?? '', interval: hc?.interval ?? 3, retry: hc?.retry ?? 3 },
    BgpConfig: {
      // DescribeVpnConnections (plural) omits EnableBgp; a configured tunnel network means BGP is on.
      EnableBgp: bgp?.EnableBgp ?? (bgp !== undefined && bgp.TunnelCidr !== '' && bgp.LocalBgpIp !== ''),
      LocalAsn: bgp?.LocalAsn ?? '',
      TunnelCidr: bgp?.TunnelCidr ?? '',
      LocalBgpIp: bgp?.LocalBgpIp ?? '',
      ...(bgp?.PeerAsn !== undefined && { PeerAsn: bgp.PeerAsn }),
      ...(bgp?.PeerBgpIp !== undefined && { PeerBgpIp: bgp.PeerBgpIp }),
      ...(bgp?.Status !== undefined && { Status: bgp.Status }),
    },
    EnableDpd: d.EnableDpd ?? false,
    EnableNatTraversal: d.EnableNatTraversal ?? false,
    RemoteCaCertificate: d.RemoteCaCertificate,
  };
  return { ok: true, connection };
}

export function parseDescribeConnectionOrThrow(body: unknown): VpnConnection {
  const result = parseDescribeConnection(body);
  if (!result.ok) throw new DescribeParseError(result.path, result.message);
  return result.connection;
}

/** DescribeVpnConnections body → connections; the first bad item fails the whole page, naming its index. */
export function parseDescribeConnections(body: unknown): { ok: true; connections: VpnConnection[] } | { ok: false; path: string; message: string } {
  const list = (body as { VpnConnections?: { VpnConnection?: unknown } } | null)?.VpnConnections?.VpnConnection;
  const items = list === undefined || list === null ? [] : Array.isArray(list) ? list : [list];
  const connections: VpnConnection[] = [];
  for (const [index, item] of items.entries()) {
    const result = parseDescribeConnection(item);
    if (!result.ok) return { ok: false, path: `VpnConnections.VpnConnection.${index}.${result.path}`, message: result.message };
    connections.push(result.connection);
  }
  return { ok: true, connections };
}

/** DescribeVpnGateway → the gateway type the rules need; anything but NationalStandard is a normal gateway. */
export function vpnTypeOf(describeGateway: unknown): VpnType {
  const t = (describeGateway as { VpnType?: unknown } | null)?.VpnType;
  return t === 'NationalStandard' ? 'NationalStandard' : 'Normal';
}
