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
