// Reading a FortiGate's selectors (subnets, single addresses, address objects and groups) and the BGP session a
// tunnel interface carries (its ip / remote-ip and the neighbor that uses it).
import { isIpv4, ipv4ToInt, parseIpv4Cidr } from '../../../net/ipv4.ts';
import type { PeerBgp } from '../../profile.ts';
import { cidrToMask, maskToCidr } from '../generic.ts';
import { type Settings, word } from './import-keys.ts';
import { type Block, completeKey, lastSetting, type Parsed, type Setting } from './syntax.ts';

export interface Remarker {
  at(line: number, code: string, params?: Record<string, string | number>): void;
}

/** `a.b.c.d m.m.m.m` or `a.b.c.d/n` → CIDR with host bits masked; undefined when it is neither. */
export function readSubnet(values: readonly string[]): string | undefined {
  const [first = '', second] = values;
  if (second !== undefined) return maskToCidr(first, second);
  const m = cidrToMask(first);
  return m === undefined ? undefined : maskToCidr(m.address, m.mask);
}

/** Firewall addresses and address groups by name, for selectors that name them. */
export class AddressBook {
  private readonly addresses = new Map<string, Block>();
  private readonly groups = new Map<string, Block>();

  constructor(parsed: Parsed) {
    for (const table of parsed.tables) {
      const into = table.path === 'firewall address' ? this.addresses : table.path === 'firewall addrgrp' ? this.groups : undefined;
      for (const entry of into ? table.entries : []) into!.set(entry.name, entry);
    }
  }

  /** The networks a name stands for, in order; remarks for what cannot be read. `all` is FortiOS's built-in 0.0.0.0/0. */
  resolve(name: string, line: number, imp: Remarker, depth = 0): string[] {
    const address = this.addresses.get(name);
    if (address) {
      const type = lastSetting(address, 'type')?.values[0]?.toLowerCase() ?? 'ipmask';
      const subnet = lastSetting(address, 'subnet');
      const cidr = type === 'ipmask' ? readSubnet(subnet?.values ?? ['0.0.0.0', '0.0.0.0']) : undefined;
      if (cidr === undefined) imp.at(lastSetting(address, 'type')?.line ?? subnet?.line ?? address.line, 'peer.vendor.import.notUnderstood');
      return cidr === undefined ? [] : [cidr];
    }
    const group = this.groups.get(name);
    if (group && depth < 8) return (lastSetting(group, 'member')?.values ?? []).flatMap((member) => this.resolve(member, lastSetting(group, 'member')!.line, imp, depth + 1));
    if (name.toLowerCase() === 'all') return ['0.0.0.0/0'];
    imp.at(line, 'peer.vendor.import.unresolved', { name });
    return [];
  }
}

/** One side of a phase 2 (`src` or `dst`): FortiOS's default is the subnet 0.0.0.0 0.0.0.0. */
export function readSide(s: Settings, prefix: 'src' | 'dst', entryLine: number, book: AddressBook, imp: Remarker): string[] {
  const typeSetting = s.values.get(`${prefix}-addr-type`);
  const type = word(s, `${prefix}-addr-type`) ?? 'subnet';
  const setting = (key: string): Setting | undefined => s.values.get(`${prefix}-${key}`);
  const lineOf = (key: string) => setting(key)?.line ?? typeSetting?.line ?? entryLine;
  if (type === 'subnet') {
    const cidr = readSubnet(setting('subnet')?.values ?? ['0.0.0.0', '0.0.0.0']);
    if (cidr === undefined) imp.at(lineOf('subnet'), 'peer.vendor.import.notUnderstood');
    return cidr === undefined ? [] : [cidr];
  }
  if (type === 'ip') {
    const ip = setting('start-ip')?.values[0] ?? '0.0.0.0';
    if (!isIpv4(ip)) imp.at(lineOf('start-ip'), 'peer.vendor.import.notUnderstood');
    return isIpv4(ip) ? [`${ip}/32`] : [];
  }
  if (type === 'name') {
    const name = setting('name')?.values[0];
    if (name === undefined) {
      imp.at(lineOf('name'), 'peer.vendor.import.notUnderstood');
      return [];
    }
    return book.resolve(name, lineOf('name'), imp);
  }
  // Address ranges and the IPv6 types are not part of the profile.
  imp.at(typeSetting?.line ?? entryLine, 'peer.vendor.import.notUnderstood');
  return [];
}

interface TunnelInterface {
  address: string;
  /** The cloud's end (remote-ip) and the network the two ends share. */
  remote: string;
  network?: { start: number; end: number };
}

function tunnelInterfaces(parsed: Parsed): Map<string, TunnelInterface> {
  const found = new Map<string, TunnelInterface>();
  for (const table of parsed.tables.filter((t) => t.path === 'system interface')) {
    for (const entry of table.entries) {
      const ip = lastSetting(entry, 'ip')?.values[0] ?? '';
      const remote = lastSetting(entry, 'remote-ip')?.values ?? [];
      const cidr = remote[0] !== undefined && remote[1] !== undefined ? maskToCidr(remote[0], remote[1]) : undefined;
      const network = cidr === undefined ? undefined : parseIpv4Cidr(cidr);
      found.set(entry.name, { address: isIpv4(ip) && ip !== '0.0.0.0' ? ip : '', remote: isIpv4(remote[0] ?? '') ? remote[0]! : '', ...(network && { network }) });
    }
  }
  return found;
}

const NEIGHBOR_KEYS = ['remote-as', 'update-source'];

/**
 * The BGP session of each tunnel: the neighbor whose update-source is the tunnel interface, or whose address is the
 * interface's remote-ip or lies in its network. Neighbors of no tunnel are other routing and are not read.
 */
export function readBgp(parsed: Parsed, tunnelNames: readonly string[], imp: Remarker): Map<string, PeerBgp> {
  const interfaces = tunnelInterfaces(parsed);
  const sessions = new Map<string, PeerBgp>();
  for (const bgpTable of parsed.tables.filter((t) => t.path === 'router bgp')) {
    const as = lastSetting(bgpTable, 'as')?.values[0] ?? '';
    const asn = as === '0' ? '' : as;
    for (const neighbor of bgpTable.tables.filter((t) => t.path === 'neighbor').flatMap((t) => t.entries)) {
      const get = (key: string) => neighbor.settings.findLast((s) => completeKey(s.key, NEIGHBOR_KEYS) === key && !s.unset)?.values[0];
      const source = get('update-source');
      const address = ipv4ToInt(neighbor.name);
      const tunnel = tunnelNames.find((name) => {
        if (source !== undefined) return source === name;
        const iface = interfaces.get(name);
        return iface !== undefined && (iface.remote === neighbor.name || (address !== undefined && iface.network !== undefined && address >= iface.network.start && address <= iface.network.end));
      });
      if (tunnel === undefined) continue;
      if (sessions.has(tunnel)) {
        imp.at(neighbor.line, 'peer.vendor.import.notUnderstood');
        continue;
      }
      const remoteAs = get('remote-as') ?? '';
      sessions.set(tunnel, { asn, address: interfaces.get(tunnel)?.address ?? '', peerAddress: neighbor.name, peerAsn: remoteAs === '0' ? '' : remoteAs });
    }
  }
  return sessions;
}
