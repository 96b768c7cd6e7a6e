// The emulator in a child process, as the real API is on another machine: its request handling (signature checks,
// JSON of 50 connections per page) then does not share the client's event loop, so a figure measured against it is
// the client's. Only what the inventory benchmark needs crosses: the endpoint and the credentials.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator, type EmulatorOptions } from '../../emulator/index.ts';

export interface RemoteEmulator {
  endpoint: string;
  credentials: { accessKeyId: string; accessKeySecret: string };
  close(): Promise<void>;
}

type Started = { endpoint: string; credentials: RemoteEmulator['credentials'] };

export async function startRemoteEmulator(options: EmulatorOptions): Promise<RemoteEmulator> {
  const child = fork(fileURLToPath(import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = await new Promise<Started>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Started));
    child.once('exit', (code) => reject(new Error(`emulator process exited (${code}) before starting`)));
    child.send(options);
  });
  return {
    ...started,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// In the child: start on 127.0.0.1 with the options the parent sent, report where, serve until killed.
if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', async (options) => {
    const emulator = await startEmulator({ ...(options as EmulatorOptions), port: 0 });
    process.send!({ endpoint: emulator.endpoint, credentials: emulator.credentials } satisfies Started);
    process.once('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
  });
}
