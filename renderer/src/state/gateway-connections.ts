// Full connections, fetched from main per gateway when they are needed: the open connection's gateway (its live
// state, and the siblings the rules check it against) and the gateway of the connection it is compared with. The
// listing the tree shows carries only summaries, so showing 2,000 connections does not wait for all of them.
//
// Connections are held per revision of main's snapshot: a new one (a refresh, or an apply's read-back) fetches again
// what is in use and keeps showing the previous copy until the new one is in, so the editor does not blink; the
// same revision answered again (the offline retries reload the listing every few seconds) fetches nothing. A failed
// fetch is tried again when the wanted gateways or the revision change, or on retry().
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Api, InventoryListing } from '../../../core/contract.ts';
import { revisionOf } from '../../../core/inventory-listing.ts';
import type { VpnConnection } from '../../../core/index.ts';
import type { AppErrorShape } from '../../../core/errors.ts';
import { toErrorShape } from '../i18n/error-text.ts';

interface Held {
  profileId: string;
  byGateway: ReadonlyMap<string, { revision: string; connections: VpnConnection[] }>;
}

interface Failure {
  revision: string;
  wanted: string;
  error: AppErrorShape;
}

export interface GatewayConnections {
  /** The gateway's connections, or undefined while they have not arrived yet. */
  connectionsOf(VpnGatewayId: string): readonly VpnConnection[] | undefined;
  /** Every held connection by id. */
  byId: ReadonlyMap<string, VpnConnection>;
  /** Why the wanted gateways' connections could not be fetched for the current revision. */
  error: AppErrorShape | null;
  retry(): void;
}

const NOTHING: Held = { profileId: '', byGateway: new Map() };

export function useGatewayConnections(api: Api, listing: InventoryListing | null, VpnGatewayIds: ReadonlyArray<string | undefined>): GatewayConnections {
  const [held, setHeld] = useState<Held>(NOTHING);
  const [failure, setFailure] = useState<Failure | null>(null);
  // Gateway → the revision it is being fetched for, so re-renders do not ask twice.
  const inFlight = useRef(new Map<string, string>());
  const wanted = [...new Set(VpnGatewayIds.filter((id): id is string => !!id))].sort().join('\n');
  const revision = listing ? revisionOf(listing) : '';
  const profileId = listing?.profileId;
  const failedHere = failure !== null && failure.revision === revision && failure.wanted === wanted;
  // Asking for other gateways forgets the failure: coming back to these asks again.
  if (failure !== null && failure.wanted !== wanted) setFailure(null);

  useEffect(() => {
    if (!profileId || wanted === '' || failedHere) return;
    const current = held.profileId === profileId ? held.byGateway : NOTHING.byGateway;
    const missing = wanted.split('\n').filter((id) => current.get(id)?.revision !== revision && inFlight.current.get(id) !== revision);
    if (missing.length === 0) return;
    for (const id of missing) inFlight.current.set(id, revision);
    api
      .loadGatewayConnections({ VpnGatewayIds: missing })
      .then(
        (reply) => {
          if (reply.profileId !== profileId) return;
          setHeld((previous) => {
            const byGateway = new Map(previous.profileId === profileId ? previous.byGateway : []);
            // What an older revision left and nobody asked for again is dropped.
            for (const [id, entry] of byGateway) if (entry.revision !== revision && !missing.includes(id)) byGateway.delete(id);
            for (const id of missing) byGateway.set(id, { revision, connections: [] });
            for (const { connection } of reply.connections) byGateway.get(connection.VpnGatewayId)?.connections.push(connection);
            return { profileId, byGateway };
          });
          setFailure(null);
        },
        (reason: unknown) => setFailure({ revision, wanted, error: toErrorShape(reason) }),
      )
      .finally(() => {
        for (const id of missing) if (inFlight.current.get(id) === revision) inFlight.current.delete(id);
      });
  }, [api, profileId, revision, wanted, held, failedHere]);

  const byGateway = profileId && held.profileId === profileId ? held.byGateway : NOTHING.byGateway;
  const error = failedHere ? failure.error : null;
  const retry = useCallback(() => setFailure(null), []);
  return useMemo(() => {
    const byId = new Map<string, VpnConnection>();
    for (const { connections } of byGateway.values()) for (const c of connections) byId.set(c.VpnConnectionId, c);
    return { connectionsOf: (id: string) => byGateway.get(id)?.connections, byId, error, retry };
  }, [byGateway, error, retry]);
}
