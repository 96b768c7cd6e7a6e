// npm run dev: electron-vite's dev server with hot reload. Sets the flag without which main ignores the dev server's
// URL (main/security/launch.ts), so only this script, never a stray environment variable, points the app elsewhere.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_FLAG } from '../main/security/launch.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'dev', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, [DEV_FLAG]: '1' },
});
process.exit(run.status ?? 1);
