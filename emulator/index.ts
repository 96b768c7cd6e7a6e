import type { AddressInfo } from 'node:net';
import type { PartialTunnel, TunnelModeMismatch } from './actions/context.ts';
import { ADMIN_PREFIX } from './admin.ts';
import { defaultAccessKeys, SANDBOX_CREDENTIALS } from './auth/credentials.ts';
import { NonceStore } from './auth/nonces.ts';
import { Faults } from './faults.ts';
import defaultSeedJson from './seed/default.json' with { type: 'json' };
import { createEmulatorServer } from './server.ts';
import { Store } from './state/store.ts';
import { connectionDescribeView, type DualTopLevel } from './state/views.ts';
import type { AccessKey, EmulatorSeed, FaultConfig, NegotiationStatus, PeerConfig } from './types.ts';

export type {
  AccessKey,
  CustomerGateway,
  EmulatorSeed,
  FaultConfig,
  LostAnswerKind,
  PeerConfig,
  Region,
  SeedCustomerGateway,
  SeedTunnel,
  SeedVpnConnection,
  SeedVpnGateway,
  Tunnel,
  UnsupportedOperation,
  VpnConnection,
  VpnGateway,
} from './types.ts';
export {
  SANDBOX_CREDENTIALS,
  SANDBOX_EXPIRED_STS_CREDENTIALS,
  SANDBOX_READONLY_CREDENTIALS,
  SANDBOX_STS_CREDENTIALS,
} from './auth/credentials.ts';
export { v1Signature, v1StringToSign } from './auth/v1.ts';
export { parseAuthorization, sha256Hex, v3CanonicalRequest, v3Signature, v3StringToSign } from './auth/v3.ts';
export type { V3Input } from './auth/v3.ts';
export { percentEncode, canonicalQuery } from './auth/encode.ts';
export { DEFAULT_FAULTS, LOST_ANSWER_KINDS, parseFaultSpec } from './faults.ts';
export { generateInventory } from './seed/generate.ts';
export type { GenerateOptions } from './seed/generate.ts';
export { ADMIN_PREFIX } from './admin.ts';

export const DEFAULT_SEED: EmulatorSeed = defaultSeedJson as EmulatorSeed;
export const DEFAULT_UPDATE_SECONDS = 2;
export const DEFAULT_RENEGOTIATE_SECONDS = 0;

export interface EmulatorOptions {
  /** 0 (default) picks an ephemeral port. The host is always 127.0.0.1. */
  port?: number;
  seed?: EmulatorSeed;
  /** How long a gateway stays `updating` after a modification. */
  updateSeconds?: number;
  /**
   * After an update ends, how long each tunnel whose negotiation settings the Modify changed reads
   * `ike_sa_not_established` before it negotiates. Default 0 (straight to the negotiated status).
   */
  renegotiateSeconds?: number;
  faults?: Partial<FaultConfig>;
  /** What Describe* puts in the top-level IkeConfig/IpsecConfig of a dual-tunnel connection (undocumented upstream). */
  dualTopLevelIkeConfig?: DualTopLevel;
  /** Single-tunnel parameters sent for a dual-tunnel connection (or vice versa): refuse (default) or ignore. */
  tunnelModeMismatch?: TunnelModeMismatch;
  /** A tunnel element that leaves out part of its tunnel: reset it to the creation defaults (default) or keep it. */
  partialTunnel?: PartialTunnel;
  /**
   * Decides each modified tunnel's negotiation instead of the simulated peer, e.g. with real strongSwan daemons
   * (test/ike). Receives the connection as DescribeVpnConnection returns it (PSKs included) and the TunnelId (null
   * for a single-tunnel connection). Off by default.
   */
  peerNegotiator?: (describedConnection: Record<string, unknown>, tunnelId: string | null) => Promise<NegotiationStatus>;
  /** Epoch-ms clock; drives signature time windows and the `updating` → `active` cycle. */
  clock?: () => number;
  /** Replaces the sandbox keys. */
  accessKeys?: AccessKey[];
}

export interface RunningEmulator {
  endpoint: string;
  port: number;
  credentials: { accessKeyId: string; accessKeySecret: string };
  adminUrl: string;
  close(): Promise<void>;
  setFaults(f: Partial<FaultConfig>): void;
  modificationCount(vpnGatewayId: string): number;
  dumpState(): unknown;
  setPeer(customerGatewayId: string, peerConfig: PeerConfig): void;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = new Store(options.seed ?? DEFAULT_SEED, {
    clock: options.clock ?? Date.now,
    updateSeconds: options.updateSeconds ?? DEFAULT_UPDATE_SECONDS,
    renegotiateSeconds: options.renegotiateSeconds ?? DEFAULT_RENEGOTIATE_SECONDS,
  });
  const { peerNegotiator } = options;
  if (peerNegotiator) {
    store.negotiator = (connection, tunnelId) => peerNegotiator(connectionDescribeView(store, connection, { plural: false, dualTopLevel: options.dualTopLevelIkeConfig ?? 'empty' }), tunnelId);
  }
  const faults = new Faults();
  if (options.faults) faults.set(options.faults);
  const keys = options.accessKeys ?? defaultAccessKeys();
  const { server, hangingSockets } = createEmulatorServer({
    store,
    faults,
    keys: new Map(keys.map((k) => [k.accessKeyId, k])),
    nonces: new NonceStore(),
    dualTopLevel: options.dualTopLevelIkeConfig ?? 'empty',
    tunnelModeMismatch: options.tunnelModeMismatch ?? 'reject',
    partialTunnel: options.partialTunnel ?? 'reset',
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const primary = keys[0] ?? SANDBOX_CREDENTIALS;
  let closed: Promise<void> | undefined;
  return {
    endpoint: `127.0.0.1:${port}`,
    port,
    credentials: { accessKeyId: primary.accessKeyId, accessKeySecret: primary.accessKeySecret },
    adminUrl: `http://127.0.0.1:${port}${ADMIN_PREFIX}`,
    close() {
      closed ??= new Promise<void>((resolve) => {
        // No negotiation is asked after close; the one in flight is waited for.
        const negotiations = store.stopNegotiations();
        for (const socket of hangingSockets) socket.destroy();
        server.close(() => void negotiations.then(resolve));
        server.closeAllConnections();
      });
      return closed;
    },
    setFaults(f) {
      faults.set(f);
    },
    modificationCount(id) {
      return store.modificationCount(id);
    },
    dumpState() {
      return store.dump();
    },
    setPeer(id, peer) {
      store.setPeer(id, peer);
    },
  };
}
