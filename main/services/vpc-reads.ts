// Typed reads over the raw client: what the inventory, drafts and the apply engine ask the API.
import { parseDescribeConnection, parseDescribeConnections, vpnTypeOf, type VpnConnection } from '../../core/index.ts';
import type { CustomerGatewaySummary, GatewaySummary, RegionSummary } from '../../core/contract.ts';
import { ApiError } from './api-error.ts';
import { responseBytes, type ApiBody, type VpcAction, type VpcClient } from './vpc-client.ts';

/** The API's maximum PageSize for every Describe*s list used here. */
export const MAX_PAGE_SIZE = 50;
/** More pages than this of one list in one region (50,000 items) is a service that never ends a list, not an account. */
export const MAX_PAGES = 1000;
/** What one gateway's connections may weigh as response bodies; the inventory sets its own, larger, per load. */
export const GATEWAY_LIST_BYTES = 32 * 1024 * 1024;

function malformed(action: VpcAction, path: string, message: string): ApiError {
  return new ApiError({ code: 'Api.MalformedResponse', message: `${action}: ${path}: ${message}`, requestId: null, httpStatus: 200, retryable: false });
}

/** The items of `body[outer][inner]`: a missing list is empty, a bare object is a list of one (some proxies), and
 * anything that is not an object with `idKey` is refused here rather than becoming an item with an empty id. */
function list(action: VpcAction, body: ApiBody, outer: string, inner: string, idKey: string): Array<Record<string, unknown>> {
  const container = body[outer];
  if (container === undefined || container === null || container === '') return [];
  if (typeof container !== 'object' || Array.isArray(container)) throw malformed(action, outer, 'expected an object');
  const items = (container as Record<string, unknown>)[inner];
  if (items === undefined || items === null) return [];
  const all = Array.isArray(items) ? items : [items];
  all.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw malformed(action, `${outer}.${inner}.${i}`, 'expected an object');
    const id = (item as Record<string, unknown>)[idKey];
    if (typeof id !== 'string' || id === '') throw malformed(action, `${outer}.${inner}.${i}.${idKey}`, 'expected an id');
  });
  return all as Array<Record<string, unknown>>;
}

/** TotalCount as a count: a whole number (the service sometimes sends it as text), or null when left out. */
function totalCount(action: VpcAction, body: ApiBody): number | null {
  const raw = body.TotalCount;
  if (raw === undefined || raw === null) return null;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw malformed(action, 'TotalCount', `expected a count, got ${JSON.stringify(raw).slice(0, 40)}`);
  return n;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export function toGatewaySummary(raw: unknown, RegionId: string): GatewaySummary {
  const g = raw as Record<string, unknown>;
  return {
    VpnGatewayId: text(g.VpnGatewayId),
    RegionId,
    Name: text(g.Name),
    Status: text(g.Status),
    BusinessStatus: text(g.BusinessStatus) || 'Normal',
    VpnType: vpnTypeOf(g),
    dualTunnelCapable: text(g.DisasterRecoveryInternetIp) !== '',
    ...(g.EnableBgp !== undefined && { EnableBgp: g.EnableBgp === true || g.EnableBgp === 'true' }),
    ...(g.InternetIp !== undefined && { InternetIp: text(g.InternetIp) }),
  };
}

function toCustomerGateway(raw: unknown, RegionId: string): CustomerGatewaySummary {
  const c = raw as Record<string, unknown>;
  return {
    CustomerGatewayId: text(c.CustomerGatewayId),
    RegionId,
    Name: text(c.Name),
    IpAddress: text(c.IpAddress),
    ...(c.Asn !== undefined && c.Asn !== null && c.Asn !== '' && c.Asn !== 0 && { Asn: text(c.Asn) }),
  };
}

export interface Page<T> {
  items: T[];
  /** What the service claims; null when it left it out. Never trusted beyond what the pages show. */
  TotalCount: number | null;
  /** Size of the response body, for the byte budget of the whole list. */
  bytes: number;
}

/** Response bytes a set of lists may hold in memory together (the parsed items stay alive until the reply). */
export interface ByteBudget {
  spend(bytes: number, action: VpcAction): void;
}

export function byteBudget(limit: number): ByteBudget {
  let spent = 0;
  return {
    spend(bytes, action) {
      spent += bytes;
      if (spent > limit) {
        throw new ApiError({
          code: 'Api.ResponseTooLarge',
          message: `${action}: the lists read so far come to more than ${Math.round(limit / 1048576)} MiB; the rest is not read.`,
          requestId: null,
          httpStatus: 200,
          retryable: false,
        });
      }
    },
  };
}

export interface PagingOptions {
  /** Pages asked for beyond the last one known to be full (1: one page at a time). */
  lookahead: number;
  budget: ByteBudget;
  maxPages?: number;
}

/**
 * Every page of a list, without trusting TotalCount: a page is asked for while the pages before it came back full (a
 * short or empty page ends the list, whatever TotalCount says; a missing or stale TotalCount does not end it early),
 * at most `lookahead` past the last full one. A page that brings nothing new means the service ignores PageNumber,
 * and a list longer than `maxPages` never ends: both are errors, not endless loops. Items are kept once per id. A
 * TotalCount that moves between pages means the list changed while it was read (an item created or deleted shifts
 * the pages): it is read once more from the start, so a deleted neighbour cannot hide an item.
 */
export async function collectPages<T>(action: VpcAction, fetchPage: (n: number) => Promise<Page<T>>, idOf: (item: T) => string, options: PagingOptions): Promise<T[]> {
  const first = await readPages(action, fetchPage, idOf, options);
  return first.changed ? (await readPages(action, fetchPage, idOf, options)).items : first.items;
}

async function readPages<T>(action: VpcAction, fetchPage: (n: number) => Promise<Page<T>>, idOf: (item: T) => string, options: PagingOptions): Promise<{ items: T[]; changed: boolean }> {
  const maxPages = options.maxPages ?? MAX_PAGES;
  const items: T[] = [];
  const seen = new Set<string>();
  const pending = new Map<number, Promise<Page<T>>>();
  let claimed = 1;
  let next = 1;
  let total: number | null | undefined;
  let changed = false;
  try {
    for (let n = 1; n <= claimed; n++) {
      while (next <= Math.min(claimed, maxPages) && next < n + Math.max(1, options.lookahead)) {
        const p = fetchPage(next);
        p.catch(() => undefined);
        pending.set(next++, p);
      }
      const page = await pending.get(n)!;
      pending.delete(n);
      options.budget.spend(page.bytes, action);
      if (total === undefined) total = page.TotalCount;
      else if (page.TotalCount !== null && page.TotalCount !== total) changed = true;
      if (page.TotalCount !== null) claimed = Math.max(claimed, Math.ceil(page.TotalCount / MAX_PAGE_SIZE));
      let fresh = 0;
      for (const item of page.items) {
        const id = idOf(item);
        if (seen.has(id)) continue;
        seen.add(id);
        items.push(item);
        fresh++;
      }
      if (page.items.length > 0 && fresh === 0) {
        throw new ApiError({
          code: 'Api.PagingIgnored',
          message: `${action}: page ${n} repeats items of earlier pages; the service seems to ignore PageNumber, so the list cannot be read whole.`,
          requestId: null,
          httpStatus: 200,
          retryable: false,
        });
      }
      if (page.items.length < MAX_PAGE_SIZE) break;
      // A full page: there may be more, whatever TotalCount said.
      claimed = Math.max(claimed, n + 1);
      if (n >= maxPages) {
        throw new ApiError({
          code: 'Api.TooManyPages',
          message: `${action}: the list goes on past ${maxPages} pages of ${MAX_PAGE_SIZE}; the rest is not read.`,
          requestId: null,
          httpStatus: 200,
          retryable: false,
        });
      }
    }
    return { items, changed };
  } finally {
    // Pages asked for ahead and not needed are still answered (each within the client's deadline); wait for them so
    // nothing of this list is still running, or reporting progress, once it has returned.
    await Promise.allSettled(pending.values());
  }
}

export interface VpcReadsOptions {
  maxPages?: number;
  gatewayListBytes?: number;
}

export function createVpcReads(client: VpcClient, options: VpcReadsOptions = {}) {
  const page = async (action: VpcAction, RegionId: string, pageNumber: number, extra: Record<string, string> = {}) =>
    client.call({ action, RegionId, query: { ...extra, PageNumber: String(pageNumber), PageSize: String(MAX_PAGE_SIZE) } });

  const reads = {
    maxPages: options.maxPages ?? MAX_PAGES,
    async regions(RegionId: string): Promise<RegionSummary[]> {
      const body = await client.call({ action: 'DescribeRegions', RegionId, query: { AcceptLanguage: 'en-US' } });
      return list('DescribeRegions', body, 'Regions', 'Region', 'RegionId').map((region) => ({ RegionId: text(region.RegionId), LocalName: text(region.LocalName) }));
    },
    async gatewaysPage(RegionId: string, pageNumber: number): Promise<Page<GatewaySummary>> {
      const body = await page('DescribeVpnGateways', RegionId, pageNumber);
      const items = list('DescribeVpnGateways', body, 'VpnGateways', 'VpnGateway', 'VpnGatewayId').map((g) => toGatewaySummary(g, RegionId));
      return { items, TotalCount: totalCount('DescribeVpnGateways', body), bytes: responseBytes(body) };
    },
    async connectionsPage(RegionId: string, pageNumber: number, VpnGatewayId?: string): Promise<Page<VpnConnection>> {
      const body = await page('DescribeVpnConnections', RegionId, pageNumber, VpnGatewayId ? { VpnGatewayId } : {});
      const parsed = parseDescribeConnections(body);
      if (!parsed.ok) throw malformed('DescribeVpnConnections', parsed.path, parsed.message);
      return { items: parsed.connections, TotalCount: totalCount('DescribeVpnConnections', body), bytes: responseBytes(body) };
    },
    async customerGatewaysPage(RegionId: string, pageNumber: number): Promise<Page<CustomerGatewaySummary>> {
      const body = await page('DescribeCustomerGateways', RegionId, pageNumber);
      const items = list('DescribeCustomerGateways', body, 'CustomerGateways', 'CustomerGateway', 'CustomerGatewayId').map((c) => toCustomerGateway(c, RegionId));
      return { items, TotalCount: totalCount('DescribeCustomerGateways', body), bytes: responseBytes(body) };
    },
    /** One connection; an answer about another connection is refused (it must never be taken for this one's live state). */
    async connection(RegionId: string, VpnConnectionId: string): Promise<VpnConnection> {
      const body = await client.call({ action: 'DescribeVpnConnection', RegionId, query: { VpnConnectionId } });
      const parsed = parseDescribeConnection(body);
      if (!parsed.ok) throw malformed('DescribeVpnConnection', parsed.path, parsed.message);
      if (parsed.connection.VpnConnectionId !== VpnConnectionId) {
        throw malformed('DescribeVpnConnection', 'VpnConnectionId', `asked for ${VpnConnectionId}, answered for ${parsed.connection.VpnConnectionId}`);
      }
      return parsed.connection;
    },
    async gateway(RegionId: string, VpnGatewayId: string): Promise<GatewaySummary> {
      const body = await client.call({ action: 'DescribeVpnGateway', RegionId, query: { VpnGatewayId } });
      if (body.VpnGatewayId !== VpnGatewayId) throw malformed('DescribeVpnGateway', 'VpnGatewayId', `asked for ${VpnGatewayId}, answered for ${text(body.VpnGatewayId) || 'none'}`);
      return toGatewaySummary(body, RegionId);
    },
    /** Every connection of one gateway (all pages, one at a time), for the cross-connection rules. */
    async gatewayConnections(RegionId: string, VpnGatewayId: string): Promise<VpnConnection[]> {
      return collectPages('DescribeVpnConnections', (n) => reads.connectionsPage(RegionId, n, VpnGatewayId), (c) => c.VpnConnectionId, {
        lookahead: 1,
        budget: byteBudget(options.gatewayListBytes ?? GATEWAY_LIST_BYTES),
        maxPages: reads.maxPages,
      });
    },
  };
  return reads;
}

export type VpcReads = ReturnType<typeof createVpcReads>;
