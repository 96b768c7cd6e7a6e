// The handler table by domain: each handler module answers exactly its contract domain's methods, and a method
// without a handler is a compile error (the `@ts-expect-error` cases below fail `tsc -p tsconfig.node.json` the day
// they stop being errors).
import { describe, expect, it } from 'vitest';
import { appMethods, applyMethods, contract, draftMethods, inventoryMethods, methodNames, peerMethods, bundleMethods, profileMethods } from '../../core/contract.ts';
import { appHandlers } from '../../main/handlers/app.ts';
import { applyHandlers } from '../../main/handlers/apply.ts';
import { draftHandlers } from '../../main/handlers/drafts.ts';
import { peerHandlers } from '../../main/handlers/peers.ts';
import { bundleHandlers } from '../../main/handlers/bundles.ts';
import { inventoryHandlers } from '../../main/handlers/inventory.ts';
import { handlerKit, type HandlersFor } from '../../main/handlers/kit.ts';
import { profileHandlers } from '../../main/handlers/profiles.ts';
import { createHandlerTable, type HandlerTable } from '../../main/handlers/table.ts';
import { appInfoService } from './support/app-info.ts';

const kit = handlerKit(appInfoService);

const domains = [
  ['app', appMethods, appHandlers(kit)],
  ['profiles', profileMethods, profileHandlers(kit)],
  ['inventory', inventoryMethods, inventoryHandlers(kit)],
  ['drafts', draftMethods, draftHandlers(kit)],
  ['peers', peerMethods, peerHandlers(kit)],
  ['bundles', bundleMethods, bundleHandlers(kit)],
  ['apply', applyMethods, applyHandlers(kit)],
] as const;

describe('handler modules by domain', () => {
  it.each(domains)('%s answers exactly the methods of its contract module', (_name, methods, handlers) => {
    expect(Object.keys(handlers)).toEqual(Object.keys(methods));
  });

  it('together cover the contract once', () => {
    const covered = domains.flatMap(([, methods]) => Object.keys(methods));
    expect(covered).toEqual(methodNames);
    expect(Object.keys(contract.methods)).toHaveLength(new Set(covered).size);
    expect(Object.keys(createHandlerTable(kit.services))).toEqual(methodNames);
  });

  it('answers NotImplemented for a service the table was built without', async () => {
    const table = createHandlerTable(kit.services);
    await expect(Promise.resolve().then(() => table.listJobs({}))).rejects.toMatchObject({ code: 'NotImplemented' });
  });
});

describe('a method without a handler does not compile', () => {
  it('is checked by tsc, not at run time', () => {
    const { listJobs: _listJobs, ...withoutListJobs } = applyHandlers(kit);
    // @ts-expect-error: a domain's handlers must answer every method of its contract module (listJobs is missing).
    const _domain: HandlersFor<typeof applyMethods> = withoutListJobs;

    // @ts-expect-error: the whole table needs every domain (the drafts handlers are missing).
    const _table: HandlerTable = { ...appHandlers(kit), ...profileHandlers(kit), ...inventoryHandlers(kit), ...applyHandlers(kit) };

    // @ts-expect-error: a handler must return its method's result type (getSettings answers Settings).
    const _result: HandlersFor<typeof appMethods> = { ...appHandlers(kit), getSettings: () => 42 };

    const complete: HandlerTable = { ...appHandlers(kit), ...profileHandlers(kit), ...inventoryHandlers(kit), ...draftHandlers(kit), ...peerHandlers(kit), ...bundleHandlers(kit), ...applyHandlers(kit) };
    expect(Object.keys(complete)).toEqual(methodNames);
  });
});
