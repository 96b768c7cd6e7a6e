import {
  normalizeConnection,
  normalizeCustomerGateway,
  normalizeGateway,
  peerFromConfig,
} from '../seed/normalize.ts';
import type {
  CustomerGateway,
  EmulatorSeed,
  GatewayStatus,
  NegotiationStatus,
  PeerConfig,
  Region,
  Tunnel,
  VpnConnection,
  VpnGateway,
} from '../types.ts';
import { negotiate } from './peer.ts';

interface GatewayRecord {
  gateway: VpnGateway;
  /** The seeded status when it is not a steady `active` (e.g. `provisioning`); undefined means `active`. */
  staticStatus?: GatewayStatus;
  updatingUntil: number;
  modifications: number;
}

interface ConnectionRecord {
  connection: VpnConnection;
  updatingUntil: number;
  /** Negotiation state while the change is being pushed: the tunnel keeps its old SAs until the update ends. */
  statusDuringUpdate?: { connection: NegotiationStatus; tunnels: Record<string, NegotiationStatus> };
  /**
   * Per tunnel (TunnelId; `SINGLE` for a single-tunnel connection): the window after an update during which a
   * tunnel whose negotiation settings changed renegotiates and reads `ike_sa_not_established`.
   */
  renegotiation: Map<string, { from: number; until: number }>;
}

/** The renegotiation key of a single-tunnel connection (dual-tunnel connections use each TunnelId). */
const SINGLE = '';

/** JSON with sorted object keys, so two configs compare equal whatever order their fields were written in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * Everything a tunnel's IKE/IPsec negotiation depends on: peer, phase-1 (PSK, identities, proposal, lifetime,
 * certificate) and phase-2 settings, the traffic selectors (subnets), DPD and NAT-T.
 */
function negotiationInputs(c: VpnConnection, t?: Tunnel): string {
  const end = t
    ? [t.CustomerGatewayId, t.TunnelIkeConfig, t.TunnelIpsecConfig, t.EnableDpd, t.EnableNatTraversal, t.RemoteCaCertificate]
    : [c.CustomerGatewayId, c.IkeConfig, c.IpsecConfig, c.EnableDpd, c.EnableNatTraversal, c.RemoteCaCertificate];
  return stableJson([...end, c.LocalSubnet, c.RemoteSubnet]);
}

/** The renegotiation keys of the ends whose negotiation inputs differ between `before` and `after`. */
function renegotiatingEnds(before: VpnConnection, after: VpnConnection): string[] {
  if (!after.TunnelOptions) return negotiationInputs(before) === negotiationInputs(after) ? [] : [SINGLE];
  return after.TunnelOptions.filter((t) => {
    const old = before.TunnelOptions?.find((o) => o.TunnelId === t.TunnelId);
    return !old || negotiationInputs(before, old) !== negotiationInputs(after, t);
  }).map((t) => t.TunnelId);
}

/** A tunnel's negotiation inputs by its renegotiation key (TunnelId, or SINGLE). */
function inputsOf(c: VpnConnection, key: string): string {
  if (key === SINGLE) return negotiationInputs(c);
  const tunnel = c.TunnelOptions?.find((t) => t.TunnelId === key);
  return tunnel ? negotiationInputs(c, tunnel) : '';
}

export interface StoredResult {
  fingerprint: string;
  body: Record<string, unknown>;
}

/**
 * The whole emulated inventory. Time-dependent state (gateway `updating` → `active`) is derived from the clock at
 * read time instead of timers, so an injected clock drives it exactly and nothing keeps the process alive.
 */
export class Store {
  readonly regions: Region[];
  readonly gateways = new Map<string, GatewayRecord>();
  readonly connections = new Map<string, ConnectionRecord>();
  readonly customerGateways = new Map<string, CustomerGateway>();
  readonly peers = new Map<string, PeerConfig>();
  readonly clientTokens = new Map<string, StoredResult>();
  readonly clock: () => number;
  updateMs: number;
  /** How long a changed tunnel reads `ike_sa_not_established` after the update ends (0: not at all). */
  renegotiateMs: number;
  /**
   * Replaces the simulated peer for a tunnel once its connection has been modified: asked after the update ends,
   * per tunnel whose negotiation settings changed, and its answer is what the tunnel reads until the next change
   * (`ike_sa_not_established` while it is being asked). Tunnels never modified keep the simulated peer.
   */
  negotiator: ((connection: VpnConnection, tunnelId: string | null) => Promise<NegotiationStatus>) | undefined;
  /** The negotiator's answers, by connection and tunnel key; `pending` while one is being asked. */
  private readonly negotiated = new Map<string, NegotiationStatus | 'pending'>();
  private readonly negotiationTimers = new Set<ReturnType<typeof setTimeout>>();
  private negotiationQueue: Promise<void> = Promise.resolve();
  private negotiationsStopped = false;

  constructor(seed: EmulatorSeed, options: { clock: () => number; updateSeconds: number; renegotiateSeconds?: number }) {
    this.clock = options.clock;
    this.updateMs = Math.max(0, options.updateSeconds * 1000);
    this.renegotiateMs = Math.max(0, (options.renegotiateSeconds ?? 0) * 1000);
    this.regions = seed.regions.map((r) => ({ ...r }));
    for (const g of seed.vpnGateways) {
      const { Status: status, ...rest } = structuredClone(g);
      this.gateways.set(g.VpnGatewayId, {
        gateway: normalizeGateway(rest),
        ...(status && status !== 'active' ? { staticStatus: status } : {}),
        updatingUntil: 0,
        modifications: 0,
      });
    }
    for (const c of seed.customerGateways) {
      this.customerGateways.set(c.CustomerGatewayId, normalizeCustomerGateway(structuredClone(c)));
      if (c.Peer) this.peers.set(c.CustomerGatewayId, { ...c.Peer });
    }
    const gatewayMap = new Map([...this.gateways].map(([id, r]) => [id, r.gateway]));
    for (const c of seed.vpnConnections) {
      const connection = normalizeConnection(structuredClone(c), gatewayMap, this.customerGateways);
      this.connections.set(c.VpnConnectionId, { connection, updatingUntil: 0, renegotiation: new Map() });
      for (const end of endpoints(connection)) {
        if (end.cgw && !this.peers.has(end.cgw)) this.peers.set(end.cgw, peerFromConfig(end.ike, end.ipsec));
      }
    }
  }

  now(): number {
    return this.clock();
  }

  gatewayStatus(id: string): GatewayStatus {
    const record = this.gateways.get(id);
    if (!record) return 'deleting';
    if (record.updatingUntil > this.now()) return 'updating';
    return record.staticStatus ?? 'active';
  }

  isConnectionUpdating(id: string): boolean {
    const record = this.connections.get(id);
    return record !== undefined && record.updatingUntil > this.now();
  }

  connectionState(connection: VpnConnection): string {
    if (this.isConnectionUpdating(connection.VpnConnectionId)) return 'updating';
    const gateway = this.gateways.get(connection.VpnGatewayId)?.gateway;
    return gateway?.BusinessStatus === 'FinancialLocked' ? 'financialLocked' : 'active';
  }

  private isRenegotiating(record: ConnectionRecord | undefined, key: string): boolean {
    const window = record?.renegotiation.get(key);
    if (!window) return false;
    const now = this.now();
    return window.from <= now && now < window.until;
  }

  tunnelStatus(connection: VpnConnection, tunnel: Tunnel): NegotiationStatus {
    const record = this.connections.get(connection.VpnConnectionId);
    if (record?.statusDuringUpdate && record.updatingUntil > this.now()) {
      return record.statusDuringUpdate.tunnels[tunnel.TunnelId] ?? 'ike_sa_not_established';
    }
    if (this.isRenegotiating(record, tunnel.TunnelId)) return 'ike_sa_not_established';
    const asked = this.negotiated.get(`${connection.VpnConnectionId}|${tunnel.TunnelId}`);
    if (asked !== undefined) return asked === 'pending' ? 'ike_sa_not_established' : asked;
    return negotiate(tunnel.TunnelIkeConfig, tunnel.TunnelIpsecConfig, this.peers.get(tunnel.CustomerGatewayId));
  }

  /** Single-tunnel: its own negotiation. Dual-tunnel: the master tunnel's, which carries the traffic. */
  connectionStatus(connection: VpnConnection): NegotiationStatus {
    const record = this.connections.get(connection.VpnConnectionId);
    if (record?.statusDuringUpdate && record.updatingUntil > this.now()) return record.statusDuringUpdate.connection;
    return this.computeConnectionStatus(connection);
  }

  private computeConnectionStatus(connection: VpnConnection): NegotiationStatus {
    if (connection.TunnelOptions) {
      const master = connection.TunnelOptions.find((t) => t.Role === 'master') ?? connection.TunnelOptions[0];
      return master ? this.tunnelStatus(connection, master) : 'ike_sa_not_established';
    }
    if (this.isRenegotiating(this.connections.get(connection.VpnConnectionId), SINGLE)) return 'ike_sa_not_established';
    const asked = this.negotiated.get(`${connection.VpnConnectionId}|${SINGLE}`);
    if (asked !== undefined) return asked === 'pending' ? 'ike_sa_not_established' : asked;
    return negotiate(connection.IkeConfig, connection.IpsecConfig, this.peers.get(connection.CustomerGatewayId));
  }

  /**
   * Stores the changed connection and starts the asynchronous update: gateway and connection go `updating` for the
   * configured time, and the tunnels keep their pre-change negotiation state until it ends. Then each tunnel whose
   * negotiation settings changed renegotiates for `renegotiateMs`; the others keep their status.
   */
  commitUpdate(next: VpnConnection): void {
    const record = this.connections.get(next.VpnConnectionId);
    if (!record) return;
    const tunnels: Record<string, NegotiationStatus> = {};
    for (const t of record.connection.TunnelOptions ?? []) tunnels[t.TunnelId] = this.tunnelStatus(record.connection, t);
    record.statusDuringUpdate = { connection: this.connectionStatus(record.connection), tunnels };
    const changed = renegotiatingEnds(record.connection, next);
    record.connection = next;
    const until = this.now() + this.updateMs;
    record.updatingUntil = until;
    for (const [key, window] of record.renegotiation) if (window.until <= this.now()) record.renegotiation.delete(key);
    if (this.renegotiateMs > 0) {
      for (const key of changed) record.renegotiation.set(key, { from: until, until: until + this.renegotiateMs });
    }
    if (this.negotiator) this.askNegotiator(next, changed, until);
    const gateway = this.gateways.get(next.VpnGatewayId);
    if (gateway) {
      gateway.updatingUntil = until;
      gateway.modifications += 1;
    }
  }

  /** After the update ends, asks the external negotiator about each changed tunnel of this version of the connection. */
  private askNegotiator(connection: VpnConnection, changed: readonly string[], at: number): void {
    const negotiator = this.negotiator;
    if (!negotiator) return;
    for (const key of changed) this.negotiated.set(`${connection.VpnConnectionId}|${key}`, 'pending');
    const timer = setTimeout(() => {
      this.negotiationTimers.delete(timer);
      for (const key of changed) {
        // One negotiation at a time for the whole emulator: a real IKE pair negotiates one configuration at once.
        this.negotiationQueue = this.negotiationQueue.then(async () => {
          if (this.negotiationsStopped) return;
          const id = `${connection.VpnConnectionId}|${key}`;
          const asked = inputsOf(connection, key);
          let status: NegotiationStatus;
          try {
            status = await negotiator(connection, key === SINGLE ? null : key);
          } catch {
            status = 'ike_sa_not_established';
          }
          // The answer holds while the tunnel's negotiation inputs are the ones asked about; a later change that
          // touched them has asked again (a rename, or a change of the other tunnel, has not and keeps this answer).
          const current = this.connections.get(connection.VpnConnectionId)?.connection;
          if (current && inputsOf(current, key) === asked) this.negotiated.set(id, status);
        });
      }
    }, Math.max(0, at - this.now()));
    this.negotiationTimers.add(timer);
  }

  /** Stops negotiations not yet asked (the emulator is closing); resolves when the one being asked has ended. */
  stopNegotiations(): Promise<void> {
    this.negotiationsStopped = true;
    for (const timer of this.negotiationTimers) clearTimeout(timer);
    this.negotiationTimers.clear();
    return this.negotiationQueue;
  }

  modificationCount(vpnGatewayId: string): number {
    return this.gateways.get(vpnGatewayId)?.modifications ?? 0;
  }

  setPeer(customerGatewayId: string, peer: PeerConfig): void {
    this.peers.set(customerGatewayId, { ...peer });
  }

  connectionsOfGateway(vpnGatewayId: string): VpnConnection[] {
    const out: VpnConnection[] = [];
    for (const { connection } of this.connections.values()) {
      if (connection.VpnGatewayId === vpnGatewayId) out.push(connection);
    }
    return out;
  }

  dump(): Record<string, unknown> {
    return {
      now: this.now(),
      updateSeconds: this.updateMs / 1000,
      renegotiateSeconds: this.renegotiateMs / 1000,
      regions: this.regions,
      vpnGateways: [...this.gateways.values()].map((r) => ({
        ...r.gateway,
        Status: this.gatewayStatus(r.gateway.VpnGatewayId),
        modificationCount: r.modifications,
        // Epoch ms when the last modification's `updating` ends: lets benchmarks measure detection delay exactly.
        updatingUntil: r.updatingUntil,
      })),
      customerGateways: [...this.customerGateways.values()].map((c) => ({ ...c, Peer: this.peers.get(c.CustomerGatewayId) })),
      vpnConnections: [...this.connections.values()].map(({ connection, renegotiation }) => ({
        ...connection,
        // Epoch ms when the last renegotiation of a changed tunnel ends (0: none), like a gateway's updatingUntil.
        renegotiatingUntil: Math.max(0, ...[...renegotiation.values()].map((w) => w.until)),
        State: this.connectionState(connection),
        Status: this.connectionStatus(connection),
        TunnelStatus: Object.fromEntries(
          (connection.TunnelOptions ?? []).map((t) => [t.TunnelId, this.tunnelStatus(connection, t)]),
        ),
      })),
      clientTokens: this.clientTokens.size,
    };
  }
}

/** Every (customer gateway, IKE, IPsec) end of a connection: one for single-tunnel, one per tunnel for dual. */
export function endpoints(connection: VpnConnection): Array<{
  cgw: string;
  ike: VpnConnection['IkeConfig'];
  ipsec: VpnConnection['IpsecConfig'];
  tunnelId?: string;
}> {
  if (connection.TunnelOptions) {
    return connection.TunnelOptions.map((t) => ({
      cgw: t.CustomerGatewayId,
      ike: t.TunnelIkeConfig,
      ipsec: t.TunnelIpsecConfig,
      tunnelId: t.TunnelId,
    }));
  }
  return [{ cgw: connection.CustomerGatewayId, ike: connection.IkeConfig, ipsec: connection.IpsecConfig }];
}
