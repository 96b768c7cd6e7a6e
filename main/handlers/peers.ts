// Handlers of the contract's peer-devices domain (core/contract/peers.ts).
import type { peerMethods } from '../../core/contract.ts';
import type { PeerProfile } from '../../core/peer/profile.ts';
import type { HandlerKit, HandlersFor } from './kit.ts';

export function peerHandlers({ need }: HandlerKit): HandlersFor<typeof peerMethods> {
  return {
    getPeerProfile: (args) => ({ profile: need('peers', 'getPeerProfile').get(args.VpnConnectionId) }),
    savePeerProfile: (args) => need('peers', 'savePeerProfile').save(args.VpnConnectionId, args.profile as PeerProfile),
    deletePeerProfile: (args) => ({ deleted: need('peers', 'deletePeerProfile').remove(args.VpnConnectionId) }),
  };
}
