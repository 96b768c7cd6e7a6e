// The main-side implementation of the contract, assembled from one handler module per contract domain (app,
// profiles, inventory, drafts, apply), each delegating to plain-Node services. The dispatcher has already validated
// the payload against the contract's schema; the services add domain checks.
import { AppError } from '../../core/errors.ts';
import { ApiError } from '../services/api-error.ts';
import { appHandlers } from './app.ts';
import { applyHandlers } from './apply.ts';
import { bundleHandlers } from './bundles.ts';
import { draftHandlers } from './drafts.ts';
import { inventoryHandlers } from './inventory.ts';
import { handlerKit, type HandlerTable, type Services } from './kit.ts';
import { peerHandlers } from './peers.ts';
import { profileHandlers } from './profiles.ts';

export type { FullServices, HandlerTable, Services } from './kit.ts';

/** API failures cross as their own code (e.g. `InvalidVpnConnectionInstanceId.NotFound`), not as "Internal". */
function withApiErrors(table: HandlerTable): HandlerTable {
  const wrapped: Record<string, (args: never) => unknown> = {};
  for (const [method, handler] of Object.entries(table) as Array<[string, (args: never) => unknown]>) {
    wrapped[method] = async (args: never) => {
      try {
        return await handler(args);
      } catch (error) {
        if (error instanceof ApiError) throw new AppError(error.shape.code, error.shape.message, error.shape.field);
        throw error;
      }
    };
  }
  return wrapped as unknown as HandlerTable;
}

export function createHandlerTable(services: Services): HandlerTable {
  const kit = handlerKit(services);
  // Typed as the whole table: a contract method (or a whole domain) without a handler fails to compile here.
  const table: HandlerTable = {
    ...appHandlers(kit),
    ...profileHandlers(kit),
    ...inventoryHandlers(kit),
    ...draftHandlers(kit),
    ...peerHandlers(kit),
    ...bundleHandlers(kit),
    ...applyHandlers(kit),
  };
  return withApiErrors(table);
}
