// The only hosts the app may open in the user's browser (documentation and the console). Anything else, including
// http:, file: and custom schemes, is refused so a crafted link in data cannot launch local programs.
export const EXTERNAL_HOST_ALLOWLIST: readonly string[] = [
  'help.aliyun.com',
  'www.alibabacloud.com',
  'api.aliyun.com',
  'vpc.console.aliyun.com',
  'vpc.console.alibabacloud.com',
];

export function isAllowedExternalUrl(rawUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return EXTERNAL_HOST_ALLOWLIST.includes(url.hostname);
}
