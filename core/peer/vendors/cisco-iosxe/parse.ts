// IOS-XE configuration text as a tree of command lines: a line belongs to the block above it that is less indented,
// as `show running-config` prints it. Pasted configuration-mode input is read too: lines without indentation under a
// block (with `exit` closing it) and keywords abbreviated the way the CLI accepts them.

export interface Node {
  /** 1-based line number in the text. */
  line: number;
  text: string;
  words: string[];
  indent: number;
  children: Node[];
}

/**
 * Whether `word` spells `keyword`, whole or abbreviated to at least `min` characters (the CLI accepts any unique
 * prefix; `min` is where the prefix stops being ambiguous among the keywords of that mode).
 */
export function kw(word: string | undefined, keyword: string, min = keyword.length): boolean {
  if (word === undefined) return false;
  const w = word.toLowerCase();
  return w.length >= Math.min(min, keyword.length) && keyword.startsWith(w);
}

/** `spec` words like `crypto:3 ikev2 proposal:4`: each word, abbreviated to no less than its number of characters. */
export function starts(words: readonly string[], spec: string): boolean {
  const parts = spec.split(' ');
  return parts.every((part, i) => {
    const [keyword = '', min] = part.split(':');
    return kw(words[i], keyword, min === undefined ? keyword.length : Number(min));
  });
}

// Commands that only exist in global configuration mode: an unindented one closes the block above it.
const GLOBAL_WORDS = new Set([
  'crypto', 'interface', 'router', 'access-list', 'hostname', 'line', 'version', 'service', 'boot', 'ntp', 'logging', 'aaa', 'username',
  'enable', 'snmp-server', 'banner', 'control-plane', 'license', 'vrf', 'spanning-tree', 'vlan', 'class-map', 'policy-map', 'route-map',
  'track', 'object-group', 'redundancy', 'platform', 'archive', 'key', 'ipv6', 'clock', 'memory', 'call-home', 'diagnostic', 'multilink',
  'lldp', 'cdp', 'alias', 'mpls', 'system', 'login', 'file', 'event', 'subscriber', 'tacacs', 'radius', 'errdisable', 'monitor',
]);

// `ip …` commands of global mode (the interface-mode ones — ip address, ip mtu, ip nat inside… — stay in the block).
const GLOBAL_IP_WORDS = new Set([
  'route', 'access-list', 'domain', 'domain-name', 'name-server', 'http', 'ssh', 'dhcp', 'cef', 'routing', 'prefix-list', 'sla', 'host',
  'scp', 'ftp', 'tftp', 'forward-protocol', 'community-list', 'as-path', 'multicast-routing', 'classless', 'subnet-zero', 'local',
  'bgp-community', 'explicit-path', 'flow-export', 'source-route', 'finger', 'bootp', 'igmp', 'pim', 'vrf', 'nat',
]);

function isGlobal(words: readonly string[], block: Node): boolean {
  const [w0 = '', w1 = '', w2 = '', w3 = ''] = words.map((w) => w.toLowerCase());
  const inInterface = starts(block.words, 'interface:3');
  // `crypto map NAME` inside an interface applies the map; with a sequence number it defines an entry.
  if (inInterface && w0 === 'crypto' && w1 === 'map' && words.length === 3) return false;
  if (w0 === 'no') return w1 === 'crypto' || (w1 === 'ip' && GLOBAL_IP_WORDS.has(w2) && !inInterface);
  if (w0 !== 'ip') return GLOBAL_WORDS.has(w0) || kw(w0, 'interface', 3) || kw(w0, 'crypto', 3) || kw(w0, 'router', 4) || kw(w0, 'hostname', 4);
  if (w1 === 'nat') return w2 === 'pool' || w2 === 'translation' || ((w2 === 'inside' || w2 === 'outside') && w3 === 'source');
  if (w1 === 'vrf') return w2 !== 'forwarding';
  return GLOBAL_IP_WORDS.has(w1);
}

/** Unindented lines that open a sub-mode of their own (their following lines belong to them). */
function opensSubMode(words: readonly string[], block: Node): boolean {
  return (starts(block.words, 'crypto:3 ikev2 keyring:4') && kw(words[0], 'peer')) || kw(words[0], 'address-family', 7);
}

function isExit(words: readonly string[]): boolean {
  const w = words[0]?.toLowerCase() ?? '';
  return w === 'exit' || w.startsWith('exit-');
}

/** The lines of `text` (CR, LF or CRLF; tabs read as spaces) as a tree; comments (`!`) and blank lines dropped. */
export function parseConfig(text: string): Node[] {
  const roots: Node[] = [];
  const stack: Node[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\t/g, ' ');
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('!')) continue;
    const indent = raw.length - raw.trimStart().length;
    const words = trimmed.split(/\s+/);
    if (isExit(words)) {
      stack.pop();
      continue;
    }
    if (indent === 0 && trimmed.toLowerCase() === 'end') {
      stack.length = 0;
      continue;
    }
    const node: Node = { line: i + 1, text: trimmed, words, indent, children: [] };
    if (indent > 0) {
      while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(node);
      else roots.push(node);
      stack.push(node);
    } else if (stack.length > 0 && !isGlobal(words, stack[0]!)) {
      const parent = stack[stack.length - 1]!;
      node.indent = parent.indent + 1;
      parent.children.push(node);
      if (opensSubMode(words, parent)) stack.push(node);
    } else {
      stack.length = 0;
      roots.push(node);
      stack.push(node);
    }
  }
  return roots;
}

/** The words after the first `count`, joined with single spaces. */
export const rest = (node: Node, count: number): string => node.words.slice(count).join(' ');
