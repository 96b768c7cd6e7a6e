import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
// Past the limit we keep draining (so the client can read our 413) but give up on truly endless senders.
const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

/** Reads the raw body (chunked or not). Rejects with a 413 ApiError once the body exceeds the limit. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        if (size > DRAIN_LIMIT_BYTES) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        reject(new ApiError(413, 'RequestEntityTooLarge', `The request body exceeds ${limit} bytes.`));
      } else {
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', reject);
  });
}

export interface Pair {
  key: string;
  value: string;
}

function decode(component: string, where: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    throw new ApiError(400, 'InvalidParameter', `The ${where} is not valid URL encoding: "${component.slice(0, 64)}".`);
  }
}

/**
 * Strict `application/x-www-form-urlencoded` / query-string parser. Unlike URLSearchParams it refuses malformed
 * percent escapes instead of passing them through, so a broken request gets a clear error, not silently odd values.
 * `+` means space: the SDK always sends a literal plus as %2B.
 */
export function parsePairs(raw: string, where: string): Pair[] {
  const pairs: Pair[] = [];
  if (raw === '') return pairs;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq), where);
    const value = eq < 0 ? '' : decode(part.slice(eq + 1), where);
    if (key === '') throw new ApiError(400, 'InvalidParameter', `The ${where} contains an empty parameter name.`);
    pairs.push({ key, value });
  }
  return pairs;
}

export function pairsToRecord(pairs: readonly Pair[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const { key, value } of pairs) out[key] = value;
  return out;
}
