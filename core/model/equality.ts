// When two field values count as "the same". ASNs compare by number so `123.456` and `8061384` are no change
// (the builder sends the decimal form, and the read-back returns it). Subnet lists compare in the form the service
// stores (normalize.ts: `10.0.0.0/8, 10.1.0.0/16` ≡ `10.0.0.0/8,10.1.0.0/16`, a trailing comma or a repeated
// network is no change). Everything else compares exactly: identities and names are stored as given.
import { normalizeAsn } from '../net/asn.ts';
import { normalizeSubnetList } from './normalize.ts';
import type { FieldKind } from './paths.ts';

export function sameFieldValue(kind: FieldKind, a: unknown, b: unknown): boolean {
  if (kind === 'asn' && typeof a === 'string' && typeof b === 'string') return normalizeAsn(a.trim()) === normalizeAsn(b.trim());
  if (kind === 'cidr-list' && typeof a === 'string' && typeof b === 'string') return normalizeSubnetList(a) === normalizeSubnetList(b);
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  return a === b;
}
