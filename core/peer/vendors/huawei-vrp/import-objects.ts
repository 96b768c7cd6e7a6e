// The VRP views a tunnel is made of, read from their sections: IKE proposals, IKE peers, IPsec proposals, ISAKMP
// policy entries and IPsec profiles, ACLs, interfaces and the BGP process. A command the profile has no place for is
// a remark; commands that do not change whether the tunnel negotiates (RSA padding, DPD timers…) are read silently.
import type { ImportRemark } from '../../vendor.ts';
import { vendorRemark } from '../generic.ts';
import { VENDOR_LABEL } from './common.ts';
import type { Line, Section } from './import-parse.ts';
import { pick } from './import-parse.ts';
import { HUAWEI_VRP_MESSAGES } from './messages.ts';

export const MAX_REMARKS = 200;

export class Remarks {
  readonly list: ImportRemark[] = [];
  private readonly seen = new Set<string>();
  private overflow = false;

  add(line: Line | undefined, code: string, params: Record<string, string | number> = {}): void {
    const key = `${line?.no ?? 0}|${code}|${JSON.stringify(params)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.list.length >= MAX_REMARKS - 1) {
      if (!this.overflow) this.list.push(vendorRemark(VENDOR_LABEL, HUAWEI_VRP_MESSAGES, line?.no ?? 1, line?.text ?? '', 'peer.huawei-vrp.import.moreRemarks'));
      this.overflow = true;
      return;
    }
    this.list.push(vendorRemark(VENDOR_LABEL, HUAWEI_VRP_MESSAGES, line?.no ?? 1, line?.text ?? '', code, params));
  }
}

export interface IkeProposalView {
  head: Line;
  encryption: { words: string[]; line?: Line };
  authentication: { words: string[]; line?: Line };
  integrity: { words: string[]; line?: Line };
  dh: { words: string[]; line?: Line };
  duration?: number;
}

export interface IkePeerView {
  head: Line;
  versions: Set<'ikev1' | 'ikev2'>;
  versionLine?: Line;
  mode: 'main' | 'aggressive';
  psk?: { value: string; line: Line };
  proposals: { number: string; line: Line }[];
  localIdType: string;
  localId?: string;
  remoteIdType?: string;
  remoteId?: string;
  localAddress?: string;
  remoteAddress?: string;
  dpd?: boolean;
  natTraversal: boolean;
}

export interface EspView {
  head: Line;
  encryption: { words: string[]; line?: Line };
  integrity: { words: string[]; line?: Line };
}

export interface SaView {
  head: Line;
  acl?: { name: string; line: Line };
  peer?: { name: string; line: Line };
  proposals: { name: string; line: Line }[];
  pfs?: { word: string; line: Line };
  duration?: number;
  tunnelLocal?: string;
}

const words = (line: Line, from: number) => line.tokens.slice(from).map((w) => w.toLowerCase());
const integer = (text: string | undefined) => (text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined);

/** Commands read and ignored: they do not change whether the tunnel negotiates. */
const QUIET = /^(description|alias|rsa\s|ikev2\s+authentication|undo\s+local-id-preference|sa\s+(trigger-mode|duration\s+traffic-based|soft-duration|binding|idle-time)|route\s+inject|anti-replay|qos\s|dpd\s+(idle-time|retransmit-interval|retry|interval|packet|msg|timeout)|tunnel\s+local\s+applied-interface|certificate\s+check)/i;

function notUnderstood(remarks: Remarks, line: Line): void {
  if (!QUIET.test(line.text)) remarks.add(line, 'peer.vendor.import.notUnderstood');
}

export function readIkeProposal(section: Section, remarks: Remarks): IkeProposalView {
  const view: IkeProposalView = { head: section.head, encryption: { words: [] }, authentication: { words: [] }, integrity: { words: [] }, dh: { words: [] } };
  for (const line of section.lines) {
    const cmd = pick(line.tokens[0], ['encryption-algorithm', 'authentication-algorithm', 'authentication-method', 'integrity-algorithm', 'prf', 'dh', 'sa']);
    if (cmd === 'encryption-algorithm') view.encryption = { words: words(line, 1), line };
    else if (cmd === 'authentication-algorithm') view.authentication = { words: words(line, 1), line };
    else if (cmd === 'integrity-algorithm') view.integrity = { words: words(line, 1), line };
    else if (cmd === 'dh') view.dh = { words: words(line, 1), line };
    else if (cmd === 'prf') continue;
    else if (cmd === 'authentication-method' && pick(line.tokens[1], ['pre-share']) === 'pre-share') continue;
    else if (cmd === 'sa' && pick(line.tokens[1], ['duration']) === 'duration' && integer(line.tokens[2]) !== undefined) view.duration = integer(line.tokens[2]);
    else notUnderstood(remarks, line);
  }
  return view;
}

function readVersion(view: IkePeerView, line: Line, undo: boolean): boolean {
  const v = line.tokens[undo ? 2 : 1];
  if (v !== '1' && v !== '2') return false;
  const version = v === '1' ? 'ikev1' : 'ikev2';
  if (undo) view.versions.delete(version);
  else view.versions.add(version);
  view.versionLine = line;
  return true;
}

export function readIkePeer(section: Section, remarks: Remarks): IkePeerView {
  // V200R008 and later enable IKEv1 and IKEv2 unless one is undone; older releases name one after the peer.
  const suffix = section.head.tokens[3]?.toLowerCase();
  const versions = new Set<'ikev1' | 'ikev2'>(suffix === 'v1' ? ['ikev1'] : suffix === 'v2' ? ['ikev2'] : ['ikev1', 'ikev2']);
  const view: IkePeerView = { head: section.head, versions, mode: 'main', proposals: [], localIdType: 'ip', natTraversal: true };
  for (const line of section.lines) {
    const t = line.tokens;
    const cmd = pick(t[0], ['version', 'undo', 'exchange-mode', 'pre-shared-key', 'ike-proposal', 'local-id-type', 'local-id', 'remote-id-type', 'remote-id', 'local-address', 'remote-address', 'dpd', 'nat']);
    if (cmd === 'version' && readVersion(view, line, false)) continue;
    if (cmd === 'undo') {
      const what = pick(t[1], ['version', 'nat', 'dpd']);
      if (what === 'version' && readVersion(view, line, true)) continue;
      if (what === 'nat' && pick(t[2], ['traversal']) === 'traversal') {
        view.natTraversal = false;
        continue;
      }
      if (what === 'dpd' && pick(t[2], ['type']) === 'type') {
        view.dpd = false;
        continue;
      }
    } else if (cmd === 'exchange-mode') {
      const mode = pick(t[1], ['main', 'aggressive', 'auto']);
      // `auto` initiates in main mode and answers either.
      if (mode !== undefined) {
        view.mode = mode === 'aggressive' ? 'aggressive' : 'main';
        continue;
      }
    } else if (cmd === 'pre-shared-key') {
      const kind = pick(t[1], ['cipher', 'simple']);
      const rest = line.text.replace(/^\S+\s+/, '');
      const value = kind ? rest.replace(/^\S+\s+/, '') : rest;
      if (value !== '' && (kind === undefined ? t.length >= 2 : t.length >= 3)) {
        view.psk = { value, line };
        continue;
      }
    } else if (cmd === 'ike-proposal' && t.length > 1 && t.slice(1).every((n) => /^\d+$/.test(n))) {
      for (const number of t.slice(1)) view.proposals.push({ number, line });
      continue;
    } else if (cmd === 'local-id-type' && t[1]) {
      view.localIdType = t[1].toLowerCase();
      continue;
    } else if (cmd === 'local-id' && t[1]) {
      view.localId = t.slice(1).join(' ');
      continue;
    } else if (cmd === 'remote-id-type' && t[1]) {
      view.remoteIdType = t[1].toLowerCase();
      continue;
    } else if (cmd === 'remote-id' && t[1]) {
      if (view.remoteId === undefined) view.remoteId = t.slice(1).join(' ');
      else remarks.add(line, 'peer.vendor.import.notUnderstood');
      continue;
    } else if (cmd === 'local-address' && t[1]) {
      view.localAddress = t[t.length - 1];
      continue;
    } else if (cmd === 'remote-address' && t[1]) {
      const addresses = t.slice(pick(t[1], ['vpn-instance']) === 'vpn-instance' ? 3 : 1);
      if (addresses.length > 0 && pick(t[1], ['host-name']) !== 'host-name') {
        if (view.remoteAddress === undefined) view.remoteAddress = addresses[0];
        // More than one address: the others are backups of the first.
        if (addresses.length > 1 || view.remoteAddress !== addresses[0]) remarks.add(line, 'peer.vendor.import.notUnderstood');
        continue;
      }
    } else if (cmd === 'dpd' && pick(t[1], ['type']) === 'type' && pick(t[2], ['periodic', 'on-demand']) !== undefined) {
      view.dpd = true;
      continue;
    } else if (cmd === 'nat' && pick(t[1], ['traversal']) === 'traversal') {
      view.natTraversal = true;
      continue;
    }
    notUnderstood(remarks, line);
  }
  return view;
}

export function readIpsecProposal(section: Section, remarks: Remarks): EspView {
  const view: EspView = { head: section.head, encryption: { words: [] }, integrity: { words: [] } };
  for (const line of section.lines) {
    const t = line.tokens;
    const cmd = pick(t[0], ['transform', 'encapsulation-mode', 'esp', 'ah']);
    if (cmd === 'transform' && pick(t[1], ['esp', 'ah', 'ah-esp']) === 'esp') continue;
    if (cmd === 'encapsulation-mode' && pick(t[1], ['tunnel', 'transport', 'auto']) !== 'transport' && t[1]) continue;
    if (cmd === 'esp') {
      const what = pick(t[1], ['authentication-algorithm', 'encryption-algorithm']);
      if (what === 'authentication-algorithm') {
        view.integrity = { words: words(line, 2), line };
        continue;
      }
      if (what === 'encryption-algorithm') {
        view.encryption = { words: words(line, 2), line };
        continue;
      }
    }
    notUnderstood(remarks, line);
  }
  return view;
}

/** An ISAKMP policy entry or an IPsec profile. */
export function readSa(section: Section, remarks: Remarks): SaView {
  const view: SaView = { head: section.head, proposals: [] };
  for (const line of section.lines) {
    const t = line.tokens;
    const cmd = pick(t[0], ['security', 'ike-peer', 'proposal', 'pfs', 'sa', 'tunnel']);
    if (cmd === 'security' && pick(t[1], ['acl']) === 'acl' && t[2]) view.acl = { name: t[2], line };
    else if (cmd === 'ike-peer' && t[1]) view.peer = { name: t[1], line };
    else if (cmd === 'proposal' && t[1]) for (const name of t.slice(1)) view.proposals.push({ name, line });
    else if (cmd === 'pfs' && t[1]) view.pfs = { word: t[1].toLowerCase(), line };
    else if (cmd === 'sa' && pick(t[1], ['duration']) === 'duration' && pick(t[2], ['time-based', 'traffic-based']) === 'time-based' && integer(t[3]) !== undefined)
      view.duration = integer(t[3]);
    else if (cmd === 'tunnel' && pick(t[1], ['local']) === 'local' && t[2] && /^\d/.test(t[2])) view.tunnelLocal = t[2];
    else notUnderstood(remarks, line);
  }
  return view;
}
