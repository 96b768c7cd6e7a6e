// The live read of the opened connection (refreshConnection) must be about that connection: a service (or a proxy
// cache) that answers DescribeVpnConnection with another one is refused, and main's copy stays what it was,
// instead of the other connection being shown, and remembered, as this one's live state.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionRead, GatewayConnections, InventoryListing } from '../../../core/contract.ts';
import { connectionItem, honestList, REGIONS_BODY, sandboxOn, sendJson, startFakeVpcServer, type FakeVpcServer } from '../support/fake-vpc-server.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let fake: FakeVpcServer | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

describe('refreshConnection', () => {
  it('refuses an answer about another connection: the copy, with the reason, and nothing remembered', async () => {
    fake = await startFakeVpcServer((call, res) => {
      if (call.Action === 'DescribeRegions') return sendJson(res, REGIONS_BODY);
      // Whatever is asked for, the answer is vco-fake-2, renamed so that taking it would show.
      if (call.Action === 'DescribeVpnConnection') return sendJson(res, { RequestId: 'fake', ...connectionItem('vco-fake-2'), Name: 'someone else' });
      sendJson(res, honestList(call, 3));
    });
    h = await createHarness({ compose: { sandbox: sandboxOn(fake), readTimeoutMs: 2000 } });
    const listing = await h.call<InventoryListing>('loadInventory', { refresh: true });
    expect(listing.connections.map((c) => c.VpnConnectionId).sort()).toEqual(['vco-fake-1', 'vco-fake-2', 'vco-fake-3']);

    const read = await h.call<ConnectionRead>('refreshConnection', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-fake-1' });
    expect(read.source).toBe('cache');
    expect(read.reason).toMatchObject({ code: 'Api.MalformedResponse' });
    expect(read.reason?.message).toContain('vco-fake-2');
    expect(read.entry?.connection).toMatchObject({ VpnConnectionId: 'vco-fake-1', Name: 'vco-fake-1' });

    const held = await h.call<GatewayConnections>('loadGatewayConnections', { VpnGatewayIds: ['vpn-fake-1'] });
    expect(held.connections.map((e) => [e.connection.VpnConnectionId, e.connection.Name]).sort()).toEqual([
      ['vco-fake-1', 'vco-fake-1'],
      ['vco-fake-2', 'vco-fake-2'],
      ['vco-fake-3', 'vco-fake-3'],
    ]);
  });
});
