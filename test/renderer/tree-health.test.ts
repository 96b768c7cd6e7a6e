// A tree row whose health comes from a newer apply job: its words and its colour come from the same read. Before this,
// a single-tunnel row rolled back into negotiation said "Down — IKE SA not established" in green (the listing's
// Status from the confirm window, the job's health from after the rollback).
import { describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../core/contract.ts';
import { i18n } from '../../renderer/src/i18n/index.ts';
import { shortWords, summaryHealth, withHealth, type ShownHealth } from '../../renderer/src/state/health.ts';

const single: ConnectionSummary = { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001', VpnGatewayId: 'vpn-eu', Name: 'eu', mode: 'single', Status: 'ike_sa_not_established', health: 'down' };
const upAgain: ShownHealth = { health: 'up', tunnels: [{ position: 'connection', Status: 'ipsec_sa_established', health: 'up' }], checkedAt: '2026-11-29T20:00:00Z' };

describe('withHealth', () => {
  it('takes a single-tunnel row\'s Status from the same read as its health', async () => {
    await i18n.changeLanguage('en');
    const row = withHealth(single, upAgain);
    expect(row.health).toBe('up');
    expect(row.Status).toBe('ipsec_sa_established');
    const shown = summaryHealth(row);
    expect(shown.tunnels[0]?.health).toBe('up');
    expect(shortWords(i18n.t, 'en', shown)).not.toMatch(/down/i);
  });

  it('keeps the listing when no job read is newer, and replaces a dual row\'s tunnels', () => {
    expect(withHealth(single, undefined)).toBe(single);
    const dual: ConnectionSummary = { ...single, mode: 'dual', Status: 'ipsec_sa_established', health: 'up', tunnels: [{ position: 'master', Status: 'ipsec_sa_established', health: 'up' }, { position: 'slave', Status: 'ipsec_sa_established', health: 'up' }] };
    const slaveDown: ShownHealth = { health: 'down', tunnels: [{ position: 'master', Status: 'ipsec_sa_established', health: 'up' }, { position: 'slave', Status: 'ike_sa_not_established', health: 'down' }], checkedAt: null };
    const row = withHealth(dual, slaveDown);
    expect(row.health).toBe('down');
    expect(row.tunnels?.[1]?.Status).toBe('ike_sa_not_established');
  });
});
