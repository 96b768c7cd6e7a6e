import { useEffect, useRef } from 'react';
import type { Api, EventName, EventPayload } from '../../../core/contract.ts';

/** Subscribes to one push event of the contract for the component's lifetime; the latest listener is always used. */
export function useApiEvent<E extends EventName>(api: Api, event: E, listener: (payload: EventPayload<E>) => void): void {
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => api.on(event, (payload) => ref.current(payload)), [api, event]);
}
