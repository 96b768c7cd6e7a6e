// The open connection's live state, read through main (DescribeVpnConnection) when it is opened and again when a new
// listing arrives. The inventory's copy comes from DescribeVpnConnections, which leaves out BgpConfig.EnableBgp, and
// may be older than the connection: editing from it could send a value nobody chose. Until the read is in, the
// editor shows nothing to edit; offline, main answers with its own copy.
import { useCallback, useEffect, useState } from 'react';
import type { Api, InventoryListing } from '../../../core/contract.ts';
import type { VpnConnection } from '../../../core/index.ts';
import { errorMessage } from '../api.ts';
import type { Selection } from './editor-session.ts';

interface Read {
  VpnConnectionId: string;
  connection?: VpnConnection;
  error?: string;
}

export function useLiveConnection(api: Api, listing: InventoryListing | null, selection: Selection | null) {
  const [read, setRead] = useState<Read | null>(null);
  const [attempt, setAttempt] = useState(0);
  const RegionId = selection?.RegionId;
  const VpnConnectionId = selection?.VpnConnectionId;

  useEffect(() => {
    if (!listing || !RegionId || !VpnConnectionId) return;
    let current = true;
    api.refreshConnection({ RegionId, VpnConnectionId }).then(
      (reply) => {
        if (!current || reply.profileId !== listing.profileId) return;
        setRead(reply.entry ? { VpnConnectionId, connection: reply.entry.connection } : { VpnConnectionId, error: `${VpnConnectionId} is not in this profile's inventory.` });
      },
      (reason: unknown) => {
        if (current) setRead({ VpnConnectionId, error: errorMessage(reason) });
      },
    );
    return () => {
      current = false;
    };
  }, [api, listing, RegionId, VpnConnectionId, attempt]);

  // The previous read of the same connection stays until the next one is in (a new listing does not blank the editor).
  const mine = read && read.VpnConnectionId === VpnConnectionId ? read : null;
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { connection: mine?.connection, error: mine?.error ?? null, retry };
}
