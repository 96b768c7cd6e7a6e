// Paging against a service that lies: a TotalCount of a billion, pages that ignore PageNumber, a list that never
// ends, a TotalCount that is not a number. Each read ends, in a few requests and seconds, with the items or a
// clear error; none runs away (before: out of memory, or tens of thousands of requests and no answer).
import { afterEach, describe, expect, it } from 'vitest';
import type { InventoryListing } from '../../../core/contract.ts';
import { createVpcClient } from '../../../main/services/vpc-client.ts';
import { createVpcReads, type VpcReadsOptions } from '../../../main/services/vpc-reads.ts';
import {
  connectionItem,
  failure,
  FAKE_CREDENTIALS,
  honestList,
  listPage,
  memoryRiseDuring,
  REGIONS_BODY,
  sandboxOn,
  sendJson,
  startFakeVpcServer,
  type FakeResponder,
  type FakeVpcServer,
} from '../support/fake-vpc-server.ts';
import { createHarness, type Harness } from '../support/harness.ts';

let fake: FakeVpcServer | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

async function readsOn(respond: FakeResponder, options: VpcReadsOptions = {}) {
  fake = await startFakeVpcServer(respond);
  const endpoint = fake.endpoint;
  return createVpcReads(createVpcClient({ endpointFor: () => ({ endpoint, protocol: 'http' }), credentials: FAKE_CREDENTIALS, readTimeoutMs: 2000 }), options);
}

/** The whole app on a fake service: loadInventory as the renderer calls it. */
async function appOn(respond: FakeResponder) {
  fake = await startFakeVpcServer((call, res) => (call.Action === 'DescribeRegions' ? sendJson(res, REGIONS_BODY) : respond(call, res)));
  h = await createHarness({ compose: { sandbox: sandboxOn(fake), readTimeoutMs: 2000 } });
  return h;
}

const samePage = (call: { params: Record<string, string> }, TotalCount: unknown) =>
  listPage('VpnConnections', 'VpnConnection', Array.from({ length: 50 }, (_, i) => connectionItem(`vco-same-${i}`)), TotalCount, Number(call.params.PageNumber));

describe("one gateway's connections (the apply engine's read)", () => {
  it('are read whole when TotalCount claims a billion but the pages end', async () => {
    const reads = await readsOn((call, res) => sendJson(res, honestList(call, 120, 1e9)));
    const connections = await reads.gatewayConnections('cn-hangzhou', 'vpn-fake-1');
    expect(connections.map((c) => c.VpnConnectionId)).toEqual(Array.from({ length: 120 }, (_, i) => `vco-fake-${i + 1}`));
    // Pages 1 and 2 full, page 3 short: the list ends there, whatever TotalCount says.
    expect(fake!.count('DescribeVpnConnections')).toBe(3);
  });

  it('end in Api.PagingIgnored when every page repeats the first (PageNumber ignored), with any TotalCount', async () => {
    for (const TotalCount of [1e9, 120]) {
      const reads = await readsOn((call, res) => sendJson(res, samePage(call, TotalCount)));
      const failed = await failure(reads.gatewayConnections('cn-hangzhou', 'vpn-fake-1'));
      expect(failed).toMatchObject({ code: 'Api.PagingIgnored', retryable: false });
      expect(failed.message).toContain('page 2');
      expect(fake!.count('DescribeVpnConnections')).toBe(2);
      expect(failed.ms).toBeLessThan(2000);
      await fake!.close();
      fake = undefined;
    }
  });

  it('end in Api.TooManyPages when new pages keep coming, at the page limit', async () => {
    const reads = await readsOn(
      (call, res) => {
        const n = Number(call.params.PageNumber);
        sendJson(res, listPage('VpnConnections', 'VpnConnection', Array.from({ length: 50 }, (_, i) => connectionItem(`vco-p${n}-${i}`)), 1e9, n));
      },
      { maxPages: 12 },
    );
    const failed = await failure(reads.gatewayConnections('cn-hangzhou', 'vpn-fake-1'));
    expect(failed).toMatchObject({ code: 'Api.TooManyPages', retryable: false });
    expect(fake!.count('DescribeVpnConnections')).toBe(12);
  });

  it('end in Api.ResponseTooLarge when the pages together outgrow the byte budget', async () => {
    const bigName = 'n'.repeat(20_000);
    const reads = await readsOn(
      (call, res) => {
        const n = Number(call.params.PageNumber);
        sendJson(res, listPage('VpnConnections', 'VpnConnection', Array.from({ length: 50 }, (_, i) => ({ ...connectionItem(`vco-p${n}-${i}`), Name: bigName })), 1e9, n));
      },
      { gatewayListBytes: 4 * 1024 * 1024 },
    );
    const failed = await failure(reads.gatewayConnections('cn-hangzhou', 'vpn-fake-1'));
    expect(failed.code).toBe('Api.ResponseTooLarge');
    // About 1 MB a page: the fifth goes over 4 MiB.
    expect(fake!.count('DescribeVpnConnections')).toBe(5);
  });

  it('refuse a TotalCount that is not a count instead of paging for ever', async () => {
    for (const TotalCount of ['lots', -5, 1.5, { n: 3 }]) {
      const reads = await readsOn((call, res) => sendJson(res, samePage(call, TotalCount)));
      const failed = await failure(reads.gatewayConnections('cn-hangzhou', 'vpn-fake-1'));
      expect(failed.code).toBe('Api.MalformedResponse');
      expect(failed.message).toContain('TotalCount');
      expect(fake!.count('DescribeVpnConnections')).toBe(1);
      await fake!.close();
      fake = undefined;
    }
  });
});

describe('loadInventory against a lying service', () => {
  it('answers in seconds, with every item and a handful of requests, when every list claims a billion items', async () => {
    const app = await appOn((call, res) => sendJson(res, honestList(call, 120, 1e9)));
    const started = performance.now();
    const { result: listing, riseMb } = await memoryRiseDuring(() => app.call<InventoryListing>('loadInventory', { refresh: true }));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(listing.errors).toEqual([]);
    expect(listing.connections).toHaveLength(120);
    expect(listing.gateways).toHaveLength(120);
    expect(listing.customerGateways).toHaveLength(120);
    // 3 pages a list, and at most a few asked ahead and not needed.
    expect(fake!.calls.length).toBeLessThanOrEqual(1 + 3 * (3 + 6));
    expect(riseMb).toBeLessThan(150);
  });

  it('reports a region whose pages repeat as that region failing with Api.PagingIgnored, and answers', async () => {
    const app = await appOn((call, res) =>
      call.Action === 'DescribeVpnConnections' ? sendJson(res, samePage(call, 1e7)) : sendJson(res, honestList(call, 3)),
    );
    const started = performance.now();
    const listing = await app.call<InventoryListing>('loadInventory', { refresh: true });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(listing.errors).toEqual([expect.objectContaining({ code: 'Api.PagingIgnored', RegionId: 'cn-hangzhou' })]);
    expect(fake!.count('DescribeVpnConnections')).toBeLessThanOrEqual(1 + 6);
  });
});
