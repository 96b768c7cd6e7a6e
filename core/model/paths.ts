// Field paths are the API parameter paths (`IkeConfig.IkeEncAlg`,
// `TunnelOptionsSpecification.2.TunnelIkeConfig.Psk`). The renderer uses them as input names and i18n keys,
// rules report issues against them, diff rows and merge conflicts are keyed by them.
// Tunnel indexes are 1-based like the wire format and fixed: 1 = master, 2 = slave (the model keeps that order).
import type { TunnelOptions, VpnConnection } from './connection.ts';
import { ALLOWED, type AllowedByVpnType } from './enums.ts';

export type FieldKind = 'text' | 'enum' | 'bool' | 'int' | 'cidr-list' | 'cidr' | 'ip' | 'asn' | 'secret' | 'multiline';
export type FieldGroup = 'General' | 'IKE' | 'IPsec' | 'HealthCheck' | 'BGP' | 'Tunnel';
/** What a change of this field does to the running connection. */
export type Impact = 'renegotiates' | 'routing' | 'harmless';

export interface FieldDef {
  path: string;
  group: FieldGroup;
  /** `General` for connection-wide fields, or `TunnelOptionsSpecification.1` / `.2` for per-tunnel ones. */
  section: string;
  kind: FieldKind;
  impact: readonly Impact[];
  allowed?: AllowedByVpnType;
  /** A secret (the PSKs): masked in the diff, left out of exported drafts, sealed at rest. */
  secret?: boolean;
  /** Sealed at rest like a secret, yet shown and carried in exported drafts (the CA certificates). */
  sealed?: boolean;
}

/** A field relative to a tunnel, e.g. `TunnelIkeConfig.Psk`. */
export type TunnelFieldDef = Omit<FieldDef, 'section'>;

const RENEG: readonly Impact[] = ['renegotiates'];
const ROUTING: readonly Impact[] = ['routing'];
const HARMLESS: readonly Impact[] = ['harmless'];

function ikeFields(prefix: string, group: FieldGroup): TunnelFieldDef[] {
  return [
    { path: `${prefix}.Psk`, group, kind: 'secret', impact: RENEG, secret: true },
    { path: `${prefix}.IkeVersion`, group, kind: 'enum', impact: RENEG, allowed: ALLOWED.IkeVersion },
    { path: `${prefix}.IkeMode`, group, kind: 'enum', impact: RENEG, allowed: ALLOWED.IkeMode },
    { path: `${prefix}.IkeEncAlg`, group, kind: 'enum', impact: RENEG, allowed: ALLOWED.IkeEncAlg },
    { path: `${prefix}.IkeAuthAlg`, group, kind: 'enum', impact: RENEG, allowed: ALLOWED.IkeAuthAlg },
    { path: `${prefix}.IkePfs`, group, kind: 'enum', impact: RENEG, allowed: ALLOWED.IkePfs },
    { path: `${prefix}.IkeLifetime`, group, kind: 'int', impact: RENEG },
    { path: `${prefix}.LocalId`, group, kind: 'text', impact: RENEG },
    { path: `${prefix}.RemoteId`, group, kind: 'text', impact: RENEG },
  ];
}

function ipsecFields(prefix: string, group: FieldGroup): TunnelFieldDef[] {
  return [
    { path: `${prefix}.IpsecEncAlg`, group, kind: 'enum', impact: RENEG, allowed: ALLOWED.IpsecEncAlg },
    { path: `${prefix}.IpsecAuthAlg`, group, kind: 'enum', impact: RENEG, allowed: ALLOWED.IpsecAuthAlg },
    { path: `${prefix}.IpsecPfs`, group, kind: 'enum', impact: RENEG, allowed: ALLOWED.IpsecPfs },
    { path: `${prefix}.IpsecLifetime`, group, kind: 'int', impact: RENEG },
  ];
}

const withSection = (section: string, defs: readonly TunnelFieldDef[]): FieldDef[] => defs.map((d) => ({ ...d, section }));

/** Subnets are traffic selectors (phase 2 renegotiates) and, with AutoConfigRoute, routes. */
const COMMON_FIELDS: readonly FieldDef[] = [
  { path: 'Name', group: 'General', section: 'General', kind: 'text', impact: HARMLESS },
  { path: 'LocalSubnet', group: 'General', section: 'General', kind: 'cidr-list', impact: ['renegotiates', 'routing'] },
  { path: 'RemoteSubnet', group: 'General', section: 'General', kind: 'cidr-list', impact: ['renegotiates', 'routing'] },
  { path: 'EffectImmediately', group: 'General', section: 'General', kind: 'bool', impact: HARMLESS },
  { path: 'AutoConfigRoute', group: 'General', section: 'General', kind: 'bool', impact: ROUTING },
];

export const SINGLE_TUNNEL_FIELDS: readonly FieldDef[] = [
  ...COMMON_FIELDS,
  // DPD and NAT traversal are negotiated in IKE, so changing them brings the SA down and up again.
  { path: 'EnableDpd', group: 'General', section: 'General', kind: 'bool', impact: RENEG },
  { path: 'EnableNatTraversal', group: 'General', section: 'General', kind: 'bool', impact: RENEG },
  ...withSection('General', ikeFields('IkeConfig', 'IKE')),
  ...withSection('General', ipsecFields('IpsecConfig', 'IPsec')),
  // Health check failures withdraw the connection's routes, so it counts as routing.
  { path: 'HealthCheckConfig.enable', group: 'HealthCheck', section: 'General', kind: 'bool', impact: ROUTING },
  { path: 'HealthCheckConfig.dip', group: 'HealthCheck', section: 'General', kind: 'ip', impact: ROUTING },
  { path: 'HealthCheckConfig.sip', group: 'HealthCheck', section: 'General', kind: 'ip', impact: ROUTING },
  { path: 'HealthCheckConfig.interval', group: 'HealthCheck', section: 'General', kind: 'int', impact: ROUTING },
  { path: 'HealthCheckConfig.retry', group: 'HealthCheck', section: 'General', kind: 'int', impact: ROUTING },
  { path: 'BgpConfig.EnableBgp', group: 'BGP', section: 'General', kind: 'bool', impact: ROUTING },
  { path: 'BgpConfig.LocalAsn', group: 'BGP', section: 'General', kind: 'asn', impact: ROUTING },
  { path: 'BgpConfig.TunnelCidr', group: 'BGP', section: 'General', kind: 'cidr', impact: ROUTING },
  { path: 'BgpConfig.LocalBgpIp', group: 'BGP', section: 'General', kind: 'ip', impact: ROUTING },
  { path: 'RemoteCaCertificate', group: 'IKE', section: 'General', kind: 'multiline', impact: RENEG, sealed: true },
];

export const TUNNEL_FIELDS: readonly TunnelFieldDef[] = [
  { path: 'EnableDpd', group: 'Tunnel', kind: 'bool', impact: RENEG },
  { path: 'EnableNatTraversal', group: 'Tunnel', kind: 'bool', impact: RENEG },
  { path: 'RemoteCaCertificate', group: 'Tunnel', kind: 'multiline', impact: RENEG, sealed: true },
  ...ikeFields('TunnelIkeConfig', 'IKE'),
  ...ipsecFields('TunnelIpsecConfig', 'IPsec'),
  { path: 'TunnelBgpConfig.LocalAsn', group: 'BGP', kind: 'asn', impact: ROUTING },
  { path: 'TunnelBgpConfig.TunnelCidr', group: 'BGP', kind: 'cidr', impact: ROUTING },
  { path: 'TunnelBgpConfig.LocalBgpIp', group: 'BGP', kind: 'ip', impact: ROUTING },
];

export const tunnelPrefix = (index: 0 | 1): string => `TunnelOptionsSpecification.${index + 1}`;

export const DUAL_TUNNEL_FIELDS: readonly FieldDef[] = [
  ...COMMON_FIELDS,
  { path: 'EnableTunnelsBgp', group: 'BGP', section: 'General', kind: 'bool', impact: ROUTING },
  ...([0, 1] as const).flatMap((i) =>
    TUNNEL_FIELDS.map((d) => ({ ...d, path: `${tunnelPrefix(i)}.${d.path}`, section: tunnelPrefix(i) })),
  ),
];

export function editableFields(mode: VpnConnection['mode']): readonly FieldDef[] {
  return mode === 'single' ? SINGLE_TUNNEL_FIELDS : DUAL_TUNNEL_FIELDS;
}

const FIELD_BY_PATH = new Map<string, FieldDef>([...SINGLE_TUNNEL_FIELDS, ...DUAL_TUNNEL_FIELDS].map((d) => [d.path, d]));

export function fieldDef(path: string): FieldDef | undefined {
  return FIELD_BY_PATH.get(path);
}

const lastSegment = (path: string): string => path.slice(path.lastIndexOf('.') + 1);
const namesWhere = (keep: (d: FieldDef) => boolean): ReadonlySet<string> => new Set([...FIELD_BY_PATH.values()].filter(keep).map((d) => lastSegment(d.path)));
const FLAGGED_NAMES = {
  secret: namesWhere((d) => d.secret === true),
  sealed: namesWhere((d) => d.secret === true || d.sealed === true),
} as const;

/** The names (a path's last segment, `Psk`) of the fields flagged above, for code that meets them by name at any
 * depth (stored records, conflicts, copies): `secret`, the secret fields; `sealed`, everything sealed at rest (the
 * secret fields and the `sealed` ones). */
export function flaggedFieldNames(flag: 'secret' | 'sealed'): ReadonlySet<string> {
  return FLAGGED_NAMES[flag];
}

/** Maps a path to the object walk inside the model: `TunnelOptionsSpecification.N` → `tunnels[N-1]`. */
function segments(path: string): string[] {
  const parts = path.split('.');
  if (parts[0] === 'TunnelOptionsSpecification' && parts.length >= 2) {
    const index = Number(parts[1]) - 1;
    return ['tunnels', String(index), ...parts.slice(2)];
  }
  return parts;
}

/** Reads a field by path; undefined when the path does not exist on this object. Never throws. */
export function getField(target: unknown, path: string): unknown {
  let current: unknown = target;
  for (const key of segments(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Returns a copy with one field replaced (structural sharing for untouched branches). */
export function setField<T>(target: T, path: string, value: unknown): T {
  return setIn(target, segments(path), value);
}

function setIn<T>(target: T, keys: readonly string[], value: unknown): T {
  const [head, ...rest] = keys;
  if (head === undefined) return value as T;
  const base = target as unknown;
  if (Array.isArray(base)) {
    const copy = [...base];
    const i = Number(head);
    copy[i] = setIn(copy[i], rest, value);
    return copy as T;
  }
  const record = (base !== null && typeof base === 'object' ? base : {}) as Record<string, unknown>;
  return { ...record, [head]: setIn(record[head], rest, value) } as T;
}

export function getTunnelField(tunnel: TunnelOptions, relativePath: string): unknown {
  return getField(tunnel, relativePath);
}
