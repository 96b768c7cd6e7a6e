// What the FortiGate generator's parts share: names, indentation, the text with its notes, the placeholders.
import type { PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import { VendorText } from '../generic.ts';
import { FORTIGATE_MESSAGES } from './messages.ts';

export const FORTIGATE_LABEL = 'FortiGate (FortiOS)';

/** phase1-interface names (at most 15 characters in interface mode); also the tunnel interface's and phase 2's name. */
export const TUNNEL_NAMES: Readonly<Record<PeerTunnelKey, string>> = { single: 'alibaba', master: 'alibaba-m', slave: 'alibaba-s' };

export const WAN_PLACEHOLDER = 'wan1';
export const LAN_PLACEHOLDER = 'internal';

export const I1 = '    ';
export const I2 = '        ';
export const I3 = '            ';

export interface Tunnel {
  key: PeerTunnelKey;
  name: string;
  tunnel: PeerTunnel;
}

/** Generated text, with notes and the placeholders already noted (each name once). */
export class FortiText extends VendorText {
  private readonly placeholders = new Set<string>();

  constructor() {
    super(FORTIGATE_LABEL, FORTIGATE_MESSAGES);
  }

  /** Notes `name` as a placeholder at `line` the first time it is written. */
  placeholder(line: number, name: string, what: string): void {
    if (this.placeholders.has(name)) return;
    this.placeholders.add(name);
    this.note(line, 'peer.vendor.interfacePlaceholder', { name, what });
  }
}

/** The selectors a tunnel's phase 2 uses: its lists, or 0.0.0.0/0 on both sides for a route-based tunnel without any. */
export function selectors(tunnel: PeerTunnel): { local: string[]; remote: string[] } {
  const local = tunnel.localSubnets.length > 0 ? tunnel.localSubnets : tunnel.routeBased ? ['0.0.0.0/0'] : [];
  const remote = tunnel.remoteSubnets.length > 0 ? tunnel.remoteSubnets : tunnel.routeBased ? ['0.0.0.0/0'] : [];
  return { local, remote };
}

/** A policy-based tunnel carries specific networks and gets address objects, routes and narrow policies. */
export const isPolicyBased = (tunnel: PeerTunnel): boolean => !tunnel.routeBased;
