// The open connection's live state, read through main (DescribeVpnConnection) when it is opened and again for every
// new revision of main's snapshot. The inventory's copy comes from DescribeVpnConnections, which leaves out
// BgpConfig.EnableBgp, and may be older than the connection: editing from it could send a value nobody chose. A
// read counts only for the profile and revision it was made for: after a refresh or an apply's read-back, edits
// never start from the copy before it. Until the read is in, the editor shows nothing to edit. When main cannot
// read it live (offline, no credentials in this session, throttled) it answers with its own copy and says why.
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorShape } from '../../../core/errors.ts';
import type { Api, InventoryListing } from '../../../core/contract.ts';
import { revisionOf } from '../../../core/inventory-listing.ts';
import type { VpnConnection } from '../../../core/index.ts';
import { toErrorShape } from '../i18n/error-text.ts';
import type { Selection } from './editor-session.ts';

interface Read {
  revision: string;
  VpnConnectionId: string;
  connection?: VpnConnection;
  fetchedAt?: string | null;
  /** Why this is main's copy and not a live read. */
  notLive?: AppErrorShape;
  /** Neither read live nor held by main. */
  missing?: boolean;
  error?: AppErrorShape;
}

export interface LiveConnection {
  connection: VpnConnection | undefined;
  fetchedAt: string | null;
  notLive: AppErrorShape | null;
  missing: boolean;
  error: AppErrorShape | null;
  retry(): void;
}

export function useLiveConnection(api: Api, listing: InventoryListing | null, selection: Selection | null): LiveConnection {
  const [read, setRead] = useState<Read | null>(null);
  const [attempt, setAttempt] = useState(0);
  const RegionId = selection?.RegionId;
  const VpnConnectionId = selection?.VpnConnectionId;
  const revision = listing ? revisionOf(listing) : '';
  const profileId = listing?.profileId;

  useEffect(() => {
    if (!profileId || !RegionId || !VpnConnectionId) return;
    let current = true;
    api.refreshConnection({ RegionId, VpnConnectionId }).then(
      (reply) => {
        if (!current || reply.profileId !== profileId) return;
        setRead({
          revision,
          VpnConnectionId,
          fetchedAt: reply.fetchedAt,
          ...(reply.entry ? { connection: reply.entry.connection } : { missing: true }),
          ...(reply.reason && { notLive: reply.reason }),
        });
      },
      (reason: unknown) => {
        if (current) setRead({ revision, VpnConnectionId, error: toErrorShape(reason) });
      },
    );
    return () => {
      current = false;
    };
  }, [api, profileId, revision, RegionId, VpnConnectionId, attempt]);

  const mine = read && revision !== '' && read.revision === revision && read.VpnConnectionId === VpnConnectionId ? read : null;
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return {
    connection: mine?.connection,
    fetchedAt: mine?.fetchedAt ?? null,
    notLive: mine?.notLive ?? null,
    missing: mine?.missing === true,
    error: mine?.error ?? null,
    retry,
  };
}
