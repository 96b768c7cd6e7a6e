// What a FortiGate needs around its phase 1 / phase 2 to pass traffic: address objects for the selectors, the
// tunnel interface's addresses and BGP, static routes into the tunnel and the firewall policies.
import { cidrToMask } from '../generic.ts';
import { type FortiText, I1, I2, I3, LAN_PLACEHOLDER, selectors, type Tunnel } from './common.ts';
import { quote } from './syntax.ts';

interface Side {
  /** The address object (or group) naming the side's networks; undefined when the side is 0.0.0.0/0 or empty. */
  object?: string;
  networks: { cidr: string; address: string; mask: string }[];
  invalid: string[];
}

const ANY = '0.0.0.0/0';

function side(t: Tunnel, which: 'local' | 'remote'): Side {
  const list = selectors(t.tunnel)[which];
  const networks: Side['networks'] = [];
  const invalid: string[] = [];
  for (const cidr of list) {
    const m = cidrToMask(cidr);
    if (m) networks.push({ cidr, ...m });
    else invalid.push(cidr);
  }
  const specific = networks.length > 0 && !(networks.length === 1 && networks[0]!.cidr === ANY);
  return { ...(specific && { object: `${t.name}-${which}` }), networks, invalid };
}

/** `config firewall address` / `addrgrp` for the networks of every tunnel side that has specific ones. */
export function writeAddresses(out: FortiText, tunnels: readonly Tunnel[]): void {
  const sides = tunnels.flatMap((t) => [side(t, 'local'), side(t, 'remote')]).filter((s) => s.object !== undefined);
  if (sides.length === 0) return;
  out.add('config firewall address');
  for (const s of sides) {
    s.networks.forEach((n, i) => {
      out.add(`${I1}edit ${quote(s.networks.length === 1 ? s.object! : `${s.object!}-${i + 1}`)}`);
      out.add(`${I2}set subnet ${n.address} ${n.mask}`);
      out.add(`${I1}next`);
    });
  }
  out.add('end');
  const groups = sides.filter((s) => s.networks.length > 1);
  if (groups.length === 0) return;
  out.add('config firewall addrgrp');
  for (const s of groups) {
    out.add(`${I1}edit ${quote(s.object!)}`);
    out.add(`${I2}set member ${s.networks.map((_, i) => quote(`${s.object!}-${i + 1}`)).join(' ')}`);
    out.add(`${I1}next`);
  }
  out.add('end');
}

type Network = Side['networks'][number];

/** Every (local, remote) pair of networks, local first (what is no IPv4 network is left to noteInvalidNetworks). */
export function selectorPairs(t: Tunnel): { local: Network; remote: Network }[] {
  const remote = side(t, 'remote').networks;
  return side(t, 'local').networks.flatMap((l) => remote.map((r) => ({ local: l, remote: r })));
}

/** A comment and a note for each selector that is no IPv4 network. */
export function noteInvalidNetworks(out: FortiText, t: Tunnel): void {
  for (const [which, prefix] of [['local', 'src'], ['remote', 'dst']] as const) {
    for (const cidr of side(t, which).invalid) out.note(out.add(`${I2}# ${prefix}: ${cidr} left out`), 'peer.fortigate.notIpv4', { subnet: cidr });
  }
}

/** The phase 2 selectors: one network as a subnet, several as the address group of writeAddresses. */
export function writeSelectors(out: FortiText, t: Tunnel): void {
  noteInvalidNetworks(out, t);
  for (const [which, prefix] of [['local', 'src'], ['remote', 'dst']] as const) {
    const s = side(t, which);
    if (s.networks.length === 0) out.note(out.add(`${I2}# set ${prefix}-subnet: no ${which} network in the profile`), 'peer.vendor.noSubnets');
    else if (s.networks.length === 1) out.add(`${I2}set ${prefix}-subnet ${s.networks[0]!.address} ${s.networks[0]!.mask}`);
    else {
      out.add(`${I2}set ${prefix}-addr-type name`);
      out.add(`${I2}set ${prefix}-name ${quote(s.object!)}`);
    }
  }
}

function otherTunnelAsn(tunnels: readonly Tunnel[]): string {
  return tunnels.map((t) => t.tunnel.bgp?.asn ?? '').find((asn) => asn !== '') ?? '';
}

/** The tunnel interfaces' addresses (a /32 with the cloud's end as remote-ip in the /30) and one BGP neighbor each. */
export function writeBgp(out: FortiText, tunnels: readonly Tunnel[]): void {
  const withBgp = tunnels.filter((t) => t.tunnel.bgp !== undefined);
  if (withBgp.length === 0) return;
  out.add('config system interface');
  for (const { name, tunnel } of withBgp) {
    const bgp = tunnel.bgp!;
    out.add(`${I1}edit ${quote(name)}`);
    const ip = bgp.address !== '' ? out.add(`${I2}set ip ${bgp.address} 255.255.255.255`) : out.add(`${I2}# set ip <BGP address of the device> 255.255.255.255`);
    if (bgp.address === '') out.note(ip, 'peer.fortigate.bgpAddressUnknown');
    if (side({ key: 'single', name, tunnel }, 'remote').object !== undefined) {
      out.note(ip, 'peer.fortigate.bgpSelectors', { address: bgp.address || '?', peer: bgp.peerAddress || '?' });
    }
    if (bgp.peerAddress !== '') out.add(`${I2}set remote-ip ${bgp.peerAddress} 255.255.255.252`);
    else out.note(out.add(`${I2}# set remote-ip <BGP address of the cloud> 255.255.255.252`), 'peer.fortigate.bgpPeerAddressUnknown');
    out.add(`${I1}next`);
  }
  out.add('end');
  const asn = otherTunnelAsn(withBgp);
  out.add('config router bgp');
  if (asn.includes('.')) out.add(`${I1}# An asdot AS number needs FortiOS 7.2.1 or later.`);
  const asLine = asn !== '' ? out.add(`${I1}set as ${asn}`) : out.add(`${I1}# set as <ASN of the device>`);
  if (asn === '') out.note(asLine, 'peer.vendor.bgpAsnUnknown');
  for (const t of withBgp) {
    const wanted = t.tunnel.bgp!.asn;
    if (asn !== '' && wanted !== asn) out.note(asLine, 'peer.fortigate.bgpAsnDiffers', { tunnel: t.key, asn: wanted || '?', used: asn });
  }
  out.add(`${I1}config neighbor`);
  for (const { name, tunnel } of withBgp) {
    const bgp = tunnel.bgp!;
    const c = bgp.peerAddress === '' ? '# ' : '';
    out.add(`${I2}${c}edit ${quote(bgp.peerAddress || '<BGP address of the cloud>')}`);
    if (bgp.peerAsn !== '') out.add(`${I3}${c}set remote-as ${bgp.peerAsn}`);
    else out.note(out.add(`${I3}# set remote-as <ASN of the cloud>`), 'peer.fortigate.bgpPeerAsnUnknown');
    out.add(`${I3}${c}set update-source ${quote(name)}`);
    out.add(`${I2}${c}next`);
  }
  out.add(`${I1}end`);
  out.add(`${I1}# Announce the device's networks to the cloud: config network / edit 0 / set prefix <network> <mask>.`);
  out.add('end');
}

/** Static routes to the cloud networks of tunnels with specific selectors; route-based tunnels say what to add. */
export function writeRoutes(out: FortiText, tunnels: readonly Tunnel[]): void {
  const dual = tunnels.some((t) => t.key === 'master') && tunnels.some((t) => t.key === 'slave');
  const routed = tunnels.filter((t) => side(t, 'remote').object !== undefined);
  for (const t of tunnels.filter((t) => side(t, 'remote').object === undefined && t.tunnel.bgp === undefined)) {
    const line = out.add(`# Tunnel ${t.key}: add a route to each VPC network through "${t.name}": config router static / edit 0 / set dst <network> <mask> / set device "${t.name}".`);
    out.note(line, 'peer.vendor.routesUnknown');
  }
  if (routed.length === 0) return;
  out.add('config router static');
  out.add(`${I1}# edit 0 takes the next free route number.`);
  for (const t of routed) {
    if (dual) out.add(`${I1}# Tunnel ${t.key}: distance ${t.key === 'slave' ? '20, the standby route while the master tunnel is up' : '10, the active route'}.`);
    for (const n of side(t, 'remote').networks) {
      out.add(`${I1}edit 0`);
      out.add(`${I2}set dst ${n.address} ${n.mask}`);
      out.add(`${I2}set device ${quote(t.name)}`);
      if (dual) out.add(`${I2}set distance ${t.key === 'slave' ? 20 : 10}`);
      out.add(`${I1}next`);
    }
  }
  out.add('end');
}

/** FortiOS passes nothing through a tunnel interface without a policy: one each way per tunnel. */
export function writePolicies(out: FortiText, tunnels: readonly Tunnel[]): void {
  if (tunnels.length === 0) return;
  out.add('config firewall policy');
  for (const t of tunnels) {
    const local = side(t, 'local').object ?? 'all';
    const remote = side(t, 'remote').object ?? 'all';
    if (local === 'all' || remote === 'all') out.add(`${I1}# "all" lets any address through tunnel ${t.key}: narrow it to the networks on each end.`);
    for (const [direction, from, to, src, dst] of [['out', LAN_PLACEHOLDER, t.name, local, remote], ['in', t.name, LAN_PLACEHOLDER, remote, local]] as const) {
      out.add(`${I1}edit 0`);
      out.add(`${I2}set name ${quote(`${t.name}-${direction}`)}`);
      const fromLine = out.add(`${I2}set srcintf ${quote(from)}`);
      if (from === LAN_PLACEHOLDER) out.placeholder(fromLine, LAN_PLACEHOLDER, "LAN interface in front of the device's networks");
      out.add(`${I2}set dstintf ${quote(to)}`);
      out.add(`${I2}set action accept`);
      out.add(`${I2}set srcaddr ${quote(src)}`);
      out.add(`${I2}set dstaddr ${quote(dst)}`);
      out.add(`${I2}set schedule "always"`);
      out.add(`${I2}set service "ALL"`);
      out.add(`${I1}next`);
    }
  }
  out.add('end');
}
