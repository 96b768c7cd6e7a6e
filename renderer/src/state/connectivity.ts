import { useState } from 'react';
import type { Api } from '../../../core/contract.ts';
import { useApiEvent } from './events.ts';

export interface Connectivity {
  online: boolean;
  checkedAt: string | null;
  reason?: string;
}

/** Main's view of the API's reachability; an inventory served from cache also means offline. */
export function useConnectivity(api: Api, inventorySource: 'live' | 'cache' | 'empty' | undefined): Connectivity {
  const [pushed, setPushed] = useState<Connectivity | null>(null);
  useApiEvent(api, 'connectivity', (c) => setPushed(c.reason === undefined ? { online: c.online, checkedAt: c.checkedAt } : c));
  if (pushed) return pushed;
  return { online: inventorySource !== 'cache', checkedAt: null };
}
