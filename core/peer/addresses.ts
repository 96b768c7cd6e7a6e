// Where each tunnel's two ends are, from what the inventory knows: the cloud end is the tunnel's own InternetIp
// (dual-tunnel connections report one per tunnel) or else the gateway's; the device end is the address of the
// customer gateway the connection (single) or the tunnel (dual) uses. '' where the inventory does not say.
import type { VpnConnection } from '../model/connection.ts';
import type { PeerAddresses } from './mirror.ts';
import { PEER_TUNNEL_KEYS, type PeerProfile } from './profile.ts';

export interface AddressFacts {
  gatewayInternetIp?: string | undefined;
  customerGateways: ReadonlyArray<{ CustomerGatewayId: string; IpAddress: string }>;
}

export function peerAddressesOf(connection: VpnConnection, facts: AddressFacts): PeerAddresses {
  const cgwIp = (id: string | undefined) => (id ? (facts.customerGateways.find((c) => c.CustomerGatewayId === id)?.IpAddress ?? '') : '');
  if (connection.mode === 'single') {
    return { single: { cloudAddress: facts.gatewayInternetIp ?? '', deviceAddress: cgwIp(connection.CustomerGatewayId) } };
  }
  const [master, slave] = connection.tunnels;
  return {
    master: { cloudAddress: master.InternetIp ?? facts.gatewayInternetIp ?? '', deviceAddress: cgwIp(master.CustomerGatewayId || connection.CustomerGatewayId) },
    slave: { cloudAddress: slave.InternetIp ?? '', deviceAddress: cgwIp(slave.CustomerGatewayId || connection.CustomerGatewayId) },
  };
}

/** The addresses a device profile already holds, per tunnel (for the configuration the draft needs on that device). */
export function addressesOfProfile(profile: PeerProfile): PeerAddresses {
  const out: PeerAddresses = {};
  for (const key of PEER_TUNNEL_KEYS) {
    const t = profile.tunnels[key];
    if (t) out[key] = { cloudAddress: t.cloudAddress, deviceAddress: t.deviceAddress };
  }
  return out;
}
