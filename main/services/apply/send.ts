// Sending a persisted request (retried with its one ClientToken), settling an answer lost after it may have reached
// the service, and waiting for the gateway to be active again.
import { maskSecrets, toWire, validateRequest, type GatewayContext, type VpnConnection } from '../../../core/index.ts';
import type { AppErrorShape } from '../../../core/errors.ts';
import { fieldForApiError, normalizeApiError, type ApiErrorShape } from '../api-error.ts';
import type { VpcReads } from '../vpc-reads.ts';
import type { VpcClient } from '../vpc-client.ts';
import type { JobRecord, SendState } from './journal.ts';
import { apiErrorShape, issuesToErrors, landedState, mayHaveLanded } from './landing.ts';
import { waitForActive } from './poller.ts';
import { Aborted, withRetry } from './retry.ts';
import type { JobRuntime } from './runtime.ts';

export type Submitted = 'accepted' | { refused: AppErrorShape; fieldErrors: AppErrorShape[] } | { lost: ApiErrorShape };

/** What a request is checked against before it leaves (core validateRequest): the connection it was built from and
 * the gateway's context. */
export interface SendGate {
  base: VpnConnection;
  context: GatewayContext;
}

export function createSender(rt: JobRuntime) {
  const { retryPolicy, sleep, lifetime, progress, record, save, readOwn, endUnknown, fail, durations, pollPolicy, nowMs } = rt;
  /** Sends (or re-sends, with the same ClientToken) a persisted request until the service accepts it. Every request
   * passes core's validateRequest first, whatever built it: one it refuses is never sent. */
  async function submit(job: JobRecord, client: VpcClient, send: SendState, label: 'apply' | 'rollback', gate: SendGate): Promise<Submitted> {
    const issues = validateRequest(send.request, gate.base, gate.context);
    if (issues.length > 0) {
      const codes = [...new Set(issues.map((i) => i.code))].join(',');
      record(job, 'validation-failed', { issues: issues.length, codes, fields: issues.map((i) => i.path).join(','), for: label, sent: false });
      return {
        refused: { code: 'Apply.RequestInvalid', message: `The request breaks ${issues.length} rule(s) for what may be sent (${codes}); it was not sent.`, field: issues[0]!.path },
        fieldErrors: issuesToErrors(issues),
      };
    }
    const wire = toWire(send.request);
    try {
      const body = await withRetry(
        retryPolicy,
        {
          sleep,
          signal: lifetime.signal,
          onAttempt: (attempt) => {
            if (label === 'apply') progress(job, { attempts: Math.max(job.attempts, attempt) });
          },
          onRetry: (error, attempt, delayMs) =>
            record(job, 'retry', { code: error.code, attempt, delayMs, httpStatus: error.httpStatus, RequestId: error.requestId, ClientToken: send.ClientToken, for: label }),
        },
        () => client.call({ action: 'ModifyVpnConnectionAttribute', RegionId: job.RegionId, query: wire.query, body: wire.body }),
      );
      send.RequestId = typeof body.RequestId === 'string' ? body.RequestId : '';
      // Sent and accepted: an apply now waits for the gateway (one write for both facts).
      save(job, label === 'apply' ? { phase: 'waiting-gateway' } : {});
      record(job, 'submitted', { RequestId: send.RequestId, ClientToken: send.ClientToken, attempts: label === 'apply' ? job.attempts : 0, for: label, request: JSON.stringify(maskSecrets(send.request)) });
      return 'accepted';
    } catch (error) {
      if (error instanceof Aborted) throw error;
      const shape = normalizeApiError(error);
      if (mayHaveLanded(shape)) return { lost: shape };
      const field = fieldForApiError(shape.code, send.changedPaths);
      const withField = field ? { ...shape, field } : shape;
      return { refused: apiErrorShape(withField), fieldErrors: field ? [{ code: shape.code, message: shape.message, field }] : [] };
    }
  }

  /** The answer to a Modify was lost: the live connection says whether it landed. */
  async function reconcile(job: JobRecord, reads: VpcReads, lost: ApiErrorShape): Promise<boolean> {
    const send = job.send!;
    save(job, { phase: 'reconciling' });
    let live: VpnConnection;
    try {
      live = await readOwn(job, reads);
    } catch (error) {
      if (error instanceof Aborted) throw error;
      endUnknown(job, { code: 'Apply.Unknown', message: `The answer to the change was lost (${lost.code}) and the connection could not be read to tell whether it landed.` });
      return false;
    }
    const state = landedState(job.before!, send, live);
    record(job, 'reconciled', { code: lost.code, landed: state });
    if (state === 'applied') {
      send.RequestId = '';
      save(job, { phase: 'waiting-gateway' });
      return true;
    }
    if (state === 'not-applied') {
      fail(job, apiErrorShape(lost));
      return false;
    }
    endUnknown(job, { code: 'Apply.Unknown', message: `The answer to the change was lost (${lost.code}) and the connection holds part of it.` }, live);
    return false;
  }

  async function awaitGateway(job: JobRecord, reads: VpcReads): Promise<ApiErrorShape | AppErrorShape | null> {
    const expectedMs = durations.expectedMs(job.VpnGatewayId);
    const outcome = await waitForActive(pollPolicy, {
      readStatus: async () => (await reads.gateway(job.RegionId, job.VpnGatewayId)).Status,
      sleep,
      nowMs,
      ...(expectedMs !== undefined && { expectedMs }),
      signal: lifetime.signal,
      onStatus: (status, elapsedMs) => record(job, 'gateway-status', { status, elapsedMs }),
    });
    if (outcome.ok) {
      durations.observe(job.VpnGatewayId, outcome.elapsedMs);
      return null;
    }
    return outcome.error ? apiErrorShape(outcome.error) : { code: 'Apply.GatewayTimeout', message: `The VPN gateway did not become active (last status: ${outcome.lastStatus || 'unknown'}).` };
  }

  return { submit, reconcile, awaitGateway };
}

export type Sender = ReturnType<typeof createSender>;
