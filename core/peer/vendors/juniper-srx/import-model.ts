// Junos statements sorted into the objects an IPsec tunnel is built from (IKE proposals, policies, gateways, IPsec
// proposals, policies, VPNs, st0 units, BGP groups, security policies and address books). Each object keeps its
// statements by line, so the importer can remark exactly the lines it does not read.
import type { ImportRemark } from '../../vendor.ts';
import { vendorRemark } from '../generic.ts';
import { JUNIPER_SRX_LABEL } from './generate.ts';
import { JUNIPER_SRX_MESSAGES } from './messages.ts';
import type { ParsedConfig, Statement } from './syntax.ts';

export const MAX_REMARKS = 200;
const WHOLE_TEXT = new Set(['peer.juniper-srx.import.truncated', 'peer.vendor.import.unreadable']);

/** One statement of an object: the words after its name (`address 1.2.3.4` for a gateway). */
export interface Attr {
  line: number;
  words: string[];
}

export interface JunosObject {
  name: string;
  /** The first line that mentions it. */
  line: number;
  attrs: Attr[];
}

export type ObjectKind = 'ikeProposal' | 'ikePolicy' | 'gateway' | 'ipsecProposal' | 'ipsecPolicy' | 'vpn' | 'bgpGroup' | 'securityPolicy';

export interface JunosModel {
  objects: Record<ObjectKind, Map<string, JunosObject>>;
  /** st0 unit → its inet address (`169.254.1.2/30`), when it has one. */
  st0: Map<string, { line: number; address?: string }>;
  asn?: Attr;
  /** Address book entries by name (global and zone books together): prefixes, or members of an address set. */
  addresses: Map<string, { line: number; prefixes: string[]; members: string[]; other: boolean }>;
}

/** Remarks by line, worded from this vendor's table and the shared one, capped at MAX_REMARKS. */
export class Remarks {
  readonly list: ImportRemark[] = [];
  private readonly seen = new Set<string>();
  private readonly lines: readonly string[];

  constructor(lines: readonly string[]) {
    this.lines = lines;
  }

  add(line: number, code: string, params: Record<string, string | number> = {}): void {
    const id = `${line}|${code}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.list.push(vendorRemark(JUNIPER_SRX_LABEL, JUNIPER_SRX_MESSAGES, line, this.lines[line - 1] ?? '', code, params));
  }

  /** By line; past MAX_REMARKS the first ones are kept (and the remarks about the whole text), then one saying so. */
  sorted(): ImportRemark[] {
    const all = [...this.list].sort((a, b) => a.line - b.line);
    if (all.length <= MAX_REMARKS) return all;
    const whole = all.filter((r) => WHOLE_TEXT.has(r.code));
    const kept = [...all.filter((r) => !WHOLE_TEXT.has(r.code)).slice(0, MAX_REMARKS - whole.length), ...whole].sort((a, b) => a.line - b.line);
    const first = all.find((r) => !kept.includes(r))!;
    kept.push(vendorRemark(JUNIPER_SRX_LABEL, JUNIPER_SRX_MESSAGES, first.line, first.text, 'peer.juniper-srx.import.tooManyRemarks'));
    return kept;
  }
}

// Statements under security ike / ipsec that change nothing the profile or the negotiation depends on.
const QUIET_IKE = new Set(['traceoptions', 'respond-bad-spi', 'session']);
const QUIET_IPSEC = new Set(['traceoptions', 'vpn-monitor-options', 'anti-replay-window-size', 'internal']);

function objectKindOf(words: readonly string[]): { kind: ObjectKind; name: string; rest: string[] } | undefined {
  const [a, b, c, d] = words;
  if (d === undefined) return undefined;
  if (a === 'security' && b === 'ike') {
    const kind = ({ proposal: 'ikeProposal', policy: 'ikePolicy', gateway: 'gateway' } as const)[c as 'proposal'];
    return kind ? { kind, name: d, rest: words.slice(4) } : undefined;
  }
  if (a === 'security' && b === 'ipsec') {
    const kind = ({ proposal: 'ipsecProposal', policy: 'ipsecPolicy', vpn: 'vpn' } as const)[c as 'proposal'];
    return kind ? { kind, name: d, rest: words.slice(4) } : undefined;
  }
  if (a === 'protocols' && b === 'bgp' && c === 'group') return { kind: 'bgpGroup', name: d, rest: words.slice(4) };
  if (a === 'security' && b === 'policies') {
    // Zone policies by zone pair and name; global policies by name.
    if (c === 'from-zone' && words[4] === 'to-zone' && words[6] === 'policy' && words[7] !== undefined) {
      return { kind: 'securityPolicy', name: `${d}>${words[5]}>${words[7]}`, rest: words.slice(8) };
    }
    if (c === 'global' && d === 'policy' && words[4] !== undefined) return { kind: 'securityPolicy', name: `global>${words[4]}`, rest: words.slice(5) };
  }
  return undefined;
}

function addTo(model: JunosModel, kind: ObjectKind, name: string, attr: Attr): void {
  const map = model.objects[kind];
  const found = map.get(name);
  if (found) found.attrs.push(attr);
  else map.set(name, { name, line: attr.line, attrs: [attr] });
}

function readAddressBook(model: JunosModel, s: Statement, rest: readonly string[]): void {
  const [type, name, ...value] = rest;
  if ((type !== 'address' && type !== 'address-set') || name === undefined) return;
  const entry = model.addresses.get(name) ?? { line: s.line, prefixes: [], members: [], other: false };
  model.addresses.set(name, entry);
  if (type === 'address-set') {
    if ((value[0] === 'address' || value[0] === 'address-set') && value[1] !== undefined) entry.members.push(value[1]);
  } else if (value[0] === 'ip-prefix' && value[1] !== undefined) entry.prefixes.push(value[1]);
  else if (value.length === 1 && /^[\d.]+(\/\d+)?$/.test(value[0]!)) entry.prefixes.push(value[0]!);
  else if (value.length > 0 && value[0] !== 'description') entry.other = true;
}

/** Is a deactivated path one that bears on the tunnels (so its deactivation is worth a remark)? */
export function bearsOnIpsec(words: readonly string[]): boolean {
  const [a, b] = words;
  return (
    (a === 'security' && (b === 'ike' || b === 'ipsec' || b === 'policies')) ||
    (a === 'interfaces' && (b === 'st0' || b === undefined)) ||
    (a === 'protocols' && b === 'bgp') ||
    (a === 'routing-options' && (b === 'autonomous-system' || b === undefined)) ||
    (a === 'security' && b === undefined)
  );
}

export function buildModel(parsed: ParsedConfig, remarks: Remarks): JunosModel {
  const model: JunosModel = {
    objects: {
      ikeProposal: new Map(), ikePolicy: new Map(), gateway: new Map(), ipsecProposal: new Map(), ipsecPolicy: new Map(), vpn: new Map(),
      bgpGroup: new Map(), securityPolicy: new Map(),
    },
    st0: new Map(),
    addresses: new Map(),
  };
  for (const line of parsed.problems) remarks.add(line, 'peer.vendor.import.notUnderstood');
  for (const d of parsed.deactivations) if (bearsOnIpsec(d.words)) remarks.add(d.line, 'peer.juniper-srx.import.inactive');
  for (const s of parsed.statements) {
    if (s.inactive) continue;
    const w = s.words;
    const obj = objectKindOf(w);
    if (obj) {
      addTo(model, obj.kind, obj.name, { line: s.line, words: obj.rest });
      continue;
    }
    if (w[0] === 'security' && w[1] === 'ike') {
      if (!QUIET_IKE.has(w[2] ?? '')) remarks.add(s.line, 'peer.vendor.import.notUnderstood');
    } else if (w[0] === 'security' && w[1] === 'ipsec') {
      if (!QUIET_IPSEC.has(w[2] ?? '')) remarks.add(s.line, 'peer.vendor.import.notUnderstood');
    } else if (w[0] === 'interfaces' && w[1] === 'st0' && w[2] === 'unit' && w[3] !== undefined) {
      const unit = model.st0.get(w[3]) ?? { line: s.line };
      model.st0.set(w[3], unit);
      const rest = w.slice(4);
      if (rest[0] === 'family' && rest[1] === 'inet' && rest[2] === 'address' && rest[3] !== undefined) unit.address ??= rest[3];
      else if (!(rest.length === 0 || rest[0] === 'description' || (rest[0] === 'family' && rest[1] === 'inet' && (rest.length === 2 || rest[2] === 'mtu')))) {
        remarks.add(s.line, 'peer.vendor.import.notUnderstood');
      }
    } else if (w[0] === 'routing-options' && w[1] === 'autonomous-system' && w[2] !== undefined) {
      model.asn = { line: s.line, words: w.slice(2) };
    } else if (w[0] === 'security' && w[1] === 'address-book' && w[2] !== undefined) {
      readAddressBook(model, s, w.slice(3));
    } else if (w[0] === 'security' && w[1] === 'zones' && w[2] === 'security-zone' && w[4] === 'address-book') {
      readAddressBook(model, s, w.slice(5));
    }
  }
  return model;
}
