// Full connections per gateway: fetched once per listing for the gateways in use, the previous copy kept on screen
// while a new listing's copy is fetched, nothing of another profile ever shown.
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { GatewayConnections, InventoryListing } from '../../core/contract.ts';
import { connectionsOfGateways, listInventory } from '../../core/inventory-listing.ts';
import { useGatewayConnections } from '../../renderer/src/state/gateway-connections.ts';
import { createFakeApi, FakeApiError } from './support/fake-api.ts';
import { snapshot } from './support/sample-data.ts';

function setup() {
  let full = snapshot();
  const replies: Array<() => void> = [];
  let hold = false;
  const fake = createFakeApi({
    loadGatewayConnections: (args) => {
      const value = { profileId: full.profileId, fetchedAt: full.fetchedAt, connections: connectionsOfGateways(full, (args as { VpnGatewayIds: string[] }).VpnGatewayIds) };
      return hold ? new Promise<GatewayConnections>((resolve) => replies.push(() => resolve(value))) : value;
    },
  });
  return {
    fake,
    asked: () => fake.calls.filter((c) => c.method === 'loadGatewayConnections').map((c) => (c.args as { VpnGatewayIds: string[] }).VpnGatewayIds),
    rename(name: string, profileId = full.profileId) {
      full = { ...full, profileId, revision: full.revision + 1, connections: full.connections.map((e) => ({ ...e, connection: { ...e.connection, Name: name } })) };
      return listInventory(full);
    },
    listing: listInventory(full),
    hold(on: boolean) {
      hold = on;
    },
    release() {
      for (const reply of replies.splice(0)) reply();
    },
  };
}

describe('useGatewayConnections', () => {
  it('fetches the wanted gateways once per revision, keeping the old copy until the new one arrives', async () => {
    const s = setup();
    const { result, rerender } = renderHook(({ listing, ids }: { listing: InventoryListing; ids: Array<string | undefined> }) => useGatewayConnections(s.fake.api, listing, ids), {
      initialProps: { listing: s.listing, ids: ['vpn-single001', undefined, 'vpn-single001'] },
    });
    expect(result.current.connectionsOf('vpn-single001')).toBeUndefined();
    await waitFor(() => expect(result.current.connectionsOf('vpn-single001')?.map((c) => c.Name).sort()).toEqual(['branch-1', 'branch-2']));
    rerender({ listing: s.listing, ids: ['vpn-single001'] });
    // The same revision answered again (offline retries reload the listing): nothing is fetched again.
    rerender({ listing: { ...s.listing }, ids: ['vpn-single001'] });
    expect(s.asked()).toEqual([['vpn-single001']]);

    s.hold(true);
    const renamed = s.rename('renamed');
    rerender({ listing: renamed, ids: ['vpn-single001', 'vpn-dual001'] });
    await waitFor(() => expect(s.asked()).toHaveLength(2));
    expect(s.asked()[1]).toEqual(['vpn-dual001', 'vpn-single001']);
    // Still the previous copy: the editor does not blink while the new one is on its way.
    expect(result.current.byId.get('vco-single001')?.Name).toBe('branch-1');
    expect(result.current.connectionsOf('vpn-dual001')).toBeUndefined();
    act(() => s.release());
    await waitFor(() => expect(result.current.byId.get('vco-single001')?.Name).toBe('renamed'));
    expect(result.current.connectionsOf('vpn-dual001')).toHaveLength(1);
    expect(s.asked()).toHaveLength(2);
  });

  it('asks again after a failure when other gateways were asked for in between, or on retry', async () => {
    let down = true;
    const full = snapshot();
    const fake = createFakeApi({
      loadGatewayConnections: (args) => {
        const ids = (args as { VpnGatewayIds: string[] }).VpnGatewayIds;
        if (down && ids.includes('vpn-single001')) throw new FakeApiError({ code: 'Ipc.TransportFailed', message: 'main went away' });
        return { profileId: full.profileId, fetchedAt: full.fetchedAt, connections: connectionsOfGateways(full, ids) };
      },
    });
    const listing = listInventory(full);
    const asked = () => fake.calls.filter((c) => c.method === 'loadGatewayConnections').length;
    const { result, rerender } = renderHook(({ ids }: { ids: string[] }) => useGatewayConnections(fake.api, listing, ids), { initialProps: { ids: ['vpn-single001'] } });
    await waitFor(() => expect(result.current.error).toEqual({ code: 'Ipc.TransportFailed', message: 'main went away' }));
    rerender({ ids: ['vpn-single001'] });
    expect(asked()).toBe(1);
    rerender({ ids: ['vpn-dual001'] });
    await waitFor(() => expect(result.current.connectionsOf('vpn-dual001')).toHaveLength(1));
    rerender({ ids: ['vpn-single001'] });
    await waitFor(() => expect(asked()).toBe(3));
    await waitFor(() => expect(result.current.error).not.toBeNull());
    down = false;
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.connectionsOf('vpn-single001')).toHaveLength(2));
    expect(result.current.error).toBeNull();
  });

  it('never shows connections of another profile', async () => {
    const s = setup();
    const { result, rerender } = renderHook(({ listing }: { listing: InventoryListing }) => useGatewayConnections(s.fake.api, listing, ['vpn-single001']), {
      initialProps: { listing: s.listing },
    });
    await waitFor(() => expect(result.current.byId.size).toBe(2));
    s.hold(true);
    rerender({ listing: s.rename('other', 'profile-2') });
    expect(result.current.byId.size).toBe(0);
    expect(result.current.connectionsOf('vpn-single001')).toBeUndefined();
    act(() => s.release());
    await waitFor(() => expect(result.current.byId.get('vco-single001')?.Name).toBe('other'));
  });
});
