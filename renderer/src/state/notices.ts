// Notices at the top of the window: main's appNotice pushes (the last few) and failures of what the user asked for.
import { useCallback, useState } from 'react';
import type { Api, EventPayload } from '../../../core/contract.ts';
import { isAppErrorShape } from '../../../core/errors.ts';
import { errorMessage } from '../api.ts';
import { useApiEvent } from './events.ts';

export type Notice = EventPayload<'appNotice'> & { id: number };

/** A failure as a notice: main's message on screen, its code kept for support (title / data-code), not shown. */
export function errorNotice(reason: unknown, fallbackCode: string): Notice {
  const id = Date.now() + Math.random();
  if (isAppErrorShape(reason)) return { id, level: 'error', code: reason.code, message: reason.message };
  return { id, level: 'error', code: fallbackCode, message: errorMessage(reason) };
}

export function useNotices(api: Api) {
  const [notices, setNotices] = useState<Notice[]>([]);
  useApiEvent(api, 'appNotice', (n) => setNotices((list) => [...list.slice(-3), { ...n, id: Date.now() + Math.random() }]));
  /** Shows a failure (`fallbackCode` when it carries no code of its own). */
  const report = useCallback((reason: unknown, fallbackCode: string) => setNotices((list) => [...list, errorNotice(reason, fallbackCode)]), []);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((x) => x.id !== id)), []);
  return { notices, report, dismiss };
}
