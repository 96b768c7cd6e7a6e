// The configuration objects the importer collects from `set` lines (crypto profiles, IKE gateways, IPsec tunnels,
// tunnel interfaces, BGP per virtual router), each with the values its lines set and the lines it could not read.
import { type Assignment, BGP, GATEWAY, IKE_CRYPTO, IPSEC_CRYPTO, IPSEC_TUNNEL, type Node, readLine, TUNNEL_UNIT } from './import-schema.ts';
import { type Token, tokenize } from './syntax.ts';

export class ConfigObject {
  readonly assignments: Assignment[] = [];
  readonly unknownLines: number[] = [];
  readonly name: string;
  readonly line: number;

  constructor(name: string, line: number) {
    this.name = name;
    this.line = line;
  }

  /** Every value set at a path; `*` in the pattern matches any entry name. */
  all(pattern: readonly string[]): Assignment[] {
    return this.assignments.filter((a) => a.path.length === pattern.length && pattern.every((p, i) => p === '*' || p === a.path[i]));
  }

  last(pattern: readonly string[]): Assignment | undefined {
    return this.all(pattern).at(-1);
  }

  value(pattern: readonly string[]): string | undefined {
    return this.last(pattern)?.values[0];
  }

  /** Member lists add up: `set … encryption a` then `set … encryption b` offers both. */
  members(pattern: readonly string[]): { value: string; line: number }[] {
    const seen = new Set<string>();
    const out: { value: string; line: number }[] = [];
    for (const a of this.all(pattern)) {
      for (const value of a.values) {
        if (seen.has(value)) continue;
        seen.add(value);
        out.push({ value, line: a.line });
      }
    }
    return out;
  }

  /** The entry names under a path, in order of appearance. */
  entries(prefix: readonly string[]): string[] {
    const names: string[] = [];
    for (const a of this.assignments) {
      if (a.path.length > prefix.length && prefix.every((p, i) => p === '*' || p === a.path[i]) && !names.includes(a.path[prefix.length]!)) names.push(a.path[prefix.length]!);
    }
    return names;
  }
}

export type Kind = 'ike' | 'ipsec' | 'gateway' | 'tunnel' | 'unit' | 'bgp';

const SECTIONS: readonly { path: readonly string[]; kind: Kind; schema: Node }[] = [
  { path: ['network', 'ike', 'crypto-profiles', 'ike-crypto-profiles'], kind: 'ike', schema: IKE_CRYPTO },
  { path: ['network', 'ike', 'crypto-profiles', 'ipsec-crypto-profiles'], kind: 'ipsec', schema: IPSEC_CRYPTO },
  { path: ['network', 'ike', 'gateway'], kind: 'gateway', schema: GATEWAY },
  { path: ['network', 'tunnel', 'ipsec'], kind: 'tunnel', schema: IPSEC_TUNNEL },
  { path: ['network', 'interface', 'tunnel', 'units'], kind: 'unit', schema: TUNNEL_UNIT },
  // The BGP instance is named after its virtual router (the `*`).
  { path: ['network', 'virtual-router', '*', 'protocol', 'bgp'], kind: 'bgp', schema: BGP },
];

export interface ParsedConfig {
  objects: Record<Kind, Map<string, ConfigObject>>;
  /** Lines that bear on IPsec and could not be read at all: (line, why). */
  problems: { line: number; code: string }[];
  /** Lines of the hierarchical (brace) output, which is not read. */
  braceLines: number;
  setLines: number;
}

/** Panorama template and multi-vsys prefixes in front of the firewall's own paths. */
function stripPrefix(words: readonly Token[]): readonly Token[] {
  const first = words[0]?.text;
  if ((first === 'template' || first === 'template-stack') && words[2]?.text === 'config' && words[3]?.text === 'devices') return words.slice(5);
  if (first === 'vsys') return words.slice(2);
  return words;
}

const bearsOnIpsec = (words: readonly Token[]) =>
  words[0]?.text === 'network' && (words[1]?.text === 'ike' || (words[1]?.text === 'tunnel' && words[2]?.text === 'ipsec'));

function placeLine(words: readonly Token[], lineNo: number, parsed: ParsedConfig): void {
  for (const section of SECTIONS) {
    const n = section.path.length;
    if (words.length < n || !section.path.every((p, i) => p === '*' || p === words[i]!.text)) continue;
    const named = section.kind !== 'bgp';
    const name = named ? words[n]?.text : words[2]!.text;
    if (name === undefined) return;
    const map = parsed.objects[section.kind];
    const object = map.get(name) ?? new ConfigObject(name, lineNo);
    if (!map.has(name)) map.set(name, object);
    const read = readLine(words.slice(named ? n + 1 : n), section.schema, lineNo);
    object.assignments.push(...read.assignments);
    if (read.unknown) object.unknownLines.push(lineNo);
    return;
  }
  // GlobalProtect's crypto profiles are not site-to-site; anything else under network ike / tunnel ipsec is.
  if (bearsOnIpsec(words) && words[3]?.text !== 'global-protect-app-crypto-profiles') parsed.problems.push({ line: lineNo, code: 'peer.vendor.import.notUnderstood' });
}

export function parseConfig(lines: readonly string[]): ParsedConfig {
  const parsed: ParsedConfig = {
    objects: { ike: new Map(), ipsec: new Map(), gateway: new Map(), tunnel: new Map(), unit: new Map(), bgp: new Map() },
    problems: [],
    braceLines: 0,
    setLines: 0,
  };
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    if (/[{};]$/.test(text) && !text.startsWith('set ')) {
      parsed.braceLines++;
      return;
    }
    const tokens = tokenize(text);
    const mentions = /\b(ike|ipsec|tunnel)\b/.test(text);
    if (!tokens) {
      if (mentions) parsed.problems.push({ line: lineNo, code: 'peer.vendor.import.notUnderstood' });
      return;
    }
    if (tokens[0]?.text !== 'set') {
      // `delete`, `edit` and the like change the configuration in ways a list of settings cannot hold.
      if (mentions && ['delete', 'edit', 'rename', 'move', 'copy', 'override'].includes(tokens[0]?.text ?? '')) parsed.problems.push({ line: lineNo, code: 'peer.panos.import.notSet' });
      return;
    }
    parsed.setLines++;
    placeLine(stripPrefix(tokens.slice(1)), lineNo, parsed);
  });
  return parsed;
}
