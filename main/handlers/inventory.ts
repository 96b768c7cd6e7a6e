// Handlers of the contract's inventory domain (core/contract/inventory.ts).
import type { inventoryMethods } from '../../core/contract.ts';
import type { HandlerKit, HandlersFor } from './kit.ts';

export function inventoryHandlers({ need }: HandlerKit): HandlersFor<typeof inventoryMethods> {
  return {
    loadInventory: (args) => need('inventory', 'loadInventory').list(args),
    loadGatewayConnections: (args) => need('inventory', 'loadGatewayConnections').gatewayConnections(args.VpnGatewayIds),
    refreshConnection: (args) => need('inventory', 'refreshConnection').refreshConnection(args.RegionId, args.VpnConnectionId),
    cancelInventory: () => ({ cancelled: need('inventory', 'cancelInventory').cancel() }),
  };
}
