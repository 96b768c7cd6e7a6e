// How the UI speaks about tunnel health. Green must mean up: a connection is green only when every tunnel (and BGP
// session) is up. Health always comes from the live connection or an apply job's read of the tunnels, never from a
// draft (a saved draft holds no read-only status), and a dual-tunnel connection's own `Status` (its master's) is
// never read.
import type { TFunction } from 'i18next';
import type { ConnectionSummary, JobSummary } from '../../../core/contract.ts';
import {
  negotiationHealth,
  tunnelHealths,
  tunnelOverall,
  worstHealth,
  type Health,
  type Lang,
  type TunnelHealth,
  type TunnelLoss,
  type TunnelPosition,
  type VpnConnection,
} from '../../../core/index.ts';

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

export function healthTone(health: Health): Tone {
  return health === 'up' ? 'ok' : health === 'down' ? 'bad' : 'idle';
}

/** Red beats amber: a gateway that is updating shows amber only while no tunnel is down. */
export function connectionTone(health: Health, gatewayStatus: string | undefined): Tone {
  if (health === 'down') return 'bad';
  if (gatewayStatus === 'updating') return 'warn';
  return healthTone(health);
}

/** What is shown of a connection's tunnels, and when it was read. */
export interface ShownHealth {
  health: Health;
  tunnels: readonly TunnelHealth[];
  /** ISO time of the read, when known. */
  checkedAt: string | null;
}

function shown(tunnels: readonly TunnelHealth[], checkedAt: string | null): ShownHealth {
  return { health: tunnels.length === 0 ? 'unknown' : worstHealth(tunnels.map(tunnelOverall)), tunnels, checkedAt };
}

const newer = (a: string | null | undefined, b: string | null | undefined) => !!a && (!b || Date.parse(a) > Date.parse(b));

/** The job's own read of the tunnels when it is newer than `than` (the job watches them while it runs). */
function jobRead(job: JobSummary | undefined, than: string | null | undefined): ShownHealth | null {
  const tunnels = job?.tunnels;
  if (!tunnels || tunnels.now.length === 0 || !newer(tunnels.checkedAt, than)) return null;
  return shown(tunnels.now, tunnels.checkedAt);
}

/** A whole connection's health as read (e.g. the other connection of a comparison). */
export function healthOf(connection: VpnConnection, checkedAt: string | null = null): ShownHealth {
  return shown(tunnelHealths(connection), checkedAt);
}

/**
 * The open connection's health: its live read, or the latest apply job's read of the tunnels when that is newer.
 * Until the live read is in, the listing's entry stands in (main's snapshot; never the draft).
 */
export function openHealth(
  live: VpnConnection | undefined | null,
  fetchedAt: string | null,
  job: JobSummary | undefined,
  summary?: { entry: ConnectionSummary | undefined; fetchedAt: string | null },
): ShownHealth | null {
  const than = live ? fetchedAt : (summary?.entry ? summary.fetchedAt : null);
  const fromJob = jobRead(job, than);
  if (fromJob) return fromJob;
  if (live) return healthOf(live, fetchedAt);
  return summary?.entry ? summaryHealth(summary.entry) : null;
}

/** A listing entry's health. */
export function summaryHealth(summary: ConnectionSummary): ShownHealth {
  if (summary.tunnels && summary.tunnels.length > 0) return { health: summary.health, tunnels: summary.tunnels, checkedAt: null };
  const Status = summary.Status ?? '';
  const negotiation = negotiationHealth(summary.Status);
  // The listing carries a single tunnel's BGP state only inside `health`: a down connection whose negotiation is up
  // has its BGP session down.
  const bgp = summary.health === 'down' && negotiation !== 'down' ? { bgp: 'down' as const } : {};
  return { health: summary.health, tunnels: [{ position: 'connection', Status, health: negotiation, ...bgp }], checkedAt: null };
}

/**
 * Listing entries with their apply job's read of the tunnels where it is newer than the listing: while a change is
 * watched (settle period, confirm window) the job knows more than the inventory fetched before it.
 */
export function jobHealthOverrides(jobs: ReadonlyMap<string, JobSummary>, listingFetchedAt: string | null): Map<string, ShownHealth> {
  const latest = new Map<string, JobSummary>();
  for (const job of jobs.values()) {
    const held = latest.get(job.VpnConnectionId);
    if (!held || job.createdAt >= held.createdAt) latest.set(job.VpnConnectionId, job);
  }
  const out = new Map<string, ShownHealth>();
  for (const [id, job] of latest) {
    const read = jobRead(job, listingFetchedAt);
    if (read) out.set(id, read);
  }
  return out;
}

export function withHealth(summary: ConnectionSummary, override: ShownHealth | undefined): ConnectionSummary {
  if (!override) return summary;
  if (summary.mode === 'dual') return { ...summary, health: override.health, tunnels: [...override.tunnels] };
  // A single-tunnel row words its state from `Status`: it must come from the same read as `health`, or a row can say
  // "Down" in green (the listing's Status from before a rollback, the job's health from after it).
  const own = override.tunnels.find((x) => x.position === 'connection');
  return { ...summary, health: override.health, ...(own && { Status: own.Status }) };
}

/** The first letter upper-cased (a no-op for Chinese). */
export function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "master tunnel" / "主隧道" (lower case, for use inside a sentence). */
export function tunnelName(t: TFunction, position: TunnelPosition): string {
  return position === 'master' ? t('health.master') : position === 'slave' ? t('health.slave') : t('health.connection');
}

function downReason(t: TFunction, tunnel: TunnelHealth): string {
  if (tunnel.health === 'down') {
    if (tunnel.Status === 'ike_sa_established') return t('health.reasonIkeOnly');
    if (tunnel.Status === 'ipsec_sa_not_established') return t('health.reasonIpsecNot');
    return t('health.reasonIkeNot');
  }
  return t('health.reasonBgp');
}

/** "Up" · "Down — IKE SA not established" · "State unknown". */
export function stateWords(t: TFunction, tunnel: TunnelHealth | undefined): string {
  const overall = tunnel ? tunnelOverall(tunnel) : 'unknown';
  if (!tunnel || overall === 'unknown') return t('health.unknown');
  if (overall === 'up') return t('health.up');
  return t('health.down', { reason: downReason(t, tunnel) });
}

/** "Slave tunnel: Down — IKE SA not established". */
export function tunnelWords(t: TFunction, tunnel: TunnelHealth): string {
  return t('health.tunnelState', { tunnel: cap(tunnelName(t, tunnel.position)), state: stateWords(t, tunnel) });
}

/** Every tunnel in words, for screen readers and titles. */
export function allTunnelWords(t: TFunction, health: ShownHealth): string {
  if (health.tunnels.length === 1 && health.tunnels[0]?.position === 'connection') return stateWords(t, health.tunnels[0]);
  return health.tunnels.map((x) => tunnelWords(t, x)).join(t('health.separator'));
}

/** A connection in a few words: what is not up, by tunnel; "Both tunnels up" when all are. */
export function connectionWords(t: TFunction, health: ShownHealth | null): string {
  if (!health || health.tunnels.length === 0) return t('health.unknown');
  const single = health.tunnels.length === 1 && health.tunnels[0]?.position === 'connection';
  if (single) return stateWords(t, health.tunnels[0]);
  if (health.health === 'up') return t('health.allUp');
  return health.tunnels
    .filter((x) => tunnelOverall(x) !== 'up')
    .map((x) => tunnelWords(t, x))
    .join(t('health.separator'));
}

/** The tree's short form: a single tunnel's state in words; of a dual connection, which tunnel is not up. */
export function shortWords(t: TFunction, lang: Lang, health: ShownHealth): string {
  const single = health.tunnels.length === 1 && health.tunnels[0]?.position === 'connection';
  if (single || health.tunnels.length === 0) return connectionWords(t, health);
  if (health.health === 'up') return t('health.allUp');
  const list = (tunnels: TunnelHealth[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(tunnels.map((x) => tunnelName(t, x.position)));
  const down = health.tunnels.filter((x) => tunnelOverall(x) === 'down');
  if (down.length > 0) return cap(t('health.tunnelsDown', { tunnels: list(down) }));
  return cap(t('health.tunnelsUnknown', { tunnels: list(health.tunnels.filter((x) => tunnelOverall(x) === 'unknown')) }));
}

/** "slave tunnel" or "BGP session of the slave tunnel", joined as a list in the UI language. */
export function lossesPhrase(t: TFunction, lang: Lang, losses: readonly TunnelLoss[]): string {
  const names = losses.map((l) => (l.what === 'bgp' ? t('health.bgpOf', { tunnel: tunnelName(t, l.position) }) : tunnelName(t, l.position)));
  const unique = [...new Set(names)];
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(unique);
}

/** Tunnels that are not up now, as positions and words (for "still down, as before the change"). */
export function notUp(tunnels: readonly TunnelHealth[]): TunnelHealth[] {
  return tunnels.filter((x) => tunnelOverall(x) !== 'up');
}

/** Per tunnel of a connection: where it is and how it is, from the live connection (never the draft). */
export interface TunnelState {
  position: TunnelPosition;
  TunnelId?: string;
  InternetIp?: string;
  health: TunnelHealth | undefined;
}

export function tunnelStates(live: VpnConnection | undefined | null, health: ShownHealth | null): TunnelState[] {
  const of = (position: TunnelPosition) => health?.tunnels.find((x) => x.position === position);
  if (!live) return (health?.tunnels ?? []).map((x) => ({ position: x.position, health: x }));
  if (live.mode === 'single') return [{ position: 'connection', health: of('connection') }];
  return live.tunnels.map((tunnel) => ({
    position: tunnel.Role,
    TunnelId: tunnel.TunnelId,
    ...(tunnel.InternetIp && { InternetIp: tunnel.InternetIp }),
    health: of(tunnel.Role),
  }));
}
