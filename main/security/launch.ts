// Launch decisions kept pure (no electron import) so tests pin them: where the renderer is loaded from, and whether
// DevTools may open.

/** The flag `npm run dev` sets. Without it an unpacked run (which is how `npm start` runs) never trusts the env URL. */
export const DEV_FLAG = 'IPSEC_STUDIO_DEV';

export interface LaunchFacts {
  isPackaged: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The dev server's URL when, and only when, this is an unpacked run started by the dev script and the URL is a
 * loopback http origin. Anything else loads the bundled renderer over app://: a stray ELECTRON_RENDERER_URL in the
 * environment must not make a page somewhere else the origin IPC trusts.
 */
export function devServerUrl({ isPackaged, env }: LaunchFacts): string | undefined {
  if (isPackaged || env[DEV_FLAG] !== '1') return undefined;
  const raw = env.ELECTRON_RENDERER_URL;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  return url.protocol === 'http:' && loopback && !url.username && !url.password ? url.href : undefined;
}

/** DevTools in unpacked runs only: a packaged build gives no console in which to call the bridge by hand. */
export function devToolsAllowed({ isPackaged }: Pick<LaunchFacts, 'isPackaged'>): boolean {
  return !isPackaged;
}
