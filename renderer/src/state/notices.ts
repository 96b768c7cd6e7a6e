// Notices: main's appNotice pushes and the renderer's own failures (an apply refused, an export that failed), shown
// above the workspace until dismissed.
import { useCallback, useState } from 'react';
import type { Api, EventPayload } from '../../../core/contract.ts';
import { toErrorShape } from '../i18n/error-text.ts';
import { useApiEvent } from './events.ts';

/** Worded when shown, by code (core/i18n), like every error from main. */
export type Notice = EventPayload<'appNotice'> & { id: number };

/** How many of main's notices stay on screen at once: a burst (a damaged store, a flaky keychain) does not pile up. */
const KEPT_MAIN_NOTICES = 4;

const noticeId = () => Date.now() + Math.random();

export interface Notices {
  notices: readonly Notice[];
  /** Shows a failure a call rejected with. */
  report(reason: unknown): void;
  dismiss(id: number): void;
}

export function useNotices(api: Api): Notices {
  const [notices, setNotices] = useState<Notice[]>([]);
  useApiEvent(api, 'appNotice', (n) => setNotices((list) => [...list.slice(1 - KEPT_MAIN_NOTICES), { ...n, id: noticeId() }]));
  const report = useCallback((reason: unknown) => setNotices((list) => [...list, { ...toErrorShape(reason), level: 'error', id: noticeId() }]), []);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((x) => x.id !== id)), []);
  return { notices, report, dismiss };
}
