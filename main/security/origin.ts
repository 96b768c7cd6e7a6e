// The renderer's own origin. In production it is served from the privileged custom scheme below; in tests from
// http://127.0.0.1:<port>. WHATWG URL gives custom schemes the opaque origin "null", so origins are compared as
// "scheme://host[:port]" built by hand.
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function originOf(rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` && url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return `${url.protocol}//${url.host}`;
}
