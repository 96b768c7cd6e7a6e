// The part of the PAN-OS configuration tree the importer reads, and the reader of one `set` line against it. The
// tree follows the PAN-OS schema (pan-os-codegen specs: ike-crypto-profile, ipsec-crypto-profile, ike-gateway,
// tunnels/ipsec, virtual-router). A line may set several values of one object: after each value the reader goes back
// up the tree to find the next keyword, as the CLI does.
import type { Token } from './syntax.ts';

/**
 * `value`: one word (or a bracketed list); `list`: members, one word or `[ a b ]`; `flag`: nothing follows;
 * `rest`: the rest of the line is accepted and not read (settings outside the peer profile that change nothing).
 */
export type Leaf = 'value' | 'list' | 'flag' | 'rest';
export interface Node {
  readonly [keyword: string]: Node | Leaf;
}
/** A node whose keyword is followed by an entry name (`proxy-id <name> …`), then the entry's own tree. */
const ENTRY = '*';
/** At a node with this key, an unknown keyword takes the rest of the line, unread. */
const ANY_ELSE = '...';

const LIFETIME: Node = { seconds: 'value', minutes: 'value', hours: 'value', days: 'value' };
const PORTS: Node = { 'local-port': 'value', 'remote-port': 'value' };
const PROXY_ID: Node = {
  [ENTRY]: { local: 'value', remote: 'value', protocol: { any: 'flag', number: 'value', tcp: PORTS, udp: PORTS } },
};

export const IKE_CRYPTO: Node = { encryption: 'list', hash: 'list', 'dh-group': 'list', lifetime: LIFETIME, 'authentication-multiple': 'value' };

export const IPSEC_CRYPTO: Node = {
  esp: { encryption: 'list', authentication: 'list' },
  ah: { authentication: 'list' },
  'dh-group': 'value',
  lifetime: LIFETIME,
  lifesize: { kb: 'value', mb: 'value', gb: 'value', tb: 'value' },
};

export const GATEWAY: Node = {
  authentication: { 'pre-shared-key': { key: 'value' } },
  protocol: {
    version: 'value',
    ikev1: { 'exchange-mode': 'value', 'ike-crypto-profile': 'value', dpd: { enable: 'value', interval: 'value', retry: 'value' } },
    ikev2: { 'ike-crypto-profile': 'value', dpd: { enable: 'value', interval: 'value' }, 'require-cookie': 'value' },
  },
  'protocol-common': {
    'nat-traversal': { enable: 'value', 'keep-alive-interval': 'value', 'udp-checksum-enable': 'value' },
    fragmentation: { enable: 'value' },
    'passive-mode': 'value',
  },
  'local-address': { interface: 'value', ip: 'value', 'floating-ip': 'value' },
  'peer-address': { ip: 'value', fqdn: 'value', dynamic: 'flag' },
  'local-id': { type: 'value', id: 'value' },
  'peer-id': { type: 'value', id: 'value', matching: 'value' },
  disabled: 'value',
  comment: 'value',
  ipv6: 'value',
};

export const IPSEC_TUNNEL: Node = {
  'tunnel-interface': 'value',
  'auto-key': { 'ike-gateway': { [ENTRY]: {} }, 'ipsec-crypto-profile': 'value', 'proxy-id': PROXY_ID, 'proxy-id-v6': PROXY_ID },
  'tunnel-monitor': 'rest',
  'anti-replay': 'value',
  'anti-replay-window': 'value',
  'copy-tos': 'value',
  'copy-flow-label': 'value',
  'enable-gre-encapsulation': 'value',
  disabled: 'value',
  comment: 'value',
  ipv6: 'value',
};

/** A tunnel interface: only its addresses bear on the tunnel (BGP); everything else is the interface's own. */
export const TUNNEL_UNIT: Node = { ip: { [ENTRY]: {} }, [ANY_ELSE]: 'rest' };

const BGP_PEER: Node = {
  enable: 'value',
  'peer-as': 'value',
  'local-address': { interface: 'value', ip: 'value' },
  'peer-address': { ip: 'value', fqdn: 'value' },
  'connection-options': 'rest',
  'max-prefixes': 'value',
  'address-family-identifier': 'value',
  'subsequent-address-family-identifier': 'rest',
  'enable-sender-side-loop-detection': 'value',
  'enable-mp-bgp': 'value',
  'reflector-client': 'value',
  'peering-type': 'value',
  bfd: 'rest',
};

/** The virtual router's BGP: the instance values, the peers; its policies and options are the router's own. */
export const BGP: Node = {
  enable: 'value',
  'router-id': 'value',
  'local-as': 'value',
  'install-route': 'value',
  'peer-group': { [ENTRY]: { enable: 'value', type: 'rest', peer: { [ENTRY]: BGP_PEER }, [ANY_ELSE]: 'rest' } },
  [ANY_ELSE]: 'rest',
};

export interface Assignment {
  /** Keywords and entry names from the object down to the value (`auto-key proxy-id p1 local`). */
  path: string[];
  values: string[];
  line: number;
}

export interface LineRead {
  assignments: Assignment[];
  /** The line has a keyword the tree does not have (or a value is missing): it was read only up to there. */
  unknown: boolean;
}

function readValues(tokens: readonly Token[], i: number): { values: string[]; next: number } | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  if (t.text === '[' && !t.quoted) {
    const values: string[] = [];
    let j = i + 1;
    while (j < tokens.length && !(tokens[j]!.text === ']' && !tokens[j]!.quoted)) values.push(tokens[j++]!.text);
    return j < tokens.length ? { values, next: j + 1 } : undefined;
  }
  return { values: [t.text], next: i + 1 };
}

/** Reads the words after an object's name against its tree. */
export function readLine(tokens: readonly Token[], root: Node, line: number): LineRead {
  const assignments: Assignment[] = [];
  // The frames from the object down to where the reader is; an entry list never stays a frame.
  const frames: { node: Node; path: string[] }[] = [{ node: root, path: [] }];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    let level = frames.length - 1;
    while (level >= 0 && (token.quoted || !Object.hasOwn(frames[level]!.node, token.text) || token.text === ENTRY || token.text === ANY_ELSE)) level--;
    if (level < 0) {
      // The innermost node with keywords decides (an entry without settings of its own, like a tunnel interface's
      // address, leaves it to the node above).
      const deciding = [...frames].reverse().find((f) => Object.keys(f.node).length > 0);
      return { assignments, unknown: !(deciding && Object.hasOwn(deciding.node, ANY_ELSE)) };
    }
    frames.length = level + 1;
    const frame = frames[level]!;
    const child = frame.node[token.text]!;
    const path = [...frame.path, token.text];
    i++;
    if (child === 'rest') return { assignments, unknown: false };
    if (child === 'flag') {
      assignments.push({ path, values: [], line });
      continue;
    }
    if (child === 'value' || child === 'list') {
      const read = readValues(tokens, i);
      if (!read) return { assignments, unknown: true };
      assignments.push({ path, values: read.values, line });
      i = read.next;
      continue;
    }
    if (Object.hasOwn(child, ENTRY)) {
      const read = readValues(tokens, i);
      if (!read) {
        assignments.push({ path, values: [], line });
        return { assignments, unknown: false };
      }
      for (const name of read.values) assignments.push({ path: [...path, name], values: [], line });
      i = read.next;
      // One entry named: what follows belongs to it; a bracketed list of entries has nothing more.
      if (read.values.length === 1) frames.push({ node: child[ENTRY] as Node, path: [...path, read.values[0]!] });
      continue;
    }
    frames.push({ node: child, path });
    if (i === tokens.length) assignments.push({ path, values: [], line });
  }
  return { assignments, unknown: false };
}
