import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api, InventoryListing, InventoryProgress } from '../../../core/contract.ts';
import type { AppErrorShape } from '../../../core/errors.ts';
import { toErrorShape } from '../i18n/error-text.ts';
import { useApiEvent } from './events.ts';

export function useInventory(api: Api, profileId: string) {
  const [snapshot, setSnapshot] = useState<InventoryListing | null>(null);
  const [progress, setProgress] = useState<InventoryProgress | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<{ profileId: string; error: AppErrorShape } | null>(null);
  const generation = useRef(0);

  const fetch = useCallback(
    (refresh: boolean) => {
      const mine = ++generation.current;
      return api.loadInventory({ refresh }).then(
        (value) => {
          if (mine !== generation.current) return;
          // For the renderer bench: data in hand → tree painted is the renderer's own share of "show the inventory".
          performance.mark('ipsec:inventory-received', { detail: value.connections.length });
          setSnapshot(value);
          setError(null);
        },
        (reason: unknown) => {
          if (mine === generation.current) setError({ profileId, error: toErrorShape(reason) });
        },
      );
    },
    [api, profileId],
  );

  // A new profile: fetch its inventory (main serves its cache when offline).
  useEffect(() => {
    void fetch(false);
  }, [fetch]);

  const load = useCallback(
    async (refresh: boolean) => {
      setRefreshing(true);
      try {
        await fetch(refresh);
      } finally {
        setRefreshing(false);
      }
    },
    [fetch],
  );

  useApiEvent(api, 'inventoryProgress', (p) => {
    if (p.profileId === profileId) setProgress(p.phase === 'done' || p.phase === 'cancelled' || p.phase === 'failed' ? null : p);
  });

  // A snapshot of another profile (before the new one arrives) is not shown.
  const current = snapshot?.profileId === profileId ? snapshot : null;
  const currentError = error?.profileId === profileId ? error.error : null;
  return { snapshot: current, progress, loading: refreshing || (current === null && currentError === null), error: currentError, load };
}
