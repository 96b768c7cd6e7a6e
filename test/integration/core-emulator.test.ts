// Cross-check of the two independent implementations of the documented rules: the app's core (what it refuses
// before sending) and the emulator (what the service refuses). Requests go through the real
// @alicloud/openapi-client over HTTP with real signatures.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowedValues,
  buildModifyRequest,
  changedFields,
  editableFields,
  parseDescribeConnectionOrThrow,
  parseDescribeConnections,
  setField,
  toWire,
  validate,
  vpnTypeOf,
  type EnumKey,
  type GatewayContext,
  type ModifyVpnConnectionAttributeRequest,
  type VpnConnection,
} from '../../core/index.ts';
import type { RunningEmulator } from '../../emulator/index.ts';
import { eventually, TestClient, withEmulator } from '../emulator/helpers.ts';

let emulator: RunningEmulator;
let client: TestClient;

beforeAll(async () => {
  emulator = await withEmulator({ updateSeconds: 0.02 });
  client = new TestClient(emulator);
});
afterAll(async () => emulator.close());

interface Target {
  RegionId: string;
  VpnConnectionId: string;
}

// Normal single-tunnel, SM single-tunnel, BGP single-tunnel, policy (several subnets), dual-tunnel.
const TARGETS: Target[] = [
  { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzbgp001' },
  { RegionId: 'cn-shanghai', VpnConnectionId: 'vco-shsm001' },
  { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzpol001' },
  { RegionId: 'eu-central-1', VpnConnectionId: 'vco-eu001' },
  { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzdual001' },
  { RegionId: 'ap-southeast-1', VpnConnectionId: 'vco-sgdual001' },
];

async function readLive(target: Target): Promise<{ live: VpnConnection; context: GatewayContext }> {
  const live = parseDescribeConnectionOrThrow(await client.call('DescribeVpnConnection', { ...target }));
  const gateway = await client.call('DescribeVpnGateway', { RegionId: target.RegionId, VpnGatewayId: live.VpnGatewayId });
  const siblings = parseDescribeConnections(
    await client.call('DescribeVpnConnections', { RegionId: target.RegionId, VpnGatewayId: live.VpnGatewayId, PageSize: 50 }),
  );
  if (!siblings.ok) throw new Error(`DescribeVpnConnections did not parse: ${siblings.path}`);
  return {
    live,
    context: {
      VpnType: vpnTypeOf(gateway),
      otherConnections: siblings.connections.filter((c) => c.VpnConnectionId !== live.VpnConnectionId),
    },
  };
}

async function waitActive(target: Target, vpnGatewayId: string): Promise<void> {
  await eventually(async () => {
    const gateway = await client.call('DescribeVpnGateway', { RegionId: target.RegionId, VpnGatewayId: vpnGatewayId });
    return gateway.Status === 'active';
  });
}

function send(request: ModifyVpnConnectionAttributeRequest) {
  const { query, body } = toWire(request);
  return client.call('ModifyVpnConnectionAttribute', query, Object.keys(body).length > 0 ? body : undefined);
}

const PSK_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789~!`@#$%^&*()_-+={}[]|;:,.<>/?'.split('');

function valueFor(path: string, kind: string, enumKey: string | undefined, context: GatewayContext): fc.Arbitrary<unknown> | null {
  if (kind === 'enum' && enumKey) return fc.constantFrom(...allowedValues(enumKey as EnumKey, context.VpnType));
  if (kind === 'secret') return fc.array(fc.constantFrom(...PSK_CHARS), { minLength: 1, maxLength: 100 }).map((chars) => chars.join(''));
  if (kind === 'bool' && !path.includes('HealthCheck') && !path.includes('Bgp')) return fc.boolean();
  if (kind === 'int' && /Lifetime$/.test(path)) return fc.integer({ min: 0, max: 86400 });
  if (path === 'Name') return fc.stringMatching(/^[A-Za-z\u4e00-\u9fa5][\w\u4e00-\u9fa5-]{0,40}$/);
  return null;
}

/** Random edits of the fields a user changes most (enums, PSKs, lifetimes, flags, name). */
function editsFor(live: VpnConnection, context: GatewayContext): fc.Arbitrary<Array<[string, unknown]>> {
  const candidates = editableFields(live.mode)
    .map((def) => {
      const enumKey = def.kind === 'enum' ? def.path.split('.').at(-1) : undefined;
      const arbitrary = valueFor(def.path, def.kind, enumKey, context);
      return arbitrary ? fc.tuple(fc.constant(def.path), arbitrary) : null;
    })
    .filter((entry): entry is fc.Arbitrary<[string, unknown]> => entry !== null);
  return fc.array(fc.oneof(...candidates), { minLength: 1, maxLength: 6 });
}

describe('requests built by core are accepted by the emulator', () => {
  it.each(TARGETS)('$VpnConnectionId: random valid edits round-trip through the service', async (target) => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.infiniteStream(fc.integer()), async () => {
        const { live, context } = await readLive(target);
        const edits = fc.sample(editsFor(live, context), 1)[0]!;
        const draft = edits.reduce<VpnConnection>((acc, [path, value]) => setField(acc, path, value), live);
        // Only drafts core itself accepts are the subject here (e.g. IKEv1 with several subnets is refused).
        fc.pre(validate(draft, context).length === 0);
        const built = buildModifyRequest(live, draft, context, { RegionId: target.RegionId, ClientToken: crypto.randomUUID() });
        if (!built.ok) throw new Error(`builder refused a valid draft: ${JSON.stringify(built.issues)}`);
        if (built.changedPaths.length === 0) return;
        await send(built.request);
        sent += 1;
        await waitActive(target, live.VpnGatewayId);
        const readBack = parseDescribeConnectionOrThrow(await client.call('DescribeVpnConnection', { ...target }));
        // Describe never returns AutoConfigRoute (write-only), so it cannot be read back.
        const differing = changedFields(readBack, draft).map((def) => def.path).filter((path) => path !== 'AutoConfigRoute');
        expect(differing).toEqual([]);
      }),
      { numRuns: 12, seed: 20261125 },
    );
    expect(sent).toBeGreaterThan(0);
  });
});

// Each case: fields set to values the rules refuse, plus a valid placeholder per field so the builder produces
// the request shape (the group is sent only when something in it changes); the placeholders are then swapped for
// the invalid values on the way out.
interface RejectCase {
  target: Target;
  edits: Array<[string, unknown]>;
  swaps: Array<{ path: string; placeholder: unknown; invalid: unknown }>;
}

const hz = TARGETS[0]!;
const sm = TARGETS[1]!;
const pol = TARGETS[2]!;
const eu = TARGETS[3]!;
const dual = TARGETS[4]!;
const one = (path: string, placeholder: unknown, invalid: unknown) => [{ path, placeholder, invalid }];

const REJECT_CASES: Array<[string, RejectCase]> = [
  ['Name with http:// prefix', { target: hz, edits: [], swaps: one('Name', 'placeholder-name', 'http://conn') }],
  ['Name of 101 characters', { target: hz, edits: [], swaps: one('Name', 'placeholder-name', 'n'.repeat(101)) }],
  ['LocalSubnet not a network', { target: pol, edits: [], swaps: one('LocalSubnet', '10.250.0.0/24', '10.0.0.300/24') }],
  ['RemoteSubnet garbage', { target: pol, edits: [], swaps: one('RemoteSubnet', '10.251.0.0/24', 'not-a-cidr') }],
  [
    'IKEv1 with several subnets',
    {
      target: eu,
      edits: [
        ['LocalSubnet', '10.252.0.0/24,10.253.0.0/24'],
        ['RemoteSubnet', '192.168.99.0/24'],
        ['IkeConfig.IkeLifetime', 28800],
      ],
      swaps: one('IkeConfig.IkeVersion', 'ikev2', 'ikev1'),
    },
  ],
  ['TunnelCidr not a /30', { target: hz, edits: [['BgpConfig.LocalBgpIp', '169.254.40.1']], swaps: one('BgpConfig.TunnelCidr', '169.254.40.0/30', '169.254.40.0/29') }],
  [
    'TunnelCidr outside 169.254.0.0/16',
    {
      target: hz,
      edits: [],
      swaps: [
        { path: 'BgpConfig.TunnelCidr', placeholder: '169.254.41.0/30', invalid: '10.0.0.0/30' },
        { path: 'BgpConfig.LocalBgpIp', placeholder: '169.254.41.1', invalid: '10.0.0.1' },
      ],
    },
  ],
  ['TunnelCidr malformed', { target: hz, edits: [['BgpConfig.LocalBgpIp', '169.254.42.1']], swaps: one('BgpConfig.TunnelCidr', '169.254.42.0/30', '169.254.x.0/30') }],
  ['LocalBgpIp outside the TunnelCidr', { target: hz, edits: [['BgpConfig.TunnelCidr', '169.254.23.0/30']], swaps: one('BgpConfig.LocalBgpIp', '169.254.23.1', '169.254.24.1') }],
  ['LocalBgpIp malformed', { target: hz, edits: [['BgpConfig.TunnelCidr', '169.254.25.0/30']], swaps: one('BgpConfig.LocalBgpIp', '169.254.25.1', '169.254.25.999') }],
  ['LocalAsn zero', { target: hz, edits: [], swaps: one('BgpConfig.LocalAsn', '65010', '0') }],
  ['LocalAsn above 4294967295', { target: hz, edits: [], swaps: one('BgpConfig.LocalAsn', '65011', '4294967296') }],
  ['SM gateway with aes', { target: sm, edits: [['IpsecConfig.IpsecLifetime', 3601]], swaps: one('IpsecConfig.IpsecEncAlg', 'sm4', 'aes') }],
  ['SM gateway with sha1', { target: sm, edits: [['IpsecConfig.IpsecLifetime', 3602]], swaps: one('IpsecConfig.IpsecAuthAlg', 'sm3', 'sha1') }],
  ['IpsecPfs outside the enumeration', { target: hz, edits: [], swaps: one('IpsecConfig.IpsecPfs', 'group14', 'group24') }],
  [
    'tunnel TunnelCidr not a /30',
    {
      target: dual,
      edits: [['TunnelOptionsSpecification.2.TunnelBgpConfig.LocalBgpIp', '169.254.30.1']],
      swaps: one('TunnelOptionsSpecification.2.TunnelBgpConfig.TunnelCidr', '169.254.30.0/30', '169.254.30.0/28'),
    },
  ],
];

function swapDeep(value: unknown, from: unknown, to: unknown): unknown {
  if (value === from) return to;
  if (typeof value === 'string' && value.startsWith('{')) {
    try {
      return JSON.stringify(swapDeep(JSON.parse(value), from, to));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map((item) => swapDeep(item, from, to));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, swapDeep(inner, from, to)]));
  }
  return value;
}

describe('drafts the rules refuse are refused by the emulator with the same code', () => {
  it.each(REJECT_CASES)('%s', async (_label, testCase) => {
    const { live, context } = await readLive(testCase.target);
    const prepared = testCase.edits.reduce<VpnConnection>((acc, [path, value]) => setField(acc, path, value), live);
    const invalidDraft = testCase.swaps.reduce<VpnConnection>((acc, swap) => setField(acc, swap.path, swap.invalid), prepared);
    const issues = validate(invalidDraft, context);
    expect(issues.length, 'core must refuse the draft').toBeGreaterThan(0);
    const expectedCode = issues[0]!.code;

    const placeholderDraft = testCase.swaps.reduce<VpnConnection>((acc, swap) => setField(acc, swap.path, swap.placeholder), prepared);
    const built = buildModifyRequest(live, placeholderDraft, context, { RegionId: testCase.target.RegionId });
    if (!built.ok) throw new Error(`placeholder draft refused: ${JSON.stringify(built.issues)}`);
    const request = testCase.swaps.reduce<unknown>((acc, swap) => swapDeep(acc, swap.placeholder, swap.invalid), built.request);
    for (const swap of testCase.swaps) expect(JSON.stringify(request)).toContain(JSON.stringify(swap.invalid).slice(1, -1));

    const before = emulator.modificationCount(live.VpnGatewayId);
    const { query, body } = toWire(request as ModifyVpnConnectionAttributeRequest);
    const error = await client.fail('ModifyVpnConnectionAttribute', query, Object.keys(body).length > 0 ? body : undefined);
    // Where the API documents a code, both sides must use it; app-only codes (Rule.*) exist where the document
    // names none, and then the service need only refuse.
    if (expectedCode.startsWith('Rule.')) expect(error.statusCode).toBe(400);
    else expect(error.code).toBe(expectedCode);
    expect(emulator.modificationCount(live.VpnGatewayId)).toBe(before);
  });
});
