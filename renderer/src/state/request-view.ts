// The request as the preview shows it: the JSON-string groups (IkeConfig, IpsecConfig, HealthCheckConfig, BgpConfig)
// travel as strings, which on screen would be one escaped line; they are shown parsed, nested, and named in a note.
import type { ModifyVpnConnectionAttributeRequest } from '../../../core/index.ts';

const STRING_GROUPS = ['IkeConfig', 'IpsecConfig', 'HealthCheckConfig', 'BgpConfig'] as const;

export interface ReadableRequest {
  /** Pretty JSON with every string group as nested JSON. */
  json: string;
  /** The groups shown nested that travel as JSON strings, in API order. */
  stringGroups: string[];
}

export function readableRequest(request: ModifyVpnConnectionAttributeRequest): ReadableRequest {
  const shown: Record<string, unknown> = { ...request };
  const stringGroups: string[] = [];
  for (const key of STRING_GROUPS) {
    const value = request[key];
    if (typeof value !== 'string') continue;
    try {
      shown[key] = JSON.parse(value) as unknown;
      stringGroups.push(key);
    } catch {
      // Not JSON (cannot happen for a built request): shown as the string it is.
    }
  }
  return { json: JSON.stringify(shown, null, 2), stringGroups };
}
