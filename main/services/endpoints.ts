// Which host serves the VPC API for a region (reference §3.1). The SDK's rule: an explicit endpoint wins, then the
// product's endpoint map, then `vpc.<region>.aliyuncs.com`. The map below is the union of the 6.3.2 and 7.3.2 SDK
// maps for the central endpoint (every listed region is routed by RegionId there).
export const CENTRAL_ENDPOINT = 'vpc.aliyuncs.com';

const CENTRAL_REGIONS = new Set([
  'cn-qingdao',
  'cn-beijing',
  'cn-hangzhou',
  'cn-shanghai',
  'cn-shenzhen',
  'cn-hongkong',
  'ap-southeast-1',
  'us-east-1',
  'us-west-1',
  'cn-shanghai-finance-1',
  'cn-shenzhen-finance-1',
  'cn-north-2-gov-1',
  'cn-hangzhou-finance',
]);

export interface Endpoint {
  /** host[:port] as openapi-client's Config.endpoint takes it. */
  endpoint: string;
  protocol: 'https' | 'http';
}

export function cloudEndpointFor(regionId: string): Endpoint {
  if (!/^[a-z0-9-]+$/.test(regionId)) throw new Error(`not a region id: ${regionId}`);
  return { endpoint: CENTRAL_REGIONS.has(regionId) ? CENTRAL_ENDPOINT : `vpc.${regionId}.aliyuncs.com`, protocol: 'https' };
}

export function isLoopbackHost(endpoint: string): boolean {
  const host = endpoint.replace(/^\[/, '').replace(/\](:\d+)?$/, '').replace(/:\d+$/, '');
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

/** Plain http is only ever allowed to this machine (the Sandbox emulator). */
export function assertSafeEndpoint(endpoint: Endpoint): void {
  if (endpoint.protocol === 'http' && !isLoopbackHost(endpoint.endpoint)) {
    throw new Error(`refusing plain http to ${endpoint.endpoint}: only loopback may be reached without TLS`);
  }
}
