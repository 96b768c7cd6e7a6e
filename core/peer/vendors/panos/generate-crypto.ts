// The two crypto profiles of a tunnel: the IKE crypto profile (phase 1) and the IPsec crypto profile (phase 2).
// A PAN-OS crypto profile is lists (encryption, hash / authentication, DH groups; one PFS group for IPsec) of which the
// firewall offers every combination, so a profile's proposals are written as the lists of their parts and a note says
// when that offers combinations the profile did not list.
import type { PeerIkeProposal, PeerIpsecProposal, PeerTunnel } from '../../profile.ts';
import type { VendorText } from '../generic.ts';
import { type AlgorithmKind, keywordFor, LIFETIME_MAX, LIFETIME_MIN, type Phase, SM_NAMES } from './algorithms.ts';
import { list } from './syntax.ts';

export interface CryptoLists {
  encryption: string[];
  integrity: string[];
  /** IKE: the DH groups; IPsec: the PFS group (one). */
  groups: string[];
  /** Proposals left out, in the API's names (`sm4-sm3-group2`), with the names PAN-OS has no keyword for. */
  dropped: { proposal: string; missing: string[] }[];
  /** The lists offer more combinations than the profile listed (or another PFS group). */
  combined: boolean;
}

interface Parts {
  parts: { kind: AlgorithmKind; name: string }[];
}

function collect(phase: Phase, proposals: readonly Parts[]): CryptoLists {
  const out: CryptoLists = { encryption: [], integrity: [], groups: [], dropped: [], combined: false };
  const written = new Set<string>();
  for (const { parts } of proposals) {
    const present = parts.filter((p) => p.name !== '');
    const missing = present.filter((p) => keywordFor(phase, p.kind, p.name) === undefined).map((p) => p.name);
    if (missing.length > 0) {
      out.dropped.push({ proposal: present.map((p) => p.name).join('-'), missing });
      continue;
    }
    const keywords = parts.map((p) => (p.name === '' ? '' : keywordFor(phase, p.kind, p.name)!));
    written.add(keywords.join('|'));
    const [encryption, integrity, group] = keywords as [string, string, string];
    if (!out.encryption.includes(encryption)) out.encryption.push(encryption);
    if (integrity !== '' && !out.integrity.includes(integrity)) out.integrity.push(integrity);
    if (group !== '' && !out.groups.includes(group)) out.groups.push(group);
  }
  if (phase === 'ipsec' && out.groups.length > 1) {
    out.groups = out.groups.slice(0, 1);
    out.combined = true;
  }
  const product = out.encryption.length * Math.max(out.integrity.length, 1) * Math.max(out.groups.length, 1);
  if (product !== written.size) out.combined = true;
  return out;
}

export function ikeLists(proposals: readonly PeerIkeProposal[]): CryptoLists {
  return collect(
    'ike',
    proposals.map((p) => ({ parts: [{ kind: 'encryption', name: p.encryption }, { kind: 'integrity', name: p.integrity }, { kind: 'dh', name: p.dhGroup }] })),
  );
}

export function ipsecLists(proposals: readonly PeerIpsecProposal[]): CryptoLists {
  return collect(
    'ipsec',
    proposals.map((p) => ({ parts: [{ kind: 'encryption', name: p.encryption }, { kind: 'integrity', name: p.integrity }, { kind: 'pfs', name: p.pfs }] })),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Lifetimes

export interface Lifetime {
  /** `seconds 3600`, `hours 24`, `minutes 1167`. */
  text: string;
  seconds: number;
  /** out of PAN-OS's range (the nearest end is written) or not a whole number of minutes above 65535 s (rounded). */
  problem?: 'range' | 'unit';
}

/** A lifetime as PAN-OS takes it: seconds up to 65535, above that the largest whole unit (hours, then minutes). */
export function panosLifetime(seconds: number): Lifetime {
  if (seconds < LIFETIME_MIN) return { text: `seconds ${LIFETIME_MIN}`, seconds: LIFETIME_MIN, problem: 'range' };
  if (seconds > LIFETIME_MAX) return { text: 'hours 65535', seconds: LIFETIME_MAX, problem: 'range' };
  if (seconds <= 65535) return { text: `seconds ${seconds}`, seconds };
  if (seconds % 3600 === 0) return { text: `hours ${seconds / 3600}`, seconds };
  if (seconds % 60 === 0 && seconds / 60 <= 65535) return { text: `minutes ${seconds / 60}`, seconds };
  const minutes = Math.round(seconds / 60);
  if (minutes <= 65535) return { text: `minutes ${minutes}`, seconds: minutes * 60, problem: 'unit' };
  const hours = Math.round(seconds / 3600);
  return { text: `hours ${hours}`, seconds: hours * 3600, problem: 'unit' };
}

// ---------------------------------------------------------------------------------------------------------------
// Lines

type PhaseLabel = 'IKE' | 'IPsec';

function droppedLine(out: VendorText, phase: PhaseLabel, lists: CryptoLists): void {
  if (lists.dropped.length === 0) return;
  const names = [...new Set(lists.dropped.flatMap((d) => d.missing))];
  const sm = names.filter((n) => SM_NAMES.includes(n));
  const proposals = lists.dropped.map((d) => d.proposal).join(', ');
  const tail = sm.length > 0 ? ' (SM / 国密): this firewall cannot match an SM gateway' : '';
  const line = out.add(`# ${phase} proposal ${proposals} left out: PAN-OS has no keyword for ${names.join(', ')}${tail}`);
  if (sm.length > 0) out.note(line, 'peer.vendor.cannotSm', { algorithms: names.join(', ') });
  else out.note(line, 'peer.vendor.cannotAlgorithm', { algorithms: names.join(', ') });
}

function combinations(lists: CryptoLists): string {
  const parts = [lists.encryption, lists.integrity, lists.groups].filter((l) => l.length > 0);
  return parts.map((l) => (l.length === 1 ? l[0]! : `(${l.join(' | ')})`)).join(' + ');
}

function lifetimeLine(out: VendorText, base: string, phase: PhaseLabel, seconds: number): void {
  if (!Number.isFinite(seconds)) {
    const fallback = phase === 'IKE' ? '8 hours' : '1 hour';
    out.note(out.add(`# ${phase} lifetime not known: PAN-OS's default (${fallback}) applies`), 'peer.vendor.lifetimeUnknown', { phase });
    return;
  }
  const lifetime = panosLifetime(seconds);
  const line = out.add(`${base} lifetime ${lifetime.text}`);
  if (lifetime.problem === 'range') out.note(line, 'peer.vendor.cannotLifetime', { phase, min: LIFETIME_MIN, max: LIFETIME_MAX, value: seconds });
  if (lifetime.problem === 'unit') out.note(line, 'peer.panos.lifetimeUnit', { phase, value: seconds, written: lifetime.text });
}

function encryptionLine(out: VendorText, text: string, phase: PhaseLabel, lists: CryptoLists): void {
  const line = out.add(text);
  if (lists.encryption.includes('des')) out.note(line, 'peer.panos.desLegacy');
  if (lists.combined) out.note(line, 'peer.panos.proposalsCombined', { phase, written: combinations(lists) });
}

function noProposals(out: VendorText, phase: PhaseLabel, lists: CryptoLists): boolean {
  if (lists.encryption.length > 0 || lists.dropped.length > 0) return false;
  out.note(out.add(`# no ${phase} proposal set: complete this profile by hand`), 'peer.vendor.noProposals', { phase });
  return true;
}

export function ikeProfileLines(out: VendorText, name: string, tunnel: PeerTunnel): void {
  const base = `set network ike crypto-profiles ike-crypto-profiles ${name}`;
  const lists = ikeLists(tunnel.ikeProposals);
  if (!noProposals(out, 'IKE', lists)) {
    droppedLine(out, 'IKE', lists);
    if (lists.encryption.length > 0) {
      encryptionLine(out, `${base} encryption ${list(lists.encryption)}`, 'IKE', lists);
      if (lists.integrity.length > 0) out.add(`${base} hash ${list(lists.integrity)}`);
      if (lists.groups.length > 0) out.add(`${base} dh-group ${list(lists.groups)}`);
    }
  }
  lifetimeLine(out, base, 'IKE', tunnel.ikeLifetime);
}

export function ipsecProfileLines(out: VendorText, name: string, tunnel: PeerTunnel): void {
  const base = `set network ike crypto-profiles ipsec-crypto-profiles ${name}`;
  const lists = ipsecLists(tunnel.ipsecProposals);
  if (!noProposals(out, 'IPsec', lists)) {
    droppedLine(out, 'IPsec', lists);
    if (lists.encryption.length > 0) {
      encryptionLine(out, `${base} esp encryption ${list(lists.encryption)}`, 'IPsec', lists);
      // AEAD ciphers (GCM, CCM) carry their own integrity: PAN-OS then takes authentication none.
      out.add(`${base} esp authentication ${list(lists.integrity.length > 0 ? lists.integrity : ['none'])}`);
      if (lists.groups.length > 0) out.add(`${base} dh-group ${lists.groups[0]}`);
    }
  }
  lifetimeLine(out, base, 'IPsec', tunnel.ipsecLifetime);
}
