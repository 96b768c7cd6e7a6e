// The device side of the commands: which vendor and dialect, which tunnel, and a peer profile read from a file
// (a PeerProfile as JSON, or the device's configuration text through the vendor's importer).
import type { VpnConnection } from '../core/model/connection.ts';
import type { PeerProfile, PeerTunnelKey } from '../core/peer/profile.ts';
import { parsePeerProfile } from '../core/peer/profile-schema.ts';
import type { Vendor } from '../core/peer/vendor.ts';
import { VENDORS, vendorById } from '../core/peer/vendors/index.ts';
import { choiceOption, InputError, stringOption, type Io, type Parsed } from './args.ts';
import { DEFAULT_VENDOR } from './help-peer.ts';
import { parseJsonText, readText } from './input.ts';

export function vendorOption(parsed: Parsed): Vendor {
  const id = stringOption(parsed, 'vendor') ?? DEFAULT_VENDOR;
  const vendor = vendorById(id);
  if (!vendor) throw new InputError(`unknown vendor '${id}' (known: ${VENDORS.map((v) => v.id).join(', ')})`);
  return vendor;
}

export function formatOption(parsed: Parsed, vendor: Vendor): string | undefined {
  const format = stringOption(parsed, 'format');
  if (format === undefined) return undefined;
  if (!vendor.formats.some((f) => f.id === format)) {
    throw new InputError(`--format must be one of ${vendor.formats.map((f) => f.id).join(', ')} for vendor ${vendor.id} (got '${format}')`);
  }
  return format;
}

export function tunnelOption(parsed: Parsed, connection: VpnConnection, connectionPath: string): 'master' | 'slave' | undefined {
  const tunnel = choiceOption(parsed, 'tunnel', ['master', 'slave'] as const);
  if (tunnel !== undefined && connection.mode === 'single') {
    throw new InputError(`--tunnel ${tunnel}: ${connectionPath} is a single-tunnel connection (it has no master or slave tunnel)`);
  }
  return tunnel;
}

/**
 * The dialect of a configuration text: the one the user named, the vendor's only one, or, for strongSwan, guessed
 * from the first block that only one dialect has (`connections {` in swanctl.conf, `conn <name>` in ipsec.conf).
 */
export function guessFormat(vendor: Vendor, text: string): string | undefined {
  if (vendor.formats.length === 1) return vendor.formats[0]?.id;
  const has = (id: string): boolean => vendor.formats.some((f) => f.id === id);
  if (has('swanctl') && /^\s*connections\s*\{/m.test(text)) return 'swanctl';
  if (has('ipsec.conf') && /^\s*conn\s+\S/m.test(text)) return 'ipsec.conf';
  return undefined;
}

const tunnelKeys = (profile: PeerProfile): PeerTunnelKey[] => (['single', 'master', 'slave'] as const).filter((k) => profile.tunnels[k] !== undefined);

/** A peer file: JSON when it opens with `{`, the device's configuration text otherwise. Remarks go to stderr. */
export function readPeer(path: string, vendor: Vendor, format: string | undefined, io: Io): PeerProfile {
  const text = readText(path);
  if (/^\s*\{/.test(text)) {
    const parsed = parsePeerProfile(parseJsonText(path, text));
    if (!parsed.ok) throw new InputError(`${path}: not a peer profile: field ${parsed.path || '(root)'}: ${parsed.message}`);
    return parsed.profile;
  }
  const dialect = format ?? guessFormat(vendor, text);
  if (dialect === undefined) {
    // Most often another vendor's text read with the default vendor: say how to name the vendor too.
    throw new InputError(
      `${path}: cannot tell the ${vendor.label} configuration format; give --format (${vendor.formats.map((f) => f.id).join(', ')}), or --vendor if it is another vendor's (${VENDORS.map((v) => v.id).join(', ')})`,
    );
  }
  const { profile, remarks } = vendor.import(text, dialect);
  for (const r of remarks) io.warn(`warning: ${path}:${r.line}: ${r.message}${r.text.trim() ? ` (${r.text.trim()})` : ''}`);
  if (tunnelKeys(profile).length === 0) {
    throw new InputError(`${path}: no tunnel found in this ${vendor.label} ${dialect} configuration${remarks[0] ? `: ${remarks[0].message}` : ''} (--vendor ${vendor.id}; is it another vendor's?)`);
  }
  return profile;
}

/**
 * The profile's tunnels matched to the connection's: single with single, master/slave with master/slave. A device
 * configuration of one tunnel checked against a dual-tunnel connection needs --tunnel to say which tunnel it is.
 */
export function fitProfile(profile: PeerProfile, connection: VpnConnection, tunnel: 'master' | 'slave' | undefined, peerPath: string, connectionPath: string): PeerProfile {
  const keys = tunnelKeys(profile);
  if (connection.mode === 'single') {
    if (profile.tunnels.single) return profile;
    throw new InputError(`${peerPath} has the tunnels ${keys.join(' and ')} of a dual-tunnel connection, but ${connectionPath} is a single-tunnel connection`);
  }
  const single = profile.tunnels.single;
  if (single) {
    if (tunnel === undefined) {
      throw new InputError(`${peerPath} has one tunnel, but ${connectionPath} is a dual-tunnel connection (master, slave): give --tunnel master or --tunnel slave to say which one it is`);
    }
    return { ...profile, tunnels: { [tunnel]: single } };
  }
  if (tunnel === undefined) return profile;
  const chosen = profile.tunnels[tunnel];
  if (!chosen) throw new InputError(`${peerPath} has no ${tunnel} tunnel (it has ${keys.join(' and ')})`);
  return { ...profile, tunnels: { [tunnel]: chosen } };
}
