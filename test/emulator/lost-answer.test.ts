import { afterEach, describe, expect, test } from 'vitest';
import { Faults, validateFaults } from '../../emulator/faults.ts';
import { type LostAnswerKind, parseFaultSpec, type RunningEmulator } from '../../emulator/index.ts';
import { eventually, OpenApiUtil, rawRequest, type SdkError, TestClient, withEmulator } from './helpers.ts';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const HZ = { RegionId: 'cn-hangzhou' };
const MODIFY = 'ModifyVpnConnectionAttribute';

/** An emulator on a hand-driven clock: the gateway stays `updating` until the test moves time on. */
async function manualClock(): Promise<{ em: RunningEmulator; advance: (ms: number) => void }> {
  let now = Date.now();
  emulator = await withEmulator({ updateSeconds: 30, clock: () => now });
  return { em: emulator, advance: (ms) => (now += ms) };
}

/** What the client saw, as one word: `ok`, an API code, or the lost-answer kind the failure looks like. */
function classify(e: unknown): string {
  const err = e as SdkError;
  if (err.name === 'SyntaxError') return /'<'|<html/.test(String(err.message)) ? '5xx' : 'garbage';
  if (/timeout/i.test(String(err.message)) || /timeout/i.test(String(err.code))) return 'timeout';
  if (err.code === 'ECONNRESET' || /socket hang up/.test(String(err.message))) return 'reset';
  return err.code ?? 'error';
}

const enc = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A V1-signed GET, to see the bytes the SDK would parse. */
function signedV1(em: RunningEmulator, action: string, nonce: string) {
  const params: Record<string, string> = {
    Action: action,
    Format: 'json',
    Version: '2016-04-28',
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    SignatureNonce: nonce,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    AccessKeyId: em.credentials.accessKeyId,
  };
  params.Signature = OpenApiUtil.getRPCSignature(params, 'GET', em.credentials.accessKeySecret);
  const qs = Object.entries(params).map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return rawRequest(em.port, { method: 'GET', path: `/?${qs}` });
}

describe.each(['reset', 'timeout', '5xx', 'garbage'] as const)('lost answer "%s"', (kind) => {
  test('the next Modify lands, its answer is lost, and a plain Describe shows the change', async () => {
    const { em, advance } = await manualClock();
    // The one-shot: only the next Modify (Describe calls are not counted) runs and loses its answer as `kind`.
    em.setFaults({ lostAnswerNext: 1, lostAnswerKinds: [kind], actions: [MODIFY] });
    const client = new TestClient(em, { readTimeout: 400, connectTimeout: 400 });
    const started = performance.now();
    const err = await client.fail(MODIFY, {
      ...HZ,
      VpnConnectionId: 'vco-hzbgp001',
      Name: `lost as ${kind}`,
      IkeConfig: JSON.stringify({ IkeLifetime: 3600 }),
    });
    expect(classify(err)).toBe(kind);
    expect(err.statusCode).toBeUndefined();
    if (kind === 'timeout') expect(performance.now() - started).toBeGreaterThanOrEqual(350);

    // The change was applied exactly as an answered Modify would have applied it.
    expect(em.modificationCount('vpn-hzsingle01')).toBe(1);
    const gw = await client.call('DescribeVpnGateway', { ...HZ, VpnGatewayId: 'vpn-hzsingle01' });
    expect(gw.Status).toBe('updating');
    const conn = await client.call('DescribeVpnConnection', { ...HZ, VpnConnectionId: 'vco-hzbgp001' });
    expect(conn).toMatchObject({ Name: `lost as ${kind}`, State: 'updating', IkeConfig: { IkeLifetime: 3600 } });
    // The one-shot is spent: the next Modify is answered (after the update it is accepted again).
    expect((await (await fetch(`${em.adminUrl}/faults`)).json()).lostAnswerNext).toBe(0);
    advance(31_000);
    const again = await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzbgp001', Name: 'answered' });
    expect(again.Name).toBe('answered');
    expect(em.modificationCount('vpn-hzsingle01')).toBe(2);
  });
});

describe('lost answers', () => {
  test('a retry with the same ClientToken gets the first answer instead of a second modification', async () => {
    const { em } = await manualClock();
    em.setFaults({ lostAnswerNext: 1, lostAnswerKinds: ['5xx'] });
    const client = new TestClient(em);
    const query = { ...HZ, VpnConnectionId: 'vco-hzbgp001', Name: 'once only', ClientToken: 'lost-answer-token-1' };
    expect(classify(await client.fail(MODIFY, query))).toBe('5xx');
    const retried = await client.call(MODIFY, query);
    expect(retried.Name).toBe('once only');
    expect(em.modificationCount('vpn-hzsingle01')).toBe(1);
  });

  test('5xx is a load balancer 502 in HTML; garbage is 200 with a truncated copy of the real answer', async () => {
    emulator = await withEmulator();
    const normal = await signedV1(emulator, 'DescribeRegions', 'lost-nonce-0');
    expect(normal.status).toBe(200);

    emulator.setFaults({ lostAnswerNext: 1, lostAnswerKinds: ['5xx'] });
    const lb = await signedV1(emulator, 'DescribeRegions', 'lost-nonce-1');
    expect(lb.status).toBe(502);
    expect(lb.headers['content-type']).toBe('text/html');
    expect(lb.text).toBe('<html><body>502 Bad Gateway</body></html>');

    emulator.setFaults({ lostAnswerNext: 1, lostAnswerKinds: ['garbage'] });
    const garbage = await signedV1(emulator, 'DescribeRegions', 'lost-nonce-2');
    expect(garbage.status).toBe(200);
    expect(garbage.json).toBeUndefined();
    expect(() => JSON.parse(garbage.text) as unknown).toThrow(SyntaxError);
    const requestId = garbage.headers['x-acs-request-id'] as string;
    const real = normal.text.replace(normal.json.RequestId as string, requestId);
    expect(garbage.text.length).toBeGreaterThan(0);
    expect(garbage.text.length).toBeLessThan(real.length);
    expect(real.startsWith(garbage.text)).toBe(true);
  });

  test('timeout: hangMs ends it from the server side, and close() ends a held one', async () => {
    const { em } = await manualClock();
    em.setFaults({ lostAnswerNext: 1, lostAnswerKinds: ['timeout'], hangMs: 100 });
    const cut = await new TestClient(em, { readTimeout: 10_000 }).fail(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzpol001', Name: 'cut' });
    expect(String(cut.message)).toMatch(/socket hang up|ECONNRESET/i);
    expect(em.modificationCount('vpn-hzpolicy01')).toBe(1);

    em.setFaults({ lostAnswerNext: 1, hangMs: 0 });
    const pending = new TestClient(em, { readTimeout: 60_000 }).fail(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzbgp001', Name: 'held' });
    await eventually(async () => em.modificationCount('vpn-hzsingle01') === 1);
    await em.close();
    expect((await pending).message).toBeTruthy();
  });

  test('lostAnswerRate honours the actions filter and loses only after the action ran', async () => {
    const { em } = await manualClock();
    em.setFaults({ lostAnswerRate: 1, lostAnswerKinds: ['reset'], actions: [MODIFY] });
    const client = new TestClient(em);
    expect((await client.call('DescribeRegions')).Regions).toBeDefined();
    expect(classify(await client.fail(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzpol001', Name: 'rate' }))).toBe('reset');
    expect((await client.call('DescribeVpnConnection', { ...HZ, VpnConnectionId: 'vco-hzpol001' })).Name).toBe('rate');
    // A refused Modify loses its (error) answer too, and changes nothing.
    expect(classify(await client.fail(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzpol002', Name: 'refused' }))).toBe('reset');
    expect(em.modificationCount('vpn-hzpolicy01')).toBe(1);
    expect((await client.call('DescribeVpnConnection', { ...HZ, VpnConnectionId: 'vco-hzpol002' })).Name).not.toBe('refused');
  });

  test('the same seed gives the same sequence of outcomes, and every landed Modify is counted', async () => {
    emulator = await withEmulator({ updateSeconds: 0 });
    const em = emulator;
    // Seed 2 gives every outcome in 24 requests, with only two (slow) timeouts.
    const faults = { seed: 2, throttleRate: 0.15, lostAnswerRate: 0.5, hangMs: 0, actions: [MODIFY] };
    const client = new TestClient(em, { readTimeout: 300, connectTimeout: 300 });
    const run = async (): Promise<string[]> => {
      em.setFaults(faults);
      const out: string[] = [];
      for (let i = 0; i < 24; i++) {
        try {
          await client.call(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzpol001', Name: `seq ${i}` });
          out.push('ok');
        } catch (e) {
          out.push(classify(e));
        }
      }
      return out;
    };
    const first = await run();
    const landed = first.filter((o) => o !== 'Throttling.User').length;
    expect(em.modificationCount('vpn-hzpolicy01')).toBe(landed);
    expect(await run()).toEqual(first);
    expect(em.modificationCount('vpn-hzpolicy01')).toBe(2 * landed);
    expect(new Set(first)).toEqual(new Set(['ok', 'Throttling.User', 'reset', 'timeout', '5xx', 'garbage']));
  });
});

describe('lost-answer settings', () => {
  test('decisions are reproducible per seed, and the lost-answer draws leave the other faults where they were', () => {
    const decisions = (config: Parameters<Faults['set']>[0]): string[] => {
      const f = new Faults();
      f.set(config);
      return Array.from({ length: 200 }, () => {
        const d = f.decide('DescribeRegions');
        return d.lostAnswer ? `lost:${d.lostAnswer}` : d.kind;
      });
    };
    const config = { seed: 9, throttleRate: 0.2, resetRate: 0.1, lostAnswerRate: 0.3 };
    const a = decisions(config);
    expect(decisions(config)).toEqual(a);
    expect(new Set(a)).toEqual(new Set(['none', 'throttle', 'reset', 'lost:reset', 'lost:timeout', 'lost:5xx', 'lost:garbage']));
    expect(decisions({ ...config, seed: 10 })).not.toEqual(a);
    // Turning lost answers off changes only the requests that lost their answer.
    const without = decisions({ ...config, lostAnswerRate: 0 });
    expect(without).toEqual(a.map((d) => (d.startsWith('lost:') ? 'none' : d)));
    // The kinds list restricts the kind; which requests lose their answer stays the same.
    const onlyGarbage = decisions({ ...config, lostAnswerKinds: ['garbage'] });
    expect(onlyGarbage).toEqual(a.map((d) => (d.startsWith('lost:') ? 'lost:garbage' : d)));
  });

  test('lostAnswerNext wins over the other rates, counts only requests the faults apply to, then resets', () => {
    const f = new Faults();
    f.set({ throttleRate: 1, lostAnswerNext: 2, lostAnswerKinds: ['timeout'], actions: [MODIFY] });
    expect(f.decide('DescribeRegions')).toEqual({ kind: 'none', latencyMs: 0 });
    expect(f.decide(MODIFY).lostAnswer).toBe('timeout');
    expect(f.config.lostAnswerNext).toBe(1);
    expect(f.decide(MODIFY).lostAnswer).toBe('timeout');
    expect(f.config.lostAnswerNext).toBe(0);
    expect(f.decide(MODIFY)).toMatchObject({ kind: 'throttle' });
    expect(f.decide(MODIFY).lostAnswer).toBeUndefined();
  });

  test('validation, defaults and the short --faults form', () => {
    const defaults = validateFaults({});
    expect(defaults).toMatchObject({ lostAnswerRate: 0, lostAnswerNext: 0 });
    expect(defaults.lostAnswerKinds).toEqual(['reset', 'timeout', '5xx', 'garbage'] satisfies LostAnswerKind[]);
    expect(parseFaultSpec('lost=0.2,lostkinds=reset|5xx')).toMatchObject({ lostAnswerRate: 0.2, lostAnswerKinds: ['reset', '5xx'] });
    expect(parseFaultSpec('lostnext=3,lostkinds=garbage').lostAnswerNext).toBe(3);
    expect(parseFaultSpec('{"lostAnswerRate":0.5,"lostAnswerKinds":["timeout"]}')).toMatchObject({ lostAnswerRate: 0.5, lostAnswerKinds: ['timeout'] });
    expect(() => parseFaultSpec('lost=1.5')).toThrow(/lostAnswerRate/);
    expect(() => parseFaultSpec('lostkinds=reset|drop')).toThrow(/lostAnswerKinds/);
    expect(() => parseFaultSpec('lostkinds=')).toThrow(/lostAnswerKinds/);
    expect(() => validateFaults({ lostAnswerNext: 1.5 })).toThrow(/lostAnswerNext/);
    expect(() => validateFaults({ lostAnswerNext: -1 })).toThrow(/lostAnswerNext/);
  });

  test('the admin endpoint reads and sets them, refuses bad values, and the one-shot counts down', async () => {
    const { em } = await manualClock();
    const admin = em.adminUrl;
    const initial = await (await fetch(`${admin}/faults`)).json();
    expect(initial).toMatchObject({ lostAnswerRate: 0, lostAnswerKinds: ['reset', 'timeout', '5xx', 'garbage'], lostAnswerNext: 0 });
    for (const bad of [{ lostAnswerKinds: [] }, { lostAnswerKinds: ['drop'] }, { lostAnswerKinds: 'reset' }, { lostAnswerRate: 2 }, { lostAnswerNext: 'x' }]) {
      const res = await fetch(`${admin}/faults`, { method: 'PUT', body: JSON.stringify(bad) });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const put = await fetch(`${admin}/faults`, {
      method: 'PUT',
      body: JSON.stringify({ lostAnswerNext: 1, lostAnswerKinds: ['garbage'], actions: [MODIFY] }),
    });
    expect(await put.json()).toMatchObject({ lostAnswerNext: 1, lostAnswerKinds: ['garbage'] });
    const client = new TestClient(em);
    expect(classify(await client.fail(MODIFY, { ...HZ, VpnConnectionId: 'vco-hzpol001', Name: 'via admin' }))).toBe('garbage');
    expect((await (await fetch(`${admin}/faults`)).json()).lostAnswerNext).toBe(0);
    expect((await client.call('DescribeVpnConnection', { ...HZ, VpnConnectionId: 'vco-hzpol001' })).Name).toBe('via admin');
  });
});
