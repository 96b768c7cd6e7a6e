// Every IPC call (Electron's ipcMain and the e2e bridge alike) goes through dispatch: known method, trusted
// sender frame, schema-valid payload, plain-JSON result, errors as { code, message, field? }.
import { contract, type MethodName } from '../../core/contract.ts';
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

function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract.methods, name);
}

export async function dispatch(
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
    const value = await handler(parsed.data);
    // A JSON round trip guarantees the renderer gets plain data (no class instances, functions or undefined holes).
    return { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toShape() };
    policy.onInternalError?.(method, error);
    return fail('Internal', 'An unexpected error occurred in the main process. Details are in the log.');
  }
}
