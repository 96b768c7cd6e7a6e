import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type RunningEmulator,
  SANDBOX_EXPIRED_STS_CREDENTIALS,
  SANDBOX_READONLY_CREDENTIALS,
  SANDBOX_STS_CREDENTIALS,
} from '../../emulator/index.ts';
import { OpenApiUtil, rawRequest, SIGNINGS, TestClient, withEmulator } from './helpers.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await withEmulator();
});
afterAll(() => emulator.close());

const enc = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const isoNow = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A V3 request signed by the SDK's own getAuthorization, with a nonce we choose (the SDK never repeats one). */
function signedV3(em: RunningEmulator, action: string, query: Record<string, string>, nonce: string, secret = em.credentials.accessKeySecret) {
  const headers: Record<string, string> = {
    host: em.endpoint,
    'x-acs-action': action,
    'x-acs-version': '2016-04-28',
    'x-acs-date': isoNow(),
    'x-acs-signature-nonce': nonce,
    'x-acs-content-sha256': createHash('sha256').update('').digest('hex'),
  };
  headers.authorization = OpenApiUtil.getAuthorization(
    { pathname: '/', method: 'POST', query, headers } as never,
    'ACS3-HMAC-SHA256',
    headers['x-acs-content-sha256'] as string,
    em.credentials.accessKeyId,
    secret,
  );
  const qs = Object.entries(query).map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return rawRequest(em.port, { method: 'POST', path: `/?${qs}`, headers });
}

function signedV1(em: RunningEmulator, action: string, query: Record<string, string>, nonce: string) {
  const params: Record<string, string> = {
    Action: action,
    Format: 'json',
    Version: '2016-04-28',
    Timestamp: isoNow(),
    SignatureNonce: nonce,
    ...query,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    AccessKeyId: em.credentials.accessKeyId,
  };
  params.Signature = OpenApiUtil.getRPCSignature(params, 'GET', em.credentials.accessKeySecret);
  const qs = Object.entries(params).map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return rawRequest(em.port, { method: 'GET', path: `/?${qs}` });
}

describe.each(SIGNINGS)('authentication failures reach the SDK as their codes (%s)', (signing) => {
  test('unknown AccessKeyId', async () => {
    const err = await new TestClient(emulator, { signing, accessKeyId: 'LTAI-NOT-A-KEY' }).fail('DescribeRegions');
    expect(err.code).toBe('InvalidAccessKeyId.NotFound');
    expect(err.statusCode).toBe(404);
  });

  test('wrong secret', async () => {
    const err = await new TestClient(emulator, { signing, accessKeySecret: 'wrong' }).fail('DescribeRegions');
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.statusCode).toBe(400);
  });

  test('clock skew beyond 15 minutes', async () => {
    const skewed = await withEmulator({ clock: () => Date.now() + 16 * 60 * 1000 });
    try {
      const err = await new TestClient(skewed, { signing }).fail('DescribeRegions');
      expect(err.code).toBe('InvalidTimeStamp.Expired');
    } finally {
      await skewed.close();
    }
  });

  test('within the window the same skew direction is accepted', async () => {
    const skewed = await withEmulator({ clock: () => Date.now() + 10 * 60 * 1000 });
    try {
      const ok = await new TestClient(skewed, { signing }).call('DescribeRegions');
      expect(ok.Regions.Region.length).toBeGreaterThan(0);
    } finally {
      await skewed.close();
    }
  });

  test('a key without vpc:ModifyVpnConnectionAttribute gets 403 Forbidden but may describe', async () => {
    const readOnly = new TestClient(emulator, { signing, ...SANDBOX_READONLY_CREDENTIALS });
    const list = await readOnly.call('DescribeVpnConnections', { RegionId: 'cn-hangzhou' });
    expect(list.TotalCount).toBeGreaterThan(0);
    const err = await readOnly.fail('ModifyVpnConnectionAttribute', {
      RegionId: 'cn-hangzhou',
      VpnConnectionId: 'vco-hzpol001',
      Name: 'x',
    });
    expect(err.code).toBe('Forbidden');
    expect(err.statusCode).toBe(403);
    expect(emulator.modificationCount('vpn-hzpolicy01')).toBe(0);
  });

  test('STS credentials: valid token works, wrong and expired tokens fail', async () => {
    const ok = await new TestClient(emulator, { signing, ...SANDBOX_STS_CREDENTIALS }).call('DescribeRegions');
    expect(ok.Regions).toBeDefined();
    const wrong = await new TestClient(emulator, { signing, ...SANDBOX_STS_CREDENTIALS, securityToken: 'forged' }).fail('DescribeRegions');
    expect(wrong.code).toBe('InvalidSecurityToken.MismatchWithAccessKey');
    const expired = await new TestClient(emulator, { signing, ...SANDBOX_EXPIRED_STS_CREDENTIALS }).fail('DescribeRegions');
    expect(expired.code).toBe('InvalidSecurityToken.Expired');
    const { securityToken: _t, ...noToken } = SANDBOX_STS_CREDENTIALS;
    const missing = await new TestClient(emulator, { signing, ...noToken }).fail('DescribeRegions');
    expect(missing.code).toBe('InvalidSecurityToken.Malformed');
  });
});

describe('nonce replay', () => {
  test('V3: the same signature nonce twice is SignatureNonceUsed', async () => {
    const nonce = `nonce-v3-${Date.now()}`;
    const first = await signedV3(emulator, 'DescribeRegions', { AcceptLanguage: 'en-US' }, nonce);
    expect(first.status).toBe(200);
    const second = await signedV3(emulator, 'DescribeRegions', { AcceptLanguage: 'en-US' }, nonce);
    expect(second.status).toBe(400);
    expect(second.json.Code).toBe('SignatureNonceUsed');
  });

  test('V1 GET: the same SignatureNonce twice is SignatureNonceUsed', async () => {
    const nonce = `nonce-v1-${Date.now()}`;
    const first = await signedV1(emulator, 'DescribeVpnConnection', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzpol001' }, nonce);
    expect(first.status).toBe(200);
    expect(first.json.VpnConnectionId).toBe('vco-hzpol001');
    const second = await signedV1(emulator, 'DescribeVpnConnection', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzpol001' }, nonce);
    expect(second.json.Code).toBe('SignatureNonceUsed');
  });

  test('a failed signature does not burn the nonce', async () => {
    const nonce = `nonce-bad-${Date.now()}`;
    const bad = await signedV3(emulator, 'DescribeRegions', {}, nonce, 'not-the-secret');
    expect(bad.json.Code).toBe('SignatureDoesNotMatch');
    const good = await signedV3(emulator, 'DescribeRegions', {}, nonce);
    expect(good.status).toBe(200);
  });
});

describe('V1 signs the form body too', () => {
  test('tampering with a body parameter after signing is SignatureDoesNotMatch', async () => {
    const params: Record<string, string> = {
      Action: 'ModifyVpnConnectionAttribute',
      Format: 'json',
      Version: '2016-04-28',
      Timestamp: isoNow(),
      SignatureNonce: `tamper-${Date.now()}`,
      RegionId: 'cn-hangzhou',
      VpnConnectionId: 'vco-hzdual002',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      AccessKeyId: emulator.credentials.accessKeyId,
    };
    const body = { 'TunnelOptionsSpecification.1.Role': 'master', 'TunnelOptionsSpecification.1.EnableDpd': 'false' };
    params.Signature = OpenApiUtil.getRPCSignature({ ...params, ...body }, 'POST', emulator.credentials.accessKeySecret);
    const qs = Object.entries(params).map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
    const tampered = await rawRequest(emulator.port, {
      path: `/?${qs}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'TunnelOptionsSpecification.1.Role=master&TunnelOptionsSpecification.1.EnableDpd=true',
    });
    expect(tampered.json.Code).toBe('SignatureDoesNotMatch');
    expect(emulator.modificationCount('vpn-hzdual001')).toBe(0);
  });
});

test('a request with no signature at all is refused as JSON', async () => {
  const res = await rawRequest(emulator.port, { method: 'GET', path: '/?Action=DescribeRegions&Version=2016-04-28' });
  expect(res.status).toBe(400);
  expect(res.json.Code).toBe('MissingAccessKeyId');
});
