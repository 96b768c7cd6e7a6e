// Full connections, fetched from main per gateway when they are needed: the open connection's gateway (its live
// state, and the siblings the rules check it against) and the gateway of the connection it is compared with. The
// listing the tree shows carries only summaries, so showing 2,000 connections does not wait for all of them.
//
// Connections are held per listing: a new listing (a refresh, or the reload after an apply ends, which carries its
// read-back) fetches again what is in use and keeps showing the previous copy until the new one is in, so the
// editor does not blink. A failed fetch is tried again when the wanted gateways or the listing change, or on retry().
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Api, InventoryListing } from '../../../core/contract.ts';
import type { VpnConnection } from '../../../core/index.ts';
import { errorMessage } from '../api.ts';

interface Held {
  profileId: string;
  byGateway: ReadonlyMap<string, { listing: InventoryListing; connections: VpnConnection[] }>;
}

interface Failure {
  listing: InventoryListing;
  wanted: string;
  message: string;
}

export interface GatewayConnections {
  /** The gateway's connections, or undefined while they have not arrived yet. */
  connectionsOf(VpnGatewayId: string): readonly VpnConnection[] | undefined;
  /** Every held connection by id. */
  byId: ReadonlyMap<string, VpnConnection>;
  /** Why the wanted gateways' connections could not be fetched for the current listing. */
  error: string | null;
  retry(): void;
}

const NOTHING: Held = { profileId: '', byGateway: new Map() };

export function useGatewayConnections(api: Api, listing: InventoryListing | null, VpnGatewayIds: ReadonlyArray<string | undefined>): GatewayConnections {
  const [held, setHeld] = useState<Held>(NOTHING);
  const [failure, setFailure] = useState<Failure | null>(null);
  // Gateway → the listing it is being fetched for, so re-renders do not ask twice.
  const inFlight = useRef(new Map<string, InventoryListing>());
  const wanted = [...new Set(VpnGatewayIds.filter((id): id is string => !!id))].sort().join('\n');
  const failedHere = failure !== null && failure.listing === listing && failure.wanted === wanted;

  useEffect(() => {
    if (!listing || wanted === '' || failedHere) return;
    const current = held.profileId === listing.profileId ? held.byGateway : NOTHING.byGateway;
    const missing = wanted.split('\n').filter((id) => current.get(id)?.listing !== listing && inFlight.current.get(id) !== listing);
    if (missing.length === 0) return;
    for (const id of missing) inFlight.current.set(id, listing);
    api
      .loadGatewayConnections({ VpnGatewayIds: missing })
      .then(
        (reply) => {
          if (reply.profileId !== listing.profileId) return;
          setHeld((previous) => {
            const byGateway = new Map(previous.profileId === listing.profileId ? previous.byGateway : []);
            // What an older listing left and nobody asked for again is dropped.
            for (const [id, entry] of byGateway) if (entry.listing !== listing && !missing.includes(id)) byGateway.delete(id);
            for (const id of missing) byGateway.set(id, { listing, connections: [] });
            for (const { connection } of reply.connections) byGateway.get(connection.VpnGatewayId)?.connections.push(connection);
            return { profileId: listing.profileId, byGateway };
          });
          setFailure(null);
        },
        (reason: unknown) => setFailure({ listing, wanted, message: errorMessage(reason) }),
      )
      .finally(() => {
        for (const id of missing) if (inFlight.current.get(id) === listing) inFlight.current.delete(id);
      });
  }, [api, listing, wanted, held, failedHere]);

  const byGateway = listing && held.profileId === listing.profileId ? held.byGateway : NOTHING.byGateway;
  const error = failedHere ? failure.message : null;
  const retry = useCallback(() => setFailure(null), []);
  return useMemo(() => {
    const byId = new Map<string, VpnConnection>();
    for (const { connections } of byGateway.values()) for (const c of connections) byId.set(c.VpnConnectionId, c);
    return { connectionsOf: (id: string) => byGateway.get(id)?.connections, byId, error, retry };
  }, [byGateway, error, retry]);
}
