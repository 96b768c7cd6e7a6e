import type { ActionHandler } from './context.ts';
import { describeCustomerGateway, describeCustomerGateways } from './customer-gateways.ts';
import { describeRegions } from './describe-regions.ts';
import { modifyVpnConnectionAttribute } from './modify-vpn-connection-attribute.ts';
import { describeVpnConnection, describeVpnConnections } from './vpn-connections.ts';
import { describeVpnGateway, describeVpnGateways } from './vpn-gateways.ts';

export const ACTIONS: ReadonlyMap<string, ActionHandler> = new Map([
  ['DescribeRegions', describeRegions],
  ['DescribeVpnGateways', describeVpnGateways],
  ['DescribeVpnGateway', describeVpnGateway],
  ['DescribeVpnConnections', describeVpnConnections],
  ['DescribeVpnConnection', describeVpnConnection],
  ['DescribeCustomerGateways', describeCustomerGateways],
  ['DescribeCustomerGateway', describeCustomerGateway],
  ['ModifyVpnConnectionAttribute', modifyVpnConnectionAttribute],
]);
