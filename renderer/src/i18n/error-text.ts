// Errors on screen: kept as main sent them (code, params, main's English message for support) and worded only when
// shown, by code, in the language on screen now; so a language switch rewords errors already shown.
import { useCallback } from 'react';
import { isAppErrorShape, type AppErrorShape } from '../../../core/errors.ts';
import { describeError } from '../../../core/i18n/describe-error.ts';
import { useLang } from './index.ts';

/** Anything a call rejected with, as the one error shape (a renderer-side failure gets a code of its own). */
export function toErrorShape(reason: unknown): AppErrorShape {
  if (isAppErrorShape(reason)) return reason;
  return { code: 'Renderer.Failed', message: reason instanceof Error ? reason.message : String(reason), params: { detail: reason instanceof Error ? reason.message : String(reason) } };
}

export function useErrorText(): (error: AppErrorShape) => string {
  const lang = useLang();
  return useCallback((error: AppErrorShape) => describeError(error, lang), [lang]);
}
