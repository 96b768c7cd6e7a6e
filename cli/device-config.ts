// `ipsec-studio device-config`: the configuration to type into the customer's device so that it matches the
// connection exactly (the mirror image of the cloud end, core/peer/mirror.ts), in the vendor's own dialect.
import type { VpnConnection } from '../core/model/connection.ts';
import { isIpv4 } from '../core/net/ipv4.ts';
import { mirrorPeer, type PeerAddresses } from '../core/peer/mirror.ts';
import type { PeerTunnelKey } from '../core/peer/profile.ts';
import { InputError, parseCommand, positionalsExactly, stringList, type Io } from './args.ts';
import { readConnection } from './input.ts';
import { formatOption, tunnelOption, vendorOption } from './peer-input.ts';
import { deviceConfigHelp } from './help-peer.ts';

const options = {
  vendor: { type: 'string' },
  format: { type: 'string' },
  'cloud-address': { type: 'string', multiple: true },
  'device-address': { type: 'string', multiple: true },
  tunnel: { type: 'string' },
  secrets: { type: 'boolean', default: true },
} as const;

function checkedAddresses(list: string[], option: string, max: number): string[] {
  if (list.length > max) throw new InputError(`--${option} given ${list.length} times; at most ${max} for this connection`);
  for (const a of list) if (!isIpv4(a)) throw new InputError(`--${option} '${a}' is not an IPv4 address`);
  return list;
}

/** Each tunnel's pair of addresses, as --help describes; a tunnel that needs one and has none is bad input. */
export function tunnelAddresses(connection: VpnConnection, cloud: string[], device: string[], tunnel: 'master' | 'slave' | undefined): PeerAddresses {
  if (connection.mode === 'single') {
    checkedAddresses(cloud, 'cloud-address', 1);
    checkedAddresses(device, 'device-address', 1);
    const [cloudAddress] = cloud;
    const [deviceAddress] = device;
    if (cloudAddress === undefined) throw new InputError(`--cloud-address is required: the VPN gateway's public IP address (a single-tunnel connection does not carry it)`);
    if (deviceAddress === undefined) throw new InputError(`--device-address is required: the device's public IP address`);
    return { single: { cloudAddress, deviceAddress } };
  }
  checkedAddresses(cloud, 'cloud-address', 2);
  checkedAddresses(device, 'device-address', 2);
  if (device.length === 0) throw new InputError(`--device-address is required: the device's public IP address`);
  const roles = ['master', 'slave'] as const;
  const given: Partial<Record<'master' | 'slave', string>> =
    cloud.length === 2 ? { master: cloud[0], slave: cloud[1] } : cloud.length === 1 ? { [tunnel ?? 'master']: cloud[0] } : {};
  const wanted = tunnel ? [tunnel] : roles;
  const addresses: PeerAddresses = {};
  roles.forEach((role, i) => {
    const internetIp = connection.tunnels[i]?.InternetIp ?? '';
    const cloudAddress = given[role] ?? (isIpv4(internetIp) ? internetIp : undefined);
    const deviceAddress = device.length === 2 ? device[i] : device[0];
    if (cloudAddress === undefined || deviceAddress === undefined) {
      if (wanted.includes(role)) {
        throw new InputError(
          `no cloud address for the ${role} tunnel: its InternetIp in the connection is ${internetIp ? `'${internetIp}', not an IPv4 address` : 'missing'}; give --cloud-address twice (master, then slave)${tunnel ? '' : ` or choose a tunnel with --tunnel`}`,
        );
      }
      return;
    }
    addresses[role] = { cloudAddress, deviceAddress };
  });
  return addresses;
}

export function deviceConfig(argv: readonly string[], io: Io): number {
  const parsed = parseCommand(argv, 'device-config', options);
  if (parsed.help) {
    io.out(deviceConfigHelp);
    return 0;
  }
  const [connectionPath = ''] = positionalsExactly(parsed, ['connection.json'], 'device-config');
  const vendor = vendorOption(parsed);
  const format = formatOption(parsed, vendor) ?? vendor.formats[0]?.id ?? '';
  const connection = readConnection(connectionPath);
  const tunnel = tunnelOption(parsed, connection, connectionPath);
  const addresses = tunnelAddresses(connection, stringList(parsed, 'cloud-address'), stringList(parsed, 'device-address'), tunnel);
  const profile = mirrorPeer(connection, addresses);
  const tunnels: PeerTunnelKey[] = connection.mode === 'single' ? ['single'] : tunnel ? [tunnel] : ['master', 'slave'];
  const generated = vendor.generate(profile, { format, tunnels, includeSecrets: parsed.values.secrets !== false });
  for (const note of generated.notes) io.warn(`warning: line ${note.line}: ${note.message}`);
  io.out(generated.text.endsWith('\n') ? generated.text : `${generated.text}\n`);
  return 0;
}
