// Tunnel health: whether traffic can flow through each tunnel of a connection, and the connection's as its worst
// tunnel's. A dual-tunnel connection's own `Status` is the master tunnel's (the service reports the tunnel that
// carries traffic), so a slave that is down is only visible per tunnel; health therefore never reads it.
import type { TunnelRole, VpnConnection } from './connection.ts';

export type Health = 'up' | 'down' | 'unknown';
export type TunnelPosition = 'connection' | TunnelRole;

/** The negotiation value meaning both phases are up; ike_sa_established alone carries no traffic. */
export const ESTABLISHED = 'ipsec_sa_established';
const NEGOTIATION_VALUES = new Set(['ike_sa_not_established', 'ike_sa_established', 'ipsec_sa_not_established', ESTABLISHED]);

export interface TunnelHealth {
  /** `connection` for a single-tunnel connection, else the tunnel's role. */
  position: TunnelPosition;
  /** The negotiation status as the API reported it ('' when it reported none). */
  Status: string;
  health: Health;
  /** BGP session state where the tunnel runs BGP and the API returns one (`success` | `false`). */
  bgp?: Health;
}

export function negotiationHealth(status: string | undefined): Health {
  if (status === ESTABLISHED) return 'up';
  return status !== undefined && NEGOTIATION_VALUES.has(status) ? 'down' : 'unknown';
}

function bgpHealth(enabled: boolean, status: string | undefined): Health | undefined {
  if (!enabled || status === undefined || status === '') return undefined;
  return status === 'success' ? 'up' : 'down';
}

export function tunnelHealths(c: VpnConnection): TunnelHealth[] {
  if (c.mode === 'single') {
    const bgp = bgpHealth(c.BgpConfig.EnableBgp, c.BgpConfig.Status);
    return [{ position: 'connection', Status: c.Status ?? '', health: negotiationHealth(c.Status), ...(bgp && { bgp }) }];
  }
  return c.tunnels.map((t) => {
    const bgp = bgpHealth(c.EnableTunnelsBgp, t.TunnelBgpConfig.BgpStatus);
    return { position: t.Role, Status: t.Status ?? '', health: negotiationHealth(t.Status), ...(bgp && { bgp }) };
  });
}

const RANK: Record<Health, number> = { up: 0, unknown: 1, down: 2 };

/** The worst of several healths (a BGP session that is down counts against its tunnel). */
export function worstHealth(healths: readonly Health[]): Health {
  let worst: Health = 'up';
  for (const h of healths) if (RANK[h] > RANK[worst]) worst = h;
  return healths.length === 0 ? 'unknown' : worst;
}

export function tunnelOverall(t: TunnelHealth): Health {
  return t.bgp ? worstHealth([t.health, t.bgp]) : t.health;
}

export function connectionHealth(c: VpnConnection): Health {
  return worstHealth(tunnelHealths(c).map(tunnelOverall));
}

/** What a change lost: each tunnel (and BGP session) that was up before and is not up now. */
export interface TunnelLoss {
  position: TunnelPosition;
  what: 'negotiation' | 'bgp';
  before: string;
  now: string;
}

export function lostTunnels(before: readonly TunnelHealth[], now: readonly TunnelHealth[]): TunnelLoss[] {
  const losses: TunnelLoss[] = [];
  for (const was of before) {
    const is = now.find((t) => t.position === was.position);
    if (was.health === 'up' && is?.health !== 'up') losses.push({ position: was.position, what: 'negotiation', before: was.Status, now: is?.Status ?? '' });
    else if (was.bgp === 'up' && is?.bgp !== undefined && is.bgp !== 'up') {
      losses.push({ position: was.position, what: 'bgp', before: 'success', now: is.bgp === 'down' ? 'false' : '' });
    }
  }
  return losses;
}
