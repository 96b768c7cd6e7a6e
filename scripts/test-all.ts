// `npm test`: every test layer in order, then one closing line "N passed, N failed, N skipped" that sums them all.
// Checks that are not test runners (type-check, lint, build) count as one test each.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const resultsDir = path.join(root, 'test-results');

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

// The keychain tests use a real gnome-keyring, in a private D-Bus session so they never touch the user's own.
if (process.platform === 'linux' && !process.env.IPSEC_STUDIO_IN_DBUS && hasCommand('dbus-run-session') && hasCommand('gnome-keyring-daemon')) {
  const child = spawnSync('dbus-run-session', ['--', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, IPSEC_STUDIO_IN_DBUS: '1' },
  });
  process.exit(child.status ?? 1);
}

if (process.env.IPSEC_STUDIO_IN_DBUS) {
  // Keyring files go to a fresh folder: the daemon would otherwise open the user's own ~/.local/share/keyrings,
  // whose login keyring does not unlock with the test password (items then fail with "locked collection").
  const keyringHome = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-keyring-'));
  const keyring = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
    input: 'test-keyring-password',
    encoding: 'utf8',
    env: { ...process.env, XDG_DATA_HOME: keyringHome },
  });
  for (const line of keyring.stdout.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) process.env[match[1]!] = match[2]!;
  }
  if (keyring.status === 0) process.env.IPSEC_STUDIO_TEST_KEYRING = '1';
  console.log(keyring.status === 0 ? 'keychain: gnome-keyring unlocked in a private D-Bus session' : 'keychain: gnome-keyring failed to start');
} else {
  console.log('keychain: no dbus-run-session/gnome-keyring here; the real-keychain tests will skip');
}

// Tools started below (vitest, playwright, workers) must run on the project's Node 22 even when this script was
// started without npm, which is what puts node_modules/.bin first.
process.env.PATH = `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`;
const electronBinary = findElectronBinary(root);
process.env.IPSEC_STUDIO_ELECTRON_BINARY = electronBinary ?? '';
// An accidental require('electron') from a test must fail fast instead of starting a download.
process.env.ELECTRON_OVERRIDE_DIST_PATH = path.join(root, 'node_modules', '.no-electron-in-tests');
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const rows: string[] = [];

function run(command: string, args: string[], options: SpawnSyncOptions = {}): number {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status ?? 1;
}

function check(label: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${label}`);
  const ok = run(command, args) === 0;
  add(label, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
  return ok;
}

function add(label: string, tally: Tally): void {
  total.passed += tally.passed;
  total.failed += tally.failed;
  total.skipped += tally.skipped;
  rows.push(`${label}: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

check('typecheck core (no Node, no DOM)', bin('tsc'), ['-p', 'tsconfig.core.json']);
check('typecheck node side', bin('tsc'), ['-p', 'tsconfig.node.json']);
check('typecheck renderer', bin('tsc'), ['-p', 'tsconfig.web.json']);
check('lint', bin('eslint'), ['.']);
const built = check('build', bin('electron-vite'), ['build']);

console.log('\n=== unit + component tests (vitest)');
const vitestJson = path.join(resultsDir, 'vitest.json');
const vitestStatus = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(vitestJson);
if (vitest) {
  add('vitest', {
    passed: vitest.numPassedTests,
    failed: vitest.numFailedTests + (vitestStatus !== 0 && vitest.numFailedTests === 0 ? 1 : 0),
    skipped: vitest.numPendingTests + vitest.numTodoTests,
  });
} else {
  add('vitest', { passed: 0, failed: 1, skipped: 0 });
}

// The real-IKE layer: two strongSwan daemons in network namespaces (root only; it skips with its reason elsewhere).
console.log('\n=== real IKE (strongSwan in network namespaces)');
const ikeJson = path.join(resultsDir, 'ike.json');
const ikeStatus = run(bin('vitest'), ['run', '-c', 'vitest.ike.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${ikeJson}`]);
const ike = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(ikeJson);
add('real IKE', ike ? { passed: ike.numPassedTests, failed: ike.numFailedTests + (ikeStatus !== 0 && ike.numFailedTests === 0 ? 1 : 0), skipped: ike.numPendingTests + ike.numTodoTests } : { passed: 0, failed: 1, skipped: 0 });

console.log('\n=== end-to-end (Playwright + Chromium) and real-Electron smoke');
if (built) {
  const playwrightJson = path.join(resultsDir, 'playwright.json');
  const needsDisplay = electronBinary && process.platform === 'linux' && !process.env.DISPLAY && hasCommand('xvfb-run');
  const [command, args] = needsDisplay
    ? ['xvfb-run', ['-a', bin('playwright'), 'test', '--reporter=list,json']]
    : [bin('playwright'), ['test', '--reporter=list,json']];
  const status = run(command as string, args as string[], { env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson } });
  const report = readJson<{ stats: { expected: number; unexpected: number; skipped: number; flaky: number } }>(playwrightJson);
  if (report) {
    const { expected, unexpected, skipped, flaky } = report.stats;
    add('playwright', { passed: expected + flaky, failed: unexpected + (status !== 0 && unexpected === 0 ? 1 : 0), skipped });
  } else {
    add('playwright', { passed: 0, failed: 1, skipped: 0 });
  }
} else {
  add('playwright (not run: build failed)', { passed: 0, failed: 1, skipped: 0 });
}

const summary = `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`;
writeFileSync(path.join(resultsDir, 'summary.txt'), `${rows.join('\n')}\n${summary}\n`);
console.log(`\n${rows.join('\n')}`);
if (!existsSync(path.join(root, 'screenshots', 'e2e'))) console.log('(no e2e screenshots were written)');
else console.log(`e2e screenshots: ${path.join(root, 'screenshots', 'e2e')}`);
console.log(summary);
process.exit(total.failed === 0 ? 0 : 1);
