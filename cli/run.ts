// The tool's dispatcher: one command per module, every failure turned into one line and an exit status, so a
// script sees "ipsec-studio: <what is wrong>" and never a stack trace.
import { readFileSync } from 'node:fs';
import { InputError, type Io } from './args.ts';
import type * as HelpTexts from './help.ts';
import type * as PeerHelpTexts from './help-peer.ts';

type Command = (argv: readonly string[], io: Io) => number | Promise<number>;

// Loaded on demand: help and version answer at once, and each command loads only the core it uses.
// Help texts are loaded only when asked for: three of them list every device vendor, which loads them all.
type Helps = typeof HelpTexts & typeof PeerHelpTexts;
const helps = async (): Promise<Helps> => ({ ...(await import('./help.ts')), ...(await import('./help-peer.ts')) });
const COMMANDS: Record<string, { load: () => Promise<Command>; help: (h: Helps) => string }> = {
  'device-config': { load: async () => (await import('./device-config.ts')).deviceConfig, help: (h) => h.deviceConfigHelp },
  precheck: { load: async () => (await import('./precheck.ts')).precheckCommand, help: (h) => h.precheckHelp },
  check: { load: async () => (await import('./check.ts')).check, help: (h) => h.checkHelp },
  plan: { load: async () => (await import('./plan.ts')).plan, help: (h) => h.planHelp },
  bundle: { load: async () => (await import('./bundle.ts')).bundle, help: (h) => h.bundleHelp },
};

/** `--help` anywhere before a `--` terminator. */
const asksHelp = (argv: readonly string[]): boolean => {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) throw new InputError('no command given (see ipsec-studio --help)');
    if (command === '--help' || command === '-h') {
      io.out((await helps()).toolHelp);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(`${version()}\n`);
      return 0;
    }
    if (command === 'help') {
      const topic = rest[0];
      if (topic === undefined) {
        io.out((await helps()).toolHelp);
        return 0;
      }
      const entry = Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic] : undefined;
      if (!entry) throw new InputError(`unknown command '${topic}' (commands: ${Object.keys(COMMANDS).join(', ')})`);
      io.out(entry.help(await helps()));
      return 0;
    }
    const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!entry) {
      throw new InputError(command.startsWith('-') ? `unknown option ${command} (see ipsec-studio --help)` : `unknown command '${command}' (commands: ${Object.keys(COMMANDS).join(', ')})`);
    }
    if (asksHelp(rest)) {
      io.out(entry.help(await helps()));
      return 0;
    }
    // Awaited here, so that an asynchronous command's failure is caught below like any other.
    return await (await entry.load())(rest, io);
  } catch (error) {
    const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ');
    if (error instanceof InputError) {
      io.warn(`ipsec-studio: ${oneLine(error.message)}`);
      return 2;
    }
    io.warn(`ipsec-studio: internal error: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    return 3;
  }
}
