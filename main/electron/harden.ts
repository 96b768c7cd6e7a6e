import type { Session, WebContents } from 'electron';
import { isAllowedNavigation, isPermissionGranted, mayAttachWebview, windowOpenDecision } from '../security/navigation.ts';

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => callback(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_webContents, permission) => isPermissionGranted(permission));
}

export function hardenWebContents(contents: WebContents, appOrigin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appOrigin)) event.preventDefault();
  });
  // A subframe's navigation does not raise will-navigate: the same policy for it.
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url, appOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    if (!mayAttachWebview()) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => windowOpenDecision());
}
