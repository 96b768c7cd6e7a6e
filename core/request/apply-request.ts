// Applies a Modify request to a connection the way the service would: used by the property tests (build then
// apply must give back the draft), by the emulator cross-check and by main's read-back verification.
// JSON groups are read leniently (strings or numbers/booleans; HealthCheckConfig keys in any case) because
// other clients (Terraform, the CLI) send them that way. A group's omitted LocalId/RemoteId/BGP keys become
// "" (= service default); an omitted Psk keeps the live one here: the real service would invent a random key,
// which no model can predict, and the builder never omits it.
import type { DualTunnelConnection, IkeConfig, IpsecConfig, SingleTunnelConnection, TunnelOptions, VpnConnection } from '../model/connection.ts';
import { normalizeSubnetList } from '../model/normalize.ts';
import type { IkeConfigPayload, IpsecConfigPayload, ModifyVpnConnectionAttributeRequest, TunnelOptionsRequest } from './types.ts';

type Loose = Record<string, unknown>;

function parseJsonObject(text: string | undefined): Loose | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : fallback);
const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : typeof v === 'string' ? v.toLowerCase() === 'true' : fallback);

function applyIke(base: IkeConfig, p: Loose | IkeConfigPayload): IkeConfig {
  const g = p as Loose;
  return {
    Psk: str(g.Psk, base.Psk),
    IkeVersion: str(g.IkeVersion, base.IkeVersion),
    IkeMode: str(g.IkeMode, base.IkeMode),
    IkeEncAlg: str(g.IkeEncAlg, base.IkeEncAlg),
    IkeAuthAlg: str(g.IkeAuthAlg, base.IkeAuthAlg),
    IkePfs: str(g.IkePfs, base.IkePfs),
    IkeLifetime: num(g.IkeLifetime, base.IkeLifetime),
    LocalId: str(g.LocalId, ''),
    RemoteId: str(g.RemoteId, ''),
  };
}

function applyIpsec(base: IpsecConfig, p: Loose | IpsecConfigPayload): IpsecConfig {
  const g = p as Loose;
  return {
    IpsecEncAlg: str(g.IpsecEncAlg, base.IpsecEncAlg),
    IpsecAuthAlg: str(g.IpsecAuthAlg, base.IpsecAuthAlg),
    IpsecPfs: str(g.IpsecPfs, base.IpsecPfs),
    IpsecLifetime: num(g.IpsecLifetime, base.IpsecLifetime),
  };
}

function applyCommon<T extends VpnConnection>(c: T, r: ModifyVpnConnectionAttributeRequest): T {
  return {
    ...c,
    ...(r.Name !== undefined && { Name: r.Name }),
    // The service stores a subnet list trimmed, as model/normalize.ts does.
    ...(r.LocalSubnet !== undefined && { LocalSubnet: normalizeSubnetList(r.LocalSubnet) }),
    ...(r.RemoteSubnet !== undefined && { RemoteSubnet: normalizeSubnetList(r.RemoteSubnet) }),
    ...(r.EffectImmediately !== undefined && { EffectImmediately: r.EffectImmediately }),
    ...(r.AutoConfigRoute !== undefined && { AutoConfigRoute: r.AutoConfigRoute }),
  };
}

function applySingle(c: SingleTunnelConnection, r: ModifyVpnConnectionAttributeRequest): SingleTunnelConnection {
  const next = applyCommon(c, r);
  const ike = parseJsonObject(r.IkeConfig);
  if (ike) next.IkeConfig = applyIke(c.IkeConfig, ike);
  const ipsec = parseJsonObject(r.IpsecConfig);
  if (ipsec) next.IpsecConfig = applyIpsec(c.IpsecConfig, ipsec);
  const hcRaw = parseJsonObject(r.HealthCheckConfig);
  if (hcRaw) {
    const hc = Object.fromEntries(Object.entries(hcRaw).map(([k, v]) => [k.toLowerCase(), v]));
    next.HealthCheckConfig = {
      enable: bool(hc.enable, c.HealthCheckConfig.enable),
      dip: str(hc.dip, ''),
      sip: str(hc.sip, ''),
      interval: num(hc.interval, c.HealthCheckConfig.interval),
      retry: num(hc.retry, c.HealthCheckConfig.retry),
    };
  }
  const bgp = parseJsonObject(r.BgpConfig);
  if (bgp) {
    next.BgpConfig = {
      ...c.BgpConfig,
      EnableBgp: bool(bgp.EnableBgp, c.BgpConfig.EnableBgp),
      LocalAsn: str(bgp.LocalAsn, ''),
      TunnelCidr: str(bgp.TunnelCidr, ''),
      LocalBgpIp: str(bgp.LocalBgpIp, ''),
    };
  }
  if (r.EnableDpd !== undefined) next.EnableDpd = r.EnableDpd;
  if (r.EnableNatTraversal !== undefined) next.EnableNatTraversal = r.EnableNatTraversal;
  if (r.RemoteCaCertificate !== undefined) next.RemoteCaCertificate = r.RemoteCaCertificate;
  return next;
}

/** The tunnel an element addresses: by TunnelId when given, else by Role (Terraform omits TunnelId). */
export function tunnelIndexFor(c: DualTunnelConnection, element: Pick<TunnelOptionsRequest, 'TunnelId' | 'Role'>): number {
  if (element.TunnelId) return c.tunnels.findIndex((t) => t.TunnelId === element.TunnelId);
  return c.tunnels.findIndex((t) => t.Role === element.Role);
}

/** `bgpOn`: tunnel BGP after the request. While it is off a TunnelBgpConfig without LocalAsn (a moved TunnelCidr)
 * keeps the tunnel's ASN: the builder never sends one then. */
function applyTunnel(t: TunnelOptions, e: TunnelOptionsRequest, bgpOn: boolean): TunnelOptions {
  return {
    ...t,
    ...(e.EnableDpd !== undefined && { EnableDpd: e.EnableDpd }),
    ...(e.EnableNatTraversal !== undefined && { EnableNatTraversal: e.EnableNatTraversal }),
    ...(e.RemoteCaCertificate !== undefined && { RemoteCaCertificate: e.RemoteCaCertificate }),
    ...(e.TunnelIkeConfig && { TunnelIkeConfig: applyIke(t.TunnelIkeConfig, e.TunnelIkeConfig) }),
    ...(e.TunnelIpsecConfig && { TunnelIpsecConfig: applyIpsec(t.TunnelIpsecConfig, e.TunnelIpsecConfig) }),
    ...(e.TunnelBgpConfig && {
      TunnelBgpConfig: {
        ...t.TunnelBgpConfig,
        LocalAsn: str(e.TunnelBgpConfig.LocalAsn, bgpOn ? '' : t.TunnelBgpConfig.LocalAsn),
        TunnelCidr: str(e.TunnelBgpConfig.TunnelCidr, ''),
        LocalBgpIp: str(e.TunnelBgpConfig.LocalBgpIp, ''),
      },
    }),
  };
}

function applyDual(c: DualTunnelConnection, r: ModifyVpnConnectionAttributeRequest): DualTunnelConnection {
  const next = applyCommon(c, r);
  if (r.EnableTunnelsBgp !== undefined) next.EnableTunnelsBgp = r.EnableTunnelsBgp;
  const tunnels: [TunnelOptions, TunnelOptions] = [c.tunnels[0], c.tunnels[1]];
  for (const element of r.TunnelOptionsSpecification ?? []) {
    const i = tunnelIndexFor(c, element);
    if (i === 0 || i === 1) tunnels[i] = applyTunnel(tunnels[i], element, next.EnableTunnelsBgp);
  }
  next.tunnels = tunnels;
  return next;
}

/** Parameters of the wrong mode are ignored here; validateRequest() is where they are reported. */
export function applyModifyRequest<T extends VpnConnection>(connection: T, request: ModifyVpnConnectionAttributeRequest): T {
  return (connection.mode === 'single' ? applySingle(connection, request) : applyDual(connection, request)) as T;
}
