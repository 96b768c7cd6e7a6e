// Pre-check reasons and impact lines on screen, worded by code in the language on screen (core/i18n/peer-messages.ts).
import { useCallback } from 'react';
import { formatPeerMessage } from '../../../core/i18n/peer-messages.ts';
import type { PrecheckReason } from '../../../core/peer/precheck.ts';
import { useLang } from './index.ts';

export function usePeerText(): (reason: Pick<PrecheckReason, 'code' | 'params'>) => string {
  const lang = useLang();
  return useCallback((reason) => formatPeerMessage(reason.code, reason.params ?? {}, lang), [lang]);
}
