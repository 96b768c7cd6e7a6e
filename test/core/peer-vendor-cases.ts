// What every vendor's tests share: the eight golden cases (single / dual × policy / route × static / BGP), the golden
// file check, and the random connections (with device and cloud addresses) the round-trip properties draw from.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { DualTunnelConnection, SingleTunnelConnection, VpnConnection } from '../../core/index.ts';
import { mirrorPeer, type PeerAddresses } from '../../core/peer/mirror.ts';
import type { PeerProfile } from '../../core/peer/profile.ts';
import { anyConnection, ipv4 } from './arbitraries.ts';
import { dual, single } from './fixtures.ts';

export const SINGLE_ADDRESSES: PeerAddresses = { single: { cloudAddress: '47.100.1.1', deviceAddress: '203.0.113.10' } };
export const DUAL_ADDRESSES: PeerAddresses = {
  master: { cloudAddress: '47.21.0.1', deviceAddress: '203.0.113.10' },
  slave: { cloudAddress: '47.21.0.2', deviceAddress: '203.0.113.10' },
};

const POLICY = { LocalSubnet: '10.1.1.0/24,10.1.2.0/24', RemoteSubnet: '192.168.10.0/24,192.168.20.0/24' };
const ROUTE = { LocalSubnet: '0.0.0.0/0', RemoteSubnet: '0.0.0.0/0' };

function singleCase(subnets: typeof POLICY, bgp: boolean): SingleTunnelConnection {
  const c = single();
  return {
    ...c,
    ...subnets,
    IkeConfig: { ...c.IkeConfig, IkeVersion: 'ikev2', IkeMode: 'main', IkeEncAlg: 'aes256', IkeAuthAlg: 'sha256', IkePfs: 'group14', LocalId: '', RemoteId: '', Psk: 'S3cret#{x}' },
    IpsecConfig: { IpsecEncAlg: 'aes', IpsecAuthAlg: 'sha1', IpsecPfs: 'group2', IpsecLifetime: 3600 },
    EnableDpd: true,
    EnableNatTraversal: true,
    BgpConfig: { EnableBgp: bgp, TunnelCidr: '169.254.11.0/30', LocalBgpIp: '169.254.11.1', LocalAsn: '45104', PeerBgpIp: '169.254.11.2', PeerAsn: '65001' },
  };
}

function dualCase(subnets: typeof POLICY, bgp: boolean): DualTunnelConnection {
  const c = dual();
  const [master, slave] = c.tunnels;
  return {
    ...c,
    ...subnets,
    EnableTunnelsBgp: bgp,
    tunnels: [
      // The master: IKEv2, the document's algorithms, the cloud's address as its identity.
      { ...master, TunnelIkeConfig: { ...master.TunnelIkeConfig, RemoteId: '', Psk: 'master-Key1' } },
      // The slave: IKEv1 main mode, stronger algorithms, PFS off, DPD and NAT-T off: a tunnel unlike the master.
      {
        ...slave,
        EnableDpd: false,
        EnableNatTraversal: false,
        TunnelIkeConfig: { ...slave.TunnelIkeConfig, IkeVersion: 'ikev1', IkeEncAlg: 'aes192', IkeAuthAlg: 'sha256', IkePfs: 'group5', IkeLifetime: 28800, RemoteId: '', Psk: 'slave-Key2' },
        TunnelIpsecConfig: { IpsecEncAlg: '3des', IpsecAuthAlg: 'md5', IpsecPfs: 'disabled', IpsecLifetime: 1800 },
      },
    ],
  };
}

export interface VendorCase {
  /** `single-policy-static`, …, `dual-route-bgp`: also the golden file's name. */
  name: string;
  connection: VpnConnection;
  profile: PeerProfile;
}

/** The eight cases every vendor's golden files cover. */
export const VENDOR_CASES: readonly VendorCase[] = (['single', 'dual'] as const).flatMap((mode) =>
  (['policy', 'route'] as const).flatMap((routing) =>
    (['static', 'bgp'] as const).map((peering): VendorCase => {
      const subnets = routing === 'policy' ? POLICY : ROUTE;
      const connection = mode === 'single' ? singleCase(subnets, peering === 'bgp') : dualCase(subnets, peering === 'bgp');
      return { name: `${mode}-${routing}-${peering}`, connection, profile: mirrorPeer(connection, mode === 'single' ? SINGLE_ADDRESSES : DUAL_ADDRESSES) };
    }),
  ),
);

export function vendorCase(name: string): VendorCase {
  const found = VENDOR_CASES.find((c) => c.name === name);
  if (!found) throw new Error(`no vendor case ${name}`);
  return found;
}

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

/**
 * The generated text equals `test/core/golden/<vendor>/<name>.txt`. The files are reviewed by hand against the vendor
 * documents; `UPDATE_GOLDEN=1` rewrites them (then review the git diff line by line before committing).
 */
export function expectGolden(vendor: string, name: string, text: string): void {
  const file = join(GOLDEN_DIR, vendor, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.CI) throw new Error(`golden file ${file} is missing`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

/** Device and cloud addresses for a random connection (the dual tunnels' cloud addresses differ, as on a real gateway). */
export const addressesFor = (connection: VpnConnection): fc.Arbitrary<PeerAddresses> =>
  fc
    .tuple(ipv4, ipv4, ipv4, ipv4, fc.boolean())
    .filter(([device, device2, cloud1, cloud2]) => new Set([device, device2, cloud1, cloud2]).size === 4)
    .map(([device, device2, cloud1, cloud2, sameDevice]): PeerAddresses =>
      connection.mode === 'single'
        ? { single: { cloudAddress: cloud1, deviceAddress: device } }
        : { master: { cloudAddress: cloud1, deviceAddress: device }, slave: { cloudAddress: cloud2, deviceAddress: sameDevice ? device : device2 } },
    );

/** A random valid connection and addresses for its tunnels. */
export const connectionWithAddresses: fc.Arbitrary<readonly [VpnConnection, PeerAddresses]> = anyConnection.chain((c) => addressesFor(c).map((a) => [c, a] as const));
