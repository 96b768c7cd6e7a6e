// npm start: build, make sure an Electron binary exists (downloading it once where the network allows), launch.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, NO_ELECTRON_SENTENCE } from './electron-binary.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

let binary = findElectronBinary(root);
if (!binary && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  // electron >= 42 has no postinstall: the binary is fetched on first use. Its downloader's stack trace says
  // nothing useful to a user, so it is silenced and replaced by one sentence below.
  spawnSync(process.execPath, [path.join(root, 'node_modules/electron/install.js')], { cwd: root, stdio: 'ignore', timeout: 600_000 });
  binary = findElectronBinary(root);
}
if (!binary) {
  console.error(NO_ELECTRON_SENTENCE);
  process.exit(1);
}
const run = spawnSync(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 0);
