// The built-in Sandbox profile: the local emulator, started in-process on 127.0.0.1 (port 0) the first time the
// Sandbox is used. Its credentials are the emulator's published, non-secret sandbox keys.
import type { ACTION_HANDLERS, ActionHandler } from '../../emulator/actions/index.ts';
import type { Endpoint } from './endpoints.ts';
import type { VpcAction } from './vpc-client.ts';

/** An action map that answers every action in `Called`: `SandboxActions<typeof ACTION_HANDLERS>` fails to compile,
 * naming the action, when the app calls one the emulator lacks. The check lives here, where the app meets the
 * emulator, because the emulator imports nothing from the app (docs/architecture.md). */
export type SandboxActions<Answered extends Readonly<Record<Called, ActionHandler>>, Called extends string = VpcAction> = Answered;
export type CheckedSandboxActions = SandboxActions<typeof ACTION_HANDLERS>;

export interface SandboxTarget {
  endpoint: string;
  credentials: { accessKeyId: string; accessKeySecret: string };
}

export interface SandboxService {
  /** Starts the emulator on first use; later calls return the same one. */
  ensure(): Promise<SandboxTarget>;
  endpoint(): Promise<Endpoint>;
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** How the emulator is started; the e2e harness and the kill tests pass their own. */
  start(): Promise<SandboxTarget & { close(): Promise<void> }>;
}

export function createSandboxService(options: SandboxOptions): SandboxService {
  let running: Promise<SandboxTarget & { close(): Promise<void> }> | undefined;
  const ensure = () => {
    running ??= options.start().catch((error: unknown) => {
      running = undefined;
      throw error;
    });
    return running;
  };
  return {
    ensure: async () => {
      const r = await ensure();
      return { endpoint: r.endpoint, credentials: r.credentials };
    },
    endpoint: async () => ({ endpoint: (await ensure()).endpoint, protocol: 'http' }),
    close: async () => {
      const r = running;
      running = undefined;
      if (r) await (await r).close();
    },
  };
}

/** The default starter: the project's emulator with its seed, loaded only when the Sandbox is first used. */
export function inProcessEmulator(options: { updateSeconds?: number; renegotiateSeconds?: number } = {}): SandboxOptions['start'] {
  return async () => {
    const { startEmulator } = await import('../../emulator/index.ts');
    return startEmulator({
      port: 0,
      ...(options.updateSeconds !== undefined && { updateSeconds: options.updateSeconds }),
      ...(options.renegotiateSeconds !== undefined && { renegotiateSeconds: options.renegotiateSeconds }),
    });
  };
}
