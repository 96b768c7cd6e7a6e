// Notices: main's appNotice pushes and the renderer's own failures (an apply refused, an export that failed), shown
// above the workspace until dismissed.
import { useCallback, useState } from 'react';
import type { Api, EventPayload } from '../../../core/contract.ts';
import { isAppErrorShape } from '../../../core/errors.ts';
import { errorMessage } from '../api.ts';
import { useApiEvent } from './events.ts';

export type Notice = EventPayload<'appNotice'> & { id: number };

/** How many of main's notices stay on screen at once: a burst (a damaged store, a flaky keychain) does not pile up. */
const KEPT_MAIN_NOTICES = 4;

/** A failure as a notice: main's message on screen, its code kept for support (title / data-code), not shown. */
export function errorNotice(reason: unknown, fallbackCode: string): Notice {
  const id = Date.now() + Math.random();
  if (isAppErrorShape(reason)) return { id, level: 'error', code: reason.code, message: reason.message };
  return { id, level: 'error', code: fallbackCode, message: errorMessage(reason) };
}

export interface Notices {
  notices: readonly Notice[];
  /** Shows a failure; `fallbackCode` names the action when the reason carries no code of its own. */
  report(reason: unknown, fallbackCode: string): void;
  dismiss(id: number): void;
}

export function useNotices(api: Api): Notices {
  const [notices, setNotices] = useState<Notice[]>([]);
  useApiEvent(api, 'appNotice', (n) => setNotices((list) => [...list.slice(1 - KEPT_MAIN_NOTICES), { ...n, id: Date.now() + Math.random() }]));
  const report = useCallback((reason: unknown, fallbackCode: string) => setNotices((list) => [...list, errorNotice(reason, fallbackCode)]), []);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((x) => x.id !== id)), []);
  return { notices, report, dismiss };
}
