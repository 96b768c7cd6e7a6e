// Argument parsing for every command, over Node's util.parseArgs (strict: an unknown option is bad input, never
// ignored, because a script with a typo must not get a configuration for the wrong tunnel).
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad input: the tool prints the message as one line on stderr and exits 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
  help: boolean;
}

/** parseArgs' own messages are several sentences; a script's log deserves one line that names the option. */
function reword(error: unknown, command: string): InputError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const hint = `(see ipsec-studio ${command} --help)`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new InputError(`unknown option ${quoted.split(' ')[0] || message} ${hint}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = quoted.split(/[ ,]/).find((p) => p.startsWith('--')) ?? quoted;
    return new InputError(/argument missing/.test(message) ? `option ${name} needs a value ${hint}` : `option ${name} takes no value ${hint}`);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new InputError(`unexpected argument ${quoted} ${hint}`);
  return new InputError(`${message.split('\n')[0] ?? message} ${hint}`);
}

/** Parses a command's arguments; `--help` / `-h` are always accepted. */
export function parseCommand(argv: readonly string[], command: string, options: OptionSpec): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
      allowNegative: true,
    });
    const { help, ...rest } = values as Record<string, string | boolean | Array<string | boolean> | undefined>;
    return { values: rest, positionals, help: help === true };
  } catch (error) {
    throw reword(error, command);
  }
}

export function positionalsExactly(parsed: Parsed, names: readonly string[], command: string): string[] {
  if (parsed.positionals.length < names.length) {
    throw new InputError(`missing ${names.slice(parsed.positionals.length).map((n) => `<${n}>`).join(' ')} (see ipsec-studio ${command} --help)`);
  }
  if (parsed.positionals.length > names.length) {
    throw new InputError(`unexpected argument ${parsed.positionals[names.length] ?? ''} (see ipsec-studio ${command} --help)`);
  }
  return parsed.positionals;
}

export function stringOption(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  if (Array.isArray(value)) return undefined;
  return typeof value === 'string' ? value : undefined;
}

export function stringList(parsed: Parsed, name: string): string[] {
  const value = parsed.values[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** An option restricted to a few words: anything else names the option and the words it takes. */
export function choiceOption<T extends string>(parsed: Parsed, name: string, choices: readonly T[]): T | undefined {
  const value = stringOption(parsed, name);
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new InputError(`--${name} must be one of ${choices.join(', ')} (got '${value}')`);
  return value as T;
}

/** Where a command writes: its result to stdout, warnings (one line each) to stderr. */
export interface Io {
  out(text: string): void;
  warn(line: string): void;
}

/** A result a script parses: pretty JSON, one trailing newline. */
export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}
