// The open connection's live read: it counts only for the listing it was made for, so edits never start from a
// copy older than what main holds; main's copy, when it could not read live, comes with the reason.
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConnectionRead, InventoryListing } from '../../core/contract.ts';
import { listInventory } from '../../core/inventory-listing.ts';
import type { Selection } from '../../renderer/src/state/editor-session.ts';
import { useLiveConnection } from '../../renderer/src/state/live-connection.ts';
import { createFakeApi } from './support/fake-api.ts';
import { snapshot } from './support/sample-data.ts';

const selection: Selection = { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-single002' };

function setup() {
  let full = snapshot();
  const pending: Array<() => void> = [];
  let name = 'first read';
  let hold = false;
  let reason: ConnectionRead['reason'];
  const fake = createFakeApi({
    refreshConnection: () => {
      const entry = full.connections.find((e) => e.connection.VpnConnectionId === selection.VpnConnectionId)!;
      const value: ConnectionRead = { profileId: full.profileId, source: reason ? 'cache' : 'live', fetchedAt: '2026-11-26T03:00:00.000Z', entry: { ...entry, connection: { ...entry.connection, Name: name } }, ...(reason && { reason }) };
      return hold ? new Promise<ConnectionRead>((resolve) => pending.push(() => resolve(value))) : value;
    },
  });
  return {
    fake,
    listing: () => listInventory(full),
    /** main changed its snapshot (a refresh, a read-back) */
    bump() {
      full = { ...full, revision: full.revision + 1 };
    },
    set(next: { name?: string; hold?: boolean; reason?: ConnectionRead['reason'] }) {
      if (next.name !== undefined) name = next.name;
      if (next.hold !== undefined) hold = next.hold;
      reason = next.reason;
    },
    release: () => pending.splice(0).forEach((go) => go()),
  };
}

describe('useLiveConnection', () => {
  it('uses a read only with the revision it was made for', async () => {
    const s = setup();
    const first = s.listing();
    const { result, rerender } = renderHook(({ listing }: { listing: InventoryListing }) => useLiveConnection(s.fake.api, listing, selection), {
      initialProps: { listing: first },
    });
    await waitFor(() => expect(result.current.connection?.Name).toBe('first read'));
    expect(result.current.fetchedAt).toBe('2026-11-26T03:00:00.000Z');
    // The same revision again (offline retries): the read stands, nothing is asked.
    rerender({ listing: s.listing() });
    expect(result.current.connection?.Name).toBe('first read');
    expect(s.fake.calls.filter((c) => c.method === 'refreshConnection')).toHaveLength(1);
    // A new revision (after a refresh or an apply): nothing to edit from until its own read is in.
    s.set({ name: 'after the apply', hold: true });
    s.bump();
    rerender({ listing: s.listing() });
    expect(result.current.connection).toBeUndefined();
    act(() => s.release());
    await waitFor(() => expect(result.current.connection?.Name).toBe('after the apply'));
    // Another profile's listing never shows this profile's read.
    rerender({ listing: { ...s.listing(), profileId: 'other-profile' } });
    expect(result.current.connection).toBeUndefined();
  });

  it("says why it shows main's copy, and reads again on retry", async () => {
    const s = setup();
    s.set({ reason: { code: 'Throttling.User', message: 'Request was denied due to user flow control.' } });
    const listing = s.listing();
    const { result } = renderHook(() => useLiveConnection(s.fake.api, listing, selection));
    await waitFor(() => expect(result.current.notLive?.code).toBe('Throttling.User'));
    expect(result.current.connection).toBeDefined();
    s.set({ name: 'read live now' });
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.notLive).toBeNull());
    expect(result.current.connection?.Name).toBe('read live now');
  });
});
