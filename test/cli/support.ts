// How the CLI tests run the tool: the entry file as a child process under the project's Node 22 (the one
// `npx ipsec-studio` finds in node_modules/.bin), in a given working directory.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NODE = join(ROOT, 'node_modules/.bin/node');
export const ENTRY = join(ROOT, 'cli/ipsec-studio.ts');
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Asynchronous, so that a test's independent runs can go side by side (each run loads core: about a second). */
export function runCli(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(NODE, [ENTRY, ...args], { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: unknown }).code : 0;
      if (error && typeof code !== 'number') reject(error);
      else resolve({ code: code as number, stdout, stderr });
    });
  });
}
