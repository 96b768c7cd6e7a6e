import { badParam, invalidParameter } from '../http/errors.ts';
import type { Loose } from './lenient.ts';

const PREFIX = 'TunnelOptionsSpecification.';

/** One decoded `TunnelOptionsSpecification.N.*` element, nested the way the SDK flattened it. */
export interface TunnelPatch {
  index: number;
  TunnelId?: string;
  Role?: string;
  CustomerGatewayId?: string;
  EnableDpd?: string;
  EnableNatTraversal?: string;
  RemoteCaCertificate?: string;
  TunnelIkeConfig?: Loose;
  TunnelIpsecConfig?: Loose;
  TunnelBgpConfig?: Loose;
}

const SCALARS = ['TunnelId', 'Role', 'CustomerGatewayId', 'EnableDpd', 'EnableNatTraversal', 'RemoteCaCertificate'] as const;
const NESTED = ['TunnelIkeConfig', 'TunnelIpsecConfig', 'TunnelBgpConfig'] as const;

export function hasTunnelOptions(params: Readonly<Record<string, string>>): boolean {
  return Object.keys(params).some((k) => k.startsWith(PREFIX));
}

/** Reassembles the 1-based flattened list; unknown sub-keys are ignored like the real service ignores them. */
export function parseTunnelOptions(params: Readonly<Record<string, string>>): TunnelPatch[] {
  const byIndex = new Map<number, TunnelPatch>();
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(PREFIX)) continue;
    const [indexText, field, sub, ...rest] = key.slice(PREFIX.length).split('.');
    if (!indexText || !/^[1-9]\d{0,2}$/.test(indexText)) throw invalidParameter(key, 'List indexes start at 1.');
    if (!field) throw invalidParameter(key);
    const index = Number(indexText);
    const patch = byIndex.get(index) ?? { index };
    byIndex.set(index, patch);
    if ((SCALARS as readonly string[]).includes(field) && sub === undefined) {
      patch[field as (typeof SCALARS)[number]] = value;
    } else if ((NESTED as readonly string[]).includes(field) && sub && rest.length === 0) {
      const nested = (patch[field as (typeof NESTED)[number]] ??= {});
      nested[sub] = value;
    }
  }
  const patches = [...byIndex.values()].sort((a, b) => a.index - b.index);
  if (patches.length > 2) {
    throw badParam('IllegalParam.TunnelOptionsSpecification', 'A connection has at most two tunnels (master and slave).');
  }
  return patches;
}
