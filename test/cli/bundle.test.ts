// `ipsec-studio bundle inspect|open`, run for real: the entry as a child process under the project's Node, on bundles
// sealed by main's bundle-crypto, the passphrase handed over on a file descriptor (stdin or fd 3) as a script would.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { generateKeyPair, sealBundle } from '../../main/services/bundle-crypto.ts';
import { BUNDLE_PSKS, sampleBundle } from '../core/bundle-sample.ts';

vi.setConfig({ testTimeout: 90_000 });

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE = join(ROOT, 'node_modules/.bin/node');
const ENTRY = join(ROOT, 'cli/ipsec-studio.ts');
const PASSPHRASE = '7KQM-WX3D-PZ9F-RT2H-N8BV-4CJE';

let dir = '';
const at = (name: string): string => join(dir, name);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The entry with optional text on stdin and on file descriptor 3. */
function cli(feed: { stdin?: string; fd3?: string }, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [ENTRY, ...args], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const fd3 = child.stdio[3] as NodeJS.WritableStream;
    // The child may exit without reading a descriptor: a closed pipe is then no failure of the test.
    (fd3 as unknown as NodeJS.EventEmitter).on('error', () => undefined);
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(feed.stdin ?? '');
    fd3.end(feed.fd3 ?? '');
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectOneLine(run: Run, code: number, ...mentions: string[]): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^ipsec-studio: /);
  for (const m of mentions) expect(lines[0]).toContain(m);
}

const expectNoSecret = (text: string): void => {
  for (const psk of Object.values(BUNDLE_PSKS)) expect(text).not.toContain(psk);
};

let mine: { identity: string; recipient: string };
let theirs: { identity: string; recipient: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-studio-bundle-'));
  [mine, theirs] = await Promise.all([generateKeyPair(), generateKeyPair()]);
  writeFileSync(at('pass.age'), await sealBundle(sampleBundle(), { passphrase: PASSPHRASE }, { workFactor: 10 }));
  writeFileSync(at('keys.age'), await sealBundle(sampleBundle(), { recipients: [mine.recipient] }, { armor: true }));
  writeFileSync(at('key.txt'), `# created: 2026-05-01T09:00:00Z\n# public key: ${mine.recipient}\n${mine.identity}\n`);
  writeFileSync(at('other-key.txt'), `${theirs.identity}\n`);
  writeFileSync(at('empty-key.txt'), '# nothing here\n');
  writeFileSync(at('draft.json'), JSON.stringify({ format: 'ipsec-studio-draft', schemaVersion: 1 }));
  const sealed = await sealBundle(sampleBundle(), { recipients: [mine.recipient] });
  writeFileSync(at('cut.age'), sealed.subarray(0, sealed.length - 40));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('bundle inspect', () => {
  test('without a key: only what the age header says', async () => {
    const [pass, keys] = await Promise.all([cli({}, 'bundle', 'inspect', at('pass.age')), cli({}, 'bundle', 'inspect', at('keys.age'))]);
    expect(pass.code, pass.stderr).toBe(0);
    expect(JSON.parse(pass.stdout)).toEqual({ sealed: { armored: false, encryptedTo: 'passphrase', stanzas: ['scrypt'], recipientCount: 0, workFactor: 10 } });
    expect(JSON.parse(keys.stdout)).toEqual({ sealed: { armored: true, encryptedTo: 'recipients', stanzas: ['X25519'], recipientCount: 1 } });
  });

  test('with the passphrase on fd 3, or the key file: the summary, without a secret', async () => {
    const [pass, keys] = await Promise.all([
      cli({ fd3: `${PASSPHRASE}\n` }, 'bundle', 'inspect', '--passphrase-fd', '3', at('pass.age')),
      cli({}, 'bundle', 'inspect', '--identity', at('key.txt'), at('keys.age')),
    ]);
    for (const run of [pass, keys]) {
      expect(run.code, run.stderr).toBe(0);
      expectNoSecret(run.stdout);
      const out = JSON.parse(run.stdout) as { bundle: { note: string; from: unknown; drafts: Array<Record<string, unknown>> } };
      expect(out.bundle.note).toBe(sampleBundle().note);
      expect(out.bundle.from).toEqual({ profileName: 'Field laptop', accountHint: 'LTAI****abcd' });
      expect(out.bundle.drafts.map((d) => [d.VpnConnectionId, d.pskChanged, d.peerIncluded])).toEqual([
        [sampleBundle().drafts[0]!.VpnConnectionId, true, false],
        [sampleBundle().drafts[1]!.VpnConnectionId, false, true],
      ]);
      expect((out.bundle.drafts[0]!.changedFields as string[]).sort()).toEqual(['IkeConfig.IkeEncAlg', 'IkeConfig.Psk']);
    }
  });
});

describe('bundle open', () => {
  test('prints the decrypted bundle, PSKs included (passphrase on stdin, or the key file)', async () => {
    const [pass, keys] = await Promise.all([
      cli({ stdin: `${PASSPHRASE}\r\n` }, 'bundle', 'open', '--passphrase-fd', '0', at('pass.age')),
      cli({}, 'bundle', 'open', '--identity', at('key.txt'), at('keys.age')),
    ]);
    for (const run of [pass, keys]) {
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as { format: string; drafts: Array<{ draft: { IkeConfig?: { Psk: string } } }> };
      expect(out.format).toBe('ipsec-studio-bundle');
      expect(out.drafts[0]!.draft.IkeConfig?.Psk).toBe(BUNDLE_PSKS.singleDraft);
      expect(run.stdout).toContain(BUNDLE_PSKS.slave);
    }
  });

  test('exit 1 and one line when the key does not open it', async () => {
    const [wrong, other] = await Promise.all([
      cli({ fd3: 'ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2' }, 'bundle', 'open', '--passphrase-fd', '3', at('pass.age')),
      cli({}, 'bundle', 'inspect', '--identity', at('other-key.txt'), at('keys.age')),
    ]);
    expectOneLine(wrong, 1, 'pass.age', 'Bundle.WrongPassphrase');
    expectOneLine(other, 1, 'keys.age', 'Bundle.NotForYou');
  });

  test('exit 2 and one line for bad input', async () => {
    const cases: Array<[Run, ...string[]]> = await Promise.all([
      cli({}, 'bundle', 'open', at('pass.age')).then((r) => [r, '--identity'] as [Run, string]),
      cli({ fd3: PASSPHRASE }, 'bundle', 'open', '--passphrase-fd', '3', '--identity', at('key.txt'), at('pass.age')).then((r) => [r, 'not both'] as [Run, string]),
      cli({ fd3: PASSPHRASE }, 'bundle', 'open', '--passphrase-fd', '3', at('keys.age')).then((r) => [r, 'Bundle.NeedsIdentity'] as [Run, string]),
      cli({}, 'bundle', 'open', '--identity', at('key.txt'), at('pass.age')).then((r) => [r, 'Bundle.NeedsPassphrase'] as [Run, string]),
      cli({}, 'bundle', 'open', '--identity', at('key.txt'), at('cut.age')).then((r) => [r, 'Bundle.Damaged'] as [Run, string]),
      cli({}, 'bundle', 'inspect', at('draft.json')).then((r) => [r, 'Bundle.NotABundle'] as [Run, string]),
      cli({}, 'bundle', 'open', '--identity', at('empty-key.txt'), at('keys.age')).then((r) => [r, 'no age private key'] as [Run, string]),
      cli({}, 'bundle', 'open', '--passphrase-fd', '3', at('pass.age')).then((r) => [r, 'first line is empty'] as [Run, string]),
      cli({}, 'bundle', 'open', '--passphrase-fd', '77', at('pass.age')).then((r) => [r, 'not an open file descriptor'] as [Run, string]),
      cli({}, 'bundle', 'open', '--passphrase-fd', 'x', at('pass.age')).then((r) => [r, 'file descriptor number'] as [Run, string]),
      cli({}, 'bundle', 'inspect', at('missing.age')).then((r) => [r, 'no such file'] as [Run, string]),
      cli({}, 'bundle', 'seal', at('pass.age')).then((r) => [r, "unknown subcommand 'seal'"] as [Run, string]),
      cli({}, 'bundle').then((r) => [r, 'missing subcommand'] as [Run, string]),
    ]);
    for (const [run, ...mentions] of cases) expectOneLine(run, 2, ...mentions);
  });

  test('help names both subcommands and the exit statuses', async () => {
    const [own, top] = await Promise.all([cli({}, 'bundle', '--help'), cli({}, '--help')]);
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/^Usage: ipsec-studio bundle inspect /);
    expect(own.stdout).toContain('ipsec-studio bundle open (--identity <file> | --passphrase-fd N) <file>');
    expect(top.stdout).toContain('  bundle ');
  });
});
