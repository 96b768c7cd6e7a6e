import type { Api } from '../../core/contract.ts';
import { isAppErrorShape } from '../../core/errors.ts';

declare global {
  interface Window {
    api: Api;
  }
}

/** The bridge exposed by the preload (or by the e2e bridge / a typed fake in tests). */
export function getApi(): Api {
  return window.api;
}

export function errorMessage(reason: unknown): string {
  if (isAppErrorShape(reason)) return `${reason.message} (${reason.code})`;
  return reason instanceof Error ? reason.message : String(reason);
}
