// Hand-off bundles as age files, for real: round trips with a passphrase and with recipients, every way a file can
// fail to open (each with its own code), and interoperability with Debian's `age` command both ways (the passphrase
// typed into a pseudo-terminal, since age 1.1 reads it only from the terminal).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Encrypter } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUNDLE_CAPS, readBundle, type Bundle } from '../../core/bundle/format.ts';
import { AppError } from '../../core/errors.ts';
import { generateKeyPair, identitiesIn, inspectSealed, openBundle, recipientOf, sealBundle, type OpenKey } from '../../main/services/bundle-crypto.ts';
import { BUNDLE_PSKS, sampleBundle } from '../core/bundle-sample.ts';

// scrypt at age's default work factor takes a few seconds on a busy machine; the interop tests use it.
vi.setConfig({ testTimeout: 120_000 });

const PASSPHRASE = '7KQM-WX3D-PZ9F-RT2H-N8BV-4CJE';
// A low work factor keeps the many passphrase cases fast; interoperability uses age's default (18).
const FAST = { workFactor: 10 };

/** The sample as a receiver reads it: readBundle keeps the model's editable fields, not read-only ones (Status, ZoneNo …). */
function received(): Bundle {
  const result = readBundle(JSON.parse(JSON.stringify(sampleBundle())));
  if (!result.ok) throw new Error(result.message);
  return result.bundle;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error('expected a refusal');
}

const flip = (bytes: Uint8Array, at: number): Uint8Array => {
  const copy = Uint8Array.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
};
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
/** Where the payload starts: after the MAC line (`--- …\n`) and the 16-byte nonce. */
const payloadStart = (sealed: Uint8Array): number => text(sealed).indexOf('\n', text(sealed).indexOf('\n---') + 1) + 1 + 16;
const macAt = (sealed: Uint8Array): number => text(sealed).indexOf('\n--- ') + 10;

async function ageFile(plain: string | Uint8Array, key: { passphrase: string } | { recipients: string[] }): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  if ('passphrase' in key) {
    encrypter.setPassphrase(key.passphrase);
    encrypter.setScryptWorkFactor(10);
  } else for (const r of key.recipients) encrypter.addRecipient(r);
  return encrypter.encrypt(plain);
}

describe('sealBundle / openBundle', () => {
  let alice: { identity: string; recipient: string };
  let bob: { identity: string; recipient: string };
  let carol: { identity: string; recipient: string };
  let byPassphrase: Uint8Array;
  let byKeys: Uint8Array;

  beforeAll(async () => {
    [alice, bob, carol] = await Promise.all([generateKeyPair(), generateKeyPair(), generateKeyPair()]);
    byPassphrase = await sealBundle(sampleBundle(), { passphrase: PASSPHRASE }, FAST);
    byKeys = await sealBundle(sampleBundle(), { recipients: [alice.recipient, bob.recipient] });
  });

  it('makes X25519 key pairs whose recipient derives from the identity', async () => {
    expect(alice.identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(alice.recipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(await recipientOf(alice.identity)).toBe(alice.recipient);
    expect(alice.identity).not.toBe(bob.identity);
    expect(await codeOf(recipientOf('AGE-SECRET-KEY-1NOTAKEY'))).toBe('Bundle.InvalidIdentity');
  });

  it('round-trips with a passphrase, PSKs included, and the file holds no PSK in clear', async () => {
    expect(text(byPassphrase.subarray(0, 22))).toBe('age-encryption.org/v1\n');
    for (const psk of Object.values(BUNDLE_PSKS)) expect(Buffer.from(byPassphrase).includes(psk)).toBe(false);
    const opened = await openBundle(byPassphrase, { passphrase: PASSPHRASE });
    expect(opened).toEqual(received());
    expect(opened.drafts[0]!.draft.mode === 'single' && opened.drafts[0]!.draft.IkeConfig.Psk).toBe(BUNDLE_PSKS.singleDraft);
  });

  it('round-trips to two recipients: each identity opens it', async () => {
    expect(inspectSealed(byKeys)).toEqual({ armored: false, encryptedTo: 'recipients', stanzas: ['X25519', 'X25519'], recipientCount: 2 });
    for (const who of [alice, bob]) {
      const opened = await openBundle(byKeys, { identities: [who.identity] });
      expect(opened.drafts[1]!.peer?.tunnels.master?.psk).toBe(BUNDLE_PSKS.master);
    }
    // Among several keys, the one that matches opens it.
    expect((await openBundle(byKeys, { identities: [carol.identity, bob.identity] })).note).toBe(sampleBundle().note);
  });

  it('armors on request, and opens the armored text', async () => {
    const armored = await sealBundle(sampleBundle(), { recipients: [alice.recipient] }, { armor: true });
    expect(text(armored)).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n[A-Za-z0-9+/=\n]+-----END AGE ENCRYPTED FILE-----\n$/);
    expect(inspectSealed(armored)).toMatchObject({ armored: true, encryptedTo: 'recipients', recipientCount: 1 });
    expect((await openBundle(armored, { identities: [alice.identity] })).drafts).toHaveLength(2);
    // Mail clients add CRLF line ends and blank lines around it.
    const mailed = new TextEncoder().encode(`\r\n${text(armored).replaceAll('\n', '\r\n')}\r\n`);
    expect((await openBundle(mailed, { identities: [alice.identity] })).drafts).toHaveLength(2);
    expect(await codeOf(openBundle(new TextEncoder().encode(text(armored).replace('-----END', 'x-----END')), { identities: [alice.identity] }))).toBe('Bundle.Damaged');
  });

  it('says WrongPassphrase for a wrong passphrase', async () => {
    expect(await codeOf(openBundle(byPassphrase, { passphrase: '7KQM-WX3D-PZ9F-RT2H-N8BV-4CJF' }))).toBe('Bundle.WrongPassphrase');
    expect(await codeOf(openBundle(byPassphrase, { passphrase: '' }))).toBe('Bundle.WrongPassphrase');
  });

  it('says NotForYou for another recipient’s identity', async () => {
    expect(await codeOf(openBundle(byKeys, { identities: [carol.identity] }))).toBe('Bundle.NotForYou');
  });

  it('says NeedsIdentity / NeedsPassphrase when the key does not fit the file', async () => {
    expect(await codeOf(openBundle(byKeys, { passphrase: PASSPHRASE }))).toBe('Bundle.NeedsIdentity');
    expect(await codeOf(openBundle(byPassphrase, { identities: [alice.identity] }))).toBe('Bundle.NeedsPassphrase');
  });

  it('says InvalidIdentity for a key that is not an age identity', async () => {
    for (const identities of [[], ['age1notasecret'], [alice.recipient], [`${alice.identity.slice(0, -1)}${alice.identity.endsWith('Q') ? 'P' : 'Q'}`]]) {
      expect(await codeOf(openBundle(byKeys, { identities }))).toBe('Bundle.InvalidIdentity');
    }
  });

  it.each([
    ['passphrase', (): [Uint8Array, OpenKey] => [byPassphrase, { passphrase: PASSPHRASE }]],
    ['recipients', (): [Uint8Array, OpenKey] => [byKeys, { identities: [bob.identity] }]],
  ])('says Damaged for a %s file cut short anywhere', async (_kind, which) => {
    const [sealed, key] = which();
    const header = text(sealed).indexOf('\n---');
    const cuts = [0, 5, 21, 30, header, header + 5, payloadStart(sealed) - 8, payloadStart(sealed), payloadStart(sealed) + 100, sealed.length - 17, sealed.length - 1];
    for (const cut of cuts) expect(await codeOf(openBundle(sealed.subarray(0, cut), key)), `cut at ${cut}`).toBe('Bundle.Damaged');
  });

  it('says Damaged for a flipped byte in the payload, the MAC or the version line', async () => {
    for (const [sealed, key] of [[byPassphrase, { passphrase: PASSPHRASE }], [byKeys, { identities: [alice.identity] }]] as const) {
      for (const at of [payloadStart(sealed) + 3, sealed.length - 1, payloadStart(sealed) - 5, macAt(sealed), 20]) {
        expect(await codeOf(openBundle(flip(sealed, at), key)), `byte ${at}`).toBe('Bundle.Damaged');
      }
    }
  });

  it('cannot tell a flipped byte inside a recipient stanza from a key that does not match (age cannot either)', async () => {
    // The stanza's body is the file key wrapped for that key: damaged, it simply unwraps for nobody.
    // Another base64 letter in the middle of the body, so the stanza still parses (flipping a bit could make it a
    // character that is not base64 at all, which age reports as a malformed header: damaged, also right).
    const at = text(byKeys).indexOf('\n', text(byKeys).indexOf('-> X25519')) + 5;
    const changed = Uint8Array.from(byKeys);
    changed[at] = changed[at] === 0x41 ? 0x42 : 0x41;
    expect(await codeOf(openBundle(changed, { identities: [alice.identity] }))).toBe('Bundle.NotForYou');
    expect(await codeOf(openBundle(flip(byKeys, at), { identities: [alice.identity] }))).toMatch(/^Bundle\.(NotForYou|Damaged)$/);
  });

  it('says NotABundle for a file that is not age, or an age file that holds no bundle', async () => {
    const plainDraftFile = new TextEncoder().encode(JSON.stringify({ format: 'ipsec-studio-draft', schemaVersion: 1 }));
    expect(await codeOf(openBundle(plainDraftFile, { passphrase: PASSPHRASE }))).toBe('Bundle.NotABundle');
    expect(() => inspectSealed(plainDraftFile)).toThrow(expect.objectContaining({ code: 'Bundle.NotABundle' }));
    for (const plain of ['hello', JSON.stringify({ format: 'ipsec-studio-draft', schemaVersion: 1 }), new Uint8Array([0xff, 0xfe, 0x00])]) {
      const sealed = await ageFile(plain, { recipients: [alice.recipient] });
      expect(await codeOf(openBundle(sealed, { identities: [alice.identity] }))).toBe('Bundle.NotABundle');
    }
  });

  it('says TooNew for a bundle of a newer schema, and Damaged for a broken one', async () => {
    const newer = await ageFile(JSON.stringify({ ...sampleBundle(), schemaVersion: 2 }), { passphrase: PASSPHRASE });
    expect(await codeOf(openBundle(newer, { passphrase: PASSPHRASE }))).toBe('Bundle.TooNew');
    const broken = await ageFile(JSON.stringify({ ...sampleBundle(), drafts: [] }), { recipients: [alice.recipient] });
    expect(await codeOf(openBundle(broken, { identities: [alice.identity] }))).toBe('Bundle.Damaged');
  });

  it('says TooLarge before decrypting a file over the cap, and after decrypting JSON over its cap', async () => {
    const huge = new Uint8Array(BUNDLE_CAPS.sealedBytes + 1);
    huge.set(new TextEncoder().encode('age-encryption.org/v1\n'));
    expect(await codeOf(openBundle(huge, { passphrase: PASSPHRASE }))).toBe('Bundle.TooLarge');
    const big = await ageFile(new Uint8Array(BUNDLE_CAPS.plainBytes + 10).fill(0x20), { recipients: [alice.recipient] });
    expect(big.length).toBeLessThan(BUNDLE_CAPS.sealedBytes);
    expect(await codeOf(openBundle(big, { identities: [alice.identity] }))).toBe('Bundle.TooLarge');
    expect(await codeOf(openBundle(byKeys, { identities: [alice.identity] }, { maxSealedBytes: 100 }))).toBe('Bundle.TooLarge');
  });

  it('refuses to seal what it would refuse to open: too large, damaged, a weak passphrase, a bad recipient', async () => {
    const sample = sampleBundle();
    const config = { vendor: 'strongswan', format: 'swanctl', text: 'x'.repeat(BUNDLE_CAPS.deviceConfig) };
    // Distinct connections (a bundle holds one draft per connection), each with a device configuration at its cap.
    const nth = (i: number) => {
      const d = sample.drafts[0]!;
      const id = `vco-big${String(i).padStart(4, '0')}`;
      return { ...d, VpnConnectionId: id, base: { ...d.base, VpnConnectionId: id }, draft: { ...d.draft, VpnConnectionId: id }, deviceConfig: config };
    };
    const many: Bundle = { ...sample, drafts: Array.from({ length: 70 }, (_, i) => nth(i)) };
    expect(await codeOf(sealBundle(many, { recipients: [alice.recipient] }))).toBe('Bundle.TooLarge');
    expect(await codeOf(sealBundle({ ...sample, drafts: [] }, { recipients: [alice.recipient] }))).toBe('Bundle.Damaged');
    for (const weak of ['password', 'hello123', 'Summer2026!']) expect(await codeOf(sealBundle(sample, { passphrase: weak }, FAST))).toBe('Bundle.WeakPassphrase');
    expect(await codeOf(sealBundle(sample, { recipients: [] }))).toBe('Bundle.NoRecipients');
    const checksumBroken = `${alice.recipient.slice(0, -1)}${alice.recipient.endsWith('q') ? 'p' : 'q'}`;
    for (const bad of ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5', 'age1tooshort', checksumBroken, alice.identity]) {
      const error = await sealBundle(sample, { recipients: [bob.recipient, bad] }).then(() => undefined, (e: unknown) => e as AppError);
      expect(error?.code, bad).toBe('Bundle.InvalidRecipient');
      // A secret key pasted into the recipients field must not end up in the message or its parameters.
      expect(JSON.stringify(error?.toShape())).not.toContain(alice.identity.slice(16));
    }
  });

  it('inspects the header without a key', () => {
    expect(inspectSealed(byPassphrase)).toEqual({ armored: false, encryptedTo: 'passphrase', stanzas: ['scrypt'], recipientCount: 0, workFactor: 10 });
    expect(() => inspectSealed(byPassphrase.subarray(0, 30))).toThrow(expect.objectContaining({ code: 'Bundle.Damaged' }));
  });

  it('reads identities from a key file as age-keygen writes it', () => {
    const file = `# created: 2026-05-01T09:00:00Z\n# public key: ${alice.recipient}\n${alice.identity}\r\n\n`;
    expect(identitiesIn(file)).toEqual([alice.identity]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Interoperability with Debian's age 1.1.1.

const hasAge = spawnSync('age', ['--version'], { encoding: 'utf8' }).status === 0 && spawnSync('age-keygen', ['--help'], { encoding: 'utf8' }).error === undefined;
const hasPython = spawnSync('python3', ['-c', 'import pty'], { encoding: 'utf8' }).status === 0;
if (!hasAge) console.warn('bundle-crypto: skipping interoperability with the age command: `age` / `age-keygen` not found (apt-get install age)');
if (hasAge && !hasPython) console.warn('bundle-crypto: skipping the passphrase interoperability tests: python3 with its pty module not found');

// age reads a passphrase only from its terminal: this runs it in a pseudo-terminal and answers each prompt.
const DRIVE_AGE = `
import os, pty, select, sys
secret = sys.argv[1].encode()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
seen, answered = b'', 0
while True:
    ready, _, _ = select.select([fd], [], [], 60)
    if not ready:
        break
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
    while answered < seen.count(b'Enter passphrase') + seen.count(b'Confirm passphrase'):
        os.write(fd, secret + b'\\n')
        answered += 1
_, status = os.waitpid(pid, 0)
sys.stderr.write(seen.decode(errors='replace'))
sys.exit(os.waitstatus_to_exitcode(status))
`;

describe.skipIf(!hasAge)('interoperability with the age command', () => {
  let dir = '';
  const at = (name: string): string => join(dir, name);
  const sample = received();
  // What age -d prints is the JSON the app sealed, unchanged.
  const sealedJson = JSON.parse(JSON.stringify(sampleBundle())) as unknown;

  function run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', timeout: 90_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  const withTerminal = (passphrase: string, ...args: string[]) => run('python3', ['-c', DRIVE_AGE, passphrase, 'age', ...args]);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bundle-age-'));
    expect(run('age-keygen', ['-o', at('key.txt')]).status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const keygenIdentity = (): string => identitiesIn(readFileSync(at('key.txt'), 'utf8'))[0]!;

  it('derives the same public key as age-keygen -y', async () => {
    const fromAge = run('age-keygen', ['-y', at('key.txt')]).stdout.trim();
    expect(fromAge).toMatch(/^age1/);
    expect(await recipientOf(keygenIdentity())).toBe(fromAge);
  });

  it('a bundle sealed to an age-keygen recipient decrypts with age -d -i', async () => {
    const recipient = run('age-keygen', ['-y', at('key.txt')]).stdout.trim();
    for (const armor of [false, true]) {
      writeFileSync(at('to-key.age'), await sealBundle(sampleBundle(), { recipients: [recipient, (await generateKeyPair()).recipient] }, { armor }));
      const result = run('age', ['-d', '-i', at('key.txt'), '-o', at('to-key.json'), at('to-key.age')]);
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(readFileSync(at('to-key.json'), 'utf8'))).toEqual(sealedJson);
    }
  });

  it('a file encrypted by age -r opens in openBundle', async () => {
    writeFileSync(at('bundle.json'), JSON.stringify(sampleBundle()));
    const mine = await generateKeyPair();
    const recipient = run('age-keygen', ['-y', at('key.txt')]).stdout.trim();
    expect(run('age', ['-r', mine.recipient, '-r', recipient, '-o', at('by-age.age'), at('bundle.json')]).status).toBe(0);
    expect(await openBundle(readFileSync(at('by-age.age')), { identities: [mine.identity] })).toEqual(sample);
    expect(await openBundle(readFileSync(at('by-age.age')), { identities: [keygenIdentity()] })).toEqual(sample);
    expect(run('age', ['-a', '-r', mine.recipient, '-o', at('by-age.asc'), at('bundle.json')]).status).toBe(0);
    expect(await openBundle(readFileSync(at('by-age.asc')), { identities: [mine.identity] })).toEqual(sample);
    expect(await codeOf(openBundle(readFileSync(at('by-age.age')), { identities: [(await generateKeyPair()).identity] }))).toBe('Bundle.NotForYou');
  });

  describe.skipIf(!hasPython)('with a passphrase, through a pseudo-terminal', () => {
    it('a bundle sealed with a passphrase (age’s work factor) decrypts with age -d', async () => {
      writeFileSync(at('by-app.age'), await sealBundle(sampleBundle(), { passphrase: PASSPHRASE }));
      expect(inspectSealed(readFileSync(at('by-app.age'))).workFactor).toBe(18);
      const result = withTerminal(PASSPHRASE, '-d', '-o', at('by-app.json'), at('by-app.age'));
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(readFileSync(at('by-app.json'), 'utf8'))).toEqual(sealedJson);
      const wrong = withTerminal('7KQM-WX3D-PZ9F-RT2H-N8BV-4CJF', '-d', '-o', at('wrong.json'), at('by-app.age'));
      expect(wrong.status).not.toBe(0);
      expect(wrong.stderr).toContain('incorrect passphrase');
    });

    it('a file encrypted by age -p opens in openBundle, and a wrong passphrase says so', async () => {
      writeFileSync(at('bundle.json'), JSON.stringify(sampleBundle()));
      const result = withTerminal(PASSPHRASE, '-p', '-o', at('by-age-p.age'), at('bundle.json'));
      expect(result.status, result.stderr).toBe(0);
      const sealed = readFileSync(at('by-age-p.age'));
      expect(inspectSealed(sealed)).toMatchObject({ encryptedTo: 'passphrase', stanzas: ['scrypt'] });
      expect(await openBundle(sealed, { passphrase: PASSPHRASE })).toEqual(sample);
      expect(await codeOf(openBundle(sealed, { passphrase: 'ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2' }))).toBe('Bundle.WrongPassphrase');
    });
  });
});
