// The confirm window (like Junos `commit confirmed`): after a change, watch the negotiation status; the change
// stands when the user confirms or the tunnels come back up, and is rolled back at the deadline otherwise.
import type { VpnConnection } from '../../../core/index.ts';

export const ESTABLISHED = 'ipsec_sa_established';

/** Negotiation status per tunnel: the connection's own for single-tunnel, each tunnel's for dual-tunnel. */
export function negotiationStates(c: VpnConnection): string[] {
  return c.mode === 'single' ? [c.Status ?? 'unknown'] : c.tunnels.map((t) => t.Status ?? 'unknown');
}

export function establishedCount(c: VpnConnection): number {
  return negotiationStates(c).filter((s) => s === ESTABLISHED).length;
}

/**
 * Whether the tunnels are back: at least as many established as before the change (a tunnel that was down
 * before cannot be blamed on the change), and at least one when one was up.
 */
export function negotiationRecovered(c: VpnConnection, establishedBefore: number): boolean {
  return establishedCount(c) >= establishedBefore;
}

export type ConfirmDecision = 'confirmed' | 'recovered' | 'rollback' | 'wait';

export function decide(args: { confirmed: boolean; rollbackRequested: boolean; recovered: boolean; nowMs: number; deadlineMs: number }): ConfirmDecision {
  if (args.rollbackRequested) return 'rollback';
  if (args.confirmed) return 'confirmed';
  if (args.nowMs < args.deadlineMs) return 'wait';
  return args.recovered ? 'recovered' : 'rollback';
}
