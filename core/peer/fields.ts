// The Peer device column: each connection field's counterpart on the device, as text, and the way back when the
// engineer edits that text by hand. The device's view is mirrored: the cloud's LocalId is what the device expects
// from the cloud (its remoteId), the cloud's LocalSubnet is the device's remote selectors, and so on. Algorithm rows
// show every value the device offers; editing one rebuilds the proposals as every combination of the three lists,
// which is how strongSwan's combined proposals (and most device CLIs) express "any of these".
import type { VpnConnection } from '../model/connection.ts';
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

function ikeWith(t: PeerTunnel, part: keyof PeerIkeProposal, values: string[]): PeerIkeProposal[] {
  const current = (k: keyof PeerIkeProposal) => [...new Set(t.ikeProposals.map((p) => p[k]))];
  const enc = part === 'encryption' ? values : current('encryption');
  const integ = part === 'integrity' ? values : current('integrity');
  const dh = part === 'dhGroup' ? values : current('dhGroup');
  return enc.flatMap((encryption) => integ.flatMap((integrity) => dh.map((dhGroup) => ({ encryption, integrity, dhGroup }))));
}

function ipsecWith(t: PeerTunnel, part: keyof PeerIpsecProposal, values: string[]): PeerIpsecProposal[] {
  const current = (k: keyof PeerIpsecProposal) => [...new Set(t.ipsecProposals.map((p) => p[k]))];
  const enc = part === 'encryption' ? values : current('encryption');
  const integ = part === 'integrity' ? values : current('integrity');
  const pfs = part === 'pfs' ? values : current('pfs');
  return enc.flatMap((encryption) => integ.flatMap((integrity) => pfs.map((p) => ({ encryption, integrity, pfs: p }))));
}

/** Field name (the last part of a connection path) → the device's counterpart. */
const FIELDS: Record<string, { get: Getter; set: Setter }> = {
  Psk: { get: (t) => t.psk, set: (t, v) => ({ ...t, psk: v }) },
  IkeVersion: {
    get: (t) => t.ikeVersions.join(', '),
    set: (t, v) => ({ ...t, ikeVersions: list(v).filter((x): x is 'ikev1' | 'ikev2' => x === 'ikev1' || x === 'ikev2') }),
  },
  IkeMode: { get: (t) => t.ikeMode, set: (t, v) => ({ ...t, ikeMode: v.trim() === 'aggressive' ? 'aggressive' : 'main' }) },
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
