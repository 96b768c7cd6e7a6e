import { shell } from 'electron';
import { isAllowedExternalUrl } from '../security/external-links.ts';

// The one call site of shell.openExternal in the code base (a source-scan test keeps it that way).
export async function openExternalSafely(url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}
