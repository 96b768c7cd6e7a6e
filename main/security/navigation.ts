import { originOf } from './origin.ts';

// The window never leaves the app: in-page navigation to another origin, redirects and new windows are refused.
export function isAllowedNavigation(targetUrl: string, appOrigin: string): boolean {
  return originOf(targetUrl) === appOrigin;
}

/** Decision for setWindowOpenHandler: always deny; links that should open go through openExternalSafely. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Permission requests (camera, notifications, clipboard-read, …): this app needs none. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/** <webview> is disabled in webPreferences too; this guards against a future flip of that flag. */
export function mayAttachWebview(): boolean {
  return false;
}
