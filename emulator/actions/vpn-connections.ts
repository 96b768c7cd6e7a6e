import { ApiError } from '../http/errors.ts';
import type { Store } from '../state/store.ts';
import { connectionDescribeView } from '../state/views.ts';
import type { VpnConnection } from '../types.ts';
import type { ActionHandler } from './context.ts';
import { matchesTags, paginate, requireRegion } from './params.ts';

export function findConnection(store: Store, regionId: string, id: string): VpnConnection {
  const record = store.connections.get(id);
  if (!record || record.connection.RegionId !== regionId) {
    throw new ApiError(
      404,
      'InvalidVpnConnectionInstanceId.NotFound',
      'The specified vpn connection instance id does not exist.',
    );
  }
  return record.connection;
}

export const describeVpnConnection: ActionHandler = ({ params, store, dualTopLevel }) => {
  const regionId = requireRegion(params, store);
  const connection = findConnection(store, regionId, params.required('VpnConnectionId'));
  return connectionDescribeView(store, connection, { plural: false, dualTopLevel });
};

export const describeVpnConnections: ActionHandler = ({ params, store, dualTopLevel }) => {
  const regionId = requireRegion(params, store);
  const page = params.page();
  const filters = {
    VpnGatewayId: params.str('VpnGatewayId'),
    VpnConnectionId: params.str('VpnConnectionId'),
    CustomerGatewayId: params.str('CustomerGatewayId'),
    ResourceGroupId: params.str('ResourceGroupId'),
  };
  const tags = params.tags();
  const matching: VpnConnection[] = [];
  for (const { connection: c } of store.connections.values()) {
    if (
      c.RegionId === regionId &&
      (!filters.VpnGatewayId || c.VpnGatewayId === filters.VpnGatewayId) &&
      (!filters.VpnConnectionId || c.VpnConnectionId === filters.VpnConnectionId) &&
      (!filters.CustomerGatewayId ||
        c.CustomerGatewayId === filters.CustomerGatewayId ||
        (c.TunnelOptions ?? []).some((t) => t.CustomerGatewayId === filters.CustomerGatewayId)) &&
      (!filters.ResourceGroupId || c.ResourceGroupId === filters.ResourceGroupId) &&
      matchesTags(c.Tags, tags)
    ) {
      matching.push(c);
    }
  }
  return {
    ...page,
    TotalCount: matching.length,
    VpnConnections: {
      VpnConnection: paginate(matching, page).map((c) =>
        connectionDescribeView(store, c, { plural: true, dualTopLevel }),
      ),
    },
  };
};
