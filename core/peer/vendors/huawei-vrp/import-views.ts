// The views around a tunnel: interfaces (where an IPsec policy is applied, or a Tunnel interface with its IPsec
// profile), the BGP process, and the ACL of a policy entry (its rules → traffic selectors).
import { maskToCidr, maskToPrefix } from '../generic.ts';
import type { Line, Section } from './import-parse.ts';
import { pick } from './import-parse.ts';
import type { Remarks } from './import-objects.ts';

export interface InterfaceView {
  head: Line;
  name: string;
  profile?: { name: string; line: Line };
  /** The IPsec policy group applied on the interface. */
  policy?: string;
  /** The interface's address (and its network); Tunnel interfaces: source and destination. */
  address?: string;
  network?: string;
  source?: string;
  destination?: string;
}

/** Interface names as VRP prints them (`Tunnel0/0/1`), whatever spacing or case the text used. */
export function interfaceName(text: string): string {
  const match = /^([A-Za-z-]+)\s*([\d/.:]*)$/.exec(text.trim());
  if (!match) return text.trim();
  const word = match[1]!.toLowerCase();
  const known = ['Tunnel', 'GigabitEthernet', 'Ethernet', 'LoopBack', 'Vlanif', 'Dialer', 'XGigabitEthernet', 'Eth-Trunk', 'Cellular', 'Virtual-Template'];
  const canonical = known.find((k) => k.toLowerCase() === word) ?? known.find((k) => k.toLowerCase().startsWith(word) && word.length >= 3) ?? match[1]!;
  return `${canonical}${match[2]!}`;
}

export function readInterface(section: Section, remarks: Remarks): InterfaceView {
  const name = interfaceName(section.head.tokens.slice(1).join(' '));
  const view: InterfaceView = { head: section.head, name };
  const isTunnel = name.startsWith('Tunnel');
  let protocol: string | undefined;
  let profileLine: Line | undefined;
  for (const line of section.lines) {
    const t = line.tokens;
    const cmd = pick(t[0], ['ip', 'ipsec', 'tunnel-protocol', 'source', 'destination']);
    if (cmd === 'ipsec') {
      const what = pick(t[1], ['policy', 'profile', 'efficient-vpn']);
      if (what === 'profile' && t[2] && isTunnel) {
        view.profile = { name: t[2], line };
        profileLine = line;
      } else if (what === 'policy' && t[2]) view.policy = t[2];
      else remarks.add(line, 'peer.vendor.import.notUnderstood');
      continue;
    }
    if (cmd === 'tunnel-protocol' && isTunnel) protocol = t[1]?.toLowerCase();
    else if (cmd === 'source' && t[1] && isTunnel) view.source = t.slice(1).join('');
    else if (cmd === 'destination' && t[1] && isTunnel) view.destination = t[t.length - 1];
    else if (cmd === 'ip' && pick(t[1], ['address']) === 'address' && t[2] && t[3] && pick(t[2], ['unnumbered']) !== 'unnumbered') {
      const prefix = /^\d{1,2}$/.test(t[3]) ? Number(t[3]) : maskToPrefix(t[3]);
      const network = prefix === undefined ? undefined : maskToCidr(t[2], prefixMask(prefix));
      if (network) {
        view.address = t[2];
        view.network = network;
      } else if (isTunnel) remarks.add(line, 'peer.vendor.import.notUnderstood');
    }
  }
  // GRE (or any other tunnel protocol) carried over IPsec is not a tunnel of the profile.
  if (view.profile && protocol !== 'ipsec') {
    remarks.add(profileLine, 'peer.vendor.import.notUnderstood', { detail: `tunnel-protocol ${protocol ?? 'none'}` });
    delete view.profile;
  }
  return view;
}

function prefixMask(prefix: number): string {
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [bits >>> 24, (bits >>> 16) & 255, (bits >>> 8) & 255, bits & 255].join('.');
}

export interface BgpView {
  asn: string;
  peers: { address: string; asn: string; connectInterface?: string; network?: string }[];
}

/** The BGP process's peers; the address family's `peer … enable` lines and all the rest are routing, not read. */
export function readBgp(section: Section): BgpView {
  const view: BgpView = { asn: section.name, peers: [] };
  const peer = (address: string) => {
    let found = view.peers.find((p) => p.address === address);
    if (!found) {
      found = { address, asn: '' };
      view.peers.push(found);
    }
    return found;
  };
  for (const line of section.lines) {
    const t = line.tokens;
    if (pick(t[0], ['peer']) !== 'peer' || !t[1] || !t[3]) continue;
    const what = pick(t[2], ['as-number', 'connect-interface']);
    if (what === 'as-number') peer(t[1]).asn = t[3];
    else if (what === 'connect-interface') peer(t[1]).connectInterface = interfaceName(t.slice(3).join(' '));
  }
  for (const p of view.peers) {
    const network = maskToCidr(p.address, '255.255.255.252');
    if (network) p.network = network;
  }
  return view;
}

/** One end of an ACL rule: `any`, `<address> 0` (a host), or `<address> <wildcard>`; the tokens it used. */
function endpoint(t: readonly string[], at: number): { cidr?: string; used: number } {
  if (t[at]?.toLowerCase() === 'any') return { cidr: '0.0.0.0/0', used: 1 };
  const addressText = t[at];
  const wildcard = t[at + 1];
  if (addressText === undefined || wildcard === undefined) return { used: 0 };
  const cidr = maskToCidr(addressText, wildcard === '0' ? '0.0.0.0' : wildcard, true);
  return cidr ? { cidr, used: 2 } : { used: 0 };
}

/** The rules of an advanced ACL → the device's networks (sources) and the cloud's (destinations). */
export function readSelectors(section: Section, remarks: Remarks): { localSubnets: string[]; remoteSubnets: string[] } {
  const local: string[] = [];
  const remote: string[] = [];
  const pairs = new Set<string>();
  for (const line of section.lines) {
    const t = line.tokens;
    if (pick(t[0], ['rule', 'description', 'step']) !== 'rule') continue;
    let i = /^\d+$/.test(t[1] ?? '') ? 2 : 1;
    if (pick(t[i], ['permit', 'deny']) !== 'permit' || t[i + 1]?.toLowerCase() !== 'ip') {
      remarks.add(line, 'peer.vendor.import.notUnderstood');
      continue;
    }
    i += 2;
    let src = '0.0.0.0/0';
    let dst = '0.0.0.0/0';
    let ok = true;
    while (ok && i < t.length) {
      const word = pick(t[i], ['source', 'destination']);
      const end = word ? endpoint(t, i + 1) : { used: 0 };
      if (!word || end.cidr === undefined) ok = false;
      else if (word === 'source') src = end.cidr;
      else dst = end.cidr;
      i += 1 + end.used;
    }
    if (!ok) {
      remarks.add(line, 'peer.vendor.import.notUnderstood');
      continue;
    }
    if (!local.includes(src)) local.push(src);
    if (!remote.includes(dst)) remote.push(dst);
    pairs.add(`${src}|${dst}`);
  }
  if (pairs.size !== local.length * remote.length) remarks.add(section.head, 'peer.huawei-vrp.import.partialMesh');
  return { localSubnets: local, remoteSubnets: remote };
}
