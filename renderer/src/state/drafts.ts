import { useCallback, useEffect, useState } from 'react';
import type { Api, DraftSummary } from '../../../core/contract.ts';
import { useApiEvent } from './events.ts';

export function useDrafts(api: Api, profileId: string) {
  const [drafts, setDrafts] = useState<DraftSummary[]>([]);
  const reload = useCallback(async () => {
    try {
      setDrafts(await api.listDrafts());
    } catch {
      // Listed again on the next draftsChanged event.
    }
  }, [api]);
  useEffect(() => {
    let live = true;
    api.listDrafts().then(
      (list) => live && setDrafts(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, profileId]);
  useApiEvent(api, 'draftsChanged', ({ drafts: next }) => setDrafts(next));
  return { drafts: drafts.filter((d) => d.profileId === profileId), all: drafts, reload };
}
