#!/usr/bin/env node
// ipsec-studio: the command-line tool (Node 22 runs this TypeScript file directly: type stripping). Pure core plus
// files: no Electron, no network. The commands live in cli/*.ts; --help lists them.
import { run } from './run.ts';

// `ipsec-studio … | head` closes the pipe early: that is the reader's choice, not an error to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  warn: (line) => void process.stderr.write(`${line}\n`),
});
