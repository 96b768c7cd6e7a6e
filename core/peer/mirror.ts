// The mirror image of a connection: the device that matches it exactly, the default starting point for a peer
// profile. Everything the cloud calls "local" is the device's "remote" and the other way round.
import type { BgpConfig, IkeConfig, IpsecConfig, TunnelBgpConfig, VpnConnection } from '../model/connection.ts';
import { normalizeSubnetList } from '../model/normalize.ts';
import { ANY_NETWORK, ipv4ToInt, parseIpv4Cidr } from '../net/ipv4.ts';
import type { PeerBgp, PeerProfile, PeerTunnel, PeerTunnelKey } from './profile.ts';

export type PeerAddresses = Partial<Record<PeerTunnelKey, { cloudAddress: string; deviceAddress: string }>>;

interface TunnelSide {
  ike: IkeConfig;
  ipsec: IpsecConfig;
  dpd: boolean;
  natTraversal: boolean;
  /** Undefined when the connection does not use BGP on this tunnel. */
  bgp: BgpConfig | TunnelBgpConfig | undefined;
}

const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** The host of a /30 tunnel network that is not `localBgpIp` ('' when that cannot be told). */
function otherHost(tunnelCidr: string, localBgpIp: string): string {
  const network = parseIpv4Cidr(tunnelCidr);
  const local = ipv4ToInt(localBgpIp.trim());
  if (!network || network.prefix !== 30 || local === undefined) return '';
  if (local === network.start + 1) return intToIp(network.start + 2);
  if (local === network.start + 2) return intToIp(network.start + 1);
  return '';
}

function mirrorBgp(bgp: BgpConfig | TunnelBgpConfig): PeerBgp {
  const peerIp = bgp.PeerBgpIp?.trim() ?? '';
  const peerAsn = bgp.PeerAsn === undefined ? '' : String(bgp.PeerAsn).trim();
  return {
    asn: peerAsn,
    address: peerIp !== '' ? peerIp : otherHost(bgp.TunnelCidr, bgp.LocalBgpIp),
    peerAddress: bgp.LocalBgpIp,
    peerAsn: bgp.LocalAsn,
  };
}

function ikeVersions(version: string): PeerTunnel['ikeVersions'] {
  return version === 'ikev1' || version === 'ikev2' ? [version] : [];
}

function mirrorTunnel(connection: VpnConnection, side: TunnelSide, address: { cloudAddress: string; deviceAddress: string } | undefined): PeerTunnel {
  const cloudAddress = address?.cloudAddress ?? '';
  const deviceAddress = address?.deviceAddress ?? '';
  const local = normalizeSubnetList(connection.LocalSubnet);
  const remote = normalizeSubnetList(connection.RemoteSubnet);
  const split = (list: string) => (list === '' ? [] : list.split(','));
  const tunnel: PeerTunnel = {
    deviceAddress,
    cloudAddress,
    ikeVersions: ikeVersions(side.ike.IkeVersion),
    ikeMode: side.ike.IkeMode === 'aggressive' ? 'aggressive' : 'main',
    ikeProposals: [{ encryption: side.ike.IkeEncAlg, integrity: side.ike.IkeAuthAlg, dhGroup: side.ike.IkePfs }],
    ipsecProposals: [{ encryption: side.ipsec.IpsecEncAlg, integrity: side.ipsec.IpsecAuthAlg, pfs: side.ipsec.IpsecPfs }],
    ikeLifetime: side.ike.IkeLifetime,
    ipsecLifetime: side.ipsec.IpsecLifetime,
    // The cloud's identities default to the two addresses when left empty, so the device must use the same.
    localId: side.ike.RemoteId !== '' ? side.ike.RemoteId : deviceAddress,
    remoteId: side.ike.LocalId !== '' ? side.ike.LocalId : cloudAddress,
    localSubnets: split(remote),
    remoteSubnets: split(local),
    psk: side.ike.Psk,
    dpd: side.dpd,
    natTraversal: side.natTraversal,
    routeBased: local === ANY_NETWORK && remote === ANY_NETWORK,
  };
  if (side.bgp) tunnel.bgp = mirrorBgp(side.bgp);
  return tunnel;
}

/** The device that matches `connection` exactly: tunnel `single`, or `master` and `slave` for a dual-tunnel one. */
export function mirrorPeer(connection: VpnConnection, addresses: PeerAddresses): PeerProfile {
  const tunnels: PeerProfile['tunnels'] = {};
  if (connection.mode === 'single') {
    tunnels.single = mirrorTunnel(
      connection,
      {
        ike: connection.IkeConfig,
        ipsec: connection.IpsecConfig,
        dpd: connection.EnableDpd,
        natTraversal: connection.EnableNatTraversal,
        bgp: connection.BgpConfig.EnableBgp ? connection.BgpConfig : undefined,
      },
      addresses.single,
    );
  } else {
    connection.tunnels.forEach((t, i) => {
      const key: PeerTunnelKey = i === 0 ? 'master' : 'slave';
      tunnels[key] = mirrorTunnel(
        connection,
        {
          ike: t.TunnelIkeConfig,
          ipsec: t.TunnelIpsecConfig,
          dpd: t.EnableDpd,
          natTraversal: t.EnableNatTraversal,
          bgp: connection.EnableTunnelsBgp ? t.TunnelBgpConfig : undefined,
        },
        addresses[key],
      );
    });
  }
  return { vendor: 'strongswan', platform: '', source: 'mirror', tunnels };
}

/**
 * What the device must hold for `draft` to negotiate, starting from the device as it is: the mirror of the draft,
 * keeping what the connection does not say and the device already knows (its BGP ASN and address when the draft
 * leaves them unknown, its vendor and platform). Without this every device diff would "remove" the device's ASN.
 */
export function deviceTarget(draft: VpnConnection, addresses: PeerAddresses, current: PeerProfile | null): PeerProfile {
  const target = mirrorPeer(draft, addresses);
  if (!current) return target;
  for (const key of Object.keys(target.tunnels) as PeerTunnelKey[]) {
    const wanted = target.tunnels[key]!.bgp;
    const known = current.tunnels[key]?.bgp;
    if (wanted && known) {
      if (wanted.asn === '') wanted.asn = known.asn;
      if (wanted.address === '') wanted.address = known.address;
    }
  }
  return { ...target, vendor: current.vendor, platform: current.platform };
}

/** A deep copy of a profile value (core has no structuredClone; values are plain data, NaN lifetimes included). */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  return value;
}

/**
 * The device as the draft leaves it: the device as it is, with what the draft changes (base → draft) applied, setting
 * by setting; everything the draft does not touch stays as the device has it (its own extra proposals, lifetimes,
 * names). Without a device, the mirror of the draft. What the technician types is the difference between the two.
 */
export function deviceForDraft(current: PeerProfile | null, base: VpnConnection, draft: VpnConnection, addresses: PeerAddresses): PeerProfile {
  const target = deviceTarget(draft, addresses, current);
  if (!current) return target;
  const before = deviceTarget(base, addresses, current);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const key of Object.keys(target.tunnels) as PeerTunnelKey[]) {
    const wanted = target.tunnels[key]!;
    const was = before.tunnels[key];
    const now = current.tunnels[key];
    if (!was || !now) continue;
    const kept: Record<string, unknown> = { ...wanted };
    for (const prop of new Set([...Object.keys(wanted), ...Object.keys(now)])) {
      if (!same((was as unknown as Record<string, unknown>)[prop], (wanted as unknown as Record<string, unknown>)[prop])) continue;
      const value = (now as unknown as Record<string, unknown>)[prop];
      if (value === undefined) delete kept[prop];
      else kept[prop] = copy(value);
    }
    target.tunnels[key] = kept as unknown as PeerTunnel;
  }
  return { ...target, source: current.source };
}
