import type { IkeConfig, IpsecConfig, NegotiationStatus, PeerConfig } from '../types.ts';

const IKE_KEYS = ['Psk', 'IkeVersion', 'IkeMode', 'IkeEncAlg', 'IkeAuthAlg', 'IkePfs'] as const;
const IPSEC_KEYS = ['IpsecEncAlg', 'IpsecAuthAlg', 'IpsecPfs'] as const;

/**
 * What the tunnel negotiates to against the simulated peer: phase 1 needs the PSK and the IKE proposal to agree,
 * phase 2 the IPsec proposal. Lifetimes are left out because real IKE stacks settle on the shorter one.
 */
export function negotiate(ike: IkeConfig, ipsec: IpsecConfig, peer: PeerConfig | undefined): NegotiationStatus {
  if (!peer || peer.Online === false) return 'ike_sa_not_established';
  if (IKE_KEYS.some((k) => peer[k] !== undefined && peer[k] !== ike[k])) return 'ike_sa_not_established';
  if (IPSEC_KEYS.some((k) => peer[k] !== undefined && peer[k] !== ipsec[k])) return 'ipsec_sa_not_established';
  return 'ipsec_sa_established';
}
