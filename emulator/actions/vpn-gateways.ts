import { ApiError } from '../http/errors.ts';
import { gatewayView } from '../state/views.ts';
import type { ActionHandler } from './context.ts';
import { matchesTags, paginate, requireRegion } from './params.ts';

export const describeVpnGateway: ActionHandler = ({ params, store }) => {
  const regionId = requireRegion(params, store);
  const id = params.required('VpnGatewayId');
  const includeReservation = params.bool('IncludeReservationData') ?? false;
  const record = store.gateways.get(id);
  if (!record || record.gateway.RegionId !== regionId) {
    throw new ApiError(404, 'InvalidVpnGatewayInstanceId.NotFound', 'The specified vpn gateway instance id does not exist.');
  }
  return gatewayView(store, record.gateway, includeReservation);
};

export const describeVpnGateways: ActionHandler = ({ params, store }) => {
  const regionId = requireRegion(params, store);
  const page = params.page();
  const includeReservation = params.bool('IncludeReservationData') ?? false;
  const filters = {
    VpnGatewayId: params.str('VpnGatewayId'),
    VpcId: params.str('VpcId'),
    Status: params.str('Status'),
    BusinessStatus: params.str('BusinessStatus'),
    GatewayType: params.str('GatewayType'),
    ResourceGroupId: params.str('ResourceGroupId'),
  };
  const tags = params.tags();
  const matching = [...store.gateways.values()]
    .map((r) => r.gateway)
    .filter(
      (g) =>
        g.RegionId === regionId &&
        (!filters.VpnGatewayId || g.VpnGatewayId === filters.VpnGatewayId) &&
        (!filters.VpcId || g.VpcId === filters.VpcId) &&
        (!filters.Status || store.gatewayStatus(g.VpnGatewayId) === filters.Status) &&
        (!filters.BusinessStatus || g.BusinessStatus === filters.BusinessStatus) &&
        (!filters.GatewayType || g.GatewayType === filters.GatewayType) &&
        (!filters.ResourceGroupId || g.ResourceGroupId === filters.ResourceGroupId) &&
        matchesTags(g.Tags, tags),
    );
  return {
    ...page,
    TotalCount: matching.length,
    VpnGateways: { VpnGateway: paginate(matching, page).map((g) => gatewayView(store, g, includeReservation)) },
  };
};
