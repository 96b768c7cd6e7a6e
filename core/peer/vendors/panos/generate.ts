// PAN-OS 10.x / 11.x configure-mode `set` commands for the device end of every tunnel of a peer profile. PAN-OS is
// route-based: every IPsec tunnel is bound to a tunnel interface (zone, virtual router), and the traffic selectors of
// a policy-based peer are proxy IDs on the tunnel, one per local × remote network pair, with static routes to the
// cloud networks through the tunnel interface. PAN-OS's configure mode has no comment syntax: the lines starting with
// `#` are remarks for the engineer, and the header says to paste only the `set` lines. The importer: import.ts.
import { ANY_NETWORK, isIpv4 } from '../../../net/ipv4.ts';
import type { PeerProfile, PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import type { GenerateOptions, GeneratedConfig } from '../../vendor.ts';
import { PSK_PLACEHOLDER, VendorText } from '../generic.ts';
import { bgpLines, planBgp } from './generate-bgp.ts';
import { ikeProfileLines, ipsecProfileLines } from './generate-crypto.ts';
import { PANOS_MESSAGES } from './messages.ts';
import { names, OUTSIDE_INTERFACE, PANOS_LABEL, PLACEHOLDERS, ROUTE_METRICS, VIRTUAL_ROUTER, ZONE } from './names.ts';
import { quoted, word } from './syntax.ts';

/** Generated text that notes each placeholder name once, at the first line that uses it. */
export class PanosText extends VendorText {
  private readonly placed = new Set<string>();

  constructor() {
    super(PANOS_LABEL, PANOS_MESSAGES);
  }

  /** Adds a remark line the first time it is asked for (several tunnels share one explanation). */
  once(text: string): void {
    if (this.placed.has(text)) return;
    this.placed.add(text);
    this.add(text);
  }

  placeholder(line: number, name: string): void {
    if (this.placed.has(name)) return;
    this.placed.add(name);
    this.note(line, 'peer.vendor.interfacePlaceholder', { name, what: PLACEHOLDERS[name] ?? PLACEHOLDERS['tunnel.N']! });
  }
}

const keys = (profile: PeerProfile, only?: readonly PeerTunnelKey[]) =>
  (['single', 'master', 'slave'] as const).filter((key) => profile.tunnels[key] !== undefined && (!only || only.includes(key)));

function version(tunnel: PeerTunnel): 'ikev1' | 'ikev2' | 'ikev2-preferred' {
  const v1 = tunnel.ikeVersions.includes('ikev1');
  const v2 = tunnel.ikeVersions.includes('ikev2');
  return v1 && !v2 ? 'ikev1' : v2 && !v1 ? 'ikev2' : 'ikev2-preferred';
}

const isControl = (c: string) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;

function identityLine(out: PanosText, base: string, which: 'local-id' | 'peer-id', id: string): void {
  if (id === '' || id === '%any') return;
  const line = out.add(`${base} ${which} type ${isIpv4(id) ? 'ipaddr' : 'fqdn'} id ${word(id)}`);
  // The schema takes 1 to 1024 characters; control characters cannot be typed at all.
  if (id.length > 1024 || [...id].some(isControl)) {
    out.note(line, 'peer.vendor.cannotIdentity', { identity: id, detail: id.length > 1024 ? '> 1024' : 'U+0000–U+001F' });
  }
}

/** Characters the CLI cannot take in a typed key, in the order found; a length over the schema's 255. */
function pskProblems(psk: string): string[] {
  const found = [...new Set([...psk].filter((c) => c === '?' || c === '"' || c === '\\' || isControl(c)))];
  const shown = found.map((c) => (isControl(c) ? `U+${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c));
  return psk.length > 255 ? [...shown, '> 255'] : shown;
}

function pskLines(out: PanosText, base: string, tunnel: PeerTunnel, includeSecrets: boolean): void {
  const psk = includeSecrets ? tunnel.psk : '';
  if (psk === '') {
    out.note(out.add(`${base} authentication pre-shared-key key ${PSK_PLACEHOLDER}`), 'peer.vendor.pskPlaceholder');
    return;
  }
  const problems = pskProblems(psk);
  if (problems.length > 0) {
    const why = problems.includes('?') ? 'the CLI reads ? as a request for help while typing' : 'the CLI may not take these characters as typed';
    out.add(`# Pre-shared key: ${why}; enter it in the web interface (Network > Network Profiles > IKE Gateways) if the CLI refuses it.`);
  }
  // Always quoted: the key holds symbols the CLI would otherwise split or read as list brackets.
  const line = out.add(`${base} authentication pre-shared-key key ${quoted(psk)}`);
  if (problems.length > 0) out.note(line, 'peer.vendor.cannotPsk', { detail: problems.join(' ') });
}

function gatewayLines(out: PanosText, key: PeerTunnelKey, tunnel: PeerTunnel, includeSecrets: boolean): void {
  const n = names(key);
  const base = `set network ike gateway ${n.gateway}`;
  out.add('# IKE gateway');
  const v = version(tunnel);
  const versionLine = out.add(`${base} protocol version ${v}`);
  if (tunnel.ikeVersions.length === 0) out.note(versionLine, 'peer.panos.ikeVersionUnknown');
  out.add(`${base} protocol ikev1 exchange-mode ${tunnel.ikeMode}`);
  for (const ike of ['ikev1', 'ikev2'] as const) {
    if (v === (ike === 'ikev1' ? 'ikev2' : 'ikev1')) continue;
    out.add(`${base} protocol ${ike} ike-crypto-profile ${n.ikeProfile}`);
    out.add(`${base} protocol ${ike} dpd enable ${tunnel.dpd ? 'yes' : 'no'}`);
  }
  out.add(`${base} protocol-common nat-traversal enable ${tunnel.natTraversal ? 'yes' : 'no'}`);
  if (tunnel.deviceAddress !== '') {
    out.once(`# local-address ip: write the address as ${OUTSIDE_INTERFACE} holds it (with its prefix length if it has one).`);
    out.placeholder(out.add(`${base} local-address interface ${OUTSIDE_INTERFACE} ip ${word(tunnel.deviceAddress)}`), OUTSIDE_INTERFACE);
  } else {
    out.placeholder(out.add(`${base} local-address interface ${OUTSIDE_INTERFACE}`), OUTSIDE_INTERFACE);
    out.note(out.add(`# local-address ip: the device's public address is not known, PAN-OS uses the first address of ${OUTSIDE_INTERFACE}`), 'peer.vendor.deviceAddressUnknown');
  }
  if (tunnel.cloudAddress !== '') out.add(`${base} peer-address ip ${word(tunnel.cloudAddress)}`);
  else out.note(out.add(`# ${base} peer-address ip <VPN gateway address>`), 'peer.vendor.cloudAddressUnknown');
  identityLine(out, base, 'local-id', tunnel.localId);
  identityLine(out, base, 'peer-id', tunnel.remoteId);
  pskLines(out, base, tunnel, includeSecrets);
}

function interfaceLines(out: PanosText, key: PeerTunnelKey, tunnel: PeerTunnel): void {
  const { unit } = names(key);
  out.add('# Tunnel interface, its zone and virtual router');
  const address = tunnel.bgp?.address ?? '';
  const unitLine = address !== '' ? out.add(`set network interface tunnel units ${unit} ip ${word(`${address}/30`)}`) : out.add(`set network interface tunnel units ${unit} comment ${names(key).tunnel}`);
  out.placeholder(unitLine, unit);
  if (tunnel.bgp && address === '') out.note(out.add(`# set network interface tunnel units ${unit} ip <device BGP address>/30`), 'peer.panos.bgpAddressUnknown', { name: unit });
  // A single-vsys firewall keeps its interfaces in vsys1's import list, as the web interface does.
  out.add(`set import network interface ${unit}`);
  out.placeholder(out.add(`set zone ${ZONE} network layer3 ${unit}`), ZONE);
  out.placeholder(out.add(`set network virtual-router ${VIRTUAL_ROUTER} interface ${unit}`), VIRTUAL_ROUTER);
}

function selectorLines(out: PanosText, key: PeerTunnelKey, tunnel: PeerTunnel): void {
  const n = names(key);
  const base = `set network tunnel ipsec ${n.tunnel}`;
  out.add('# IPsec tunnel');
  out.add(`${base} tunnel-interface ${n.unit}`);
  out.add(`${base} auto-key ike-gateway ${n.gateway}`);
  out.add(`${base} auto-key ipsec-crypto-profile ${n.ipsecProfile}`);
  if (tunnel.routeBased) return;
  if (tunnel.localSubnets.length === 0 || tunnel.remoteSubnets.length === 0) {
    out.note(out.add(`# ${base} auto-key proxy-id ${n.tunnel}-1 local <device network> remote <cloud network> protocol any`), 'peer.vendor.noSubnets');
    return;
  }
  out.add('# Proxy IDs: the traffic selectors of a policy-based peer, one per local x remote network pair.');
  let i = 0;
  for (const local of tunnel.localSubnets) {
    for (const remote of tunnel.remoteSubnets) {
      i++;
      out.add(`${base} auto-key proxy-id ${n.tunnel}-${i} local ${word(local)} remote ${word(remote)} protocol any`);
    }
  }
}

function routeLines(out: PanosText, key: PeerTunnelKey, tunnel: PeerTunnel): void {
  // With BGP the cloud networks are learned over the tunnel.
  if (tunnel.bgp) return;
  const n = names(key);
  const base = `set network virtual-router ${VIRTUAL_ROUTER} routing-table ip static-route`;
  const metric = ROUTE_METRICS[key];
  const networks = tunnel.routeBased ? [] : tunnel.remoteSubnets.filter((s) => s !== ANY_NETWORK);
  if (networks.length === 0) {
    out.note(out.add(`# ${base} ${n.tunnel}-vpc destination <VPC network> interface ${n.unit} metric ${metric}`), 'peer.vendor.routesUnknown');
    return;
  }
  out.add(`# Routes to the cloud networks through the tunnel${key === 'slave' ? ' (a higher metric: the standby path; it takes over when' : ''}`);
  if (key === 'slave') out.add('# the master routes are withdrawn, e.g. by path monitoring on them)');
  networks.forEach((network, i) => out.add(`${base} ${n.tunnel}-vpc-${i + 1} destination ${word(network)} interface ${n.unit} metric ${metric}`));
}

export function generatePanos(profile: PeerProfile, options: GenerateOptions): GeneratedConfig {
  const out = new PanosText();
  const written = keys(profile, options.tunnels);
  out.add('# PAN-OS 10.x / 11.x configuration (configure mode) for the customer firewall, generated by IPsec Studio.');
  out.add('# PAN-OS has no comment syntax: lines starting with # are remarks, not commands. Paste only the lines');
  out.add('# starting with "set", then commit. Security policy rules for zone vpn are not included.');
  const bgp = planBgp(profile, written);
  for (const key of written) {
    const tunnel = profile.tunnels[key]!;
    const n = names(key);
    out.add('');
    out.add(`# Tunnel ${key}: this firewall ${tunnel.deviceAddress || '(address unknown)'} <-> Alibaba Cloud ${tunnel.cloudAddress || '(address unknown)'}`);
    out.add('# IKE crypto profile (phase 1)');
    ikeProfileLines(out, n.ikeProfile, tunnel);
    out.add('# IPsec crypto profile (phase 2)');
    ipsecProfileLines(out, n.ipsecProfile, tunnel);
    interfaceLines(out, key, tunnel);
    gatewayLines(out, key, tunnel, options.includeSecrets === true);
    selectorLines(out, key, tunnel);
    routeLines(out, key, tunnel);
    if (tunnel.bgp) bgpLines(out, key, tunnel, bgp, profile);
  }
  return { text: out.text(), notes: out.notes };
}
