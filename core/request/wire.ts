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

function maskJsonPsk(json: string): string {
  try {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    if (parsed !== null && typeof parsed === 'object' && 'Psk' in parsed) return JSON.stringify({ ...parsed, Psk: SECRET_MASK });
    return json;
  } catch {
    // Not JSON: we cannot tell where the key is, so hide all of it rather than risk showing it.
    return SECRET_MASK;
  }
}

/** A copy safe to display or log: every PSK replaced by a fixed mask. */
export function maskSecrets(request: ModifyVpnConnectionAttributeRequest): ModifyVpnConnectionAttributeRequest {
  const masked: ModifyVpnConnectionAttributeRequest = { ...request };
  if (masked.IkeConfig !== undefined) masked.IkeConfig = maskJsonPsk(masked.IkeConfig);
  if (masked.TunnelOptionsSpecification) {
    masked.TunnelOptionsSpecification = masked.TunnelOptionsSpecification.map((t) =>
      t.TunnelIkeConfig ? { ...t, TunnelIkeConfig: { ...t.TunnelIkeConfig, Psk: SECRET_MASK } } : t,
    );
  }
  return masked;
}
