/** RFC 3986 percent-encoding as Alibaba's signatures use it: only A-Z a-z 0-9 - _ . ~ stay raw. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Sorted `k=v&k=v` over decoded parameters, sorted by name then value, both sides RFC 3986-encoded. */
export function canonicalQuery(params: ReadonlyArray<readonly [string, string]>): string {
  return [...params]
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
}
