import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nextProvider } from 'react-i18next';
import { InventoryTree } from '../../renderer/src/components/rail/InventoryTree.tsx';
import { i18n } from '../../renderer/src/i18n/index.ts';
import { indexInventory, quickOpenMatches, treeRows } from '../../renderer/src/state/tree.ts';
import { listInventory } from '../../core/inventory-listing.ts';
import { bigSnapshot, snapshot } from './support/sample-data.ts';

describe('tree rows', () => {
  const index = indexInventory(listInventory(snapshot()));

  it('lists gateways with their connections, sorted by region then name', () => {
    const rows = treeRows(index, { filter: '', regionId: '', collapsed: new Set() });
    expect(rows.map((r) => (r.kind === 'gateway' ? `G:${r.gateway.Name}` : `C:${r.entry.Name}`))).toEqual([
      'G:hz-branch-gateway',
      'C:branch-1',
      'C:branch-2',
      'G:hz-dual-gateway',
      'C:dc-1 dual BGP',
      'G:sh-sm-gateway',
    ]);
  });

  it('filters by name or ID, keeping the gateway of a match, and by region', () => {
    const byName = treeRows(index, { filter: 'BRANCH-2', regionId: '', collapsed: new Set() });
    expect(byName.map((r) => r.key)).toEqual(['vpn-single001', 'vco-single002']);
    const byId = treeRows(index, { filter: 'vco-dual', regionId: '', collapsed: new Set() });
    expect(byId.map((r) => r.key)).toEqual(['vpn-dual001', 'vco-dual001']);
    const region = treeRows(index, { filter: '', regionId: 'cn-shanghai', collapsed: new Set() });
    expect(region.map((r) => r.key)).toEqual(['vpn-sm001']);
  });

  it('hides the connections of a collapsed gateway unless a filter is active', () => {
    const collapsed = new Set(['vpn-single001']);
    expect(treeRows(index, { filter: '', regionId: '', collapsed }).map((r) => r.key)).not.toContain('vco-single001');
    expect(treeRows(index, { filter: 'branch', regionId: '', collapsed }).map((r) => r.key)).toContain('vco-single001');
  });

  it('ranks quick-open matches: exact ID, then prefixes, then substrings', () => {
    const entries = listInventory(snapshot()).connections;
    expect(quickOpenMatches(entries, 'vco-single002').map((e) => e.VpnConnectionId)[0]).toBe('vco-single002');
    expect(quickOpenMatches(entries, 'dual').map((e) => e.VpnConnectionId)).toEqual(['vco-dual001']);
    expect(quickOpenMatches(entries, 'nothing-like-this')).toEqual([]);
  });
});

describe('find by anything (core/search through the listing)', () => {
  const index = indexInventory(listInventory(snapshot()));
  const keys = (filter: string) => treeRows(index, { filter, regionId: '', collapsed: new Set() }).filter((r) => r.kind === 'connection').map((r) => r.key);

  it('filters by subnet, address, version, health and tokens, words ANDed, -word excluded', () => {
    // branch-2's cloud subnet holds 10.2.3.4; branch-1 is 10.1.0.0/16.
    expect(keys('ip:10.2.3.4')).toEqual(['vco-single002']);
    expect(keys('10.1.0.0/16')).toEqual(['vco-single001']);
    expect(keys('ver:ikev1')).toEqual(['vco-single001', 'vco-single002']);
    expect(keys('mode:dual')).toEqual(['vco-dual001']);
    // The dual connection's slave is down (ike_sa_not_established): "down" finds it, up or half-up.
    expect(keys('down')).toEqual(['vco-dual001']);
    expect(keys('branch -branch-2')).toEqual(['vco-single001']);
    expect(keys('ike:des')).toEqual([]);
  });

  it('sorts by region (default), by name, or what needs attention first', () => {
    const order = (sort: 'region' | 'name' | 'health') => treeRows(index, { filter: '', regionId: '', collapsed: new Set(), sort }).map((r) => r.key);
    expect(order('region')).toEqual(['vpn-single001', 'vco-single001', 'vco-single002', 'vpn-dual001', 'vco-dual001', 'vpn-sm001']);
    // A gateway in a region that sorts first but with a name that sorts last: region and name orders differ.
    const base = snapshot();
    const zz = { ...base.gateways[0]!, VpnGatewayId: 'vpn-zz', RegionId: 'ap-southeast-1', Name: 'zz-gateway' };
    const mixed = indexInventory(listInventory({ ...base, gateways: [...base.gateways, zz] }));
    const gateways = (sort: 'region' | 'name') => treeRows(mixed, { filter: '', regionId: '', collapsed: new Set(), sort }).filter((r) => r.kind === 'gateway').map((r) => r.key);
    expect(gateways('region')).toEqual(['vpn-zz', 'vpn-single001', 'vpn-dual001', 'vpn-sm001']);
    expect(gateways('name')).toEqual(['vpn-single001', 'vpn-dual001', 'vpn-sm001', 'vpn-zz']);
    // The dual connection has a tunnel down: its gateway comes first; the empty SM gateway (nothing known) last.
    expect(order('health')).toEqual(['vpn-dual001', 'vco-dual001', 'vpn-single001', 'vco-single001', 'vco-single002', 'vpn-sm001']);
  });

  it('quick open finds a connection by what it holds, not only its name', () => {
    const entries = listInventory(snapshot()).connections;
    expect(quickOpenMatches(entries, '192.168.2.0/24').map((e) => e.VpnConnectionId)).toEqual(['vco-single002']);
    expect(quickOpenMatches(entries, 'ip:192.168.1.7').map((e) => e.VpnConnectionId)).toEqual(['vco-single001']);
    expect(quickOpenMatches(entries, 'cgw:cgw-s2').map((e) => e.VpnConnectionId)).toEqual(['vco-single002']);
    // A customer gateway by its name and its address, as the inventory lists it.
    expect(quickOpenMatches(entries, 'branch office 1').map((e) => e.VpnConnectionId)).toEqual(['vco-single001']);
    expect(quickOpenMatches(entries, '203.0.113.21').map((e) => e.VpnConnectionId)).toEqual(['vco-single001']);
  });
});

describe('InventoryTree', () => {
  it('renders only a window of 2,000 connections and moves with the keyboard', () => {
    const index = indexInventory(listInventory(bigSnapshot(2000)));
    const rows = treeRows(index, { filter: '', regionId: '', collapsed: new Set() });
    expect(rows.length).toBe(2200);
    const onOpen = vi.fn();
    const onToggle = vi.fn();
    render(
      <I18nextProvider i18n={i18n}>
        <InventoryTree rows={rows} selectedId={null} draftIds={new Set(['vco-1'])} onOpen={onOpen} onToggle={onToggle} appliedFilter="" />
      </I18nextProvider>,
    );
    const tree = screen.getByRole('tree');
    const items = within(tree).getAllByRole('treeitem');
    expect(items.length).toBeGreaterThan(10);
    expect(items.length).toBeLessThan(80);
    expect(items[0]!.getAttribute('aria-setsize')).toBe('200');
    expect(items[0]!.getAttribute('aria-expanded')).toBe('true');
    expect(within(tree).getByTitle('Has a draft')).toBeTruthy();

    tree.focus();
    expect(tree.getAttribute('aria-activedescendant')).toBe(`ti-${rows[0]!.key}`);
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(tree.getAttribute('aria-activedescendant')).toBe(`ti-${rows[1]!.key}`);
    fireEvent.keyDown(tree, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith(rows[1]!.kind === 'connection' ? rows[1]!.entry : undefined);
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(tree.getAttribute('aria-activedescendant')).toBe(`ti-${rows[0]!.key}`);
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(onToggle).toHaveBeenCalledWith(rows[0]!.key, false);
    fireEvent.keyDown(tree, { key: 'End' });
    expect(tree.getAttribute('aria-activedescendant')).toBe(`ti-${rows[rows.length - 1]!.key}`);
  });
});
