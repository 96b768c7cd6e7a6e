import { badParam } from '../http/errors.ts';

// The JSON-string parameters arrive with loose types: the docs send IkeLifetime as a number but BgpConfig values as
// strings, terraform sends booleans and capitalised HealthCheck keys. Accept all of them, reject anything else.

export type Loose = Record<string, unknown>;

export function parseJsonObject(param: string, raw: string): Loose {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badParam(`IllegalParam.${param}`, `The specified ${param} is not a valid JSON object.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badParam(`IllegalParam.${param}`, `The specified ${param} is not a valid JSON object.`);
  }
  return value as Loose;
}

/** Case-insensitive key lookup; undefined and null both mean "not given". */
export function pick(obj: Loose, key: string): unknown {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(obj)) {
    if (k.toLowerCase() === lower && v !== null && v !== undefined) return v;
  }
  return undefined;
}

export function looseString(code: string, field: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw badParam(code, `The specified ${field} must be a string.`);
}

export function looseInt(code: string, field: string, value: unknown): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^-?\d+$/.test(text)) throw badParam(code, `The specified ${field} must be an integer.`);
  return Number(text);
}

export function looseBool(code: string, field: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw badParam(code, `The specified ${field} must be true or false.`);
}
