import { originOf } from './origin.ts';

/** What the dispatcher needs to know about the frame that sent an IPC message. */
export interface SenderFrame {
  url: string;
  isMainFrame: boolean;
}

// Only the app's own top-level document may call main: a subframe, a navigated-away page or a look-alike origin
// could otherwise reach every handler.
export function isTrustedSender(frame: SenderFrame | null | undefined, allowedOrigins: readonly string[]): boolean {
  if (!frame || !frame.isMainFrame) return false;
  const origin = originOf(frame.url);
  return origin !== null && allowedOrigins.includes(origin);
}
