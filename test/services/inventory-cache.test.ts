// A damaged inventory cache (hand-edited, written by a buggy build) counts as no cache instead of breaking the app.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InventorySnapshot } from '../../core/contract.ts';
import { createHarness, type Harness } from './support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('inventory cache', () => {
  it.each([
    ['connections is not a list', (s: Record<string, unknown>) => ({ ...s, connections: { oops: true } })],
    ['a connection entry is null', (s: Record<string, unknown>) => ({ ...s, connections: [null] })],
    ['gateways missing', (s: Record<string, unknown>) => ({ ...s, gateways: undefined })],
  ])('ignores a snapshot whose %s, and keeps working', async (_label, damage) => {
    h = await createHarness();
    const fresh = await h.call<InventorySnapshot>('loadInventory', { refresh: true });
    expect(fresh.connections.length).toBeGreaterThan(0);
    const file = path.join(h.dataDir, 'inventory-cache.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    const key = Object.keys(data).find((k) => k.startsWith('snapshot:'))!;
    data[key] = damage(data[key]!);
    writeFileSync(file, JSON.stringify(data));
    await h.restart();
    const cached = await h.call<InventorySnapshot>('loadInventory', { refresh: false });
    expect(cached.source).toBe('live');
    expect(cached.connections.length).toBe(fresh.connections.length);
    expect(cached.gateways?.length).toBe(fresh.gateways.length);
    const draft = await h.call<{ draftId: string }>('openDraft', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzbgp001' });
    expect(draft.draftId).toBeTruthy();
  });
});
