// `ipsec-studio bundle inspect|open`: a hand-off bundle checked or scripted without the app. The key comes from a
// key file (age-keygen's format) or a passphrase read from a file descriptor, never from the command line, where
// other users of the machine could read it in the process list.
import { readFileSync } from 'node:fs';
import { BUNDLE_CAPS, bundleSummary } from '../core/bundle/format.ts';
import { AppError } from '../core/errors.ts';
import { identitiesIn, inspectSealed, openBundle, type OpenKey } from '../main/services/bundle-crypto.ts';
import { InputError, parseCommand, positionalsExactly, printJson, stringOption, type Io } from './args.ts';
import { readBytes, readText } from './input.ts';

const SUBCOMMANDS = ['inspect', 'open'] as const;
/** A passphrase is one line; anything longer than this on the descriptor is the wrong input. */
const MAX_PASSPHRASE_BYTES = 4096;
/** Codes that mean "this key does not open it" (exit 1) rather than bad input (exit 2). */
const CANNOT_OPEN = new Set(['Bundle.WrongPassphrase', 'Bundle.NotForYou']);

function passphraseFrom(option: string): string {
  if (!/^\d{1,4}$/.test(option)) throw new InputError(`--passphrase-fd must be a file descriptor number (got '${option}')`);
  let raw: Buffer;
  try {
    raw = readFileSync(Number(option));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new InputError(`--passphrase-fd ${option}: ${code === 'EBADF' ? 'not an open file descriptor' : 'cannot be read'}`);
  }
  if (raw.length > MAX_PASSPHRASE_BYTES) throw new InputError(`--passphrase-fd ${option}: more than ${MAX_PASSPHRASE_BYTES} bytes, not a passphrase`);
  // The first line, without its line end: `echo pass |` and a file written by an editor both end in one.
  const passphrase = raw.toString('utf8').split(/\r?\n/)[0] ?? '';
  if (passphrase === '') throw new InputError(`--passphrase-fd ${option}: no passphrase (the first line is empty)`);
  return passphrase;
}

function keyFrom(identityFile: string | undefined, passphraseFd: string | undefined, command: string): OpenKey | undefined {
  if (identityFile !== undefined && passphraseFd !== undefined) throw new InputError(`give --identity or --passphrase-fd, not both (see ipsec-studio ${command} --help)`);
  if (passphraseFd !== undefined) return { passphrase: passphraseFrom(passphraseFd) };
  if (identityFile === undefined) return undefined;
  const identities = identitiesIn(readText(identityFile));
  if (identities.length === 0) throw new InputError(`${identityFile}: no age private key (AGE-SECRET-KEY-1…) in the file`);
  return { identities };
}

export async function bundle(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined) throw new InputError('missing subcommand: inspect or open (see ipsec-studio bundle --help)');
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) throw new InputError(`unknown subcommand '${sub}' (bundle subcommands: ${SUBCOMMANDS.join(', ')})`);
  const parsed = parseCommand(rest, 'bundle', { identity: { type: 'string' }, 'passphrase-fd': { type: 'string' } });
  const [file] = positionalsExactly(parsed, ['file'], 'bundle');
  const key = keyFrom(stringOption(parsed, 'identity'), stringOption(parsed, 'passphrase-fd'), 'bundle');
  if (sub === 'open' && key === undefined) throw new InputError('bundle open needs --identity <file> or --passphrase-fd N (see ipsec-studio bundle --help)');
  const bytes = readBytes(file!, BUNDLE_CAPS.sealedBytes);
  try {
    const sealed = inspectSealed(bytes);
    if (key === undefined) {
      printJson(io, { sealed });
      return 0;
    }
    const opened = await openBundle(bytes, key);
    printJson(io, sub === 'open' ? opened : { sealed, bundle: bundleSummary(opened, Date.now()) });
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (CANNOT_OPEN.has(error.code)) {
      io.warn(`ipsec-studio: ${file}: ${error.message} (${error.code})`);
      return 1;
    }
    throw new InputError(`${file}: ${error.message} (${error.code})`);
  }
}
