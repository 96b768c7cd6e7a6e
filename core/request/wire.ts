// The request as the SDK puts it on the wire (reference §1.1): every scalar and JSON-string group in the query,
// TunnelOptionsSpecification in the form body flattened with 1-based indexes (`TunnelOptionsSpecification.1.TunnelIkeConfig.Psk`).
// Booleans and numbers are sent as their toString(); undefined fields are skipped, as openapi-util does.
import type { ModifyVpnConnectionAttributeRequest } from './types.ts';

export interface WireRequest {
  query: Record<string, string>;
  body: Record<string, string>;
}

function flatten(prefix: string, value: unknown, out: Record<string, string>): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => flatten(`${prefix}.${i + 1}`, item, out));
  } else if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(`${prefix}.${key}`, inner, out);
  } else {
    out[prefix] = String(value);
  }
}

export function toWire(request: ModifyVpnConnectionAttributeRequest): WireRequest {
  const query: Record<string, string> = {};
  const body: Record<string, string> = {};
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined || value === null) continue;
    if (key === 'TunnelOptionsSpecification') flatten(key, value, body);
    else query[key] = String(value);
  }
  return { query, body };
}

export const SECRET_MASK = '******';

/** The service reads JSON keys case-insensitively, so `psk` and `PSK` carry a key just like `Psk`. */
const isPskKey = (key: string): boolean => key.toLowerCase() === 'psk';

/** Copy with the value of every PSK key replaced, at any depth; keys that are absent stay absent. */
function maskDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, isPskKey(key) ? SECRET_MASK : maskDeep(inner)]));
  }
  return value;
}

/**
 * A JSON-string group with its PSKs masked. `strict` (IkeConfig, the group that carries the key): anything that is
 * not a JSON object, parseable or not, is hidden whole, because we cannot tell which part of it is the key.
 */
function maskJsonGroup(json: string, strict: boolean): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return strict ? SECRET_MASK : json;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return strict ? SECRET_MASK : JSON.stringify(maskDeep(parsed));
  return JSON.stringify(maskDeep(parsed));
}

/** A copy safe to display or log: every PSK replaced by a fixed mask, wherever and however it is spelled. */
export function maskSecrets(request: ModifyVpnConnectionAttributeRequest): ModifyVpnConnectionAttributeRequest {
  const masked: ModifyVpnConnectionAttributeRequest = { ...request };
  for (const key of ['IkeConfig', 'IpsecConfig', 'HealthCheckConfig', 'BgpConfig'] as const) {
    const value: unknown = masked[key];
    if (typeof value === 'string') masked[key] = maskJsonGroup(value, key === 'IkeConfig');
    else if (value !== undefined) masked[key] = maskDeep(value) as string; // not the documented type: mask it anyway
  }
  if (masked.TunnelOptionsSpecification !== undefined) {
    masked.TunnelOptionsSpecification = maskDeep(masked.TunnelOptionsSpecification) as ModifyVpnConnectionAttributeRequest['TunnelOptionsSpecification'];
  }
  return masked;
}
