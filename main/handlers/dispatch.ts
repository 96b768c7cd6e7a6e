// Every IPC call (Electron's ipcMain and the e2e bridge alike) goes through dispatch: known method, trusted
// sender frame, schema-valid payload, plain-JSON result, errors as { code, message, field? }. The reply crosses to
// the renderer as JSON text (dispatchText): serialising once here guarantees plain data (no class instances,
// functions or undefined holes) and spares IPC and contextBridge from copying a large object graph twice.
import { contract, isMethodName } from '../../core/contract.ts';
import { AppError, type AppErrorShape, type Envelope } from '../../core/errors.ts';
import { isTrustedSender, type SenderFrame } from '../security/sender.ts';
import type { HandlerTable } from './table.ts';

export interface DispatchPolicy {
  allowedOrigins: readonly string[];
  /** Where unexpected failures are reported; their details never cross to the renderer. */
  onInternalError?: (method: string, error: unknown) => void;
}

function fail(code: string, message: string, field?: string): Envelope<never> {
  const error: AppErrorShape = field === undefined ? { code, message } : { code, message, field };
  return { ok: false, error };
}

/** The reply envelope as JSON text, as it crosses IPC. */
export async function dispatchText(
  table: HandlerTable,
  method: string,
  rawArgs: unknown,
  sender: SenderFrame | null,
  policy: DispatchPolicy,
): Promise<string> {
  const envelope = await run(table, method, rawArgs, sender, policy);
  if (!envelope.ok) return JSON.stringify(envelope);
  try {
    return `{"ok":true,"value":${JSON.stringify(envelope.value) ?? 'null'}}`;
  } catch (error) {
    // A cycle or a BigInt in a result is a bug in main, never the renderer's to see.
    policy.onInternalError?.(method, error);
    return JSON.stringify(fail('Internal', 'An unexpected error occurred in the main process. Details are in the log.'));
  }
}

/** The reply envelope as the renderer sees it after parsing (tests, benchmarks). */
export async function dispatch(
  table: HandlerTable,
  method: string,
  rawArgs: unknown,
  sender: SenderFrame | null,
  policy: DispatchPolicy,
): Promise<Envelope<unknown>> {
  return JSON.parse(await dispatchText(table, method, rawArgs, sender, policy)) as Envelope<unknown>;
}

async function run(
  table: HandlerTable,
  method: string,
  rawArgs: unknown,
  sender: SenderFrame | null,
  policy: DispatchPolicy,
): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) return fail('Ipc.UnknownMethod', `Unknown method "${method}".`);
  if (!isTrustedSender(sender, policy.allowedOrigins)) {
    return fail('Ipc.UntrustedSender', 'The request did not come from the application window.');
  }
  const parsed = contract.methods[method].args.safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
    return fail('Ipc.InvalidPayload', issue ? issue.message : 'Invalid payload.', field);
  }
  try {
    const handler = table[method] as (args: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toShape() };
    policy.onInternalError?.(method, error);
    return fail('Internal', 'An unexpected error occurred in the main process. Details are in the log.');
  }
}
