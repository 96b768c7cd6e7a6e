// `ipsec-studio precheck`: will the connection still negotiate with this device? The verdict of core's pre-check
// (core/peer/precheck.ts) as JSON, and as the exit status for CI: 0 negotiates, 1 fails.
import { precheck, type PrecheckResult } from '../core/peer/precheck.ts';
import { InputError, parseCommand, positionalsExactly, printJson, stringOption, type Io } from './args.ts';
import { readConnection } from './input.ts';
import { fitProfile, formatOption, readPeer, tunnelOption, vendorOption } from './peer-input.ts';
import { precheckHelp } from './help-peer.ts';

const options = {
  peer: { type: 'string' },
  vendor: { type: 'string' },
  format: { type: 'string' },
  tunnel: { type: 'string' },
} as const;

/** What the JSON carries: the agreed fields of each reason, without the wording parameters. */
function printable(result: PrecheckResult): PrecheckResult {
  return {
    verdict: result.verdict,
    tunnels: result.tunnels.map((t) => ({
      tunnel: t.tunnel,
      ike: t.ike,
      child: t.child,
      reasons: t.reasons.map((r) => ({ path: r.path, code: r.code, message: r.message, severity: r.severity })),
    })),
  };
}

export function precheckCommand(argv: readonly string[], io: Io): number {
  const parsed = parseCommand(argv, 'precheck', options);
  if (parsed.help) {
    io.out(precheckHelp);
    return 0;
  }
  const [connectionPath = ''] = positionalsExactly(parsed, ['connection.json'], 'precheck');
  const peerPath = stringOption(parsed, 'peer');
  if (peerPath === undefined) throw new InputError('--peer is required: the device configuration file or peer profile JSON (see ipsec-studio precheck --help)');
  const vendor = vendorOption(parsed);
  const format = formatOption(parsed, vendor);
  const connection = readConnection(connectionPath);
  const tunnel = tunnelOption(parsed, connection, connectionPath);
  const profile = fitProfile(readPeer(peerPath, vendor, format, io), connection, tunnel, peerPath, connectionPath);
  const full = precheck(connection, profile);
  // With --tunnel the verdict is that tunnel's alone.
  const tunnels = tunnel ? full.tunnels.filter((t) => t.tunnel === tunnel) : full.tunnels;
  const negotiates = tunnels.length > 0 && tunnels.every((t) => t.ike === 'ok' && t.child === 'ok');
  const result: PrecheckResult = tunnel ? { verdict: negotiates ? 'negotiates' : 'fails', tunnels } : full;
  printJson(io, printable(result));
  return result.verdict === 'negotiates' ? 0 : 1;
}
