// Subnet lists as the service stores them. The document's own example is "192.168.1.0/24,192.168.2.0/24"; a user
// types "10.1.1.0/24, 10.1.2.0/24" (or leaves a trailing comma, or pastes a network twice), and the service keeps
// the trimmed list. Rules, the diff, the request and the read-back all compare and send this form, so what was
// typed and what lands are the same change.
import type { VpnConnection } from './connection.ts';

/** Items trimmed, empty items and repeats left out, order kept: `" a, ,b,a "` → `"a,b"`. */
export function normalizeSubnetList(value: string): string {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const raw of value.split(',')) {
    const item = raw.trim();
    if (item === '' || seen.has(item)) continue;
    seen.add(item);
    items.push(item);
  }
  return items.join(',');
}

/** The connection with both subnet lists normalised; the same object when they already are. */
export function normalizeConnection<T extends VpnConnection>(connection: T): T {
  const LocalSubnet = normalizeSubnetList(connection.LocalSubnet);
  const RemoteSubnet = normalizeSubnetList(connection.RemoteSubnet);
  if (LocalSubnet === connection.LocalSubnet && RemoteSubnet === connection.RemoteSubnet) return connection;
  return { ...connection, LocalSubnet, RemoteSubnet };
}
