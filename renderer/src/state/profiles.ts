import { useCallback, useEffect, useState } from 'react';
import type { Api, ProfilesState } from '../../../core/contract.ts';
import type { AppErrorShape } from '../../../core/errors.ts';
import { toErrorShape } from '../i18n/error-text.ts';
import { useApiEvent } from './events.ts';

/** Shown until main answers (and if it cannot): the Sandbox is always there. */
export const SANDBOX_ONLY: ProfilesState = {
  profiles: [
    { profileId: 'sandbox', name: 'Sandbox', kind: 'Sandbox', regionId: 'cn-hangzhou', accessKeyIdMasked: null, hasSecret: false, sessionOnly: false, builtIn: true },
  ],
  activeProfileId: 'sandbox',
  keychain: { backend: 'unavailable', available: false, detail: '…' },
};

export function useProfiles(api: Api) {
  const [state, setState] = useState<ProfilesState>(SANDBOX_ONLY);
  const [error, setError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    let live = true;
    api.listProfiles().then(
      (value) => live && setState(value),
      (reason: unknown) => live && setError(toErrorShape(reason)),
    );
    return () => {
      live = false;
    };
  }, [api]);

  useApiEvent(api, 'profilesChanged', setState);

  const switchTo = useCallback(
    async (profileId: string) => {
      try {
        setState(await api.switchProfile({ profileId }));
        setError(null);
      } catch (reason) {
        setError(toErrorShape(reason));
      }
    },
    [api],
  );

  return { state, error, setState, switchTo };
}
