import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Pair } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import type { AccessKey } from '../types.ts';
import { isAllowed } from './credentials.ts';
import type { NonceStore } from './nonces.ts';
import { v1Signature, v1StringToSign } from './v1.ts';
import { parseAuthorization, sha256Hex, V3_ALGORITHM, v3CanonicalRequest, v3Signature } from './v3.ts';

export const API_VERSION = '2016-04-28';
export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;
const V3_REQUIRED_SIGNED = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

export interface SignedRequest {
  method: string;
  path: string;
  query: readonly Pair[];
  body: readonly Pair[];
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
}

export interface AuthContext {
  now: number;
  keys: ReadonlyMap<string, AccessKey>;
  nonces: NonceStore;
  actions: ReadonlySet<string>;
}

export interface Authenticated {
  accessKeyId: string;
  action: string;
  style: 'v1' | 'v3';
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function sameString(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function checkTimestamp(value: string, now: number): void {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ApiError(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
  }
  if (Math.abs(Date.parse(value) - now) > TIMESTAMP_WINDOW_MS) {
    throw new ApiError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  }
}

function lookupKey(ctx: AuthContext, accessKeyId: string, securityToken: string | undefined): AccessKey {
  const key = ctx.keys.get(accessKeyId);
  if (!key) throw new ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  if (key.securityToken !== undefined || securityToken !== undefined) {
    if (!securityToken) {
      throw new ApiError(400, 'InvalidSecurityToken.Malformed', 'The specified SecurityToken is malformed.');
    }
    if (key.securityToken === undefined || !sameString(key.securityToken, securityToken)) {
      throw new ApiError(
        400,
        'InvalidSecurityToken.MismatchWithAccessKey',
        'The specified SecurityToken mismatch with the AccessKey.',
      );
    }
    if (key.expiration !== undefined && key.expiration <= ctx.now) {
      throw new ApiError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');
    }
  }
  return key;
}

function checkActionAndVersion(ctx: AuthContext, action: string | undefined, version: string | undefined): string {
  if (!action) throw new ApiError(400, 'MissingAction', 'Action is mandatory for this request.');
  if (!ctx.actions.has(action)) {
    throw new ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
  }
  if (version !== API_VERSION) {
    throw new ApiError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
  }
  return action;
}

function useNonce(ctx: AuthContext, accessKeyId: string, nonce: string): void {
  if (!ctx.nonces.use(accessKeyId, nonce, ctx.now)) {
    throw new ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  }
}

function authorize(key: AccessKey, action: string): void {
  if (!isAllowed(key, action)) {
    throw new ApiError(403, 'Forbidden', 'User not authorized to operate on the specified resource.');
  }
}

/** An Authorization header means V3; otherwise the request must carry a V1 `Signature` query parameter. */
export function authenticate(req: SignedRequest, ctx: AuthContext): Authenticated {
  const authorization = header(req.headers, 'authorization');
  return authorization !== undefined ? authenticateV3(req, ctx, authorization) : authenticateV1(req, ctx);
}

function authenticateV1(req: SignedRequest, ctx: AuthContext): Authenticated {
  const params: Record<string, string> = {};
  for (const { key, value } of req.query) params[key] = value;
  const action = checkActionAndVersion(ctx, params.Action, params.Version);
  for (const name of ['AccessKeyId', 'Signature', 'SignatureNonce', 'Timestamp'] as const) {
    if (!params[name]) throw new ApiError(400, `Missing${name}`, `${name} is mandatory for this action.`);
  }
  if (params.SignatureMethod !== 'HMAC-SHA1') {
    throw new ApiError(400, 'InvalidSignatureMethod', 'Specified signature method is not supported.');
  }
  if (params.SignatureVersion !== '1.0') {
    throw new ApiError(400, 'InvalidSignatureVersion', 'Specified signature version is not supported.');
  }
  checkTimestamp(params.Timestamp as string, ctx.now);
  const accessKeyId = params.AccessKeyId as string;
  const key = lookupKey(ctx, accessKeyId, params.SecurityToken);
  const signed: Record<string, string> = { ...params };
  for (const { key: k, value } of req.body) signed[k] = value;
  const expected = v1Signature(req.method, signed, key.accessKeySecret);
  if (!sameString(expected, params.Signature as string)) {
    throw new ApiError(
      400,
      'SignatureDoesNotMatch',
      `Specified signature is not matched with our calculation. server string to sign is:${v1StringToSign(req.method, signed)}`,
    );
  }
  useNonce(ctx, accessKeyId, params.SignatureNonce as string);
  authorize(key, action);
  return { accessKeyId, action, style: 'v1' };
}

function authenticateV3(req: SignedRequest, ctx: AuthContext, authorization: string): Authenticated {
  const action = checkActionAndVersion(ctx, header(req.headers, 'x-acs-action'), header(req.headers, 'x-acs-version'));
  const parsed = parseAuthorization(authorization);
  if (!parsed) {
    throw new ApiError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
  }
  if (parsed.algorithm !== V3_ALGORITHM) {
    throw new ApiError(400, 'InvalidSignatureMethod', `Specified signature method ${parsed.algorithm} is not supported.`);
  }
  for (const name of V3_REQUIRED_SIGNED) {
    if (!parsed.signedHeaders.includes(name) || header(req.headers, name) === undefined) {
      throw new ApiError(400, 'IncompleteSignature', `The request signature does not cover the required header ${name}.`);
    }
  }
  checkTimestamp(header(req.headers, 'x-acs-date') as string, ctx.now);
  const key = lookupKey(ctx, parsed.credential, header(req.headers, 'x-acs-security-token'));
  const payloadHash = sha256Hex(req.rawBody);
  const input = {
    method: req.method,
    path: req.path,
    query: req.query.map(({ key: k, value }) => [k, value] as const),
    headers: req.headers,
    signedHeaders: parsed.signedHeaders,
    payloadHash,
  };
  const expected = v3Signature(input, key.accessKeySecret);
  if (header(req.headers, 'x-acs-content-sha256') !== payloadHash || !sameString(expected, parsed.signature)) {
    throw new ApiError(
      400,
      'SignatureDoesNotMatch',
      `The request signature does not conform to Aliyun standards. server string to sign is:${v3CanonicalRequest(input)}`,
    );
  }
  useNonce(ctx, parsed.credential, header(req.headers, 'x-acs-signature-nonce') as string);
  authorize(key, action);
  return { accessKeyId: parsed.credential, action, style: 'v3' };
}
