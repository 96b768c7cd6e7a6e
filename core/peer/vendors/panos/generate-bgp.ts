// BGP over the tunnels: one BGP instance per virtual router (router ID, local AS, install-route), one eBGP peer group
// and a peer per tunnel that peers from the tunnel interface's address in the /30.
import type { PeerProfile, PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import type { PanosText } from './generate.ts';
import { names, PEER_GROUP, VIRTUAL_ROUTER } from './names.ts';
import { word } from './syntax.ts';

/** An ASN as PAN-OS takes it: asdot (`65000.1`) becomes the plain number; anything else stays as written. */
export function asPlain(asn: string): { plain: string; asdot: boolean } {
  const text = asn.trim();
  const dot = /^(\d{1,5})\.(\d{1,5})$/.exec(text);
  if (dot && Number(dot[1]) <= 65535 && Number(dot[2]) <= 65535) return { plain: String(Number(dot[1]) * 65536 + Number(dot[2])), asdot: true };
  return { plain: text, asdot: false };
}

export interface BgpPlan {
  /** The tunnel whose block holds the instance-wide lines. */
  first?: PeerTunnelKey;
  /** The tunnel whose ASN is the instance's local AS ('' = none known). */
  owner?: PeerTunnelKey;
  localAs: string;
  routerId: string;
  fourByte: boolean;
  type: 'ebgp' | 'ibgp';
}

export function planBgp(profile: PeerProfile, keys: readonly PeerTunnelKey[]): BgpPlan {
  const withBgp = keys.filter((key) => profile.tunnels[key]!.bgp !== undefined);
  const bgp = (key: PeerTunnelKey) => profile.tunnels[key]!.bgp!;
  const owner = withBgp.find((key) => bgp(key).asn.trim() !== '');
  const localAs = owner ? asPlain(bgp(owner).asn).plain : '';
  const routerId = withBgp.map((key) => bgp(key).address).find((address) => address !== '') ?? '';
  const asns = [localAs, ...withBgp.map((key) => asPlain(bgp(key).peerAsn).plain)].filter((asn) => /^\d+$/.test(asn));
  const peers = withBgp.map((key) => asPlain(bgp(key).peerAsn).plain);
  return {
    ...(withBgp[0] && { first: withBgp[0] }),
    ...(owner && { owner }),
    localAs,
    routerId,
    // PAN-OS reads AS numbers as 2-byte until told otherwise.
    fourByte: asns.some((asn) => Number(asn) > 65535),
    type: localAs !== '' && peers.every((asn) => asn === localAs) ? 'ibgp' : 'ebgp',
  };
}

function instanceLines(out: PanosText, vr: string, plan: BgpPlan, profile: PeerProfile): void {
  out.add('# BGP over the tunnels: one BGP instance per virtual router. Advertise the local networks with a');
  out.add('# redistribution rule of your own (not included).');
  out.add(`${vr} enable yes`);
  if (plan.routerId !== '') out.add(`${vr} router-id ${word(plan.routerId)}`);
  else out.add(`# ${vr} router-id <device BGP address>`);
  if (plan.localAs !== '') {
    const line = out.add(`${vr} local-as ${word(plan.localAs)}`);
    const asn = profile.tunnels[plan.owner!]!.bgp!.asn;
    if (asPlain(asn).asdot) out.note(line, 'peer.panos.asdot', { asdot: asn.trim(), asplain: plan.localAs });
  } else out.note(out.add(`# ${vr} local-as <device ASN>`), 'peer.vendor.bgpAsnUnknown');
  out.add(`${vr} install-route yes`);
  if (plan.fourByte) out.add(`${vr} routing-options as-format 4-byte`);
  out.add(`${vr} peer-group ${PEER_GROUP} type ${plan.type}`);
}

export function bgpLines(out: PanosText, key: PeerTunnelKey, tunnel: PeerTunnel, plan: BgpPlan, profile: PeerProfile): void {
  const bgp = tunnel.bgp!;
  const n = names(key);
  const vr = `set network virtual-router ${VIRTUAL_ROUTER} protocol bgp`;
  if (key === plan.first) instanceLines(out, vr, plan, profile);
  else out.add(`# BGP peer of tunnel ${key}`);
  if (!tunnel.routeBased) {
    out.add(`# Policy-based with BGP: the BGP session (${bgp.address || '?'} <-> ${bgp.peerAddress || '?'}) passes only where both ends' selectors let it.`);
  }
  const peer = `${vr} peer-group ${PEER_GROUP} peer ${n.tunnel}`;
  const peerAs = asPlain(bgp.peerAsn);
  const first = out.add(peerAs.plain !== '' ? `${peer} enable yes peer-as ${word(peerAs.plain)}` : `${peer} enable yes`);
  if (peerAs.asdot) out.note(first, 'peer.panos.asdot', { asdot: bgp.peerAsn.trim(), asplain: peerAs.plain });
  const own = asPlain(bgp.asn).plain;
  if (own !== plan.localAs) {
    out.note(first, 'peer.panos.bgpOneAsn', { tunnel: key, other: plan.owner ?? plan.first ?? key, asn: plan.localAs || '""', own: own || '""' });
  }
  if (!tunnel.routeBased) out.note(first, 'peer.vendor.cannotBgpPolicy');
  if (peerAs.plain === '') out.note(out.add(`# ${peer} peer-as <VPN gateway ASN>`), 'peer.panos.bgpPeerUnknown', { field: 'peer-as' });
  out.add(`${peer} local-address interface ${n.unit}${bgp.address !== '' ? ` ip ${word(`${bgp.address}/30`)}` : ''}`);
  if (bgp.peerAddress !== '') out.add(`${peer} peer-address ip ${word(bgp.peerAddress)}`);
  else out.note(out.add(`# ${peer} peer-address ip <VPN gateway BGP address>`), 'peer.panos.bgpPeerUnknown', { field: 'peer-address' });
}
