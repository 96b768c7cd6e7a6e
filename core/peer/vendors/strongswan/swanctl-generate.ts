// swanctl.conf (strongSwan 5.9, man swanctl.conf(5)) written for the device end of every tunnel of a peer profile.
import type { PeerBgp, PeerProfile, PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import type { GenerateOptions, GeneratedConfig } from '../../vendor.ts';
import { ikeProposalList, ipsecProposalList, missingNames, type ProposalList } from './algorithms.ts';
import {
  bgpCommentLines,
  CONNECTION_NAMES,
  ConfText,
  identityClash,
  INTERFACE_IDS,
  PSK_PLACEHOLDER,
  secretAsHex,
  secretNeedsHex,
  tunnelKeysToWrite,
} from './common.ts';

const DPD_DELAY = '10s';

// ---------------------------------------------------------------------------------------------------------------
// Generate

/** A value as swanctl.conf reads it back unchanged: bare when it is one plain word, quoted otherwise. */
function value(text: string): string {
  return /^[A-Za-z0-9._:/@%,+=*!-]+$/.test(text) ? text : quote(text);
}

function quote(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

/** The `proposals` / `esp_proposals` line, or a commented one with a note when strongSwan cannot express them. */
function proposalLine(out: ConfText, indent: string, key: string, list: ProposalList, phase: 'IKE' | 'IPsec'): void {
  if (list.written.length === 0 && list.dropped.length === 0) {
    out.note(out.add(`${indent}# ${key}: none set, strongSwan's default proposals apply`), 'peer.noProposals', { phase });
    return;
  }
  if (list.dropped.length === 0) {
    out.add(`${indent}${key} = ${list.written.join(',')}`);
    return;
  }
  const algorithms = missingNames(list.dropped);
  const dropped = list.dropped.map((d) => d.proposal).join(',');
  const line =
    list.written.length > 0
      ? out.add(`${indent}${key} = ${list.written.join(',')}   # left out: ${dropped} (strongSwan has no keyword for ${algorithms})`)
      : out.add(`${indent}# ${key} = ${dropped}   # strongSwan has no keyword for ${algorithms}: this tunnel cannot be configured as is`);
  out.note(line, 'peer.vendorCannot', { algorithms });
}

function versionOf(tunnel: PeerTunnel): number {
  const v1 = tunnel.ikeVersions.includes('ikev1');
  const v2 = tunnel.ikeVersions.includes('ikev2');
  return v1 && !v2 ? 1 : v2 && !v1 ? 2 : 0;
}

function childRekey(lifetime: number): number {
  // Rekey before the hard lifetime, as strongSwan's own default does (rekey_time + 10% = life_time).
  return Math.floor((lifetime * 9) / 10);
}

function writeConnection(out: ConfText, key: PeerTunnelKey, tunnel: PeerTunnel): void {
  const name = CONNECTION_NAMES[key];
  const i2 = '    ';
  const i3 = '      ';
  const i4 = '        ';
  out.add(`  # Tunnel ${key}: this device ${tunnel.deviceAddress || '(address unknown)'} <-> Alibaba Cloud ${tunnel.cloudAddress || '(address unknown)'}`);
  out.add(`  ${name} {`);
  if (tunnel.bgp) writeBgp(out, i2, tunnel.bgp);
  const version = versionOf(tunnel);
  const versionLine = out.add(`${i2}version = ${version}`);
  if (tunnel.ikeVersions.length === 0) out.note(versionLine, 'peer.ikeVersionUnknown');
  out.add(`${i2}aggressive = ${tunnel.ikeMode === 'aggressive' ? 'yes' : 'no'}`);
  if (tunnel.deviceAddress !== '') out.add(`${i2}local_addrs = ${value(tunnel.deviceAddress)}`);
  else out.note(out.add(`${i2}# local_addrs: the device's address is not known, strongSwan picks the outgoing one`), 'peer.deviceAddressUnknown');
  if (tunnel.cloudAddress !== '') out.add(`${i2}remote_addrs = ${value(tunnel.cloudAddress)}`);
  else out.note(out.add(`${i2}# remote_addrs = <cloud address>   # not known: needed to initiate`), 'peer.cloudAddressUnknown');
  proposalLine(out, i2, 'proposals', ikeProposalList(tunnel.ikeProposals), 'IKE');
  if (Number.isFinite(tunnel.ikeLifetime)) out.add(`${i2}rekey_time = ${tunnel.ikeLifetime}s`);
  else out.note(out.add(`${i2}# rekey_time: the IKE lifetime is not known, strongSwan's default (4h) applies`), 'peer.lifetimeUnknown', { phase: 'IKE' });
  out.add(`${i2}dpd_delay = ${tunnel.dpd ? DPD_DELAY : '0s'}`);
  if (tunnel.natTraversal) {
    out.add(`${i2}# NAT traversal: strongSwan detects NAT itself and moves to UDP 4500 when it finds one; encap = yes`);
    out.add(`${i2}# also forces UDP encapsulation when there is no NAT (it fakes the NAT detection payloads).`);
  } else {
    out.add(`${i2}# NAT traversal off: strongSwan still detects NAT and moves to UDP 4500 when it finds one (it cannot`);
    out.add(`${i2}# be switched off); encap = no only means it does not force UDP encapsulation without NAT.`);
  }
  out.add(`${i2}encap = ${tunnel.natTraversal ? 'yes' : 'no'}`);
  out.add(`${i2}local {`);
  out.add(`${i3}auth = psk`);
  if (tunnel.localId !== '') out.add(`${i3}id = ${value(tunnel.localId)}`);
  out.add(`${i2}}`);
  out.add(`${i2}remote {`);
  out.add(`${i3}auth = psk`);
  if (tunnel.remoteId !== '') out.add(`${i3}id = ${value(tunnel.remoteId)}`);
  out.add(`${i2}}`);
  out.add(`${i2}children {`);
  out.add(`${i3}${name}-net {`);
  writeSelectors(out, i4, tunnel);
  proposalLine(out, i4, 'esp_proposals', ipsecProposalList(tunnel.ipsecProposals), 'IPsec');
  if (Number.isFinite(tunnel.ipsecLifetime)) {
    out.add(`${i4}life_time = ${tunnel.ipsecLifetime}s`);
    out.add(`${i4}rekey_time = ${childRekey(tunnel.ipsecLifetime)}s`);
  } else out.note(out.add(`${i4}# life_time: the IPsec lifetime is not known, strongSwan's default (1h + 10%) applies`), 'peer.lifetimeUnknown', { phase: 'IPsec' });
  if (tunnel.routeBased) writeXfrm(out, i4, key, tunnel);
  out.add(`${i4}dpd_action = ${tunnel.dpd ? 'restart' : 'clear'}`);
  out.add(`${i4}start_action = start`);
  out.add(`${i3}}`);
  out.add(`${i2}}`);
  out.add(`  }`);
}

function writeSelectors(out: ConfText, indent: string, tunnel: PeerTunnel): void {
  const local = tunnel.localSubnets.length > 0 ? tunnel.localSubnets : tunnel.routeBased ? ['0.0.0.0/0'] : [];
  const remote = tunnel.remoteSubnets.length > 0 ? tunnel.remoteSubnets : tunnel.routeBased ? ['0.0.0.0/0'] : [];
  if (local.length > 0) out.add(`${indent}local_ts = ${local.map(value).join(',')}`);
  else out.note(out.add(`${indent}# local_ts: not set, strongSwan uses the device's own address`), 'peer.noSubnets');
  if (remote.length > 0) out.add(`${indent}remote_ts = ${remote.map(value).join(',')}`);
  else out.note(out.add(`${indent}# remote_ts: not set, strongSwan uses the cloud address`), 'peer.noSubnets');
}

function writeXfrm(out: ConfText, indent: string, key: PeerTunnelKey, tunnel: PeerTunnel): void {
  const id = INTERFACE_IDS[key];
  const dev = `xfrm-${key}`;
  out.add(`${indent}# Route-based: this CHILD_SA is bound to XFRM interface id ${id} (strongSwan installs no routes for it).`);
  out.add(`${indent}# On the device (eth0 = the uplink):`);
  out.add(`${indent}#   ip link add ${dev} type xfrm dev eth0 if_id ${id}`);
  if (tunnel.bgp?.address) out.add(`${indent}#   ip addr add ${tunnel.bgp.address}/30 dev ${dev}`);
  out.add(`${indent}#   ip link set ${dev} up`);
  out.add(`${indent}#   ip route add <cloud network> dev ${dev}${tunnel.bgp ? '   (or let BGP install the routes)' : ''}`);
  out.add(`${indent}if_id_in = ${id}`);
  out.add(`${indent}if_id_out = ${id}`);
}

function writeBgp(out: ConfText, indent: string, bgp: PeerBgp): void {
  const lines = bgpCommentLines(bgp).map((l) => out.add(`${indent}${l}`));
  if (bgp.asn === '') out.note(lines[1]!, 'peer.bgpAsnUnknown');
}

function writeSecret(out: ConfText, key: PeerTunnelKey, tunnel: PeerTunnel, clash: PeerTunnelKey | undefined): void {
  const header = out.add(`  ike-${CONNECTION_NAMES[key]} {`);
  if (clash) out.note(header, 'peer.sameIdentities', { tunnel: key, other: clash });
  [tunnel.localId, tunnel.remoteId].filter((id) => id !== '').forEach((id, i) => out.add(`    id-${i + 1} = ${value(id)}`));
  if (tunnel.psk === '') out.note(out.add(`    secret = "${PSK_PLACEHOLDER}"`), 'peer.pskPlaceholder');
  // strongSwan reads a secret starting with 0x / 0s as hex / base64, quoted or not: such a key is written as hex.
  else out.add(`    secret = ${secretNeedsHex(tunnel.psk) ? secretAsHex(tunnel.psk) : quote(tunnel.psk)}`);
  out.add('  }');
}

export function generateSwanctl(profile: PeerProfile, options: GenerateOptions): GeneratedConfig {
  const out = new ConfText();
  const keys = tunnelKeysToWrite(profile.tunnels, options.tunnels);
  out.add('# swanctl.conf for the customer device (strongSwan 5.9), generated by IPsec Studio.');
  out.add('# "local" is this device, "remote" is the Alibaba Cloud VPN gateway. Load with: swanctl --load-all');
  out.add('connections {');
  for (const key of keys) writeConnection(out, key, profile.tunnels[key]!);
  out.add('}');
  if (options.includeSecrets) {
    out.add('secrets {');
    for (const key of keys) writeSecret(out, key, profile.tunnels[key]!, identityClash(keys, profile.tunnels, key));
    out.add('}');
  } else out.add('# secrets { ike-… { secret = … } }: left out; generate with secrets to include the pre-shared keys.');
  return { text: out.text(), notes: out.notes };
}
