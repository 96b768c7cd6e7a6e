// "Green must mean up" at the other end too: an apply the pre-check predicts will not negotiate with the stored peer
// device is refused unless the user acknowledged exactly that, and an acknowledged one is on the timeline. Main
// decides with its own copies (the stored draft and the stored profile), not with what the renderer says it saw.
import { AppError } from '../../core/errors.ts';
import { precheck, precheckSummary } from '../../core/peer/precheck.ts';
import type { DraftsService } from './drafts.ts';
import type { PeersService } from './peers.ts';
import type { TimelineService } from './timeline.ts';

export interface PeerBreak {
  VpnConnectionId: string;
  status: string;
  message: string;
  paths: string[];
}

export function createPeerGate(deps: { peers: Pick<PeersService, 'get'>; drafts: Pick<DraftsService, 'get'>; timeline: Pick<TimelineService, 'append'> }) {
  /**
   * What the draft breaks at the peer device, or null when it negotiates, when no device is known, or when the live
   * connection does not negotiate with the device either (the change does not make it worse; the preview says the
   * device profile itself disagrees with the live connection).
   */
  const breakOf = (draftId: string): PeerBreak | null => {
    const record = deps.drafts.get(draftId);
    const profile = deps.peers.get(record.VpnConnectionId, record.profileId);
    if (!profile) return null;
    const result = precheck(record.draft, profile);
    if (result.verdict === 'negotiates') return null;
    if (precheck(record.base, profile).verdict !== 'negotiates') return null;
    const summary = precheckSummary(result);
    const errors = result.tunnels.flatMap((t) => t.reasons.filter((r) => r.severity === 'error'));
    return { VpnConnectionId: record.VpnConnectionId, status: summary.status, message: errors[0]?.message ?? summary.code, paths: [...new Set(errors.map((r) => r.path))] };
  };
  return {
    breakOf,
    /** Throws `Peer.BreakNotAcknowledged` when the drafts break at their devices and that was not acknowledged. */
    admit(draftIds: readonly string[], acknowledged: boolean): PeerBreak[] {
      const breaks = draftIds.map(breakOf).filter((b): b is PeerBreak => b !== null);
      if (breaks.length > 0 && !acknowledged) {
        throw new AppError('Peer.BreakNotAcknowledged', `The peer device would not negotiate after this change (${breaks.map((b) => `${b.VpnConnectionId}: ${b.message}`).join('; ')}). Acknowledge it to apply anyway.`, undefined, {
          connections: breaks.map((b) => b.VpnConnectionId).join(', '),
        });
      }
      return breaks;
    },
    record(breaks: readonly PeerBreak[], jobIds: ReadonlyMap<string, string>) {
      for (const b of breaks) deps.timeline.append('peer-acknowledged', b.VpnConnectionId, { prediction: b.status, message: b.message, fields: b.paths.join(',') }, jobIds.get(b.VpnConnectionId));
    },
  };
}
export type PeerGate = ReturnType<typeof createPeerGate>;
