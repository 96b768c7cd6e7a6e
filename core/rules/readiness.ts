// Whether a draft can be applied as it stands: the one answer behind "Apply ready drafts (N)" (main computes it for
// every draft summary) and the apply engine's refusal of drafts that are not ready. Pure; never throws.
import type { GatewayContext, VpnConnection } from '../model/connection.ts';
import { changedFields } from '../model/changes.ts';
import { buildModifyRequest, isEmptyRequest } from '../request/build-request.ts';

/** Why a draft is not ready, most fundamental first: `applied` (history), `busy` (being applied), `conflicts` (the
 * live connection changed the same fields; before them `not-in-account`: imported from a bundle for a connection this
 * account does not have), `no-changes`, `not-loaded` (main holds no inventory of its gateway, so
 * the rules that look at the gateway's other connections cannot run), `rules` (a rule fails). */
export type NotReadyReason = 'applied' | 'busy' | 'not-in-account' | 'conflicts' | 'no-changes' | 'not-loaded' | 'rules';

export type DraftReadiness =
  | { ready: true }
  | {
      ready: false;
      reason: NotReadyReason;
      /** `rules`: how many rule errors; `conflicts`: how many conflicting fields. */
      issueCount?: number;
    };

/** The parts of a DraftRecord readiness depends on. */
export interface ReadinessInput {
  RegionId: string;
  status: 'editing' | 'applying' | 'applied' | 'conflict';
  /** Imported for a connection the account does not have (main found none when it read it live). */
  notInAccount?: boolean;
  base: VpnConnection;
  draft: VpnConnection;
  conflicts: readonly unknown[];
}

export function draftReadiness(record: ReadinessInput, context: GatewayContext | null): DraftReadiness {
  if (record.status === 'applied') return { ready: false, reason: 'applied' };
  if (record.status === 'applying') return { ready: false, reason: 'busy' };
  if (record.notInAccount === true) return { ready: false, reason: 'not-in-account' };
  if (record.conflicts.length > 0 || record.status === 'conflict') return { ready: false, reason: 'conflicts', issueCount: record.conflicts.length };
  if (record.base.mode === record.draft.mode && changedFields(record.base, record.draft).length === 0) return { ready: false, reason: 'no-changes' };
  if (!context) return { ready: false, reason: 'not-loaded' };
  try {
    // The same check the editor runs and main runs before sending: every rule, then what the request needs.
    const built = buildModifyRequest(record.base, record.draft, context, { RegionId: record.RegionId });
    if (!built.ok) return { ready: false, reason: 'rules', issueCount: built.issues.length };
    if (isEmptyRequest(built.request)) return { ready: false, reason: 'no-changes' };
    return { ready: true };
  } catch {
    return { ready: false, reason: 'rules', issueCount: 1 };
  }
}
