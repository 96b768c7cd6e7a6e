import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.ts';
import { OpenApiUtil, rawRequest, type RawResponse, TestClient, withEmulator } from './helpers.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await withEmulator();
});
afterAll(() => emulator.close());

// After every malformed request the server must still answer a normal signed call.
afterEach(async () => {
  const ok = await new TestClient(emulator).call('DescribeRegions');
  expect(ok.Regions.Region.length).toBeGreaterThan(0);
});

const enc = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function v1Query(action: string, api: Record<string, string>, body: Record<string, string> = {}, method = 'POST'): string {
  const params: Record<string, string> = {
    Action: action,
    Format: 'json',
    Version: '2016-04-28',
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    SignatureNonce: `${Math.random()}`.slice(2),
    ...api,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    AccessKeyId: emulator.credentials.accessKeyId,
  };
  params.Signature = OpenApiUtil.getRPCSignature({ ...params, ...body }, method, emulator.credentials.accessKeySecret);
  return Object.entries(params).map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
}

function expectJsonError(res: RawResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toContain('application/json');
  expect(res.json).toMatchObject({ Code: code, HostId: 'vpc.aliyuncs.com' });
  expect(typeof res.json.RequestId).toBe('string');
  expect(typeof res.json.Message).toBe('string');
  expect(typeof res.json.Recommend).toBe('string');
}

test('bad percent-encoding in the query string', async () => {
  expectJsonError(await rawRequest(emulator.port, { path: '/?Action=DescribeRegions&Bad=%ZZ' }), 400, 'InvalidParameter');
});

test('bad percent-encoding in the form body', async () => {
  const res = await rawRequest(emulator.port, {
    path: `/?${v1Query('DescribeRegions', {})}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'A=%E0%A4%A',
  });
  expectJsonError(res, 400, 'InvalidParameter');
});

test('a body that is not UTF-8', async () => {
  const res = await rawRequest(emulator.port, {
    path: `/?${v1Query('DescribeRegions', {})}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.from([0x41, 0x3d, 0xff, 0xfe]),
  });
  expectJsonError(res, 400, 'InvalidParameter');
});

test('an oversized body gets 413 as JSON', async () => {
  const res = await rawRequest(emulator.port, {
    path: `/?${v1Query('DescribeRegions', {})}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `A=${'x'.repeat(2 * 1024 * 1024)}`,
  });
  expectJsonError(res, 413, 'RequestEntityTooLarge');
});

test('an unsupported body content type', async () => {
  const res = await rawRequest(emulator.port, {
    path: `/?${v1Query('DescribeRegions', {})}`,
    headers: { 'content-type': 'application/json' },
    body: '{"a":1}',
  });
  expectJsonError(res, 400, 'InvalidParameter');
});

test('a chunked form body without Content-Length is read and signed (V1 includes body parameters)', async () => {
  const body = { 'TunnelOptionsSpecification.1.Role': 'master', 'TunnelOptionsSpecification.1.EnableDpd': 'false' };
  const res = await rawRequest(emulator.port, {
    path: `/?${v1Query('ModifyVpnConnectionAttribute', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzdual002' }, body)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
    chunks: ['TunnelOptionsSpecification.1.Role=mas', 'ter&TunnelOptionsSpecification.1.EnableDpd=fa', 'lse'],
  });
  expect(res.status).toBe(200);
  expect(res.json.TunnelOptionsSpecification.TunnelOptions[0].EnableDpd).toBe(false);
});

test('wrong types reach the SDK as InvalidParameter / IllegalParam codes', async () => {
  const client = new TestClient(emulator);
  expect((await client.fail('DescribeVpnConnections', { RegionId: 'cn-hangzhou', PageSize: 'ten' })).code).toBe('InvalidParameter');
  expect((await client.fail('DescribeVpnConnections', { RegionId: 'cn-hangzhou', PageNumber: '1.5' })).code).toBe('InvalidParameter');
  expect((await client.fail('DescribeVpnGateway', { RegionId: 'cn-hangzhou', VpnGatewayId: 'vpn-hzdual001', IncludeReservationData: 'yes' })).code).toBe('InvalidParameter');
  const q = { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzpol001' };
  expect((await client.fail('ModifyVpnConnectionAttribute', { ...q, EffectImmediately: 'maybe' })).code).toBe('InvalidParameter');
  expect((await client.fail('ModifyVpnConnectionAttribute', { ...q, IkeConfig: '[1,2]' })).code).toBe('IllegalParam.IkeConfig');
  expect((await client.fail('ModifyVpnConnectionAttribute', { ...q, IpsecConfig: 'null' })).code).toBe('IllegalParam.IpsecConfig');
  expect((await client.fail('ModifyVpnConnectionAttribute', { ...q, IkeConfig: '{"Psk":{"x":1}}' })).code).toBe('IllegalParam.Psk');
  expect((await client.fail('ModifyVpnConnectionAttribute', { ...q, IkeConfig: '{"Psk":"ok","IkeLifetime":"soon"}' })).code).toBe('IllegalParam.IkeLifetime');
  const bad = await client.fail('ModifyVpnConnectionAttribute', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzdual002' }, {
    TunnelOptionsSpecification: [{ Role: 'master', EnableDpd: 'sometimes' }],
  });
  expect(bad.code).toBe('InvalidParameter');
});

test('a flattened list index of 0 is refused', async () => {
  const body = { 'TunnelOptionsSpecification.0.Role': 'master' };
  const res = await rawRequest(emulator.port, {
    path: `/?${v1Query('ModifyVpnConnectionAttribute', { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzdual002' }, body)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'TunnelOptionsSpecification.0.Role=master',
  });
  expectJsonError(res, 400, 'InvalidParameter');
});

test('missing required parameters', async () => {
  const client = new TestClient(emulator);
  expect((await client.fail('DescribeVpnConnection', { RegionId: 'cn-hangzhou' })).code).toBe('MissingVpnConnectionId');
  expect((await client.fail('DescribeVpnGateway', { RegionId: 'cn-hangzhou' })).code).toBe('MissingVpnGatewayId');
  expect((await client.fail('ModifyVpnConnectionAttribute', { VpnConnectionId: 'vco-hzpol001' })).code).toBe('MissingRegionId');
  expectJsonError(await rawRequest(emulator.port, { method: 'GET', path: '/' }), 400, 'MissingAction');
});

test('wrong path, wrong method, wrong version', async () => {
  expectJsonError(await rawRequest(emulator.port, { method: 'GET', path: '/index.html' }), 404, 'InvalidAction.NotFound');
  expectJsonError(await rawRequest(emulator.port, { method: 'DELETE', path: '/?Action=DescribeRegions' }), 404, 'InvalidAction.NotFound');
  const wrongVersion = await rawRequest(emulator.port, { method: 'GET', path: '/?Action=DescribeRegions&Version=2014-05-26' });
  expectJsonError(wrongVersion, 400, 'InvalidVersion');
});

test('a garbage Authorization header', async () => {
  const res = await rawRequest(emulator.port, {
    headers: { authorization: 'nonsense', 'x-acs-action': 'DescribeRegions', 'x-acs-version': '2016-04-28' },
  });
  expectJsonError(res, 400, 'IncompleteSignature');
  const unsigned = await rawRequest(emulator.port, {
    headers: {
      authorization: 'ACS3-HMAC-SHA256 Credential=LTAI-SANDBOX-FULL-ACCESS,SignedHeaders=host,Signature=00',
      'x-acs-action': 'DescribeRegions',
      'x-acs-version': '2016-04-28',
    },
  });
  expectJsonError(unsigned, 400, 'IncompleteSignature');
});

test('a malformed timestamp', async () => {
  const res = await rawRequest(emulator.port, {
    method: 'GET',
    path: '/?Action=DescribeRegions&Version=2016-04-28&AccessKeyId=a&Signature=b&SignatureNonce=c&Timestamp=yesterday&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0',
  });
  expectJsonError(res, 400, 'InvalidTimeStamp.Format');
});

test('bytes that are not HTTP get a JSON 400 and the connection closes', async () => {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(emulator.port, '127.0.0.1', () => socket.write('THIS IS NOT HTTP\r\n\r\n'));
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
  expect(text).toMatch(/^HTTP\/1\.1 400/);
  expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).Code).toBe('BadRequest');
});

test('the admin endpoint answers bad input with JSON too', async () => {
  const res = await fetch(`${emulator.adminUrl}/faults`, { method: 'PUT', body: '{"throttleRate": 7}' });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { Code: string }).Code).toBe('InvalidParameter');
  const notJson = await fetch(`${emulator.adminUrl}/faults`, { method: 'PUT', body: 'nope' });
  expect(notJson.status).toBe(400);
  const unknown = await fetch(`${emulator.adminUrl}/nothing`);
  expect(unknown.status).toBe(404);
});
