import { describe, expect, test } from 'vitest';
import { sha256Hex, v1Signature, v1StringToSign, v3CanonicalRequest, v3Signature } from '../../emulator/index.ts';
import { OpenApiUtil } from './helpers.ts';

// Official vectors from the reference (§3.5 A–D), reproduced with the emulator's own verifier functions.

const V1_OFFICIAL = {
  AccessKeyId: 'testid',
  Action: 'DescribeRegions',
  Format: 'XML',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
  SignatureVersion: '1.0',
  Timestamp: '2016-02-23T12:46:24Z',
  Version: '2014-05-26',
};

describe('V1 HMAC-SHA1', () => {
  test('official GET vector: string to sign and signature', () => {
    expect(v1StringToSign('GET', V1_OFFICIAL)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(v1Signature('GET', V1_OFFICIAL, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  test('derived POST vector', () => {
    expect(v1Signature('POST', V1_OFFICIAL, 'testsecret')).toBe('MxbnVAM4w6sft9xjVpe/GCKueuk=');
  });

  test('SDK unit-test vectors (darabonba-openapi-util)', () => {
    expect(v1Signature('', { test: 'ok' }, 'accessKeySecret')).toBe('jHx/oHoHNrbVfhncHEvPdHXZwHU=');
    expect(v1Signature('GET', { query: 'test', body: 'test' }, 'secret')).toBe('XlUyV4sXjOuX5FnjUz9IF9tm5rU=');
  });

  test('project golden vector D: ModifyVpnConnectionAttribute with body parameters signed', () => {
    const params = {
      AccessKeyId: 'testid',
      Action: 'ModifyVpnConnectionAttribute',
      Format: 'json',
      Version: '2016-04-28',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      Timestamp: '2024-01-01T00:00:00Z',
      SignatureNonce: 'c0ffee00c0ffee00c0ffee00c0ffee00',
      RegionId: 'cn-hangzhou',
      VpnConnectionId: 'vco-test0001',
      Name: 'my conn*~',
      'TunnelOptionsSpecification.1.TunnelId': 'tun-a',
      'TunnelOptionsSpecification.1.Role': 'master',
      'TunnelOptionsSpecification.1.TunnelIkeConfig.Psk': 'p+s k/1',
      'TunnelOptionsSpecification.1.TunnelIkeConfig.IkeLifetime': '86400',
      'TunnelOptionsSpecification.2.TunnelId': 'tun-b',
      'TunnelOptionsSpecification.2.Role': 'slave',
      'TunnelOptionsSpecification.2.EnableDpd': 'false',
    };
    expect(v1Signature('POST', params, 'testsecret')).toBe('OhOyav/ZcY4205uQaW8dIrli8vU=');
  });

  test('agrees with the SDK signer on arbitrary parameters', () => {
    const params = { A: 'x y', b: '+/*~', 'C.1.D': '中文', e: '' };
    expect(v1Signature('POST', params, 's3cr3t')).toBe(OpenApiUtil.getRPCSignature(params, 'POST', 's3cr3t'));
  });
});

describe('V3 ACS3-HMAC-SHA256', () => {
  test('official vector: hashed canonical request and signature', () => {
    const empty = sha256Hex('');
    expect(empty).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const input = {
      method: 'POST',
      path: '/',
      query: [
        ['RegionId', 'cn-shanghai'],
        ['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'],
      ] as Array<[string, string]>,
      headers: {
        host: 'ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action': 'RunInstances',
        'x-acs-version': '2014-05-26',
        'x-acs-date': '2023-10-26T10:22:32Z',
        'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
        'x-acs-content-sha256': empty,
      },
      signedHeaders: ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'],
      payloadHash: empty,
    };
    const cr = v3CanonicalRequest(input);
    expect(cr.split('\n')[2]).toBe('ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai');
    expect(sha256Hex(cr)).toBe('7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
    expect(v3Signature(input, 'YourAccessKeySecret')).toBe(
      '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
  });

  test('SDK hash vector', () => {
    expect(sha256Hex('test')).toBe('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
  });

  test('project golden vector D: form body, payload hash, canonical query, signature', () => {
    const body =
      'TunnelOptionsSpecification.1.TunnelId=tun-a&TunnelOptionsSpecification.1.Role=master&TunnelOptionsSpecification.1.TunnelIkeConfig.Psk=p%2Bs%20k%2F1&TunnelOptionsSpecification.1.TunnelIkeConfig.IkeLifetime=86400&TunnelOptionsSpecification.2.TunnelId=tun-b&TunnelOptionsSpecification.2.Role=slave&TunnelOptionsSpecification.2.EnableDpd=false';
    const payloadHash = sha256Hex(body);
    expect(payloadHash).toBe('c1c373411d9a392325888ff763a67563cecacbcfe32fe9c730ccf9e1100d914d');
    const input = {
      method: 'POST',
      path: '/',
      query: [
        ['RegionId', 'cn-hangzhou'],
        ['VpnConnectionId', 'vco-test0001'],
        ['Name', 'my conn*~'],
      ] as Array<[string, string]>,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        host: 'vpc.aliyuncs.com',
        'x-acs-action': 'ModifyVpnConnectionAttribute',
        'x-acs-content-sha256': payloadHash,
        'x-acs-date': '2024-01-01T00:00:00Z',
        'x-acs-signature-nonce': 'c0ffee00c0ffee00c0ffee00c0ffee00',
        'x-acs-version': '2016-04-28',
      },
      signedHeaders: [
        'content-type',
        'host',
        'x-acs-action',
        'x-acs-content-sha256',
        'x-acs-date',
        'x-acs-signature-nonce',
        'x-acs-version',
      ],
      payloadHash,
    };
    const cr = v3CanonicalRequest(input);
    expect(cr.split('\n')[2]).toBe('Name=my%20conn%2A~&RegionId=cn-hangzhou&VpnConnectionId=vco-test0001');
    expect(sha256Hex(cr)).toBe('1263134d7024d6dd22d2befd39aea7ed6f4d4524bd72fd65b6022b1f6abdbf20');
    expect(v3Signature(input, 'testsecret')).toBe('0ad984f2604e3d3b230597921bb52c92e3b30761c5e259946d88fb9805da048a');
  });

  test('agrees with the SDK getAuthorization on a request with repeated and empty values', () => {
    const request = {
      pathname: '/',
      method: 'POST',
      query: { b: 'x y', a: '*~', empty: '' },
      headers: { host: '127.0.0.1:1', 'x-acs-action': 'A', 'content-type': 'application/x-www-form-urlencoded' },
    };
    const payload = sha256Hex('k=v');
    const auth = OpenApiUtil.getAuthorization(request as never, 'ACS3-HMAC-SHA256', payload, 'ak', 'sk');
    const ours = v3Signature(
      {
        method: 'POST',
        path: '/',
        query: Object.entries(request.query),
        headers: request.headers,
        signedHeaders: ['content-type', 'host', 'x-acs-action'],
        payloadHash: payload,
      },
      'sk',
    );
    expect(auth.endsWith(`Signature=${ours}`)).toBe(true);
  });
});
