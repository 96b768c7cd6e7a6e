// The names the generator gives PAN-OS objects, and the placeholders for what a peer profile does not know: the
// outside interface, the security zone and the virtual router. Names stay within PAN-OS's 31-character object names.
import type { PeerTunnelKey } from '../../profile.ts';

export const PANOS_LABEL = 'Palo Alto (PAN-OS)';

const BASE: Readonly<Record<PeerTunnelKey, string>> = { single: 'alibaba', master: 'alibaba-master', slave: 'alibaba-slave' };
const UNITS: Readonly<Record<PeerTunnelKey, string>> = { single: 'tunnel.1', master: 'tunnel.1', slave: 'tunnel.2' };

export interface PanosNames {
  /** The IPsec tunnel; also the prefix of its proxy IDs and static routes, and the BGP peer's name. */
  tunnel: string;
  gateway: string;
  ikeProfile: string;
  ipsecProfile: string;
  unit: string;
}

export function names(key: PeerTunnelKey): PanosNames {
  const base = BASE[key];
  return { tunnel: base, gateway: `${base}-gw`, ikeProfile: `${base}-ike`, ipsecProfile: `${base}-ipsec`, unit: UNITS[key] };
}

export const OUTSIDE_INTERFACE = 'ethernet1/1';
export const ZONE = 'vpn';
export const VIRTUAL_ROUTER = 'default';
export const PEER_GROUP = 'alibaba';

/** The standby tunnel's routes get the higher metric: the firewall prefers the master's. */
export const ROUTE_METRICS: Readonly<Record<PeerTunnelKey, number>> = { single: 10, master: 10, slave: 20 };

/** What each placeholder is, for peer.vendor.interfacePlaceholder (`{what}`). */
export const PLACEHOLDERS: Readonly<Record<string, string>> = {
  [OUTSIDE_INTERFACE]: 'outside (Internet-facing) interface that holds the public address',
  [ZONE]: 'security zone of the tunnel interfaces (allow its traffic with security policy rules)',
  [VIRTUAL_ROUTER]: 'virtual router of the outside interface',
  'tunnel.N': 'tunnel interface: take a unit number that is free on the firewall',
};
