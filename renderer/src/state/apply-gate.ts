import { editableFields, getField, type VpnConnection } from '../../../core/index.ts';
import type { PeerProfile } from '../../../core/peer/profile.ts';

/** Why Apply is disabled; null when it is not. */
export type ApplyBlock = 'conflicts' | 'rules' | 'offline' | 'busy' | 'none' | 'peer' | null;

export interface ApplyGateInput {
  /** The draft has been analysed (live read, gateway's other connections in). */
  analysed: boolean;
  conflicts: number;
  ruleErrors: number;
  online: boolean;
  inFlight: boolean;
  changes: number;
  hasRequest: boolean;
  /** The pre-check predicts the peer device will not negotiate with the draft. */
  peerBreaks?: boolean;
  /** The user ticked "apply anyway" for that prediction. */
  peerAcknowledged?: boolean;
}

/**
 * Why Apply cannot be pressed, or null when it can. Conflicts come first: resolving them can change what the rules
 * see; then the rules, then reachability, then a change already in flight, then "nothing to send", and last a change
 * the peer device would not negotiate with until the user acknowledges it (main checks that again).
 */
export function applyBlock(input: ApplyGateInput): ApplyBlock {
  if (!input.analysed) return 'none';
  if (input.conflicts > 0) return 'conflicts';
  if (input.ruleErrors > 0) return 'rules';
  if (!input.online) return 'offline';
  if (input.inFlight) return 'busy';
  if (input.changes === 0 || !input.hasRequest) return 'none';
  if (input.peerBreaks === true && input.peerAcknowledged !== true) return 'peer';
  return null;
}

/** A key for what an acknowledgement of the peer prediction covers: every editable field's value as text, in the
 * model's order, and the device with its keys sorted, so an equal draft or device handed back by main keeps it. */
export function ackKeyOf(draft: VpnConnection | null, profile: PeerProfile | null): string {
  const fields = draft ? editableFields(draft.mode).map((d) => String(getField(draft, d.path) ?? '')) : [];
  return JSON.stringify([fields, profile ? canonical(profile) : null]);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  // An unknown lifetime is NaN here and null once it has crossed JSON: the same value.
  return typeof value === 'number' && Number.isNaN(value) ? null : value;
}
