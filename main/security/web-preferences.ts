// The only place a BrowserWindow's webPreferences are built. Kept pure (no electron import) so a unit test pins
// every security-relevant value; a source scan forbids insecure literals anywhere else.

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  spellcheck: false;
  /** Off in packaged builds (see launch.ts). */
  devTools: boolean;
}

/** What every window of the app gets, whatever it shows. */
const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

export function buildWebPreferences(preloadPath: string, { devTools }: { devTools: boolean } = { devTools: false }): SecureWebPreferences {
  return { preload: preloadPath, ...LOCKED_DOWN, devTools };
}

/** The hidden window that prints the change sheet: the same lock-down, no preload, and no script at all (the page is
 * static HTML built by core, and nothing in it may run). */
export function buildPrintWebPreferences(): Omit<SecureWebPreferences, 'preload' | 'devTools'> & { javascript: false; devTools: false } {
  return { ...LOCKED_DOWN, javascript: false, devTools: false };
}
