// Draft readiness (what "Apply ready drafts" counts) and the one gateway-context builder main and the renderer share.
import { describe, expect, it } from 'vitest';
import type { InventorySnapshot } from '../../core/contract.ts';
import { buildGatewayContext, draftReadiness, gatewayContextOf, setField, type ReadinessInput, type VpnConnection } from '../../core/index.ts';
import { dual, normalGateway, single } from './fixtures.ts';

const RegionId = 'cn-hangzhou';
const record = (base: VpnConnection, draft: VpnConnection, patch: Partial<ReadinessInput> = {}): ReadinessInput => ({ RegionId, status: 'editing', base, draft, conflicts: [], ...patch });

describe('draftReadiness', () => {
  it('is ready with changes, no conflicts, no rule error and its gateway known', () => {
    const base = single();
    expect(draftReadiness(record(base, setField(base, 'Name', 'renamed')), normalGateway)).toEqual({ ready: true });
  });

  it('refuses a draft with rule errors and counts them', () => {
    const base = dual();
    const broken = setField(setField(base, 'TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr', '10.0.0.0/29'), 'LocalSubnet', 'nonsense');
    const readiness = draftReadiness(record(base, broken), normalGateway);
    expect(readiness).toMatchObject({ ready: false, reason: 'rules' });
    expect(readiness.ready === false && readiness.issueCount).toBeGreaterThanOrEqual(2);
  });

  it('refuses what the rules only see across connections: a tunnel network another connection of the gateway holds', () => {
    const base = single();
    const other = { ...setField(single(), 'BgpConfig.TunnelCidr', '169.254.20.0/30'), VpnConnectionId: 'vco-other' } as VpnConnection;
    const draft = setField(setField(base, 'BgpConfig.TunnelCidr', '169.254.20.0/30'), 'BgpConfig.LocalBgpIp', '169.254.20.1');
    expect(draftReadiness(record(base, draft), normalGateway)).toEqual({ ready: true });
    expect(draftReadiness(record(base, draft), { ...normalGateway, otherConnections: [other] })).toMatchObject({ ready: false, reason: 'rules' });
  });

  it('says why in order: applied, being applied, not in this account, conflicts, no changes, gateway not loaded', () => {
    const base = single();
    const changed = setField(base, 'Name', 'renamed');
    const conflict = { path: 'Name', base: 'a', draft: 'b', live: 'c' };
    expect(draftReadiness(record(base, changed, { status: 'applied' }), normalGateway)).toEqual({ ready: false, reason: 'applied' });
    expect(draftReadiness(record(base, changed, { status: 'applying' }), normalGateway)).toEqual({ ready: false, reason: 'busy' });
    // From a bundle for a connection this account does not have: before conflicts and everything else.
    expect(draftReadiness(record(base, changed, { notInAccount: true, status: 'conflict', conflicts: [conflict] }), normalGateway)).toEqual({ ready: false, reason: 'not-in-account' });
    expect(draftReadiness(record(base, changed, { notInAccount: false }), normalGateway)).toEqual({ ready: true });
    expect(draftReadiness(record(base, changed, { status: 'conflict', conflicts: [conflict, conflict] }), normalGateway)).toEqual({ ready: false, reason: 'conflicts', issueCount: 2 });
    expect(draftReadiness(record(base, base), normalGateway)).toEqual({ ready: false, reason: 'no-changes' });
    expect(draftReadiness(record(base, changed), null)).toEqual({ ready: false, reason: 'not-loaded' });
  });

  it('never throws on a draft that is not a connection', () => {
    const base = single();
    const junk = { ...base, IkeConfig: null } as unknown as VpnConnection;
    expect(draftReadiness(record(base, junk), normalGateway)).toMatchObject({ ready: false, reason: 'rules' });
  });
});

describe('gateway context', () => {
  const a = single();
  const b = { ...single(), VpnConnectionId: 'vco-b' } as VpnConnection;
  const elsewhere = { ...single(), VpnConnectionId: 'vco-c', VpnGatewayId: 'vpn-other' } as VpnConnection;
  const snapshot: Pick<InventorySnapshot, 'gateways' | 'connections' | 'customerGateways'> = {
    gateways: [{ VpnGatewayId: a.VpnGatewayId, RegionId, Name: 'gw', Status: 'active', BusinessStatus: 'Normal', VpnType: 'NationalStandard', dualTunnelCapable: false, EnableBgp: true }],
    connections: [a, b, elsewhere].map((connection) => ({ RegionId, connection })),
    customerGateways: [
      { CustomerGatewayId: 'cgw-1', RegionId, Name: '', IpAddress: '1.1.1.1', Asn: '65001' },
      { CustomerGatewayId: 'cgw-2', RegionId, Name: '', IpAddress: '1.1.1.2' },
      { CustomerGatewayId: 'cgw-3', RegionId: 'cn-shanghai', Name: '', IpAddress: '1.1.1.3', Asn: '65003' },
    ],
  };

  it('takes the gateway’s type and BGP switch, its other connections and the region’s customer gateway ASNs', () => {
    expect(gatewayContextOf(snapshot, { RegionId, VpnGatewayId: a.VpnGatewayId, VpnConnectionId: a.VpnConnectionId })).toEqual({
      VpnType: 'NationalStandard',
      EnableBgp: true,
      otherConnections: [b],
      customerGatewayAsns: { 'cgw-1': '65001', 'cgw-2': '' },
    });
  });

  it('is null when the snapshot does not hold the gateway (in that region)', () => {
    expect(gatewayContextOf(null, { RegionId, VpnGatewayId: a.VpnGatewayId, VpnConnectionId: a.VpnConnectionId })).toBeNull();
    expect(gatewayContextOf(snapshot, { RegionId, VpnGatewayId: 'vpn-other', VpnConnectionId: 'vco-c' })).toBeNull();
    expect(gatewayContextOf(snapshot, { RegionId: 'cn-shanghai', VpnGatewayId: a.VpnGatewayId, VpnConnectionId: a.VpnConnectionId })).toBeNull();
  });

  it('treats an unknown gateway as Normal without BGP', () => {
    expect(buildGatewayContext({ VpnConnectionId: a.VpnConnectionId, RegionId, gateway: undefined, connections: [a], customerGateways: [] })).toEqual({
      VpnType: 'Normal',
      otherConnections: [],
      customerGatewayAsns: {},
    });
  });
});
