// One tunnel of the IOS-XE configuration: its keyring and IKE profile (IKEv2 or ISAKMP), then either an IPsec profile
// with a static VTI (route-based) or an extended ACL with a crypto map entry (policy-based).
import { cidrToMask, PSK_PLACEHOLDER } from '../generic.ts';
import type { GenerateOptions } from '../../vendor.ts';
import { isAddressId, isAnyId, keyArgument, LOOPBACK_NUMBERS, looksLikeDn, PLACEHOLDERS, TUNNEL_NUMBERS } from './common.ts';
import type { TunnelPlan } from './plan.ts';
import { DPD_LINE, type Writer, writeDropped } from './writer.ts';

const cloudOf = (t: TunnelPlan) => (t.tunnel.cloudAddress !== '' ? t.tunnel.cloudAddress : PLACEHOLDERS.cloudAddress);

function noteCloud(out: Writer, line: number, t: TunnelPlan): void {
  if (t.tunnel.cloudAddress === '') out.note(line, 'peer.vendor.cloudAddressUnknown');
}

function noteDn(out: Writer, line: number, id: string): void {
  if (looksLikeDn(id)) out.note(line, 'peer.cisco-iosxe.identityType', { identity: id });
}

/** The key argument, or the placeholder with its note; a `?` is noted because the CLI reads it as help. */
function keyText(out: Writer, t: TunnelPlan, options: GenerateOptions): { text: string; notes: (line: number) => void } {
  const psk = t.tunnel.psk;
  if (!options.includeSecrets || psk === '') return { text: PSK_PLACEHOLDER, notes: (line) => out.note(line, 'peer.vendor.pskPlaceholder') };
  return { text: keyArgument(psk), notes: (line) => (psk.includes('?') ? out.note(line, 'peer.cisco-iosxe.pskQuestionMark') : undefined) };
}

function writeIkev2(out: Writer, t: TunnelPlan, options: GenerateOptions): void {
  const { tunnel, base } = t;
  out.add(`crypto ikev2 keyring ${base}-KEYRING`);
  out.add(` peer ${base}`);
  noteCloud(out, out.add(`  address ${cloudOf(t)}`), t);
  const key = keyText(out, t, options);
  key.notes(out.add(`  pre-shared-key ${key.text}`));
  out.bang();
  const header = out.add(`crypto ikev2 profile ${base}-IKEV2`);
  if (t.versionChosen) out.note(header, 'peer.vendor.bothIkeVersions', { tunnel: t.key });
  if (tunnel.deviceAddress !== '') out.add(` match address local ${tunnel.deviceAddress}`);
  else out.note(out.add(' ! match address local <device address>: not known, any local address matches'), 'peer.vendor.deviceAddressUnknown');
  if (isAnyId(tunnel.remoteId)) out.add(' match identity remote any');
  else if (isAddressId(tunnel.remoteId)) out.add(` match identity remote address ${tunnel.remoteId} 255.255.255.255`);
  else noteDn(out, out.add(` match identity remote fqdn ${tunnel.remoteId}`), tunnel.remoteId);
  // No `identity local` sends the address of the local interface, which is what an empty localId means.
  if (isAddressId(tunnel.localId)) out.add(` identity local address ${tunnel.localId}`);
  else if (!isAnyId(tunnel.localId)) noteDn(out, out.add(` identity local fqdn ${tunnel.localId}`), tunnel.localId);
  out.add(' authentication remote pre-share');
  out.add(' authentication local pre-share');
  out.add(` keyring local ${base}-KEYRING`);
  if (t.ikeLifetime === undefined) out.note(out.add(' ! lifetime: not known, the IOS-XE default (86400 s) applies'), 'peer.vendor.lifetimeUnknown', { phase: 'IKE', tunnel: t.key });
  else {
    const line = out.add(` lifetime ${t.ikeLifetime.value}`);
    if (t.ikeLifetime.clampedFrom !== undefined) out.note(line, 'peer.vendor.cannotLifetime', { phase: 'IKE', min: 120, max: 86400, value: t.ikeLifetime.clampedFrom, tunnel: t.key });
  }
  if (tunnel.dpd) out.add(` ${DPD_LINE}`);
  if (tunnel.ikeMode === 'aggressive') out.note(out.add(' ! aggressive mode: IKEv1 only, IKEv2 has a single exchange'), 'peer.cisco-iosxe.ikeModeIkev2', { tunnel: t.key });
  out.bang();
}

function writeIkev1(out: Writer, t: TunnelPlan, options: GenerateOptions): void {
  const { tunnel, base } = t;
  const key = keyText(out, t, options);
  out.add(`crypto keyring ${base}-KEYRING`);
  if (tunnel.deviceAddress !== '') out.add(` local-address ${tunnel.deviceAddress}`);
  const keyLine = out.add(` pre-shared-key address ${cloudOf(t)} key ${key.text}`);
  noteCloud(out, keyLine, t);
  key.notes(keyLine);
  // An aggressive-mode responder finds the key by the peer's identity, so a name identity gets its own entry.
  if (tunnel.ikeMode === 'aggressive' && !isAnyId(tunnel.remoteId) && !isAddressId(tunnel.remoteId)) out.add(` pre-shared-key hostname ${tunnel.remoteId} key ${key.text}`);
  out.bang();
  out.add(`crypto isakmp profile ${base}-ISAKMP`);
  out.add(` keyring ${base}-KEYRING`);
  if (isAnyId(tunnel.localId) || tunnel.localId === tunnel.deviceAddress) out.add(' self-identity address');
  else if (isAddressId(tunnel.localId)) out.note(out.add(' self-identity address'), 'peer.cisco-iosxe.ikev1AddressIdentity', { identity: tunnel.localId, tunnel: t.key });
  else {
    out.add(` ! IKEv1 sends hostname.domain as its FQDN identity: "hostname" and "ip domain name" must read ${tunnel.localId}`);
    const line = out.add(' self-identity fqdn');
    out.note(line, 'peer.cisco-iosxe.ikev1HostnameIdentity', { identity: tunnel.localId, tunnel: t.key });
    noteDn(out, line, tunnel.localId);
  }
  if (isAnyId(tunnel.remoteId)) out.add(' match identity address 0.0.0.0 0.0.0.0');
  else if (isAddressId(tunnel.remoteId)) out.add(` match identity address ${tunnel.remoteId} 255.255.255.255`);
  else noteDn(out, out.add(` match identity host ${tunnel.remoteId}`), tunnel.remoteId);
  if (tunnel.deviceAddress !== '') out.add(` local-address ${tunnel.deviceAddress}`);
  else out.note(out.add(' ! local-address <device address>: not known, any local address matches'), 'peer.vendor.deviceAddressUnknown');
  if (tunnel.ikeMode === 'aggressive') out.add(' initiate mode aggressive');
  out.bang();
}

/** The `set …` lines an IPsec profile and a crypto map entry share. */
function writeIpsecSet(out: Writer, t: TunnelPlan): void {
  if (t.transformSets.length > 0) out.add(` set transform-set ${t.transformSets.join(' ')}`);
  writeDropped(out, ' ', t, 'IPsec', t.espDropped);
  if (t.tunnel.ipsecProposals.length === 0)
    out.note(out.add(' ! no IPsec proposal is set: the default transform set of IOS-XE applies'), 'peer.vendor.noProposals', { phase: 'IPsec' });
  if (t.pfs !== undefined) {
    const line = out.add(` set pfs ${t.pfs}`);
    out.weak(line, [t.pfs]);
    if (t.pfsMixed) out.note(line, 'peer.cisco-iosxe.onePfsGroup', { pfs: t.pfs });
  } else if (t.pfsUnknown !== undefined) {
    const line = out.add(` ! set pfs ${t.pfsUnknown}: Cisco IOS-XE has no such group`);
    out.note(line, t.pfsUnknown.startsWith('sm') ? 'peer.vendor.cannotSm' : 'peer.vendor.cannotAlgorithm', { algorithms: t.pfsUnknown });
  } else if (t.pfsMixed) out.note(out.add(' ! no set pfs: the first proposal has no PFS'), 'peer.cisco-iosxe.onePfsGroup', { pfs: 'disabled' });
  if (t.ipsecLifetime === undefined)
    out.note(out.add(' ! set security-association lifetime: not known, the IOS-XE default (3600 s) applies'), 'peer.vendor.lifetimeUnknown', { phase: 'IPsec', tunnel: t.key });
  else {
    const line = out.add(` set security-association lifetime seconds ${t.ipsecLifetime.value}`);
    if (t.ipsecLifetime.clampedFrom !== undefined) out.note(line, 'peer.vendor.cannotLifetime', { phase: 'IPsec', min: 120, max: 2592000, value: t.ipsecLifetime.clampedFrom, tunnel: t.key });
  }
  out.add(t.version === 'ikev2' ? ` set ikev2-profile ${t.base}-IKEV2` : ` set isakmp-profile ${t.base}-ISAKMP`);
}

function writeRouteBased(out: Writer, t: TunnelPlan): void {
  const { tunnel, base } = t;
  const number = TUNNEL_NUMBERS[t.key];
  out.add(`crypto ipsec profile ${base}-IPSEC`);
  writeIpsecSet(out, t);
  out.bang();
  out.add(`interface Tunnel${number}`);
  out.add(` description Alibaba Cloud VPN gateway ${cloudOf(t)} (tunnel ${t.key})`);
  if (tunnel.bgp && tunnel.bgp.address !== '') out.add(` ip address ${tunnel.bgp.address} 255.255.255.252`);
  else {
    const line = out.add(` ip unnumbered ${t.outside}`);
    out.placeholder(line, t.outside, 'outside (Internet-facing) interface');
    if (tunnel.bgp) out.note(line, 'peer.cisco-iosxe.bgpAddressUnknown');
  }
  out.placeholder(out.add(` tunnel source ${t.outside}`), t.outside, 'outside (Internet-facing) interface');
  out.add(' tunnel mode ipsec ipv4');
  noteCloud(out, out.add(` tunnel destination ${cloudOf(t)}`), t);
  out.add(` tunnel protection ipsec profile ${base}-IPSEC`);
  out.bang();
  if (!tunnel.bgp) {
    out.note(out.add(`! Routes to the VPC through the tunnel, one per VPC network: ip route <network> <mask> Tunnel${number}`), 'peer.vendor.routesUnknown');
    out.bang();
  }
}

/** `10.1.0.0/16` → `10.1.0.0 0.0.255.255`, `host a.b.c.d` or `any`, as an extended ACL writes a network. */
function aclNetwork(cidr: string): string {
  const m = cidrToMask(cidr);
  if (!m) return cidr;
  if (m.mask === '0.0.0.0') return 'any';
  return m.mask === '255.255.255.255' ? `host ${m.address}` : `${m.address} ${m.wildcard}`;
}

function writePolicyBased(out: Writer, t: TunnelPlan): void {
  const { tunnel, base } = t;
  const loopback = `Loopback${LOOPBACK_NUMBERS[t.key]}`;
  const bgp = tunnel.bgp && tunnel.bgp.address !== '' && tunnel.bgp.peerAddress !== '' ? tunnel.bgp : undefined;
  out.add('! If this device translates (NAT) these networks, exempt the traffic below from NAT.');
  out.add(`ip access-list extended ${base}-ACL`);
  if (tunnel.localSubnets.length === 0 || tunnel.remoteSubnets.length === 0)
    out.note(out.add(' ! permit ip <device network> <wildcard> <cloud network> <wildcard>: no traffic selector is set'), 'peer.vendor.noSubnets');
  for (const local of tunnel.localSubnets) for (const remote of tunnel.remoteSubnets) out.add(` permit ip ${aclNetwork(local)} ${aclNetwork(remote)}`);
  if (bgp) out.note(out.add(` permit ip host ${bgp.address} host ${bgp.peerAddress}`), 'peer.cisco-iosxe.bgpPolicyBased', { address: bgp.address, interface: loopback });
  else if (tunnel.bgp) out.note(out.add(' ! BGP: the device or cloud BGP address is not known'), 'peer.cisco-iosxe.bgpAddressUnknown');
  out.bang();
  if (bgp) {
    out.placeholder(out.add(`interface ${loopback}`), loopback, 'unused loopback interface that carries the BGP address');
    out.add(` description BGP address for Alibaba Cloud tunnel ${t.key}`);
    out.add(` ip address ${bgp.address} 255.255.255.255`);
    out.bang();
  }
  out.add(`crypto map ${t.mapName} ${t.mapSequence} ipsec-isakmp`);
  out.add(` description Alibaba Cloud VPN gateway ${cloudOf(t)} (tunnel ${t.key})`);
  noteCloud(out, out.add(` set peer ${cloudOf(t)}`), t);
  writeIpsecSet(out, t);
  out.add(` match address ${base}-ACL`);
  out.bang();
}

export function writeTunnel(out: Writer, t: TunnelPlan, options: GenerateOptions): void {
  const { tunnel } = t;
  out.add(`! ---- Tunnel ${t.key}: this device ${tunnel.deviceAddress || '(address unknown)'} <-> Alibaba Cloud ${tunnel.cloudAddress || '(address unknown)'}`);
  if (t.version === 'ikev2') writeIkev2(out, t, options);
  else writeIkev1(out, t, options);
  if (tunnel.routeBased) writeRouteBased(out, t);
  else writePolicyBased(out, t);
}
