// A refused signature makes the service echo its string-to-sign, which holds every request parameter (PSKs too).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { normalizeApiError, redactServiceMessage } from '../../main/services/api-error.ts';
import { createVpcClient } from '../../main/services/vpc-client.ts';

const PSK = 'Very-Secret-Psk-123';
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(async () => emulator.close());

describe('service error messages', () => {
  it('never carry the string-to-sign of a refused signature', async () => {
    const client = createVpcClient({
      endpointFor: () => ({ endpoint: emulator.endpoint, protocol: 'http' }),
      credentials: { accessKeyId: emulator.credentials.accessKeyId, accessKeySecret: 'not-the-secret' },
    });
    const failure = await client
      .call({
        action: 'ModifyVpnConnectionAttribute',
        RegionId: 'cn-hangzhou',
        query: { VpnConnectionId: 'vco-hzbgp001', IkeConfig: JSON.stringify({ Psk: PSK }) },
      })
      .then(() => null, (error: unknown) => normalizeApiError(error));
    expect(failure?.code).toBe('SignatureDoesNotMatch');
    expect(JSON.stringify(failure)).not.toContain(PSK);
    expect(JSON.stringify(failure)).not.toContain(encodeURIComponent(PSK));
  });

  it('masks PSK values however they are quoted or encoded', () => {
    const samples = [
      `server string to sign is: POST&%2F&IkeConfig%3D%257B%2522Psk%2522%253A%2522${PSK}%2522%257D`,
      `bad IkeConfig {"Psk":"${PSK}","IkeVersion":"ikev2"}`,
      `TunnelOptionsSpecification.1.TunnelIkeConfig.Psk=${PSK}&x=1`,
      `%22Psk%22%3A%22${PSK}%22`,
    ];
    for (const sample of samples) expect(redactServiceMessage(sample)).not.toContain(PSK);
    expect(redactServiceMessage('The specified service is configuring.')).toBe('The specified service is configuring.');
  });
});

describe('messages of requests that never got an answer', () => {
  it('leave out the request URL query (IkeConfig with its PSK) of a refused connection', async () => {
    // Port 1 on loopback: nothing listens, so the socket error (which names the full URL) is what comes back.
    const client = createVpcClient({
      endpointFor: () => ({ endpoint: '127.0.0.1:1', protocol: 'http' }),
      credentials: { accessKeyId: 'LTAI-test-id', accessKeySecret: 'not-a-secret', securityToken: 'sts-token-value' },
    });
    const psk = 'Qy7,tunnel%key';
    const failure = await client
      .call({ action: 'ModifyVpnConnectionAttribute', RegionId: 'cn-hangzhou', query: { VpnConnectionId: 'vco-1', IkeConfig: JSON.stringify({ Psk: psk }) } })
      .then(() => null, (error: unknown) => normalizeApiError(error));
    expect(failure?.code).toBe('Network.ConnectionRefused');
    const text = JSON.stringify(failure);
    for (const fragment of [psk, encodeURIComponent(psk), 'Qy7', 'tunnel', 'IkeConfig=']) expect(text).not.toContain(fragment);
    expect(failure?.message).toContain('ECONNREFUSED');
  });

  it('scrub timeouts and resets that name the URL the way httpx does', () => {
    const url = `http://vpc.aliyuncs.com/?RegionId=cn-hangzhou&IkeConfig=${encodeURIComponent(JSON.stringify({ Psk: PSK }))}&SecurityToken=sts-token-value`;
    const errors = [
      Object.assign(new Error(`ConnectTimeout: Connect ${url} failed.`), { name: 'RequestTimeoutError' }),
      Object.assign(new Error(`ReadTimeout(15000). POST /?IkeConfig=${encodeURIComponent(JSON.stringify({ Psk: PSK }))} failed.`), { name: 'RequestTimeoutError' }),
      Object.assign(new Error(`read ECONNRESET POST ${url} failed.`), { code: 'ECONNRESET' }),
      new Error(`socket hang up POST ${url} failed.`),
    ];
    for (const error of errors) {
      const shape = normalizeApiError(error);
      expect(shape.code.startsWith('Network.')).toBe(true);
      expect(shape.message).not.toContain(PSK);
      expect(shape.message).not.toContain('sts-token-value');
    }
  });

  it('separates the socket error from the request httpx glues onto it', () => {
    const shape = normalizeApiError(new Error('socket hang upPOST http://127.0.0.1:33809/?Action=DescribeVpnConnection&IkeConfig=x failed.'));
    expect(shape.code).toBe('Network.ConnectionReset');
    expect(shape.message).toBe('socket hang up: POST http://127.0.0.1:33809/?[query left out] failed.');
  });
});

describe('PSK values with the punctuation a PSK may contain', () => {
  // Alibaba Cloud PSKs may contain , } % & ' and " among others; masking must not stop at the first of them.
  const tricky = ['ab,cd-tail', 'ab}cd-tail', 'ab%cd-tail', 'ab&cd-tail', 'ab"cd-tail'];
  it.each(tricky)('masks %s whole in JSON, escaped JSON and encoded forms', (psk) => {
    const json = JSON.stringify({ Psk: psk, IkeVersion: 'ikev2' });
    const samples = [
      `bad IkeConfig ${json}`,
      `bad IkeConfig ${JSON.stringify(json)}`,
      `IkeConfig=${encodeURIComponent(json)}`,
      `IkeConfig=${encodeURIComponent(encodeURIComponent(json))}`,
    ];
    for (const sample of samples) {
      const out = redactServiceMessage(sample);
      expect(out, sample).not.toContain('tail');
      expect(out).toContain('IkeConfig');
    }
  });
});
