// Typed reads over the raw client: what the inventory, drafts and the apply engine ask the API.
import { parseDescribeConnection, parseDescribeConnections, vpnTypeOf, type VpnConnection } from '../../core/index.ts';
import type { CustomerGatewaySummary, GatewaySummary, RegionSummary } from '../../core/contract.ts';
import { ApiError } from './api-error.ts';
import type { ApiBody, VpcAction, VpcClient } from './vpc-client.ts';

/** The API's maximum PageSize for every Describe*s list used here. */
export const MAX_PAGE_SIZE = 50;

function list(body: ApiBody, outer: string, inner: string): unknown[] {
  const container = body[outer] as Record<string, unknown> | undefined;
  const items = container?.[inner];
  if (items === undefined || items === null) return [];
  return Array.isArray(items) ? items : [items];
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

function malformed(action: VpcAction, path: string, message: string): ApiError {
  return new ApiError({ code: 'Api.MalformedResponse', message: `${action}: ${path}: ${message}`, requestId: null, httpStatus: 200, retryable: false });
}

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
  TotalCount: number;
}

export function createVpcReads(client: VpcClient) {
  const page = async (action: VpcAction, RegionId: string, pageNumber: number, extra: Record<string, string> = {}) =>
    client.call({ action, RegionId, query: { ...extra, PageNumber: String(pageNumber), PageSize: String(MAX_PAGE_SIZE) } });

  return {
    async regions(RegionId: string): Promise<RegionSummary[]> {
      const body = await client.call({ action: 'DescribeRegions', RegionId, query: { AcceptLanguage: 'en-US' } });
      return list(body, 'Regions', 'Region').map((r) => {
        const region = r as Record<string, unknown>;
        return { RegionId: text(region.RegionId), LocalName: text(region.LocalName) };
      });
    },
    async gatewaysPage(RegionId: string, pageNumber: number): Promise<Page<GatewaySummary>> {
      const body = await page('DescribeVpnGateways', RegionId, pageNumber);
      return { items: list(body, 'VpnGateways', 'VpnGateway').map((g) => toGatewaySummary(g, RegionId)), TotalCount: Number(body.TotalCount ?? 0) };
    },
    async connectionsPage(RegionId: string, pageNumber: number, VpnGatewayId?: string): Promise<Page<VpnConnection>> {
      const body = await page('DescribeVpnConnections', RegionId, pageNumber, VpnGatewayId ? { VpnGatewayId } : {});
      const parsed = parseDescribeConnections(body);
      if (!parsed.ok) throw malformed('DescribeVpnConnections', parsed.path, parsed.message);
      return { items: parsed.connections, TotalCount: Number(body.TotalCount ?? 0) };
    },
    async customerGatewaysPage(RegionId: string, pageNumber: number): Promise<Page<CustomerGatewaySummary>> {
      const body = await page('DescribeCustomerGateways', RegionId, pageNumber);
      return { items: list(body, 'CustomerGateways', 'CustomerGateway').map((c) => toCustomerGateway(c, RegionId)), TotalCount: Number(body.TotalCount ?? 0) };
    },
    async connection(RegionId: string, VpnConnectionId: string): Promise<VpnConnection> {
      const body = await client.call({ action: 'DescribeVpnConnection', RegionId, query: { VpnConnectionId } });
      const parsed = parseDescribeConnection(body);
      if (!parsed.ok) throw malformed('DescribeVpnConnection', parsed.path, parsed.message);
      return parsed.connection;
    },
    async gateway(RegionId: string, VpnGatewayId: string): Promise<GatewaySummary> {
      const body = await client.call({ action: 'DescribeVpnGateway', RegionId, query: { VpnGatewayId } });
      return toGatewaySummary(body, RegionId);
    },
    /** Every connection of one gateway (all pages), for the cross-connection rules. */
    async gatewayConnections(RegionId: string, VpnGatewayId: string): Promise<VpnConnection[]> {
      const all: VpnConnection[] = [];
      for (let n = 1; ; n++) {
        const p = await this.connectionsPage(RegionId, n, VpnGatewayId);
        all.push(...p.items);
        if (p.items.length === 0 || all.length >= p.TotalCount) return all;
      }
    },
  };
}

export type VpcReads = ReturnType<typeof createVpcReads>;
