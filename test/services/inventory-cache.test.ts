// The inventory cache: held in memory and frozen, written to disk after the reply (single-connection updates
// together), read back after a restart; a damaged cache file counts as no cache instead of breaking the app.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InventoryListing, InventorySnapshot } from '../../core/contract.ts';
import { createHarness, eventually, type Harness } from './support/harness.ts';

const cacheFile = (dataDir: string) => path.join(dataDir, 'inventory-cache.json');
const snapshotOnDisk = (dataDir: string): Record<string, unknown> | undefined => {
  const data = JSON.parse(readFileSync(cacheFile(dataDir), 'utf8')) as Record<string, Record<string, unknown>>;
  const key = Object.keys(data).find((k) => k.startsWith('snapshot:'));
  return key ? data[key] : undefined;
};

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
    const fresh = await h.call<InventoryListing>('loadInventory', { refresh: true });
    expect(fresh.connections.length).toBeGreaterThan(0);
    await eventually(() => snapshotOnDisk(h!.dataDir));
    const file = cacheFile(h.dataDir);
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    const key = Object.keys(data).find((k) => k.startsWith('snapshot:'))!;
    data[key] = damage(data[key]!);
    writeFileSync(file, JSON.stringify(data));
    await h.restart();
    const cached = await h.call<InventoryListing>('loadInventory', { refresh: false });
    expect(cached.source).toBe('live');
    expect(cached.connections.length).toBe(fresh.connections.length);
    expect(cached.gateways?.length).toBe(fresh.gateways.length);
    const draft = await h.call<{ draftId: string }>('openDraft', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzbgp001' });
    expect(draft.draftId).toBeTruthy();
  });

  it('replies before writing, then writes the snapshot sealed; a restart reads it back', async () => {
    h = await createHarness();
    const reply = await h.call<InventoryListing>('loadInventory', { refresh: true });
    // The reply has left before the ~3 MB seal-and-write of a large inventory is paid.
    expect(snapshotOnDisk(h.dataDir)).toBeUndefined();
    const onDisk = (await eventually(() => snapshotOnDisk(h!.dataDir))) as unknown as InventorySnapshot;
    expect(onDisk.connections).toHaveLength(reply.connections.length);
    const psks = JSON.stringify(onDisk).match(/"Psk":"[^"]*"/g) ?? [];
    expect(psks.length).toBeGreaterThan(0);
    expect(psks.every((p) => p.startsWith('"Psk":"sealed:v1:'))).toBe(true);
    await h.restart();
    const cached = h.app.services.inventory.cached(reply.profileId);
    expect(cached?.connections.map((c) => c.connection.VpnConnectionId).sort()).toEqual(reply.connections.map((c) => c.VpnConnectionId).sort());
  });

  it('shares one frozen snapshot, so no caller can change what the others see', async () => {
    h = await createHarness();
    const { profileId } = await h.call<InventoryListing>('loadInventory', { refresh: true });
    const held = h.app.services.inventory.cached(profileId)!;
    expect(h.app.services.inventory.cached(profileId)).toBe(held);
    expect(() => {
      (held.connections[0]!.connection as { Name: string }).Name = 'changed';
    }).toThrow(TypeError);
    expect(() => held.connections.push(held.connections[0]!)).toThrow(TypeError);
  });

  it('writes read-backs of a burst of applies together, and at quit at the latest', async () => {
    h = await createHarness({ compose: { inventoryRememberDelayMs: 60_000 } });
    const { profileId, connections } = await h.call<InventoryListing>('loadInventory', { refresh: true });
    await eventually(() => snapshotOnDisk(h!.dataDir));
    const inventory = h.app.services.inventory;
    for (const name of ['a', 'b', 'c']) {
      // In place: the tree keeps its order.
      const entry = inventory.cached(profileId)!.connections[0]!;
      expect(entry.connection.VpnConnectionId).toBe(connections[0]!.VpnConnectionId);
      inventory.rememberConnection(profileId, { RegionId: entry.RegionId, connection: { ...entry.connection, Name: `renamed-${name}` } });
    }
    const id = connections[0]!.VpnConnectionId;
    const nameOnDisk = () =>
      (snapshotOnDisk(h!.dataDir) as unknown as InventorySnapshot).connections.find((c) => c.connection.VpnConnectionId === id)?.connection.Name;
    expect(inventory.cached(profileId)!.connections.find((c) => c.connection.VpnConnectionId === id)?.connection.Name).toBe('renamed-c');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(nameOnDisk()).toBe(connections[0]!.Name);
    await h.restart();
    expect(nameOnDisk()).toBe('renamed-c');
  });
});
