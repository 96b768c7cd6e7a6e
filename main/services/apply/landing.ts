// What a sent request did: the pure comparisons behind read-back verification and lost answers, and the error
// shapes a job records.
import { applyModifyRequest } from '../../../core/request/apply-request.ts';
import {
  changedFields,
  fieldDef,
  formatIssue,
  getField,
  sameFieldValue,
  type ModifyVpnConnectionAttributeRequest,
  type RuleIssue,
  type VpnConnection,
} from '../../../core/index.ts';
import type { AppErrorShape } from '../../../core/errors.ts';
import type { ApiErrorShape } from '../api-error.ts';
import type { SendState } from './journal.ts';

// Rule parameters can quote the value that broke the rule; for a PSK that is part of the secret, which job records,
// the timeline and IPC results must never hold. The renderer words the message itself from code and field.
export function issuesToErrors(issues: RuleIssue[]): AppErrorShape[] {
  return issues.map((i) => {
    // A PSK rule's parameters quote the key (its length, a character of it): they are not kept in the job's record.
    const secret = /(^|\.)Psk$/.test(i.path);
    return { code: i.code, message: formatIssue(secret ? { ...i, params: {} } : i, 'en'), field: i.path, ...(!secret && { params: i.params }) };
  });
}

/** Fields of the request that read back differently from what was asked. */
export function readBackMismatches(before: VpnConnection, request: ModifyVpnConnectionAttributeRequest, changedPaths: string[], actual: VpnConnection): string[] {
  const expected = applyModifyRequest(before, request);
  if (expected.mode !== actual.mode) return ['mode'];
  const differing = new Set(changedFields(expected, actual).map((d) => d.path));
  return changedPaths.filter((p) => differing.has(p));
}

/** Whether a request the service may or may not have processed shows in the live connection: all of it, none of
 * it (every changed field still as before), or some (undecidable). */
export function landedState(before: VpnConnection, send: Pick<SendState, 'request' | 'changedPaths'>, live: VpnConnection): 'applied' | 'not-applied' | 'partial' {
  if (readBackMismatches(before, send.request, send.changedPaths, live).length === 0) return 'applied';
  if (before.mode !== live.mode) return 'partial';
  const moved = new Set(changedFields(before, live).map((d) => d.path));
  return send.changedPaths.some((p) => moved.has(p)) ? 'partial' : 'not-applied';
}

/** `landedState` for a job whose secrets could not be unsealed in this process: only the fields that are not secret
 * can be compared. A Modify lands whole or not at all, so those decide; with none of them, nothing can be told. */
export function landedWithoutSecrets(before: VpnConnection, target: VpnConnection, changedPaths: readonly string[], live: VpnConnection): 'applied' | 'not-applied' | 'partial' | 'undecidable' {
  const plain = changedPaths.filter((p) => fieldDef(p)?.secret !== true);
  if (plain.length === 0 || before.mode !== live.mode) return 'undecidable';
  const same = (a: VpnConnection, b: VpnConnection, p: string) => sameFieldValue(fieldDef(p)?.kind ?? 'text', getField(a, p), getField(b, p));
  if (plain.every((p) => same(before, live, p))) return 'not-applied';
  return plain.every((p) => same(target, live, p)) ? 'applied' : 'partial';
}

/** Whether an error could have come after the service received the request (so it may have applied it): anything
 * but a refusal the service answered and a connection that never opened. */
export function mayHaveLanded(error: ApiErrorShape): boolean {
  if (['Network.ConnectionRefused', 'Network.HostNotFound', 'Network.Unreachable'].includes(error.code)) return false;
  if (error.httpStatus >= 400 && error.httpStatus < 500) return false;
  return true;
}

export const apiErrorShape = (e: ApiErrorShape): AppErrorShape & Record<string, unknown> => ({
  code: e.code,
  message: e.message,
  requestId: e.requestId,
  httpStatus: e.httpStatus,
  retryable: e.retryable,
  ...(e.field !== undefined && { field: e.field }),
});

