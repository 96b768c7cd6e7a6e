import { createApi, type Bridge } from '../../core/api-client.ts';
import type { Api } from '../../core/contract.ts';

declare global {
  interface Window {
    /** Exposed by the preload (or by the e2e bridge). */
    bridge: Bridge;
  }
}

/** The typed API over the preload's bridge; replies are parsed here, in the renderer's world. */
export function getApi(): Api {
  return createApi(window.bridge.invoke, window.bridge.on);
}
