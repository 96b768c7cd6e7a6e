// The request as an aliyun CLI command line: what the diff preview shows and `ipsec-studio plan` prints, so an
// engineer can send the same change from a shell. Secrets appear as they are in the request given (mask it first).
import { toWire } from './wire.ts';
import type { ModifyVpnConnectionAttributeRequest } from './types.ts';

/** POSIX shell quoting: plain words stay bare, anything else goes in single quotes. */
export const shellQuote = (value: string): string => (/^[\w./:@,=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

/** The same request as an aliyun CLI command line (secrets as masked in the request given). */
export function cliCommand(request: ModifyVpnConnectionAttributeRequest): string {
  const { query, body } = toWire(request);
  const parts = ['aliyun vpc ModifyVpnConnectionAttribute'];
  for (const [key, value] of [...Object.entries(query), ...Object.entries(body)]) parts.push(`  --${key} ${shellQuote(value)}`);
  return parts.join(' \\\n');
}
