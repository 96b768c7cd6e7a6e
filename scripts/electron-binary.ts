// Where the Electron executable is, without triggering electron's lazy download (requiring the `electron`
// package from Node would start one).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function findElectronBinary(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const packageDir = path.join(projectRoot, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : defaultExecutable();
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : path.join(packageDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

function defaultExecutable(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}

export const NO_ELECTRON_SENTENCE =
  'No Electron binary is available on this machine (it could not be downloaded): download Electron 45 for your ' +
  'platform from https://github.com/electron/electron/releases, unpack it, and set ELECTRON_OVERRIDE_DIST_PATH to ' +
  'that folder, then run npm start again.';
