// Reading the files the commands are given. Every failure is an InputError whose message names the file and, for a
// connection, the field: the one line a script's log shows.
import { readFileSync, statSync } from 'node:fs';
import type { GatewayContext, VpnConnection, VpnType } from '../core/model/connection.ts';
import { parseDescribeConnection } from '../core/model/parse-describe.ts';
import { InputError } from './args.ts';

/** A DescribeVpnConnection body is a few KiB; a megabyte is a wrong file, not a connection. */
export const MAX_INPUT_BYTES = 1024 * 1024;

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unreadable';
}

export function readText(path: string): string {
  const bytes = readBytes(path, MAX_INPUT_BYTES);
  try {
    // ignoreBOM false: a leading byte-order mark (Windows editors) is dropped, not handed to JSON.parse.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: not UTF-8 text`);
  }
}

/** A file up to `max` bytes (a hand-off bundle is binary; `readText` adds the UTF-8 check). */
export function readBytes(path: string, max: number): Uint8Array {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    size = stat.size;
  } catch (error) {
    throw new InputError(`${path}: ${reason(error)}`);
  }
  if (size > max) throw new InputError(`${path}: file too large (${size} bytes; at most ${max})`);
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (error) {
    throw new InputError(`${path}: ${reason(error)}`);
  }
  // A special file (a FIFO, /dev/zero) reports size 0 and can still deliver more.
  if (buffer.length > max) throw new InputError(`${path}: file too large (more than ${max} bytes)`);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

export function parseJsonText(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`);
  }
}

export function readJson(path: string): unknown {
  return parseJsonText(path, readText(path));
}

/** A DescribeVpnConnection response body (PascalCase, as the API returns it) → the model. */
export function readConnection(path: string): VpnConnection {
  const body = readJson(path);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InputError(`${path}: expected a DescribeVpnConnection response body (a JSON object), got ${Array.isArray(body) ? 'an array' : body === null ? 'null' : typeof body}`);
  }
  const parsed = parseDescribeConnection(body);
  if (!parsed.ok) throw new InputError(`${path}: field ${parsed.path || '(root)'}: ${parsed.message}`);
  return parsed.connection;
}

const SM_ALGORITHMS = new Set(['sm4', 'sm3']);

/** The connection's algorithms: an SM (国密) algorithm can only be on a NationalStandard gateway. */
export function inferVpnType(connection: VpnConnection): VpnType {
  const configs =
    connection.mode === 'single'
      ? [{ ike: connection.IkeConfig, ipsec: connection.IpsecConfig }]
      : connection.tunnels.map((t) => ({ ike: t.TunnelIkeConfig, ipsec: t.TunnelIpsecConfig }));
  const sm = configs.some(({ ike, ipsec }) => [ike.IkeEncAlg, ike.IkeAuthAlg, ipsec.IpsecEncAlg, ipsec.IpsecAuthAlg].some((a) => SM_ALGORITHMS.has(a.toLowerCase())));
  return sm ? 'NationalStandard' : 'Normal';
}

/** The rules' view of the gateway when all we have is one connection: its type, and no other connections. */
export function contextFor(connection: VpnConnection, vpnType: VpnType | undefined): GatewayContext {
  return { VpnType: vpnType ?? inferVpnType(connection), otherConnections: [] };
}
