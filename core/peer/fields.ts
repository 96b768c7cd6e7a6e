// The Peer device column: each connection field's counterpart on the device, as text, and the way back when the
// engineer edits that text by hand. The device's view is mirrored: the cloud's LocalId is what the device expects
// from the cloud (its remoteId), the cloud's LocalSubnet is the device's remote selectors, and so on. Algorithm rows
// show every value the device offers; editing one rebuilds the proposals as every combination of the three lists,
// which is how strongSwan's combined proposals (and most device CLIs) express "any of these".
import type { VpnConnection } from '../model/connection.ts';
import { PROFILE_CAPS } from './profile-schema.ts';
import type { PeerIkeProposal, PeerIpsecProposal, PeerProfile, PeerTunnel, PeerTunnelKey } from './profile.ts';

type Getter = (t: PeerTunnel) => string;
type Setter = (t: PeerTunnel, text: string) => PeerTunnel;

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
const unique = (values: readonly string[]) => [...new Set(values)].join(', ');
const seconds = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));
const onOff = (text: string) => text.trim().toLowerCase() === 'true';

/**
 * The proposals with one part's list of values replaced. When they are every combination of their parts' values (a
 * mirror, strongSwan's combined proposals) the result is again every combination; otherwise only proposals whose part
 * is still listed are kept, and a value added to the list joins each remaining combination of the other parts, so no
 * pairing the device never offered is invented. An empty list, or more than the cap of proposals, changes nothing.
 */
function withPart<P extends object>(proposals: readonly P[], part: keyof P, values: readonly string[]): P[] {
  const parts = Object.keys(proposals[0] ?? {}) as Array<keyof P>;
  if (values.length === 0 || proposals.length === 0) return [...proposals];
  const distinct = (k: keyof P) => [...new Set(proposals.map((p) => String(p[k])))];
  const size = parts.reduce((n, k) => n * distinct(k).length, 1);
  let next: P[];
  if (size === proposals.length) {
    // Every combination: rebuild it with the new list for `part`.
    next = parts.reduce<P[]>(
      (acc, k) => acc.flatMap((p) => (k === part ? values : distinct(k)).map((v) => ({ ...p, [k]: v }))),
      [{} as P],
    );
  } else {
    const kept = proposals.filter((p) => values.includes(String(p[part])));
    const others = [...new Map((kept.length > 0 ? kept : proposals).map((p) => [JSON.stringify({ ...p, [part]: '' }), p])).values()];
    const added = values.filter((v) => !proposals.some((p) => String(p[part]) === v)).flatMap((v) => others.map((p) => ({ ...p, [part]: v })));
    next = [...kept, ...added];
  }
  return next.length > PROFILE_CAPS.proposals ? [...proposals] : next;
}

const ikeWith = (t: PeerTunnel, part: keyof PeerIkeProposal, values: string[]): PeerIkeProposal[] => withPart(t.ikeProposals, part, values);
const ipsecWith = (t: PeerTunnel, part: keyof PeerIpsecProposal, values: string[]): PeerIpsecProposal[] => withPart(t.ipsecProposals, part, values);

/** Field name (the last part of a connection path) → the device's counterpart. */
const FIELDS: Record<string, { get: Getter; set: Setter }> = {
  Psk: { get: (t) => t.psk, set: (t, v) => ({ ...t, psk: v }) },
  IkeVersion: {
    get: (t) => t.ikeVersions.join(', '),
    set: (t, v) => {
      const versions = list(v.toLowerCase()).filter((x): x is 'ikev1' | 'ikev2' => x === 'ikev1' || x === 'ikev2');
      // An empty or unreadable list keeps what the device had: a profile accepts at least one version.
      return versions.length > 0 ? { ...t, ikeVersions: [...new Set(versions)] } : t;
    },
  },
  IkeMode: { get: (t) => t.ikeMode, set: (t, v) => ({ ...t, ikeMode: v.trim().toLowerCase() === 'aggressive' ? 'aggressive' : 'main' }) },
  IkeEncAlg: { get: (t) => unique(t.ikeProposals.map((p) => p.encryption)), set: (t, v) => ({ ...t, ikeProposals: ikeWith(t, 'encryption', list(v)) }) },
  IkeAuthAlg: { get: (t) => unique(t.ikeProposals.map((p) => p.integrity)), set: (t, v) => ({ ...t, ikeProposals: ikeWith(t, 'integrity', list(v)) }) },
  IkePfs: { get: (t) => unique(t.ikeProposals.map((p) => p.dhGroup)), set: (t, v) => ({ ...t, ikeProposals: ikeWith(t, 'dhGroup', list(v)) }) },
  IkeLifetime: { get: (t) => (Number.isNaN(t.ikeLifetime) ? '' : String(t.ikeLifetime)), set: (t, v) => ({ ...t, ikeLifetime: seconds(v) }) },
  LocalId: { get: (t) => t.remoteId, set: (t, v) => ({ ...t, remoteId: v.trim() }) },
  RemoteId: { get: (t) => t.localId, set: (t, v) => ({ ...t, localId: v.trim() }) },
  IpsecEncAlg: { get: (t) => unique(t.ipsecProposals.map((p) => p.encryption)), set: (t, v) => ({ ...t, ipsecProposals: ipsecWith(t, 'encryption', list(v)) }) },
  IpsecAuthAlg: { get: (t) => unique(t.ipsecProposals.map((p) => p.integrity)), set: (t, v) => ({ ...t, ipsecProposals: ipsecWith(t, 'integrity', list(v)) }) },
  IpsecPfs: { get: (t) => unique(t.ipsecProposals.map((p) => p.pfs)), set: (t, v) => ({ ...t, ipsecProposals: ipsecWith(t, 'pfs', list(v)) }) },
  IpsecLifetime: { get: (t) => (Number.isNaN(t.ipsecLifetime) ? '' : String(t.ipsecLifetime)), set: (t, v) => ({ ...t, ipsecLifetime: seconds(v) }) },
  LocalSubnet: { get: (t) => t.remoteSubnets.join(','), set: (t, v) => ({ ...t, remoteSubnets: list(v) }) },
  RemoteSubnet: { get: (t) => t.localSubnets.join(','), set: (t, v) => ({ ...t, localSubnets: list(v) }) },
  EnableDpd: { get: (t) => String(t.dpd), set: (t, v) => ({ ...t, dpd: onOff(v) }) },
  EnableNatTraversal: { get: (t) => String(t.natTraversal), set: (t, v) => ({ ...t, natTraversal: onOff(v) }) },
  LocalAsn: { get: (t) => t.bgp?.peerAsn ?? '', set: (t, v) => ({ ...t, bgp: { ...emptyBgp(t), peerAsn: v.trim() } }) },
  LocalBgpIp: { get: (t) => t.bgp?.peerAddress ?? '', set: (t, v) => ({ ...t, bgp: { ...emptyBgp(t), peerAddress: v.trim() } }) },
};

const emptyBgp = (t: PeerTunnel) => t.bgp ?? { asn: '', address: '', peerAddress: '', peerAsn: '' };

/** Which peer tunnel a connection path belongs to. Connection-wide fields (subnets) of a dual-tunnel connection
 * belong to both tunnels: the master's is shown, and an edit goes to both. */
export function peerTunnelsOf(mode: VpnConnection['mode'], path: string): PeerTunnelKey[] {
  if (mode === 'single') return ['single'];
  if (path.startsWith('TunnelOptionsSpecification.1.')) return ['master'];
  if (path.startsWith('TunnelOptionsSpecification.2.')) return ['slave'];
  return ['master', 'slave'];
}

const fieldName = (path: string) => path.slice(path.lastIndexOf('.') + 1);

/** The device's value for a connection field, or null when the device has no such setting (or no such tunnel). */
export function peerFieldText(profile: PeerProfile, mode: VpnConnection['mode'], path: string): string | null {
  const field = FIELDS[fieldName(path)];
  const tunnel = profile.tunnels[peerTunnelsOf(mode, path)[0]!];
  if (!field || !tunnel) return null;
  return field.get(tunnel);
}

/** Whether a connection field has a device counterpart the column can show and edit. */
export function hasPeerField(path: string): boolean {
  return fieldName(path) in FIELDS;
}

/** The profile with one field edited by hand (source becomes `manual`); unchanged when the field has no counterpart. */
export function setPeerFieldText(profile: PeerProfile, mode: VpnConnection['mode'], path: string, text: string): PeerProfile {
  const field = FIELDS[fieldName(path)];
  if (!field) return profile;
  const tunnels = { ...profile.tunnels };
  let changed = false;
  for (const key of peerTunnelsOf(mode, path)) {
    const tunnel = tunnels[key];
    if (!tunnel) continue;
    tunnels[key] = field.set(tunnel, text);
    changed = true;
  }
  return changed ? { ...profile, source: 'manual', tunnels } : profile;
}
