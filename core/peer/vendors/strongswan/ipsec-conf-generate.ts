// Legacy ipsec.conf + ipsec.secrets (strongSwan 5.9 starter, man ipsec.conf(5), ipsec.secrets(5)) written for the
// device end of every tunnel of a peer profile, the secrets after a separator comment. The importer: ipsec-conf.ts.
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

export const SECRETS_SEPARATOR = '# --- /etc/ipsec.secrets ---';

// ipsec.conf(5) defaults: ikelifetime 3h, lifetime 1h, margintime 9m (rekeyfuzz 100% can double it).
export const DEFAULT_IKE_LIFETIME = 3 * 3600;
export const DEFAULT_LIFETIME = 3600;
export const DEFAULT_MARGIN = 9 * 60;

// ---------------------------------------------------------------------------------------------------------------
// Generate

function value(text: string): string {
  if (/^[A-Za-z0-9._:/@%,+*!-]+$/.test(text)) return text;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function proposalLine(out: ConfText, key: 'ike' | 'esp', list: ProposalList, phase: 'IKE' | 'IPsec'): void {
  const indent = '    ';
  if (list.written.length === 0 && list.dropped.length === 0) {
    out.note(out.add(`${indent}# ${key}: none set, strongSwan's default proposals apply`), 'peer.noProposals', { phase });
    return;
  }
  // The trailing ! keeps strongSwan from appending its own default proposals after these.
  if (list.dropped.length === 0) {
    out.add(`${indent}${key}=${list.written.join(',')}!`);
    return;
  }
  const algorithms = missingNames(list.dropped);
  const dropped = list.dropped.map((d) => d.proposal).join(',');
  const line =
    list.written.length > 0
      ? out.add(`${indent}${key}=${list.written.join(',')}!   # left out: ${dropped} (strongSwan has no keyword for ${algorithms})`)
      : out.add(`${indent}# ${key}=${dropped}!   # strongSwan has no keyword for ${algorithms}: this tunnel cannot be configured as is`);
  out.note(line, 'peer.vendorCannot', { algorithms });
}

function keyexchange(tunnel: PeerTunnel): string {
  const v1 = tunnel.ikeVersions.includes('ikev1');
  const v2 = tunnel.ikeVersions.includes('ikev2');
  // `ike` initiates with IKEv2 and accepts either version as responder.
  return v1 && !v2 ? 'ikev1' : v2 && !v1 ? 'ikev2' : 'ike';
}

function writeSelectors(out: ConfText, key: 'leftsubnet' | 'rightsubnet', subnets: readonly string[], routeBased: boolean): void {
  const list = subnets.length > 0 ? subnets : routeBased ? ['0.0.0.0/0'] : [];
  if (list.length > 0) out.add(`    ${key}=${value(list.join(','))}`);
  else out.note(out.add(`    # ${key}: not set, strongSwan uses the ${key === 'leftsubnet' ? "device's" : "cloud's"} address alone`), 'peer.noSubnets');
}

function writeBgp(out: ConfText, bgp: PeerBgp): void {
  const lines = bgpCommentLines(bgp).map((l) => out.add(`    ${l}`));
  if (bgp.asn === '') out.note(lines[1]!, 'peer.bgpAsnUnknown');
}

function writeVti(out: ConfText, key: PeerTunnelKey, tunnel: PeerTunnel): void {
  // ipsec.conf has no XFRM interface ids (swanctl.conf's if_id_in/out); route-based here is a VTI keyed by mark.
  const id = INTERFACE_IDS[key];
  const dev = `vti-${key}`;
  out.add(`    # Route-based (VTI): traffic marked ${id} uses this tunnel. Set charon { install_routes = no } in`);
  out.add('    # strongswan.conf, then on the device:');
  out.add(`    #   ip tunnel add ${dev} local ${tunnel.deviceAddress || '<device address>'} remote ${tunnel.cloudAddress || '<cloud address>'} mode vti key ${id}`);
  out.add(`    #   sysctl -w net.ipv4.conf.${dev}.disable_policy=1`);
  if (tunnel.bgp?.address) out.add(`    #   ip addr add ${tunnel.bgp.address}/30 dev ${dev}`);
  out.add(`    #   ip link set ${dev} up`);
  out.add(`    #   ip route add <cloud network> dev ${dev}${tunnel.bgp ? '   (or let BGP install the routes)' : ''}`);
  out.add(`    mark=${id}`);
}

/** margintime, when the default (9m, up to twice that with rekeyfuzz) would not fit inside a lifetime. */
function marginFor(tunnel: PeerTunnel): number | undefined {
  const lifetimes = [tunnel.ikeLifetime, tunnel.ipsecLifetime].filter(Number.isFinite);
  if (lifetimes.length === 0) return undefined;
  const shortest = Math.min(...lifetimes);
  return shortest <= 2 * DEFAULT_MARGIN ? Math.floor(shortest / 3) : undefined;
}

function writeConn(out: ConfText, key: PeerTunnelKey, tunnel: PeerTunnel): void {
  out.add('');
  out.add(`# Tunnel ${key}: this device ${tunnel.deviceAddress || '(address unknown)'} <-> Alibaba Cloud ${tunnel.cloudAddress || '(address unknown)'}`);
  out.add(`conn ${CONNECTION_NAMES[key]}`);
  if (tunnel.bgp) writeBgp(out, tunnel.bgp);
  const kx = out.add(`    keyexchange=${keyexchange(tunnel)}`);
  if (tunnel.ikeVersions.length === 0) out.note(kx, 'peer.ikeVersionUnknown');
  out.add(`    aggressive=${tunnel.ikeMode === 'aggressive' ? 'yes' : 'no'}`);
  if (tunnel.deviceAddress !== '') out.add(`    left=${value(tunnel.deviceAddress)}`);
  else out.note(out.add('    left=%defaultroute'), 'peer.deviceAddressUnknown');
  if (tunnel.localId !== '') out.add(`    leftid=${value(tunnel.localId)}`);
  writeSelectors(out, 'leftsubnet', tunnel.localSubnets, tunnel.routeBased);
  if (tunnel.cloudAddress !== '') out.add(`    right=${value(tunnel.cloudAddress)}`);
  else out.note(out.add('    # right=<cloud address>   # not known: needed to initiate'), 'peer.cloudAddressUnknown');
  // Unset, rightid would default to the cloud's address; '' in the profile means "accept any".
  out.add(`    rightid=${tunnel.remoteId === '' ? '%any' : value(tunnel.remoteId)}`);
  writeSelectors(out, 'rightsubnet', tunnel.remoteSubnets, tunnel.routeBased);
  out.add('    authby=secret');
  proposalLine(out, 'ike', ikeProposalList(tunnel.ikeProposals), 'IKE');
  proposalLine(out, 'esp', ipsecProposalList(tunnel.ipsecProposals), 'IPsec');
  if (Number.isFinite(tunnel.ikeLifetime)) out.add(`    ikelifetime=${tunnel.ikeLifetime}s`);
  else out.note(out.add("    # ikelifetime: the IKE lifetime is not known, strongSwan's default (3h) applies"), 'peer.lifetimeUnknown', { phase: 'IKE' });
  if (Number.isFinite(tunnel.ipsecLifetime)) out.add(`    lifetime=${tunnel.ipsecLifetime}s`);
  else out.note(out.add("    # lifetime: the IPsec lifetime is not known, strongSwan's default (1h) applies"), 'peer.lifetimeUnknown', { phase: 'IPsec' });
  const margin = marginFor(tunnel);
  if (margin !== undefined) out.add(`    margintime=${margin}s   # rekey before these short lifetimes run out`);
  if (tunnel.dpd) {
    out.add('    dpdaction=restart');
    out.add('    dpddelay=10s');
  } else out.add('    dpdaction=none');
  if (tunnel.natTraversal) out.add('    # NAT traversal: strongSwan detects NAT itself and moves to UDP 4500; forceencaps=yes also encapsulates without NAT.');
  else out.add('    # NAT traversal off: strongSwan still detects NAT and moves to UDP 4500 (it cannot be switched off); forceencaps=no only does not force it.');
  out.add(`    forceencaps=${tunnel.natTraversal ? 'yes' : 'no'}`);
  if (tunnel.routeBased) writeVti(out, key, tunnel);
  out.add('    type=tunnel');
  out.add('    auto=start');
}

/** ipsec.secrets reads a quoted secret up to the same quote, without escapes; 0x / 0s start hex / base64. */
function secretValue(psk: string): string {
  if (secretNeedsHex(psk) || (psk.includes('"') && psk.includes("'"))) return secretAsHex(psk);
  return psk.includes('"') ? `'${psk}'` : `"${psk}"`;
}

function selector(id: string): string {
  return /^[^\s"']+$/.test(id) ? id : id.includes('"') ? `'${id}'` : `"${id}"`;
}

export function generateIpsecConf(profile: PeerProfile, options: GenerateOptions): GeneratedConfig {
  const out = new ConfText();
  const keys = tunnelKeysToWrite(profile.tunnels, options.tunnels);
  out.add('# ipsec.conf for the customer device (strongSwan 5.9, ipsec starter), generated by IPsec Studio.');
  out.add('# "left" is this device, "right" is the Alibaba Cloud VPN gateway.');
  for (const key of keys) writeConn(out, key, profile.tunnels[key]!);
  out.add('');
  if (!options.includeSecrets) {
    out.add('# ipsec.secrets: left out; generate with secrets to include the pre-shared keys.');
    return { text: out.text(), notes: out.notes };
  }
  out.add(SECRETS_SEPARATOR);
  out.add('# Put the lines below into /etc/ipsec.secrets (not into ipsec.conf).');
  for (const key of keys) {
    const tunnel = profile.tunnels[key]!;
    const ids = [tunnel.localId, tunnel.remoteId].filter((id) => id !== '').map(selector);
    const head = ids.length > 0 ? `${ids.join(' ')} ` : '';
    const line = tunnel.psk === '' ? out.add(`${head}: PSK "${PSK_PLACEHOLDER}"`) : out.add(`${head}: PSK ${secretValue(tunnel.psk)}`);
    if (tunnel.psk === '') out.note(line, 'peer.pskPlaceholder');
    const clash = identityClash(keys, profile.tunnels, key);
    if (clash) out.note(line, 'peer.sameIdentities', { tunnel: key, other: clash });
  }
  return { text: out.text(), notes: out.notes };
}
