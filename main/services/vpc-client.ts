// The one way main talks to the VPC API: @alicloud/openapi-client's generic RPC call (it signs; we never do),
// over HTTPS to Alibaba Cloud or plain http to the loopback emulator, with timeouts, and every failure normalised.
import OpenApiModule, * as $OpenApi from '@alicloud/openapi-client';
import * as $Util from '@alicloud/tea-util';
import { ApiError, normalizeApiError, type ApiErrorShape } from './api-error.ts';
import { assertSafeEndpoint, type Endpoint } from './endpoints.ts';

export const VPC_API_VERSION = '2016-04-28';

/** Every VPC API action the app calls. The Sandbox must answer each: main/services/sandbox.ts checks the emulator's
 * action map against this list by type, test/integration/sandbox-actions.test.ts at run time. */
export const VPC_ACTIONS = [
  'DescribeRegions',
  'DescribeVpnGateways',
  'DescribeVpnGateway',
  'DescribeVpnConnections',
  'DescribeVpnConnection',
  'DescribeCustomerGateways',
  'DescribeCustomerGateway',
  'ModifyVpnConnectionAttribute',
] as const;

export type VpcAction = (typeof VPC_ACTIONS)[number];

export type ApiBody = Record<string, unknown>;

export interface VpcCall {
  action: VpcAction;
  /** Region the call is about; picks the endpoint and is sent as the RegionId parameter. */
  RegionId: string;
  query?: Record<string, string>;
  /** Form-body parameters, already flattened (`TunnelOptionsSpecification.1.Role`). */
  body?: Record<string, string>;
}

export interface VpcClient {
  call(call: VpcCall): Promise<ApiBody>;
}

/** Static keys, or an @alicloud/credentials provider (RAM role: it refreshes STS tokens itself). */
export type ClientCredentials =
  | { accessKeyId: string; accessKeySecret: string; securityToken?: string }
  | { credential: unknown };

export interface VpcClientOptions {
  endpointFor(RegionId: string): Endpoint;
  credentials: ClientCredentials;
  readTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Told after each call whether the service answered at all (any HTTP response counts as reachable). */
  onReachability?(reachable: boolean, error?: ApiErrorShape): void;
}

type OpenApiClient = { callApi(params: $OpenApi.Params, request: $OpenApi.OpenApiRequest, runtime: $Util.RuntimeOptions): Promise<unknown> };
type Ctor = new (config: $OpenApi.Config) => OpenApiClient;
// CommonJS with `exports.default`: depending on the loader the class sits at .default or one level deeper.
const unwrap = (m: unknown): unknown => (m as { default?: unknown }).default ?? m;
const OpenApiClientCtor = ((unwrap(unwrap(OpenApiModule)) as Ctor | undefined) ?? (OpenApiModule as unknown as Ctor)) as Ctor;

export function createVpcClient(options: VpcClientOptions): VpcClient {
  const clients = new Map<string, OpenApiClient>();
  const readTimeout = options.readTimeoutMs ?? 15_000;
  const connectTimeout = options.connectTimeoutMs ?? 5_000;

  const clientFor = (endpoint: Endpoint, RegionId: string): OpenApiClient => {
    assertSafeEndpoint(endpoint);
    const cacheKey = `${endpoint.protocol}://${endpoint.endpoint}`;
    let client = clients.get(cacheKey);
    if (!client) {
      const creds = options.credentials;
      const config = new $OpenApi.Config({
        ...('credential' in creds
          ? { credential: creds.credential }
          : { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret, ...(creds.securityToken ? { securityToken: creds.securityToken } : {}) }),
        endpoint: endpoint.endpoint,
        protocol: endpoint.protocol,
        regionId: RegionId,
        readTimeout,
        connectTimeout,
      } as ConstructorParameters<typeof $OpenApi.Config>[0]);
      client = new OpenApiClientCtor(config);
      clients.set(cacheKey, client);
    }
    return client;
  };

  return {
    async call({ action, RegionId, query = {}, body }) {
      const endpoint = options.endpointFor(RegionId);
      const params = new $OpenApi.Params({
        action,
        version: VPC_API_VERSION,
        protocol: endpoint.protocol.toUpperCase(),
        pathname: '/',
        method: 'POST',
        authType: 'AK',
        style: 'RPC',
        reqBodyType: 'formData',
        bodyType: 'json',
      });
      const request = new $OpenApi.OpenApiRequest({ query: { RegionId, ...query }, ...(body && Object.keys(body).length > 0 ? { body } : {}) });
      const runtime = new $Util.RuntimeOptions({ readTimeout, connectTimeout, autoretry: false });
      try {
        const response = (await clientFor(endpoint, RegionId).callApi(params, request, runtime)) as { body?: unknown };
        options.onReachability?.(true);
        const result = response.body;
        if (result === null || typeof result !== 'object') {
          throw new ApiError({ code: 'Api.MalformedResponse', message: `${action} returned no JSON object.`, requestId: null, httpStatus: 200, retryable: true });
        }
        return result as ApiBody;
      } catch (error) {
        const shape = normalizeApiError(error);
        options.onReachability?.(!shape.code.startsWith('Network.'), shape);
        throw new ApiError(shape);
      }
    },
  };
}
