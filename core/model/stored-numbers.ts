// The editor keeps a cleared or unparsable number as NaN (the range rules then say what is wrong). JSON, on disk and
// in IPC replies, writes NaN as null; a draft or job read back must hold NaN again, not null and not be refused.
import { DUAL_TUNNEL_FIELDS, SINGLE_TUNNEL_FIELDS } from './paths.ts';

/** The leaf names of the model's numeric fields (IkeLifetime, IpsecLifetime, interval, retry). */
const NUMERIC_FIELD_NAMES: ReadonlySet<string> = new Set(
  [...SINGLE_TUNNEL_FIELDS, ...DUAL_TUNNEL_FIELDS].filter((d) => d.kind === 'int').map((d) => d.path.split('.').pop()!),
);

/** A copy of `value` with every null under a numeric field name turned back into NaN. */
export function reviveNumbers<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reviveNumbers) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = inner === null && NUMERIC_FIELD_NAMES.has(key) ? Number.NaN : reviveNumbers(inner);
  return out as T;
}
