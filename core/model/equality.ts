// When two field values count as "the same". ASNs compare by number so `123.456` and `8061384` are no change
// (the builder sends the decimal form, and the read-back returns it). Everything else compares exactly:
// the service stores subnets and identities as given, so `10.0.0.0/8,` vs `10.0.0.0/8` is a real change.
import { normalizeAsn } from '../net/asn.ts';
import type { FieldKind } from './paths.ts';

export function sameFieldValue(kind: FieldKind, a: unknown, b: unknown): boolean {
  if (kind === 'asn' && typeof a === 'string' && typeof b === 'string') return normalizeAsn(a.trim()) === normalizeAsn(b.trim());
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  return a === b;
}
