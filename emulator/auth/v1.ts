import { createHmac } from 'node:crypto';
import { canonicalQuery, percentEncode } from './encode.ts';

// V1 (HMAC-SHA1, RPC): the signature covers every query parameter except Signature plus every form-body
// parameter, which is why the verifier is handed the merged set.

export function v1StringToSign(method: string, params: Readonly<Record<string, string>>): string {
  const entries = Object.entries(params).filter(([k]) => k !== 'Signature');
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(entries))}`;
}

export function v1Signature(method: string, params: Readonly<Record<string, string>>, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(v1StringToSign(method, params)).digest('base64');
}
