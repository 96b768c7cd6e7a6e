// Watching the tunnels after a change (the settle period, and the confirm window like Junos `commit confirmed`):
// what each read of the connection means for the job. Pure, so every outcome is a table test.
import { lostTunnels, type TunnelHealth } from '../../../core/index.ts';
import type { JobTunnels } from '../../../core/contract.ts';

/** Folds one read of the tunnels into what the job shows: the losses since the change and when they began. */
export function observeTunnels(before: TunnelHealth[], now: TunnelHealth[], previous: JobTunnels | undefined, at: string): JobTunnels {
  const losses = lostTunnels(before, now);
  const downSince = losses.length === 0 ? undefined : previous?.downSince ?? at;
  return { before, now, checkedAt: at, losses, ...(downSince !== undefined && { downSince }) };
}

export type ConfirmDecision = 'wait' | 'rollback' | 'kept' | 'kept-by-negotiation';

/**
 * The confirm window. `losses` is null while no read of the tunnels has succeeded. The user's Confirm keeps the
 * change (the settle period then judges it: degraded when a tunnel stays down); without one, the change stands at
 * the deadline only when every tunnel that was up before is up, and unknown counts as down.
 */
export function decideConfirm(args: { confirmed: boolean; rollbackRequested: boolean; losses: number | null; nowMs: number; deadlineMs: number }): ConfirmDecision {
  if (args.rollbackRequested) return 'rollback';
  if (args.confirmed) return 'kept';
  if (args.nowMs < args.deadlineMs) return 'wait';
  return args.losses === 0 ? 'kept-by-negotiation' : 'rollback';
}

export type SettleDecision = 'wait' | 'succeeded' | 'degraded' | 'unknown';

/** The settle period after an apply without a confirm window: judged on the last read at its end. */
export function decideSettle(args: { losses: number | null; nowMs: number; deadlineMs: number }): SettleDecision {
  if (args.nowMs < args.deadlineMs) return 'wait';
  if (args.losses === null) return 'unknown';
  return args.losses > 0 ? 'degraded' : 'succeeded';
}
