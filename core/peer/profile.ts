// The customer's end of a tunnel: what the device offers and expects, in one vendor-neutral shape.
// Algorithm names use the API's vocabulary (aes, aes192, sha1, group2, sm4…) wherever the API knows the algorithm,
// so the pre-check compares like with like; an algorithm the API has no name for keeps the vendor's keyword
// (e.g. strongSwan's `aes128gcm16`) and simply never matches the cloud end.

export type PeerTunnelKey = 'single' | 'master' | 'slave';
export const PEER_TUNNEL_KEYS: readonly PeerTunnelKey[] = ['single', 'master', 'slave'];

export interface PeerIkeProposal {
  encryption: string;
  integrity: string;
  /** IKE DH group: `group1`, `group2`, `group5`, `group14`, `group24`, … */
  dhGroup: string;
}

export interface PeerIpsecProposal {
  encryption: string;
  integrity: string;
  /** `disabled` = no PFS in this proposal; otherwise the PFS DH group (`group2`, …). */
  pfs: string;
}

export interface PeerBgp {
  /** The device's own ASN (text, like the model's ASNs). */
  asn: string;
  /** The device's BGP address inside the tunnel network. */
  address: string;
  /** The cloud's BGP address and ASN the device peers with ('' = not set on the device). */
  peerAddress: string;
  peerAsn: string;
}

/** One tunnel as the device sees it. "local" is the device, "remote" is the cloud. */
export interface PeerTunnel {
  /** The device's public address ('' = unknown). */
  deviceAddress: string;
  /** The cloud address the device connects to ('' = unknown; '%any' style wildcards are kept as written). */
  cloudAddress: string;
  /** The IKE versions the device accepts: one of them, or both (`ikev1` and `ikev2`) for "any". */
  ikeVersions: Array<'ikev1' | 'ikev2'>;
  /** IKEv1 exchange mode the device uses. */
  ikeMode: 'main' | 'aggressive';
  /** In the device's order of preference. */
  ikeProposals: PeerIkeProposal[];
  ipsecProposals: PeerIpsecProposal[];
  /** Seconds; NaN = unknown. */
  ikeLifetime: number;
  ipsecLifetime: number;
  /** The device's own identity (what the cloud must have as RemoteId). */
  localId: string;
  /** The identity the device expects from the cloud ('' or '%any' = accepts any). */
  remoteId: string;
  /** Traffic selectors, device side first: the device's networks, then the cloud networks it routes into the tunnel. */
  localSubnets: string[];
  remoteSubnets: string[];
  /** The device's pre-shared key ('' = unknown). Sealed at rest like every other secret. */
  psk: string;
  dpd: boolean;
  natTraversal: boolean;
  /** Route-based: the device uses a virtual tunnel interface (XFRM interface) with 0.0.0.0/0 selectors. */
  routeBased: boolean;
  bgp?: PeerBgp;
}

export interface PeerProfile {
  /** The vendor seam's id (`strongswan`; [Vendors] adds commercial ones). */
  vendor: string;
  /** Free text: model / software version, for the engineer. */
  platform: string;
  /** Where the profile came from: mirrored from the live connection, imported from a configuration, or edited. */
  source: 'mirror' | 'import' | 'manual';
  /** For a single-tunnel connection only `single`; for a dual-tunnel one `master` and/or `slave`. */
  tunnels: Partial<Record<PeerTunnelKey, PeerTunnel>>;
}
