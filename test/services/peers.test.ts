// Peer device profiles through the real dispatch and store: saved per connection with the PSK sealed on disk,
// read back whole (NaN lifetimes included), refused at the door when oversized, set aside when damaged on disk.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PeerProfile, PeerTunnel } from '../../core/peer/profile.ts';
import { createSessionSecretStore } from '../../main/services/secret-store.ts';
import { createHarness, type Harness } from './support/harness.ts';

const PSK = 'Device-side-key-7731';
const tunnel = (over: Partial<PeerTunnel> = {}): PeerTunnel => ({
  deviceAddress: '203.0.113.7',
  cloudAddress: '198.51.100.1',
  ikeVersions: ['ikev2'],
  ikeMode: 'main',
  ikeProposals: [{ encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' }],
  ipsecProposals: [{ encryption: 'aes256', integrity: 'sha256', pfs: 'disabled' }],
  ikeLifetime: 86400,
  ipsecLifetime: Number.NaN,
  localId: '203.0.113.7',
  remoteId: '198.51.100.1',
  localSubnets: ['192.168.10.0/24'],
  remoteSubnets: ['10.0.0.0/24'],
  psk: PSK,
  dpd: true,
  natTraversal: true,
  routeBased: false,
  ...over,
});
const profile = (over: Partial<PeerTunnel> = {}): PeerProfile => ({ vendor: 'strongswan', platform: 'lab box', source: 'manual', tunnels: { single: tunnel(over) } });

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('peer device profiles', () => {
  it('saves and reads back a profile; the PSK never reaches the file in clear', async () => {
    h = await createHarness({ keychain: createSessionSecretStore() });
    expect(await h.call('getPeerProfile', { VpnConnectionId: 'vco-eu001' })).toEqual({ profile: null });
    await h.call('savePeerProfile', { VpnConnectionId: 'vco-eu001', profile: JSON.parse(JSON.stringify(profile())) });
    const { profile: back } = await h.call<{ profile: PeerProfile }>('getPeerProfile', { VpnConnectionId: 'vco-eu001' });
    expect(back.tunnels.single?.psk).toBe(PSK);
    expect(back.tunnels.single?.ikeProposals).toEqual([{ encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' }]);
    // NaN (unknown) crosses as JSON null and stays unknown.
    expect(back.tunnels.single?.ipsecLifetime).toBeNull();
    const file = readFileSync(path.join(h.dataDir, 'peers.json'), 'utf8');
    expect(file).not.toContain(PSK);
    expect(file).toContain('sealed:v1:');
    // Another connection has its own profile.
    expect(await h.call('getPeerProfile', { VpnConnectionId: 'vco-hzdual001' })).toEqual({ profile: null });
    expect(await h.call('deletePeerProfile', { VpnConnectionId: 'vco-eu001' })).toEqual({ deleted: true });
    expect(await h.call('getPeerProfile', { VpnConnectionId: 'vco-eu001' })).toEqual({ profile: null });
    expect(await h.call('deletePeerProfile', { VpnConnectionId: 'vco-eu001' })).toEqual({ deleted: false });
  });

  it('a key of the full 100 characters survives sealing, a read and a restart (the sealed form is longer)', async () => {
    h = await createHarness({ keychain: createSessionSecretStore() });
    const long = 'K'.repeat(60) + 'e'.repeat(40);
    await h.call('savePeerProfile', { VpnConnectionId: 'vco-eu001', profile: profile({ psk: long }) });
    expect((await h.call<{ profile: PeerProfile }>('getPeerProfile', { VpnConnectionId: 'vco-eu001' })).profile.tunnels.single?.psk).toBe(long);
    await h.restart();
    expect((await h.call<{ profile: PeerProfile }>('getPeerProfile', { VpnConnectionId: 'vco-eu001' })).profile.tunnels.single?.psk).toBe(long);
  });

  it('refuses an oversized or malformed profile naming the field, and stores nothing', async () => {
    h = await createHarness();
    const tooMany = profile({ localSubnets: Array.from({ length: 65 }, (_, i) => `10.${i}.0.0/24`) });
    const refused = await h.callRaw('savePeerProfile', { VpnConnectionId: 'vco-eu001', profile: tooMany });
    expect(refused.ok).toBe(false);
    expect(refused.error?.field).toContain('localSubnets');
    const bad = await h.callRaw('savePeerProfile', { VpnConnectionId: 'vco-eu001', profile: { ...profile(), tunnels: {} } });
    expect(bad.ok).toBe(false);
    const longPsk = await h.callRaw('savePeerProfile', { VpnConnectionId: 'vco-eu001', profile: profile({ psk: 'x'.repeat(101) }) });
    expect(longPsk.ok).toBe(false);
    expect(await h.call('getPeerProfile', { VpnConnectionId: 'vco-eu001' })).toEqual({ profile: null });
  });

  it('a damaged record on disk is set aside at start, not served', async () => {
    h = await createHarness({ keychain: createSessionSecretStore() });
    await h.call('savePeerProfile', { VpnConnectionId: 'vco-eu001', profile: profile() });
    await h.call('savePeerProfile', { VpnConnectionId: 'vco-shsm001', profile: profile() });
    const file = path.join(h.dataDir, 'peers.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const damagedKey = Object.keys(data).find((k) => k.endsWith(':vco-eu001'))!;
    data[damagedKey] = { vendor: 'strongswan', tunnels: { single: { psk: 42 } } };
    writeFileSync(file, JSON.stringify(data));
    await h.restart();
    expect(await h.call('getPeerProfile', { VpnConnectionId: 'vco-eu001' })).toEqual({ profile: null });
    const { profile: kept } = await h.call<{ profile: PeerProfile }>('getPeerProfile', { VpnConnectionId: 'vco-shsm001' });
    expect(kept.tunnels.single?.psk).toBe(PSK);
  });
});
