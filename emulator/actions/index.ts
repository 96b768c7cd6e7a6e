import type { ActionHandler } from './context.ts';
import { describeCustomerGateway, describeCustomerGateways } from './customer-gateways.ts';
import { describeRegions } from './describe-regions.ts';
import { modifyVpnConnectionAttribute } from './modify-vpn-connection-attribute.ts';
import { describeVpnConnection, describeVpnConnections } from './vpn-connections.ts';
import { describeVpnGateway, describeVpnGateways } from './vpn-gateways.ts';

export type { ActionHandler } from './context.ts';

/** Every action the emulator answers, by name. main/services/sandbox.ts checks, by type, that it answers every
 * action the app calls (`VpcAction`); the emulator itself imports nothing from the app. */
export const ACTION_HANDLERS = {
  DescribeRegions: describeRegions,
  DescribeVpnGateways: describeVpnGateways,
  DescribeVpnGateway: describeVpnGateway,
  DescribeVpnConnections: describeVpnConnections,
  DescribeVpnConnection: describeVpnConnection,
  DescribeCustomerGateways: describeCustomerGateways,
  DescribeCustomerGateway: describeCustomerGateway,
  ModifyVpnConnectionAttribute: modifyVpnConnectionAttribute,
} as const satisfies Record<string, ActionHandler>;

export type EmulatorAction = keyof typeof ACTION_HANDLERS;

export const ACTIONS: ReadonlyMap<string, ActionHandler> = new Map(Object.entries(ACTION_HANDLERS));
