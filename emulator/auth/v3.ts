import { createHash, createHmac } from 'node:crypto';
import { canonicalQuery } from './encode.ts';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface V3Input {
  method: string;
  /** Canonical URI; `/` for RPC. */
  path: string;
  /** Decoded query parameters in any order. */
  query: ReadonlyArray<readonly [string, string]>;
  /** Header values by lowercase name (repeated headers as arrays). */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Lowercase header names the client declared in SignedHeaders. */
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the raw body. */
  payloadHash: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function v3CanonicalRequest(input: V3Input): string {
  const names = [...input.signedHeaders].map((h) => h.toLowerCase()).sort();
  const headerLines = names
    .map((name) => {
      const raw = input.headers[name];
      const values = (raw === undefined ? [''] : Array.isArray(raw) ? raw : [raw as string]).map((v) => v.trim()).sort();
      return `${name}:${values.join(',')}\n`;
    })
    .join('');
  return [
    input.method.toUpperCase(),
    input.path,
    canonicalQuery(input.query),
    headerLines,
    names.join(';'),
    input.payloadHash,
  ].join('\n');
}

export function v3StringToSign(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export function v3Signature(input: V3Input, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(v3StringToSign(v3CanonicalRequest(input))).digest('hex');
}

export interface ParsedAuthorization {
  algorithm: string;
  credential: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`; undefined when malformed. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const match = /^(\S+)\s+(.*)$/.exec(header.trim());
  if (!match) return undefined;
  const fields: Record<string, string> = {};
  for (const part of (match[2] ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const { Credential: credential, SignedHeaders: signed, Signature: signature } = fields;
  if (!credential || !signed || !signature) return undefined;
  return {
    algorithm: match[1] ?? '',
    credential,
    signedHeaders: signed.split(';').map((h) => h.trim().toLowerCase()).filter(Boolean),
    signature,
  };
}
