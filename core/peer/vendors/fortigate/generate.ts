// FortiOS 7.x CLI for the device end of every tunnel of a peer profile: one phase1-interface and one
// phase2-interface per tunnel, and around them what a FortiGate needs to pass traffic (generate-network.ts).
import { isIpv4 } from '../../../net/ipv4.ts';
import type { PeerIkeProposal, PeerIpsecProposal, PeerProfile, PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import type { GenerateOptions, GeneratedConfig } from '../../vendor.ts';
import { PSK_PLACEHOLDER } from '../generic.ts';
import { FortiText, I1, I2, type Tunnel, TUNNEL_NAMES, WAN_PLACEHOLDER } from './common.ts';
import { noteInvalidNetworks, selectorPairs, writeAddresses, writeBgp, writePolicies, writeRoutes, writeSelectors } from './generate-network.ts';
import { IKE_LIFETIME, IPSEC_LIFETIME, isSm, keywordFor, proposalToken } from './mapping.ts';
import { quote } from './syntax.ts';

const LOCALID_MAX = 63;
const PSK_MIN = 6;
const PSK_MAX = 128;

interface PhaseProposals {
  /** `set proposal` tokens, in order, once each. */
  tokens: string[];
  /** `set dhgrp` numbers, in order, once each ([] for phase 2 without PFS). */
  groups: string[];
  /** The profile's proposals FortiOS can express, as token + group pairs ('' group: no PFS). */
  pairs: { token: string; group: string }[];
  /** Proposals left out, in FortiOS notation, and the names FortiOS has no keyword for. */
  dropped: string[];
  missing: string[];
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function phaseProposals(items: readonly { encryption: string; integrity: string; group: string }[]): PhaseProposals {
  const result: PhaseProposals = { tokens: [], groups: [], pairs: [], dropped: [], missing: [] };
  for (const p of items) {
    const { token, missing } = proposalToken(p.encryption, p.integrity);
    const group = p.group === '' ? '' : keywordFor('dh', p.group);
    if (token === undefined || group === undefined) {
      result.missing.push(...missing, ...(group === undefined ? [p.group] : []));
      result.dropped.push([p.encryption, p.integrity].filter((n) => n !== '').join('-') + (p.group === '' ? '' : ` (${p.group})`));
      continue;
    }
    result.pairs.push({ token, group });
  }
  result.tokens = unique(result.pairs.map((p) => p.token));
  result.groups = unique(result.pairs.map((p) => p.group).filter((g) => g !== ''));
  result.missing = unique(result.missing);
  return result;
}

/** The proposal line (or a commented one), with the notes for what FortiOS cannot express. */
function writeProposals(out: FortiText, p: PhaseProposals, phase: 'IKE' | 'IPsec', empty: boolean): boolean {
  if (empty) {
    out.note(out.add(`${I2}# set proposal: none in the profile, FortiOS's default ${phase} proposals apply`), 'peer.vendor.noProposals', { phase });
    return false;
  }
  const sm = p.missing.filter(isSm);
  const code = sm.length > 0 ? 'peer.vendor.cannotSm' : 'peer.vendor.cannotAlgorithm';
  const algorithms = (sm.length > 0 ? sm : p.missing).join(', ');
  if (p.tokens.length === 0) {
    const line = out.add(`${I2}# set proposal ${p.dropped.join(' ')}   (FortiOS has no keyword for ${p.missing.join(', ')}: this ${phase} proposal cannot be configured)`);
    out.note(line, code, { algorithms });
    return false;
  }
  if (p.dropped.length > 0) out.add(`${I2}# left out: ${p.dropped.join(' ')} (FortiOS has no keyword for ${p.missing.join(', ')})`);
  const line = out.add(`${I2}set proposal ${p.tokens.join(' ')}`);
  if (p.dropped.length > 0) out.note(line, code, { algorithms });
  return true;
}

/** FortiOS offers every group with every token: noted when that is not exactly the profile's list. */
function noteCombined(out: FortiText, line: number, p: PhaseProposals, phase: 'IKE' | 'IPsec'): void {
  const offered = p.tokens.flatMap((token) => p.groups.map((group) => `${token}/${group}`));
  const wanted = p.pairs.map((pair) => `${pair.token}/${pair.group}`);
  if (offered.join(' ') !== wanted.join(' ')) out.note(line, 'peer.fortigate.dhCombined', { phase, count: offered.length, pairs: wanted.length });
}

function lifetime(out: FortiText, key: string, value: number, range: { min: number; max: number; default: number }, phase: 'IKE' | 'IPsec'): void {
  if (!Number.isFinite(value)) {
    out.note(out.add(`${I2}# set ${key}: the ${phase} lifetime is not known, FortiOS's default (${range.default} s) applies`), 'peer.vendor.lifetimeUnknown', { phase });
    return;
  }
  const written = Math.min(range.max, Math.max(range.min, Math.round(value)));
  const line = out.add(`${I2}set ${key} ${written}`);
  if (written !== value) out.note(line, 'peer.vendor.cannotLifetime', { phase, min: range.min, max: range.max, value });
}

function ikeVersion(tunnel: PeerTunnel): 1 | 2 {
  return tunnel.ikeVersions.length === 1 && tunnel.ikeVersions[0] === 'ikev1' ? 1 : 2;
}

/** A key FortiOS would misread as text: a leading 0x means hex, ? asks the CLI for help; anything not printable ASCII. */
function pskNeedsHex(psk: string): boolean {
  return /^0+x/i.test(psk) || [...psk].some((c) => c === '?' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) > 0x7e);
}

/** UTF-8 bytes as FortiOS's hexadecimal key notation. */
function hex(text: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    // A lone surrogate is no text at all: its code unit's low byte is the best that can be written.
    encoded = [...text].map((c) => `%${(c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')}`).join('');
  }
  const bytes: string[] = [];
  for (let i = 0; i < encoded.length; i++) {
    if (encoded[i] === '%') {
      bytes.push(encoded.slice(i + 1, i + 3).toLowerCase());
      i += 2;
    } else bytes.push(encoded.charCodeAt(i).toString(16).padStart(2, '0'));
  }
  return `0x${bytes.join('')}`;
}

function writePsk(out: FortiText, tunnel: PeerTunnel, includeSecrets: boolean): void {
  if (!includeSecrets || tunnel.psk === '') {
    out.note(out.add(`${I2}set psksecret ${quote(PSK_PLACEHOLDER)}`), 'peer.vendor.pskPlaceholder');
    return;
  }
  const length = [...tunnel.psk].length;
  let line: number;
  if (pskNeedsHex(tunnel.psk)) {
    out.add(`${I2}# The key is written in hexadecimal (a leading 0x): as text FortiOS would misread it.`);
    line = out.add(`${I2}set psksecret ${hex(tunnel.psk)}`);
  } else line = out.add(`${I2}set psksecret ${quote(tunnel.psk)}`);
  if (length < PSK_MIN || length > PSK_MAX) out.note(line, 'peer.fortigate.pskLength', { length });
}

function writePhase1(out: FortiText, { key, name, tunnel }: Tunnel, includeSecrets: boolean): void {
  out.add(`${I1}edit ${quote(name)}`);
  out.placeholder(out.add(`${I2}set interface ${quote(WAN_PLACEHOLDER)}`), WAN_PLACEHOLDER, 'outside (WAN) interface the tunnel runs over');
  const version = ikeVersion(tunnel);
  const versionLine = out.add(`${I2}set ike-version ${version}`);
  if (tunnel.ikeVersions.length !== 1) out.note(versionLine, 'peer.vendor.bothIkeVersions');
  if (version === 1) out.add(`${I2}set mode ${tunnel.ikeMode}`);
  else if (tunnel.ikeMode === 'aggressive') out.note(out.add(`${I2}# set mode aggressive: not for IKEv2`), 'peer.fortigate.ikev2Mode');
  if (tunnel.remoteId !== '') out.add(`${I2}# The cloud identifies itself as ${quote(tunnel.remoteId)}; FortiOS does not check it here.`);
  const peertype = out.add(`${I2}set peertype any`);
  if (tunnel.remoteId !== '') out.note(peertype, 'peer.fortigate.anyPeerId', { identity: tunnel.remoteId });
  out.add(`${I2}set net-device disable`);
  const ike = phaseProposals(tunnel.ikeProposals.map((p: PeerIkeProposal) => ({ encryption: p.encryption, integrity: p.integrity, group: p.dhGroup })));
  if (writeProposals(out, ike, 'IKE', tunnel.ikeProposals.length === 0) && ike.groups.length > 0) {
    noteCombined(out, out.add(`${I2}set dhgrp ${ike.groups.join(' ')}`), ike, 'IKE');
  }
  if (tunnel.localId.length > LOCALID_MAX) {
    out.note(out.add(`${I2}# set localid ${quote(tunnel.localId)}`), 'peer.fortigate.localIdLength', { length: tunnel.localId.length });
  } else if (tunnel.localId !== '') {
    out.add(`${I2}set localid-type ${isIpv4(tunnel.localId) ? 'address' : 'fqdn'}`);
    out.add(`${I2}set localid ${quote(tunnel.localId)}`);
  }
  out.add(`${I2}set dpd ${tunnel.dpd ? 'on-idle' : 'disable'}`);
  out.add(`${I2}set nattraversal ${tunnel.natTraversal ? 'enable' : 'disable'}`);
  lifetime(out, 'keylife', tunnel.ikeLifetime, IKE_LIFETIME, 'IKE');
  // 0.0.0.0 is how FortiOS shows a remote gateway that is not set.
  if (isIpv4(tunnel.cloudAddress) && tunnel.cloudAddress !== '0.0.0.0') out.add(`${I2}set remote-gw ${tunnel.cloudAddress}`);
  else out.note(out.add(`${I2}# set remote-gw <VPN gateway address>`), 'peer.vendor.cloudAddressUnknown');
  writePsk(out, tunnel, includeSecrets);
  // The device's public address has no setting of its own (FortiOS uses the interface's); the importer reads it here.
  const device = isIpv4(tunnel.deviceAddress) ? `, device ${tunnel.deviceAddress}` : '';
  out.add(`${I2}set comments ${quote(`Alibaba Cloud VPN tunnel ${key}${device}`)}`);
  out.add(`${I1}next`);
}

function writePhase2Body(out: FortiText, tunnel: PeerTunnel): void {
  const esp = phaseProposals(tunnel.ipsecProposals.map((p: PeerIpsecProposal) => ({ encryption: p.encryption, integrity: p.integrity, group: p.pfs === 'disabled' ? '' : p.pfs })));
  if (writeProposals(out, esp, 'IPsec', tunnel.ipsecProposals.length === 0)) {
    if (esp.groups.length === 0) out.add(`${I2}set pfs disable`);
    else {
      const pfs = out.add(`${I2}set pfs enable`);
      const groups = out.add(`${I2}set dhgrp ${esp.groups.join(' ')}`);
      if (esp.pairs.some((p) => p.group === '')) out.note(pfs, 'peer.fortigate.pfsMixed', { groups: esp.groups.join(' ') });
      else noteCombined(out, groups, esp, 'IPsec');
    }
  }
  lifetime(out, 'keylifeseconds', tunnel.ipsecLifetime, IPSEC_LIFETIME, 'IPsec');
  out.add(`${I2}# The FortiGate starts the tunnel and rekeys it itself (Fortinet's note on Alibaba Cloud).`);
  out.add(`${I2}set auto-negotiate enable`);
}

/**
 * One phase 2 with the tunnel's selectors (address groups for several networks, which IKEv2 negotiates as one SA);
 * IKEv1 carries one network per side in a quick mode, so there it is one phase 2 per pair of networks.
 */
function writePhase2(out: FortiText, t: Tunnel): void {
  const { name, tunnel } = t;
  const pairs = ikeVersion(tunnel) === 1 ? selectorPairs(t) : [];
  if (pairs.length <= 1) {
    out.add(`${I1}edit ${quote(name)}`);
    out.add(`${I2}set phase1name ${quote(name)}`);
    writePhase2Body(out, tunnel);
    writeSelectors(out, t);
    out.add(`${I1}next`);
    return;
  }
  out.add(`${I1}# IKEv1 negotiates one pair of networks per phase 2: tunnel ${t.key} has one phase 2 per pair.`);
  noteInvalidNetworks(out, t);
  pairs.forEach((pair, i) => {
    const before = out.notes.length;
    out.add(`${I1}edit ${quote(`${name}-${i + 1}`)}`);
    out.add(`${I2}set phase1name ${quote(name)}`);
    writePhase2Body(out, tunnel);
    // What the proposals and lifetime cannot express is noted once, at the first pair.
    if (i > 0) out.notes.splice(before);
    out.add(`${I2}set src-subnet ${pair.local.address} ${pair.local.mask}`);
    out.add(`${I2}set dst-subnet ${pair.remote.address} ${pair.remote.mask}`);
    out.add(`${I1}next`);
  });
}

export function tunnelsToWrite(profile: PeerProfile, only?: readonly PeerTunnelKey[]): Tunnel[] {
  return (['single', 'master', 'slave'] as const)
    .filter((key) => profile.tunnels[key] !== undefined && (!only || only.includes(key)))
    .map((key) => ({ key, name: TUNNEL_NAMES[key], tunnel: profile.tunnels[key]! }));
}

export function generateFortigate(profile: PeerProfile, options: GenerateOptions): GeneratedConfig {
  const out = new FortiText();
  const tunnels = tunnelsToWrite(profile, options.tunnels);
  out.add('# FortiGate (FortiOS 7.x) CLI for the Alibaba Cloud VPN gateway, generated by IPsec Studio.');
  out.add('# Paste it into the CLI console or run it as a configuration script; lines starting with # are comments.');
  writeAddresses(out, tunnels);
  out.add('config vpn ipsec phase1-interface');
  for (const t of tunnels) writePhase1(out, t, options.includeSecrets === true);
  out.add('end');
  out.add('config vpn ipsec phase2-interface');
  for (const t of tunnels) writePhase2(out, t);
  out.add('end');
  writeBgp(out, tunnels);
  writeRoutes(out, tunnels);
  writePolicies(out, tunnels);
  return { text: out.text(), notes: out.notes };
}
