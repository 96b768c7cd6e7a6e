// Which model fields a request carries, as field paths: what a change "sends" when it is judged (rules/scope.ts).
// A JSON group or a tunnel's IKE / IPsec object stands for every field of its group (the service resets what the
// group leaves out); a TunnelBgpConfig carries only the keys it has (LocalAsn stays out while tunnel BGP is off).
import type { VpnConnection } from '../model/connection.ts';
import { editableFields } from '../model/paths.ts';
import { tunnelIndexFor } from './apply-request.ts';
import type { ModifyVpnConnectionAttributeRequest } from './types.ts';

const SCALARS = ['Name', 'LocalSubnet', 'RemoteSubnet', 'EffectImmediately', 'AutoConfigRoute', 'EnableDpd', 'EnableNatTraversal', 'RemoteCaCertificate', 'EnableTunnelsBgp'] as const;
const JSON_GROUPS = ['IkeConfig', 'IpsecConfig', 'HealthCheckConfig', 'BgpConfig'] as const;
const TUNNEL_SCALARS = ['EnableDpd', 'EnableNatTraversal', 'RemoteCaCertificate'] as const;

const groupFields = (mode: VpnConnection['mode'], prefix: string): string[] =>
  editableFields(mode)
    .map((d) => d.path)
    .filter((p) => p.startsWith(`${prefix}.`));

export function sentPaths(request: ModifyVpnConnectionAttributeRequest, live: VpnConnection): Set<string> {
  const sent = new Set<string>();
  const r = request as unknown as Record<string, unknown>;
  for (const key of SCALARS) if (r[key] !== undefined) sent.add(key);
  for (const key of JSON_GROUPS) if (r[key] !== undefined) for (const p of groupFields('single', key)) sent.add(p);
  const elements: unknown = request.TunnelOptionsSpecification;
  if (live.mode !== 'dual' || !Array.isArray(elements)) return sent;
  for (const element of elements as unknown[]) {
    if (element === null || typeof element !== 'object') continue;
    const e = element as Record<string, unknown>;
    const index = tunnelIndexFor(live, { TunnelId: typeof e.TunnelId === 'string' ? e.TunnelId : '', Role: e.Role as 'master' });
    if (index !== 0 && index !== 1) continue;
    const prefix = `TunnelOptionsSpecification.${index + 1}`;
    for (const key of TUNNEL_SCALARS) if (e[key] !== undefined) sent.add(`${prefix}.${key}`);
    for (const group of ['TunnelIkeConfig', 'TunnelIpsecConfig'] as const) {
      if (e[group] !== undefined) for (const p of groupFields('dual', `${prefix}.${group}`)) sent.add(p);
    }
    const bgp = e.TunnelBgpConfig;
    if (bgp !== null && typeof bgp === 'object') {
      for (const key of Object.keys(bgp)) sent.add(`${prefix}.TunnelBgpConfig.${key}`);
    }
  }
  return sent;
}
