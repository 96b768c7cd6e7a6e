import { useEffect, useLayoutEffect, useRef } from 'react';
import { matchShortcut, type ShortcutId } from './shortcuts.ts';

/** Global keyboard shortcuts (dialogs handle Escape themselves); the latest handlers are always used. */
export function useGlobalShortcuts(handlers: Partial<Record<ShortcutId, () => void>>): void {
  const ref = useRef(handlers);
  useLayoutEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const id = matchShortcut(e);
      const handler = id ? ref.current[id] : undefined;
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
