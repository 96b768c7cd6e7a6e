// Sealing and opening hand-off bundles as age files (https://age-encryption.org/v1), over the `age-encryption`
// package: to a passphrase (scrypt) or to recipients' X25519 public keys, the kind Debian's `age` and `age-keygen`
// (1.1) read and make. What age gives: only the passphrase or a listed key opens the file, and any change to it is
// detected (header MAC, authenticated payload). What it does not: the decrypted bundle is still checked by
// readBundle, because anyone who knows the passphrase or the public key can make one.
//
// Failures are told apart by what happened, not by the library's English: the file's header is read here first (file
// type against the key given), and each key is tried through a probe that records whether it unwrapped the file key,
// so "no key matched" (wrong passphrase, not for you) is distinct from "matched, then the MAC or payload failed"
// (damaged).
import { armor, Decrypter, Encrypter, generateX25519Identity, identityToRecipient, type Identity, type Stanza } from 'age-encryption';
import { BUNDLE_CAPS, readBundle, type Bundle } from '../../core/bundle/format.ts';
import { MIN_PASSPHRASE_BITS, passphraseStrength } from '../../core/bundle/passphrase.ts';
import { AppError } from '../../core/errors.ts';

export type SealKey = { passphrase: string } | { recipients: readonly string[] };
export type OpenKey = { passphrase: string } | { identities: readonly string[] };

export interface SealOptions {
  /** ASCII armor (`-----BEGIN AGE ENCRYPTED FILE-----`): text that survives mail bodies and copy-paste. */
  armor?: boolean;
  /** scrypt's log2(N) for a passphrase (age's default 18, about a second; tests use less). */
  workFactor?: number;
}

export interface OpenOptions {
  /** Refuse files (and decrypted JSON) larger than this; defaults are BUNDLE_CAPS.sealedBytes / plainBytes. */
  maxSealedBytes?: number;
  maxPlainBytes?: number;
}

/** What the age header says, readable without a key (the CLI's `bundle inspect` without one). */
export interface SealedInfo {
  armored: boolean;
  /** `passphrase`: one scrypt stanza; `recipients`: public-key stanzas only. */
  encryptedTo: 'passphrase' | 'recipients';
  /** One entry per stanza, its type as age writes it (`scrypt`, `X25519`, `mlkem768x25519`, `ssh-ed25519` …). */
  stanzas: string[];
  recipientCount: number;
  /** scrypt's log2(N), for a passphrase file. */
  workFactor?: number;
}

const MAX_RECIPIENTS = 50;
// age 1.1 (Go) refuses a work factor above 22 by default; age-encryption above 20. Ours never writes above 20.
const MAX_WORK_FACTOR = 20;
const AGE_MAGIC = 'age-encryption.org/';
const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
const X25519_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
const X25519_IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;

const fail = (code: string, message: string, params?: Record<string, string | number>): AppError => new AppError(code, message, undefined, params);
const damaged = (): AppError => fail('Bundle.Damaged', 'The bundle file is damaged or incomplete.');
const notABundle = (): AppError => fail('Bundle.NotABundle', 'This file is not an IPsec Studio hand-off bundle.');
const tooLarge = (max: number): AppError => fail('Bundle.TooLarge', `The bundle is larger than ${max} bytes.`, { max });

const encoder = new TextEncoder();
const startsWith = (bytes: Uint8Array, text: string): boolean => {
  const prefix = encoder.encode(text);
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
};
/** The bytes are the start of `text` (a file cut inside its first line). */
const isPrefixOf = (bytes: Uint8Array, text: string): boolean => {
  const whole = encoder.encode(text);
  return bytes.length < whole.length && bytes.every((b, i) => whole[i] === b);
};

/** The binary age file inside `bytes` (armored or not); Bundle.NotABundle for anything that is not age. */
function binaryOf(bytes: Uint8Array): { binary: Uint8Array; armored: boolean } {
  let start = 0;
  while (start < bytes.length && (bytes[start] === 0x20 || bytes[start] === 0x09 || bytes[start] === 0x0a || bytes[start] === 0x0d)) start++;
  const trimmed = bytes.subarray(start);
  if (startsWith(trimmed, ARMOR_BEGIN)) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(trimmed);
    } catch {
      throw damaged();
    }
    try {
      return { binary: armor.decode(text), armored: true };
    } catch {
      throw damaged();
    }
  }
  if (bytes.length === 0 || isPrefixOf(bytes, AGE_MAGIC) || isPrefixOf(trimmed, ARMOR_BEGIN)) throw damaged();
  if (!startsWith(bytes, AGE_MAGIC)) throw notABundle();
  return { binary: bytes, armored: false };
}

/** The header's stanza argument lines, up to the MAC line; a header that does not end is damaged. */
function stanzaTypes(binary: Uint8Array): { types: string[]; args: string[][] } {
  // The header is ASCII lines; 64 KiB is far more than any header with MAX_RECIPIENTS stanzas.
  const end = Math.min(binary.length, 64 * 1024);
  const args: string[][] = [];
  let lineStart = 0;
  let first = true;
  for (let i = 0; i < end; i++) {
    if (binary[i] !== 0x0a) continue;
    const line = new TextDecoder().decode(binary.subarray(lineStart, i));
    lineStart = i + 1;
    if (first) {
      if (line !== 'age-encryption.org/v1') throw damaged();
      first = false;
      continue;
    }
    if (line.startsWith('---')) return { types: args.map((a) => a[0] ?? ''), args };
    if (line.startsWith('-> ')) args.push(line.slice(3).split(' '));
  }
  throw damaged();
}

/** What the age header says, without decrypting anything. Throws Bundle.NotABundle / Bundle.Damaged / Bundle.TooLarge. */
export function inspectSealed(bytes: Uint8Array, options: OpenOptions = {}): SealedInfo {
  const max = options.maxSealedBytes ?? BUNDLE_CAPS.sealedBytes;
  if (bytes.length > max) throw tooLarge(max);
  const { binary, armored } = binaryOf(bytes);
  const { types, args } = stanzaTypes(binary);
  if (types.length === 0) throw damaged();
  const scrypt = args.find((a) => a[0] === 'scrypt');
  const workFactor = scrypt && /^[1-9][0-9]*$/.test(scrypt[2] ?? '') ? Number(scrypt[2]) : undefined;
  return {
    armored,
    encryptedTo: scrypt ? 'passphrase' : 'recipients',
    stanzas: types,
    recipientCount: scrypt ? 0 : types.length,
    ...(workFactor !== undefined && { workFactor }),
  };
}

/** `age1…` X25519 public keys, trimmed; Bundle.InvalidRecipient names the first that is not one. */
function checkedRecipients(recipients: readonly string[]): string[] {
  const list = [...new Set(recipients.map((r) => r.trim()))];
  if (list.length === 0) throw fail('Bundle.NoRecipients', 'No recipient was given to encrypt the bundle to.');
  if (list.length > MAX_RECIPIENTS) throw fail('Bundle.TooManyRecipients', `A bundle can be encrypted to at most ${MAX_RECIPIENTS} recipients.`, { max: MAX_RECIPIENTS });
  for (const recipient of list) {
    if (!X25519_RECIPIENT.test(recipient)) {
      // A pasted secret key must not end up in a log or on screen: only a recognisable prefix is kept.
      const shown = recipient.startsWith('AGE-SECRET-KEY') ? 'AGE-SECRET-KEY-…' : recipient.slice(0, 16) + (recipient.length > 16 ? '…' : '');
      throw fail('Bundle.InvalidRecipient', `'${shown}' is not an age public key (age1…).`, { recipient: shown });
    }
  }
  return list;
}

function checkedIdentities(identities: readonly string[]): string[] {
  const list = identities.map((i) => i.trim()).filter((i) => i !== '');
  if (list.length === 0 || !list.every((i) => X25519_IDENTITY.test(i))) {
    throw fail('Bundle.InvalidIdentity', 'The key given is not an age private key (AGE-SECRET-KEY-1…).');
  }
  return list;
}

/** The age private keys in a key file as age-keygen writes it (comment lines start with '#'). */
export function identitiesIn(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Encrypts a bundle (checked by readBundle first, so the app never seals what it would refuse to open). */
export async function sealBundle(bundle: Bundle, key: SealKey, options: SealOptions = {}): Promise<Uint8Array> {
  const check = readBundle(JSON.parse(JSON.stringify(bundle)) as unknown);
  if (!check.ok) throw new AppError(check.code, check.message, check.field);
  const plain = encoder.encode(JSON.stringify(bundle));
  if (plain.length > BUNDLE_CAPS.plainBytes) throw tooLarge(BUNDLE_CAPS.plainBytes);
  const encrypter = new Encrypter();
  if ('passphrase' in key) {
    if (passphraseStrength(key.passphrase) < MIN_PASSPHRASE_BITS) {
      throw fail('Bundle.WeakPassphrase', 'The passphrase is too easy to guess.', { minBits: MIN_PASSPHRASE_BITS });
    }
    const workFactor = options.workFactor ?? 18;
    if (!Number.isInteger(workFactor) || workFactor < 1 || workFactor > MAX_WORK_FACTOR) throw new RangeError(`scrypt work factor ${workFactor} out of range`);
    encrypter.setPassphrase(key.passphrase);
    encrypter.setScryptWorkFactor(workFactor);
  } else {
    for (const recipient of checkedRecipients(key.recipients)) {
      try {
        encrypter.addRecipient(recipient);
      } catch {
        // The shape was right but the checksum is not: a key mistyped by hand.
        throw fail('Bundle.InvalidRecipient', `'${recipient.slice(0, 16)}…' is not an age public key (age1…).`, { recipient: `${recipient.slice(0, 16)}…` });
      }
    }
  }
  const sealed = await encrypter.encrypt(plain);
  const out = options.armor ? encoder.encode(armor.encode(sealed)) : sealed;
  if (out.length > BUNDLE_CAPS.sealedBytes) throw tooLarge(BUNDLE_CAPS.sealedBytes);
  return out;
}

type Outcome = 'untried' | 'no-match' | 'matched' | 'broken';

/** A Decrypter whose keys report what they did (see the file's comment). */
function probingDecrypter(key: OpenKey): { decrypter: Decrypter; outcome: () => Outcome } {
  const inner = new Decrypter();
  if ('passphrase' in key) inner.addPassphrase(key.passphrase);
  else {
    for (const identity of checkedIdentities(key.identities)) {
      try {
        inner.addIdentity(identity);
      } catch {
        throw fail('Bundle.InvalidIdentity', 'The key given is not an age private key (AGE-SECRET-KEY-1…).');
      }
    }
  }
  // Decrypter tries its keys through unwrapFileKey (TypeScript-private in 0.3.1's declarations, a plain method at run
  // time); the test suite pins each outcome, so a release that renames it fails there, not in the field.
  const unwrap = (inner as unknown as { unwrapFileKey?: (stanzas: Stanza[]) => Promise<Uint8Array | null> }).unwrapFileKey;
  if (typeof unwrap !== 'function') throw new Error('age-encryption: Decrypter.unwrapFileKey is missing (unsupported version)');
  let outcome: Outcome = 'untried';
  const probe: Identity = {
    async unwrapFileKey(stanzas) {
      try {
        const fileKey = await unwrap.call(inner, stanzas);
        outcome = fileKey === null ? 'no-match' : 'matched';
        return fileKey;
      } catch (error) {
        outcome = 'broken';
        throw error;
      }
    },
  };
  const decrypter = new Decrypter();
  decrypter.addIdentity(probe);
  return { decrypter, outcome: () => outcome };
}

/** Decrypts and checks a bundle. Every failure is an AppError with a Bundle.* code (see core/i18n/errors.ts). */
export async function openBundle(bytes: Uint8Array, key: OpenKey, options: OpenOptions = {}): Promise<Bundle> {
  const info = inspectSealed(bytes, options);
  const { binary } = binaryOf(bytes);
  const byPassphrase = 'passphrase' in key;
  if (byPassphrase && info.encryptedTo === 'recipients') throw fail('Bundle.NeedsIdentity', 'This bundle is encrypted to public keys; open it with your key, not a passphrase.');
  if (!byPassphrase && info.encryptedTo === 'passphrase') throw fail('Bundle.NeedsPassphrase', 'This bundle is protected by a passphrase; open it with the passphrase, not a key.');
  if (byPassphrase && (info.stanzas.length !== 1 || info.workFactor === undefined || info.workFactor > MAX_WORK_FACTOR)) throw damaged();

  const { decrypter, outcome } = probingDecrypter(key);
  let plain: Uint8Array;
  try {
    plain = await decrypter.decrypt(binary);
  } catch {
    if (outcome() === 'no-match') {
      throw byPassphrase
        ? fail('Bundle.WrongPassphrase', 'The passphrase does not open this bundle.')
        : fail('Bundle.NotForYou', 'This bundle was encrypted for someone else: none of your keys opens it.');
    }
    // Unreadable header (untried), a malformed stanza (broken), or the key matched and the MAC or payload failed.
    throw damaged();
  }
  const maxPlain = options.maxPlainBytes ?? BUNDLE_CAPS.plainBytes;
  if (plain.length > maxPlain) throw tooLarge(maxPlain);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    throw notABundle();
  }
  const check = readBundle(value);
  if (!check.ok) throw new AppError(check.code, check.message, check.field);
  return check.bundle;
}

/** A new X25519 key pair: the identity (AGE-SECRET-KEY-1…, for the keychain) and its recipient (age1…, to share). */
export async function generateKeyPair(): Promise<{ identity: string; recipient: string }> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** The public key (age1…) of an identity; Bundle.InvalidIdentity for anything else. */
export async function recipientOf(identity: string): Promise<string> {
  const [checked] = checkedIdentities([identity]);
  try {
    return await identityToRecipient(checked!);
  } catch {
    throw fail('Bundle.InvalidIdentity', 'The key given is not an age private key (AGE-SECRET-KEY-1…).');
  }
}
