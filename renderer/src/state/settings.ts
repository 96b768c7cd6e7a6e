import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import type { Api, Settings } from '../../../core/contract.ts';
import { i18n, resolveLang, systemLanguage } from '../i18n/index.ts';

export const DEFAULT_SETTINGS: Settings = { language: 'system', theme: 'system', confirmWindowSeconds: 0, settleSeconds: 20 };

function prefersDark(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Settings from main (defaults when main cannot answer), applied to the document: language and `data-theme`. */
export function useSettings(api: Api) {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [systemDark, setSystemDark] = useState(prefersDark);

  useEffect(() => {
    let live = true;
    api.getSettings().then(
      (value) => live && setSettings(value),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setSystemDark(query.matches);
    query.addEventListener?.('change', onChange);
    return () => query.removeEventListener?.('change', onChange);
  }, []);

  const lang = resolveLang(settings.language, systemLanguage());
  const theme = settings.theme === 'system' ? (systemDark ? 'dark' : 'light') : settings.theme;

  // Layout effects: the language and theme are in place before the browser paints (no flash of the wrong one).
  useLayoutEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [lang]);

  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const update = useCallback(
    async (patch: Partial<Settings>) => {
      setSettings((s) => ({ ...s, ...patch }));
      try {
        setSettings(await api.updateSettings(patch));
      } catch {
        // Keep the local choice for this session even when main cannot store it.
      }
    },
    [api],
  );

  return { settings, update, lang, theme };
}
