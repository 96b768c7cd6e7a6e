// Answers no VPC API gives: HTML from a proxy, JSON errors of something else, JSON of the wrong type, bodies of
// hundreds of megabytes (plain, gzip, in an error), a body that drips for ever, silence. Each call ends with a clear
// error, in bounded time, without main's memory following the body (before: a 1.5 GB body took 3.1 GB).
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError, isWorded } from '../../../core/i18n/describe-error.ts';
import { createVpcClient, type VpcClientOptions } from '../../../main/services/vpc-client.ts';
import { createVpcReads } from '../../../main/services/vpc-reads.ts';
import {
  drip,
  failure,
  FAKE_CREDENTIALS,
  listPage,
  memoryRiseDuring,
  sendJson,
  startFakeVpcServer,
  streamBytes,
  type FakeResponder,
  type FakeVpcServer,
} from '../support/fake-vpc-server.ts';

let fake: FakeVpcServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function clientOn(respond: FakeResponder, options: Partial<VpcClientOptions> = {}) {
  fake = await startFakeVpcServer(respond);
  const endpoint = fake.endpoint;
  return createVpcClient({ endpointFor: () => ({ endpoint, protocol: 'http' }), credentials: FAKE_CREDENTIALS, readTimeoutMs: 10_000, ...options });
}

const regions = { action: 'DescribeRegions', RegionId: 'cn-hangzhou' } as const;
const MB = 1024 * 1024;

describe('answers that are not the VPC API', () => {
  it('an HTML 502 page is Api.MalformedResponse with its status', async () => {
    const client = await clientOn((_call, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    const failed = await failure(client.call(regions));
    expect(failed).toMatchObject({ code: 'Api.MalformedResponse', httpStatus: 502, retryable: true });
    expect(failed.message).toContain('HTTP 502');
  });

  it('a JSON error without an Alibaba Cloud Code keeps its status and message, never "undefined"', async () => {
    const bodies: Array<[number, unknown, RegExp]> = [
      [404, { error: 'Not Found', path: '/' }, /Not Found/],
      [403, { message: 'Forbidden by policy' }, /Forbidden by policy/],
      [429, { error: { message: 'Rate limit exceeded' } }, /Rate limit exceeded/],
      [500, { code: 500, msg: 'upstream exploded' }, /upstream exploded/],
      [404, [], /HTTP 404/],
    ];
    const client = await clientOn((call, res) => {
      const [status, body] = bodies[Number(call.params.PageNumber)]!;
      sendJson(res, body, status);
    });
    for (const [i, [status, , message]] of bodies.entries()) {
      const failed = await failure(client.call({ ...regions, query: { PageNumber: String(i) } }));
      expect(failed).toMatchObject({ code: `Http.${status}`, httpStatus: status, retryable: status === 429 || status >= 500 });
      expect(failed.message).toMatch(message);
      expect(JSON.stringify(failed)).not.toContain('undefined');
    }
  });

  it('JSON of the wrong type is Api.MalformedResponse, not Api.Unknown', async () => {
    const bodies: unknown[] = [[], 42, 'text', null];
    const client = await clientOn((call, res) => sendJson(res, bodies[Number(call.params.PageNumber)]));
    for (const i of bodies.keys()) {
      const failed = await failure(client.call({ ...regions, query: { PageNumber: String(i) } }));
      expect(failed.code).toBe('Api.MalformedResponse');
      expect(failed.message).toMatch(/not an object/);
    }
  });

  it('list items of the wrong type are refused, not turned into gateways without an id', async () => {
    const lists: unknown[] = [[5, 'x'], [{ Name: 'no id' }], 'a string'];
    const client = await clientOn((call, res) => {
      const n = Number(call.params.PageNumber);
      sendJson(res, n === 3 ? { VpnGateways: 'not an object', TotalCount: 1 } : listPage('VpnGateways', 'VpnGateway', lists[n - 1] as unknown[], 1, n));
    });
    const reads = createVpcReads(client);
    for (const n of [1, 2, 3]) {
      const failed = await failure(reads.gatewaysPage('cn-hangzhou', n));
      expect(failed.code).toBe('Api.MalformedResponse');
      expect(failed.message).toContain('VpnGateways');
    }
  });
});

describe('bodies that would fill memory', () => {
  it('a 600 MB answer is cut off at the size limit: Api.ResponseTooLarge, quickly, and memory stays flat', async () => {
    const client = await clientOn((_call, res) => streamBytes(res, 600 * MB));
    const { result: failed, riseMb } = await memoryRiseDuring(() => failure(client.call(regions)));
    expect(failed).toMatchObject({ code: 'Api.ResponseTooLarge', retryable: false });
    expect(failed.ms).toBeLessThan(5000);
    expect(riseMb).toBeLessThan(100);
    expect(fake!.bytesWritten()).toBeLessThan(100 * MB);
  });

  it('so is a huge error answer (read by the library before we see it) and a declared Content-Length over the limit', async () => {
    const client = await clientOn((call, res) =>
      call.params.PageNumber === '1'
        ? streamBytes(res, 600 * MB, { status: 500 })
        : streamBytes(res, 1 * MB, { headers: { 'content-length': String(600 * MB) } }),
    );
    const { result: failed, riseMb } = await memoryRiseDuring(() => failure(client.call({ ...regions, query: { PageNumber: '1' } })));
    expect(failed.code).toBe('Api.ResponseTooLarge');
    expect(riseMb).toBeLessThan(100);
    const declared = await failure(client.call({ ...regions, query: { PageNumber: '2' } }));
    expect(declared.code).toBe('Api.ResponseTooLarge');
    expect(declared.ms).toBeLessThan(2000);
  });

  it('honours a smaller limit when given one', async () => {
    const client = await clientOn((_call, res) => streamBytes(res, 2 * MB), { maxBodyBytes: 256 * 1024 });
    expect((await failure(client.call(regions))).code).toBe('Api.ResponseTooLarge');
  });

  it('a gzip bomb is never inflated: it is an answer that is not JSON, and says it came compressed unasked', async () => {
    // Gzip members may be concatenated: 32 copies of one of 16 MB of spaces inflate to 512 MB.
    const member = gzipSync(Buffer.alloc(16 * MB, ' '), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 32 }, () => member));
    expect(bomb.length).toBeLessThan(1 * MB);
    const client = await clientOn((_call, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
      res.end(bomb);
    });
    const { result: failed, riseMb } = await memoryRiseDuring(() => failure(client.call(regions)));
    expect(failed.code).toBe('Api.MalformedResponse');
    expect(failed.message).toContain('content-encoding gzip');
    expect(riseMb).toBeLessThan(100);
  });
});

describe('answers that never end', () => {
  it('a body that drips a byte at a time ends in Network.Timeout at the read timeout', async () => {
    const client = await clientOn((_call, res) => drip(res, 20), { readTimeoutMs: 400 });
    const failed = await failure(client.call(regions));
    expect(failed).toMatchObject({ code: 'Network.Timeout', retryable: true });
    expect(failed.ms).toBeLessThan(2000);
  });

  it('a server that never answers ends in Network.Timeout', async () => {
    const client = await clientOn(() => undefined, { readTimeoutMs: 400 });
    const failed = await failure(client.call(regions));
    expect(failed.code).toBe('Network.Timeout');
    expect(failed.ms).toBeLessThan(2000);
  });

  it('every call has a deadline of its own, whatever the read timeout', async () => {
    const client = await clientOn((_call, res) => drip(res, 20), { readTimeoutMs: 30_000, deadlineMs: 500 });
    const failed = await failure(client.call(regions));
    expect(failed).toMatchObject({ code: 'Network.Timeout', retryable: true });
    expect(failed.message).toContain('0.5 s');
    expect(failed.ms).toBeLessThan(1500);
  });
});

describe('the codes these answers end in', () => {
  it('are worded in English and Simplified Chinese', () => {
    for (const code of ['Api.ResponseTooLarge', 'Api.PagingIgnored', 'Api.TooManyPages', 'Http.403', 'Http.404', 'Http.429', 'Http.500']) {
      expect(isWorded(code), code).toBe(true);
      expect(describeError({ code, message: 'x' }, 'zh-CN'), code).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
