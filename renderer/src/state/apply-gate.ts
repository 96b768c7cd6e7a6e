// Whether Apply can be pressed for the open draft, and if not, the one reason shown under it.
import type { Analysis } from './analysis.ts';

/** Why Apply is disabled (null: it is not). `none`: nothing to apply (no analysis yet, no change, no request). */
export type ApplyBlock = 'conflicts' | 'rules' | 'offline' | 'busy' | 'none' | null;

export interface ApplyGateInput {
  /** Null until the gateway's other connections are in (the rules need them). */
  analysis: Pick<Analysis, 'issues' | 'rows' | 'request'> | null;
  /** Unresolved conflicts between the draft and the live connection. */
  conflictCount: number;
  online: boolean;
  /** A change of this connection is in flight. */
  inFlight: boolean;
}

/** The first reason that holds, in this order. Conflicts first: resolving them can change what the rules see. */
export function applyBlock({ analysis, conflictCount, online, inFlight }: ApplyGateInput): ApplyBlock {
  if (!analysis) return 'none';
  if (conflictCount > 0) return 'conflicts';
  if (analysis.issues.length > 0) return 'rules';
  if (!online) return 'offline';
  if (inFlight) return 'busy';
  if (analysis.rows.length === 0 || !analysis.request) return 'none';
  return null;
}
