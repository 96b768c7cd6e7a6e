import { ApiError } from '../http/errors.ts';
import { customerGatewayView } from '../state/views.ts';
import type { ActionHandler } from './context.ts';
import { matchesTags, paginate, requireRegion } from './params.ts';

export const describeCustomerGateway: ActionHandler = ({ params, store }) => {
  const regionId = requireRegion(params, store);
  const id = params.required('CustomerGatewayId');
  const cgw = store.customerGateways.get(id);
  if (!cgw || cgw.RegionId !== regionId) {
    throw new ApiError(
      404,
      'InvalidCustomerGatewayInstanceId.NotFound',
      'The specified customer gateway instance id does not exist.',
    );
  }
  return customerGatewayView(cgw);
};

export const describeCustomerGateways: ActionHandler = ({ params, store }) => {
  const regionId = requireRegion(params, store);
  const page = params.page();
  const id = params.str('CustomerGatewayId');
  const resourceGroupId = params.str('ResourceGroupId');
  const tags = params.tags();
  const matching = [...store.customerGateways.values()].filter(
    (c) =>
      c.RegionId === regionId &&
      (!id || c.CustomerGatewayId === id) &&
      (!resourceGroupId || c.ResourceGroupId === resourceGroupId) &&
      matchesTags(c.Tags, tags),
  );
  return {
    ...page,
    TotalCount: matching.length,
    CustomerGateways: { CustomerGateway: paginate(matching, page).map(customerGatewayView) },
  };
};
