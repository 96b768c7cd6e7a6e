// Matching a parsed query against connections. A row's searchable data is reduced once to `SearchFacts` (plain,
// serializable: main could send it with each listed connection), and a query is compiled once per keystroke into a
// predicate over facts, so filtering thousands of rows costs a few string and integer comparisons per row.
import type { ConnectionEntry, CustomerGatewaySummary, GatewaySummary } from '../contract/inventory.ts';
import type { VpnConnection } from '../model/connection.ts';
import { tunnelHealths, tunnelOverall, type TunnelHealth } from '../model/health.ts';
import { ANY_NETWORK, ipv4ToInt, parseIpv4Cidr, splitCidrList } from '../net/ipv4.ts';
import { parseQuery, type ParsedQuery, type SearchHealth, type SearchTerm } from './query.ts';

export type SearchGateway = Pick<GatewaySummary, 'VpnGatewayId' | 'Name' | 'InternetIp'>;
export type SearchCustomerGateway = Pick<CustomerGatewaySummary, 'CustomerGatewayId' | 'Name' | 'IpAddress'>;

/** What one connection row knows. */
export interface SearchSubject {
  RegionId: string;
  connection: VpnConnection;
  /** Absent when the gateway was not listed (partial fetch). */
  gateway?: SearchGateway;
  /** The connection's customer gateway, or each tunnel's (the same one may appear twice). */
  customerGateways: readonly SearchCustomerGateway[];
  health: SearchHealth;
}

/** A subject reduced to what matching reads; every text is lower-case. */
export interface SearchFacts {
  region: string;
  mode: VpnConnection['mode'];
  health: SearchHealth;
  /** Every plain-text field, joined by NUL (which no term holds) so one `includes` searches them all. */
  text: string;
  gw: string;
  cgw: string;
  /** IKE encryption, integrity and DH group of every tunnel. */
  ike: string[];
  /** ESP encryption, integrity and PFS of every tunnel. */
  ipsec: string[];
  versions: string[];
  /** Every address field as an unsigned 32-bit integer. */
  addresses: number[];
  /** Local and remote subnets as [start, end]; `0.0.0.0/0` is left out: it holds every address. */
  networks: Array<[number, number]>;
}

const SEP = '\u0000';

/** A connection's health for search: `partial` when one tunnel carries traffic and another is down. */
export function searchHealth(tunnels: readonly TunnelHealth[]): SearchHealth {
  const overall = tunnels.map(tunnelOverall);
  if (overall.length === 0) return 'unknown';
  const up = overall.includes('up');
  const down = overall.includes('down');
  if (up && down) return 'partial';
  if (down) return 'down';
  return overall.every((h) => h === 'up') ? 'up' : 'unknown';
}

export interface SubjectLookup {
  gateways: ReadonlyMap<string, SearchGateway>;
  customerGateways: ReadonlyMap<string, SearchCustomerGateway>;
}

/** Index of an inventory's gateways and customer gateways, built once per snapshot for `subjectOf`. */
export function subjectLookup(gateways: readonly SearchGateway[], customerGateways: readonly SearchCustomerGateway[]): SubjectLookup {
  return {
    gateways: new Map(gateways.map((g) => [g.VpnGatewayId, g])),
    customerGateways: new Map(customerGateways.map((c) => [c.CustomerGatewayId, c])),
  };
}

export function customerGatewayIds(connection: VpnConnection): string[] {
  const ids = connection.mode === 'single' ? [connection.CustomerGatewayId] : connection.tunnels.map((t) => t.CustomerGatewayId);
  return ids.filter((id): id is string => id !== undefined && id !== '');
}

/** The subject of a connection of the inventory; health defaults to what the connection itself reports. */
export function subjectOf({ RegionId, connection }: ConnectionEntry, lookup: SubjectLookup, health?: SearchHealth): SearchSubject {
  const gateway = lookup.gateways.get(connection.VpnGatewayId);
  // A customer gateway missing from the listing is still found by its ID.
  const customerGateways = customerGatewayIds(connection).map((id) => lookup.customerGateways.get(id) ?? { CustomerGatewayId: id, Name: '', IpAddress: '' });
  return { RegionId, connection, ...(gateway && { gateway }), customerGateways, health: health ?? searchHealth(tunnelHealths(connection)) };
}

function lower(values: ReadonlyArray<string | undefined>): string[] {
  return values.filter((v): v is string => v !== undefined && v !== '').map((v) => v.toLowerCase());
}

export function searchFactsOf(subject: SearchSubject): SearchFacts {
  const c = subject.connection;
  const ikes = c.mode === 'single' ? [c.IkeConfig] : c.tunnels.map((t) => t.TunnelIkeConfig);
  const ipsecs = c.mode === 'single' ? [c.IpsecConfig] : c.tunnels.map((t) => t.TunnelIpsecConfig);
  const gw = subject.gateway;
  const cloudIps = c.mode === 'dual' ? c.tunnels.map((t) => t.InternetIp) : [];
  const bgpIps = c.mode === 'single' ? [c.BgpConfig.LocalBgpIp, c.BgpConfig.PeerBgpIp] : c.tunnels.flatMap((t) => [t.TunnelBgpConfig.LocalBgpIp, t.TunnelBgpConfig.PeerBgpIp]);
  const healthCheckIps = c.mode === 'single' ? [c.HealthCheckConfig.dip, c.HealthCheckConfig.sip] : [];
  const gwFields = lower([c.VpnGatewayId, gw?.Name, gw?.InternetIp]);
  const cgwFields = lower([...customerGatewayIds(c), ...subject.customerGateways.flatMap((g) => [g.CustomerGatewayId, g.Name, g.IpAddress])]);
  const subnets = [...splitCidrList(c.LocalSubnet), ...splitCidrList(c.RemoteSubnet)].filter((s) => s !== '');
  const text = [...lower([c.Name, c.VpnConnectionId, ...cloudIps, ...subnets]), ...gwFields, ...cgwFields].join(SEP);
  const addressTexts = [gw?.InternetIp, ...cloudIps, ...subject.customerGateways.map((g) => g.IpAddress), ...bgpIps, ...healthCheckIps];
  const addresses: number[] = [];
  for (const a of addressTexts) {
    const n = a === undefined ? undefined : ipv4ToInt(a.trim());
    if (n !== undefined) addresses.push(n);
  }
  const networks: Array<[number, number]> = [];
  for (const s of subnets) {
    const n = s === ANY_NETWORK ? undefined : parseIpv4Cidr(s);
    if (n) networks.push([n.start, n.end]);
  }
  return {
    region: subject.RegionId.toLowerCase(),
    mode: c.mode,
    health: subject.health,
    text,
    gw: gwFields.join(SEP),
    cgw: cgwFields.join(SEP),
    ike: lower(ikes.flatMap((k) => [k.IkeEncAlg, k.IkeAuthAlg, k.IkePfs])),
    ipsec: lower(ipsecs.flatMap((k) => [k.IpsecEncAlg, k.IpsecAuthAlg, k.IpsecPfs])),
    versions: lower(ikes.map((k) => k.IkeVersion)),
    addresses,
    networks,
  };
}

export type SearchPredicate = (facts: SearchFacts) => boolean;

function positive(term: SearchTerm): SearchPredicate {
  switch (term.kind) {
    case 'text': {
      const v = term.value;
      return (f) => f.text.includes(v);
    }
    case 'ike': {
      const v = term.value;
      return (f) => f.ike.includes(v);
    }
    case 'ipsec': {
      const v = term.value;
      return (f) => f.ipsec.includes(v);
    }
    case 'ver': {
      const v = term.value;
      return (f) => f.versions.includes(v);
    }
    case 'mode': {
      const v = term.value;
      return (f) => f.mode === v;
    }
    case 'health': {
      const v = term.value;
      // `down` finds every connection with a tunnel down, including those whose other tunnel still carries traffic.
      return v === 'down' ? (f) => f.health === 'down' || f.health === 'partial' : (f) => f.health === v;
    }
    case 'region': {
      const v = term.value;
      return (f) => f.region === v;
    }
    case 'gw': {
      const v = term.value;
      return (f) => f.gw.includes(v);
    }
    case 'cgw': {
      const v = term.value;
      return (f) => f.cgw.includes(v);
    }
    case 'ip': {
      const a = term.address;
      return (f) => f.addresses.includes(a) || f.networks.some(([s, e]) => a >= s && a <= e);
    }
    case 'net': {
      const { start, end } = term;
      return (f) => f.networks.some(([s, e]) => s <= end && start <= e);
    }
  }
}

/** A predicate for the query, built once and run per row. An empty query matches everything. */
export function compileQuery(query: ParsedQuery | string): SearchPredicate {
  const parsed = typeof query === 'string' ? parseQuery(query) : query;
  const predicates = parsed.terms.map((term) => {
    const p = positive(term);
    return term.negated ? (f: SearchFacts) => !p(f) : p;
  });
  if (predicates.length === 0) return () => true;
  return (facts) => predicates.every((p) => p(facts));
}

/** One-off match; for many rows compile once and reuse the facts. */
export function matchConnection(query: ParsedQuery | string, subject: SearchSubject): boolean {
  return compileQuery(query)(searchFactsOf(subject));
}
