// FortiOS CLI text (`show`, `show full-configuration`, a script, or a part of one) → peer profile. One tunnel per
// site-to-site phase 1 (its phase 2s by phase1name); settings the text leaves out take FortiOS's defaults; every
// setting that bears on the tunnel and cannot be read is a remark on its line. Network parts: import-network.ts.
import { isIpv4 } from '../../../net/ipv4.ts';
import type { PeerIkeProposal, PeerIpsecProposal, PeerProfile, PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import type { ImportRemark, ImportResult } from '../../vendor.ts';
import { PSK_PLACEHOLDER, vendorRemark } from '../generic.ts';
import { FORTIGATE_LABEL } from './common.ts';
import { PHASE1_KEYS, PHASE2_KEYS, readSettings, type Settings, word } from './import-keys.ts';
import { AddressBook, readBgp, readSide, type Remarker } from './import-network.ts';
import { DEFAULT_DH_GROUPS, DEFAULT_PHASE1_PROPOSALS, DEFAULT_PHASE2_PROPOSALS, IKE_LIFETIME, IPSEC_LIFETIME, readDhGroup, readProposalToken } from './mapping.ts';
import { FORTIGATE_MESSAGES } from './messages.ts';
import { type Block, parse, type Parsed, type Setting } from './syntax.ts';

const MAX_TEXT = 1024 * 1024;
const MAX_REMARKS = 200;
const PHASE1_PATHS = ['vpn ipsec phase1-interface', 'vpn ipsec phase1'];
const PHASE2_PATHS = ['vpn ipsec phase2-interface', 'vpn ipsec phase2'];

class Importer implements Remarker {
  readonly remarks: ImportRemark[] = [];
  readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  at(line: number, code: string, params: Record<string, string | number> = {}): void {
    if (this.remarks.length < MAX_REMARKS * 2) this.remarks.push(vendorRemark(FORTIGATE_LABEL, FORTIGATE_MESSAGES, line, this.lines[line - 1] ?? '', code, params));
  }
}

const emptyProfile = (): PeerProfile => ({ vendor: 'fortigate', platform: '', source: 'import', tunnels: {} });

/** The proposal tokens as the API's names, and the DH groups (unknown words kept as written, with a remark). */
function readProposals(s: Settings, entryLine: number, phase: 'IKE' | 'IPsec', imp: Importer): { tokens: { encryption: string; integrity: string }[]; groups: string[] } {
  const proposal = s.values.get('proposal');
  const words = proposal?.values ?? (phase === 'IKE' ? DEFAULT_PHASE1_PROPOSALS : DEFAULT_PHASE2_PROPOSALS);
  if (!proposal) imp.at(entryLine, 'peer.fortigate.import.defaultProposals', { phase, proposals: words.join(' ') });
  const tokens = words.map(readProposalToken);
  if (proposal && tokens.some((t) => t.unknown)) imp.at(proposal.line, 'peer.vendor.import.unknownAlgorithm');
  const dhgrp = s.values.get('dhgrp');
  const groupWords = dhgrp && dhgrp.values.length > 0 ? dhgrp.values : DEFAULT_DH_GROUPS;
  const groups = groupWords.map((w) => readDhGroup(w) ?? w);
  if (dhgrp && groupWords.some((w) => readDhGroup(w) === undefined)) imp.at(dhgrp.line, 'peer.vendor.import.unknownAlgorithm');
  return { tokens: tokens.map(({ encryption, integrity }) => ({ encryption, integrity })), groups };
}

function readSeconds(setting: Setting | undefined, fallback: number, imp: Importer): number {
  if (!setting) return fallback;
  const value = setting.values[0] ?? '';
  if (/^\d+$/.test(value)) return Number(value);
  imp.at(setting.line, 'peer.vendor.import.notUnderstood');
  return fallback;
}

/** A `psksecret` value: ENC … is the device's encrypted copy; 0x… is hexadecimal; 00x… is the text 0x…. */
function readPsk(setting: Setting | undefined, entryLine: number, imp: Importer): string {
  if (!setting) {
    imp.at(entryLine, 'peer.vendor.import.noSecret');
    return '';
  }
  const [first = '', second] = setting.values;
  if (first.toUpperCase() === 'ENC' && second !== undefined) {
    imp.at(setting.line, 'peer.vendor.import.encryptedSecret');
    return '';
  }
  if (first === PSK_PLACEHOLDER) return '';
  if (/^0x/i.test(first)) {
    const digits = first.slice(2);
    const bytes = /^([0-9a-f]{2})+$/i.test(digits) ? digits.match(/../g)!.map((h) => `%${h}`).join('') : undefined;
    try {
      if (bytes !== undefined) return decodeURIComponent(bytes);
    } catch {
      // Not UTF-8 text: remarked below.
    }
    imp.at(setting.line, 'peer.vendor.import.notUnderstood');
    return '';
  }
  return /^00x/i.test(first) ? first.slice(1) : first;
}

function readPhase1(entry: Block, imp: Importer): PeerTunnel {
  const s = readSettings(entry, PHASE1_KEYS);
  for (const setting of s.notUnderstood) imp.at(setting.line, 'peer.vendor.import.notUnderstood');
  const given = (key: string) => s.values.get(key)?.values[0] ?? '';
  const check = (key: string, allowed: readonly string[]): string | undefined => {
    const value = word(s, key);
    if (value !== undefined && !allowed.includes(value)) imp.at(s.values.get(key)!.line, 'peer.vendor.import.notUnderstood');
    return value !== undefined && allowed.includes(value) ? value : undefined;
  };
  const version = check('ike-version', ['1', '2']) ?? '1';
  const mode = check('mode', ['main', 'aggressive']) ?? 'main';
  const peertype = check('peertype', ['any', 'one']) ?? 'any';
  const dpd = check('dpd', ['disable', 'on-idle', 'on-demand']) ?? 'on-demand';
  const natt = check('nattraversal', ['enable', 'disable', 'forced']) ?? 'enable';
  const localGw = given('local-gw');
  const fromComment = /\bdevice (\d{1,3}(?:\.\d{1,3}){3})\b/.exec(given('comments'))?.[1] ?? '';
  const deviceAddress = isIpv4(localGw) && localGw !== '0.0.0.0' ? localGw : isIpv4(fromComment) ? fromComment : '';
  const remoteGw = given('remote-gw') === '0.0.0.0' ? '' : given('remote-gw');
  const ddns = word(s, 'type') === 'ddns' ? given('remotegw-ddns') : '';
  if (remoteGw !== '' && !isIpv4(remoteGw)) imp.at(s.values.get('remote-gw')!.line, 'peer.vendor.import.notUnderstood');
  const { tokens, groups } = readProposals(s, entry.line, 'IKE', imp);
  return {
    deviceAddress,
    cloudAddress: ddns !== '' ? ddns : isIpv4(remoteGw) ? remoteGw : '',
    ikeVersions: [version === '2' ? 'ikev2' : 'ikev1'],
    ikeMode: version === '1' && mode === 'aggressive' ? 'aggressive' : 'main',
    ikeProposals: tokens.flatMap((t): PeerIkeProposal[] => groups.map((dhGroup) => ({ ...t, dhGroup }))),
    ipsecProposals: [],
    ikeLifetime: readSeconds(s.values.get('keylife'), IKE_LIFETIME.default, imp),
    ipsecLifetime: IPSEC_LIFETIME.default,
    // FortiOS identifies itself by its address unless a local ID is set.
    localId: given('localid') || deviceAddress,
    remoteId: peertype === 'one' ? given('peerid') : '',
    localSubnets: [],
    remoteSubnets: [],
    psk: readPsk(s.values.get('psksecret'), entry.line, imp),
    dpd: dpd !== 'disable',
    natTraversal: natt !== 'disable',
    routeBased: false,
  };
}

const PHASE2_COMPARED = ['proposal', 'pfs', 'dhgrp', 'keylifeseconds'];

/** The tunnel's phase 2s: proposals and lifetime from the first, the selectors from all of them. */
function readPhase2s(tunnel: PeerTunnel, entries: readonly Block[], book: AddressBook, imp: Importer): void {
  const all = entries.map((entry) => ({ entry, s: readSettings(entry, PHASE2_KEYS) }));
  const pairs: string[] = [];
  all.forEach(({ entry, s }, i) => {
    for (const setting of s.notUnderstood) imp.at(setting.line, 'peer.vendor.import.notUnderstood');
    const src = readSide(s, 'src', entry.line, book, imp);
    const dst = readSide(s, 'dst', entry.line, book, imp);
    for (const a of src) if (!tunnel.localSubnets.includes(a)) tunnel.localSubnets.push(a);
    for (const b of dst) if (!tunnel.remoteSubnets.includes(b)) tunnel.remoteSubnets.push(b);
    for (const a of src) for (const b of dst) pairs.push(`${a}>${b}`);
    if (i === 0) return;
    const first = all[0]!.s;
    const differs = PHASE2_COMPARED.filter((key) => (first.values.get(key)?.values ?? []).join(' ').toLowerCase() !== (s.values.get(key)?.values ?? []).join(' ').toLowerCase());
    if (differs.length > 0) imp.at(entry.line, 'peer.fortigate.import.extraPhase2', { settings: differs.join(', ') });
  });
  const combinations = tunnel.localSubnets.length * tunnel.remoteSubnets.length;
  if (new Set(pairs).size !== combinations) imp.at(entries[entries.length - 1]!.line, 'peer.fortigate.import.selectorPairs');
  tunnel.routeBased = tunnel.localSubnets.join() === '0.0.0.0/0' && tunnel.remoteSubnets.join() === '0.0.0.0/0';
  const { entry, s } = all[0]!;
  const pfs = word(s, 'pfs') ?? 'enable';
  if (pfs !== 'enable' && pfs !== 'disable') imp.at(s.values.get('pfs')!.line, 'peer.vendor.import.notUnderstood');
  const { tokens, groups } = readProposals(s, entry.line, 'IPsec', imp);
  tunnel.ipsecProposals = tokens.flatMap((t): PeerIpsecProposal[] => (pfs === 'disable' ? [{ ...t, pfs: 'disabled' }] : groups.map((group) => ({ ...t, pfs: group }))));
  const type = word(s, 'keylife-type') ?? 'seconds';
  if (type === 'kbs') imp.at(s.values.get('keylife-type')!.line, 'peer.vendor.import.notUnderstood');
  tunnel.ipsecLifetime = readSeconds(s.values.get('keylifeseconds'), IPSEC_LIFETIME.default, imp);
}

function phase1Entries(parsed: Parsed): Block[] {
  return parsed.tables.filter((t) => PHASE1_PATHS.includes(t.path)).flatMap((t) => t.entries);
}

function importUnsafe(input: string): ImportResult {
  const text = input.length > MAX_TEXT ? input.slice(0, MAX_TEXT) : input;
  const imp = new Importer(text);
  if (input.length > MAX_TEXT) imp.at(imp.lines.length, 'peer.fortigate.import.truncated');
  const parsed = parse(text);
  for (const table of parsed.tables.filter((t) => t.path.startsWith('vpn ipsec ') && !PHASE1_PATHS.includes(t.path) && !PHASE2_PATHS.includes(t.path))) {
    imp.at(table.line, 'peer.vendor.import.notUnderstood');
  }
  const book = new AddressBook(parsed);
  const phase2 = parsed.tables.filter((t) => PHASE2_PATHS.includes(t.path)).flatMap((t) => t.entries);
  const profile = emptyProfile();
  const read: { name: string; key: PeerTunnelKey; tunnel: PeerTunnel }[] = [];
  const known = new Set<string>();
  const sites = phase1Entries(parsed).filter((entry) => {
    known.add(entry.name);
    const type = readSettings(entry, PHASE1_KEYS).values.get('type');
    if (type?.values[0]?.toLowerCase() !== 'dynamic') return true;
    imp.at(type.line, 'peer.fortigate.import.dialup');
    return false;
  });
  const keys: PeerTunnelKey[] = sites.length === 1 ? ['single'] : ['master', 'slave'];
  sites.forEach((entry, i) => {
    const key = keys[i];
    if (key === undefined) {
      imp.at(entry.line, 'peer.vendor.import.extraTunnel');
      return;
    }
    const tunnel = readPhase1(entry, imp);
    const own = phase2.filter((p) => readSettings(p, PHASE2_KEYS).values.get('phase1name')?.values[0] === entry.name);
    if (own.length > 0) readPhase2s(tunnel, own, book, imp);
    else imp.at(entry.line, 'peer.fortigate.import.noPhase2');
    read.push({ name: entry.name, key, tunnel });
  });
  for (const p of phase2) {
    const name = readSettings(p, PHASE2_KEYS).values.get('phase1name');
    if (name === undefined) imp.at(p.line, 'peer.vendor.import.notUnderstood');
    else if (!known.has(name.values[0] ?? '')) imp.at(name.line, 'peer.vendor.import.unresolved', { name: name.values[0] ?? '' });
  }
  const sessions = readBgp(parsed, read.map((r) => r.name), imp);
  for (const { name, key, tunnel } of read) {
    const bgp = sessions.get(name);
    if (bgp) tunnel.bgp = bgp;
    profile.tunnels[key] = tunnel;
  }
  const remarks = imp.remarks.sort((a, b) => a.line - b.line).slice(0, MAX_REMARKS);
  if (read.length > 0) return { profile, remarks };
  const first = imp.lines.findIndex((l) => l.trim() !== '');
  const unreadable = vendorRemark(FORTIGATE_LABEL, FORTIGATE_MESSAGES, first + 1 || 1, imp.lines[first] ?? '', 'peer.vendor.import.unreadable');
  return { profile, remarks: [unreadable, ...remarks].slice(0, MAX_REMARKS) };
}

export function importFortigate(text: string): ImportResult {
  try {
    return importUnsafe(typeof text === 'string' ? text : '');
  } catch {
    return { profile: emptyProfile(), remarks: [vendorRemark(FORTIGATE_LABEL, FORTIGATE_MESSAGES, 1, '', 'peer.vendor.import.unreadable')] };
  }
}
