// Cross-check of the two independent implementations of the documented rules: the app's core (what it refuses
// before sending) and the emulator (what the service refuses). Requests go through the real
// @alicloud/openapi-client over HTTP with real signatures.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  allowedValues,
  buildModifyRequest,
  changedFields,
  editableFields,
  isEmptyRequest,
  judgeChange,
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
import { DEFAULT_SEED, generateInventory, type EmulatorSeed, type RunningEmulator } from '../../emulator/index.ts';
import { eventually, TestClient, withEmulator } from '../emulator/helpers.ts';

interface Running {
  emulator: RunningEmulator;
  client: TestClient;
}

/** An emulator started from the seed (and an SDK client on it) for the whole file, or anew for every test. */
function useEmulator(per: 'file' | 'test'): Running {
  const running = {} as Running;
  (per === 'file' ? beforeAll : beforeEach)(async () => {
    running.emulator = await withEmulator({ updateSeconds: 0.02 });
    running.client = new TestClient(running.emulator);
  });
  (per === 'file' ? afterAll : afterEach)(async () => running.emulator.close());
  return running;
}

/** The default seed with some connections changed: live states the default seed does not hold. */
function seedWith(connections: Record<string, object>): EmulatorSeed {
  const seed = structuredClone(DEFAULT_SEED);
  seed.vpnConnections = seed.vpnConnections.map((c) => ({ ...c, ...connections[c.VpnConnectionId] }));
  return seed;
}

/** A case's own emulator when it needs a seed of its own, else the test's fresh one. */
async function emulatorFor(fresh: Running, seed: EmulatorSeed | undefined): Promise<Running & { done(): Promise<void> }> {
  if (!seed) return { ...fresh, done: async () => undefined };
  const emulator = await withEmulator({ updateSeconds: 0.02, seed });
  return { emulator, client: new TestClient(emulator), done: () => emulator.close() };
}

// Live states for the readings of issue 14: IKEv1 with two subnets per side (the document's own Modify example),
// and a connection whose live PSK already differs from its sibling on the same customer gateway.
const IKEV1_MULTI_SEED = seedWith({ 'vco-hzpol001': { LocalSubnet: '10.20.1.0/24,10.20.3.0/24', RemoteSubnet: '192.168.20.0/24,192.168.22.0/24' } });
const POL002 = DEFAULT_SEED.vpnConnections.find((c) => c.VpnConnectionId === 'vco-hzpol002')!;
const DIVERGED_SEED = seedWith({ 'vco-hzpol002': { IkeConfig: { ...POL002.IkeConfig, Psk: 'diverged-psk' } } });

// The random round trips share one emulator, so each run starts from what the previous ones left.
const shared = useEmulator('file');

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

async function readLive(target: Target, c: TestClient = shared.client): Promise<{ live: VpnConnection; context: GatewayContext }> {
  const live = parseDescribeConnectionOrThrow(await c.call('DescribeVpnConnection', { ...target }));
  const gateway = await c.call('DescribeVpnGateway', { RegionId: target.RegionId, VpnGatewayId: live.VpnGatewayId });
  const siblings = parseDescribeConnections(
    await c.call('DescribeVpnConnections', { RegionId: target.RegionId, VpnGatewayId: live.VpnGatewayId, PageSize: 50 }),
  );
  if (!siblings.ok) throw new Error(`DescribeVpnConnections did not parse: ${siblings.path}`);
  const customerGateways = await c.call('DescribeCustomerGateways', { RegionId: target.RegionId, PageSize: 50 });
  const cgwList = (customerGateways.CustomerGateways?.CustomerGateway ?? []) as Array<{ CustomerGatewayId: string; Asn?: number | string }>;
  return {
    live,
    context: {
      VpnType: vpnTypeOf(gateway),
      otherConnections: siblings.connections.filter((c) => c.VpnConnectionId !== live.VpnConnectionId),
      ...((gateway.EnableBgp === true || gateway.EnableBgp === 'true') && { EnableBgp: true }),
      customerGatewayAsns: Object.fromEntries(cgwList.map((g) => [g.CustomerGatewayId, g.Asn === undefined || g.Asn === null ? '' : String(g.Asn)])),
    },
  };
}

async function waitActive(target: Target, vpnGatewayId: string): Promise<void> {
  await eventually(async () => {
    const gateway = await shared.client.call('DescribeVpnGateway', { RegionId: target.RegionId, VpnGatewayId: vpnGatewayId });
    return gateway.Status === 'active';
  });
}

function send(request: ModifyVpnConnectionAttributeRequest) {
  const { query, body } = toWire(request);
  return shared.client.call('ModifyVpnConnectionAttribute', query, Object.keys(body).length > 0 ? body : undefined);
}

const PSK_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789~!`@#$%^&*()_-+={}[]|;:',.<>/?".split('');

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
        // Only drafts core itself accepts are the subject here (e.g. IKEv1 with several subnets introduced is refused).
        fc.pre(judgeChange(live, draft, context).errors.length === 0);
        const built = buildModifyRequest(live, draft, context, { RegionId: target.RegionId, ClientToken: crypto.randomUUID() });
        if (!built.ok) throw new Error(`builder refused a valid draft: ${JSON.stringify(built.issues)}`);
        if (built.changedPaths.length === 0) return;
        await send(built.request);
        sent += 1;
        await waitActive(target, live.VpnGatewayId);
        const readBack = parseDescribeConnectionOrThrow(await shared.client.call('DescribeVpnConnection', { ...target }));
        // Describe never returns AutoConfigRoute (write-only), so it cannot be read back.
        const differing = changedFields(readBack, draft).map((def) => def.path).filter((path) => path !== 'AutoConfigRoute');
        expect(differing).toEqual([]);
      }),
      { numRuns: 12, seed: 20261125 },
    );
    expect(sent).toBeGreaterThan(0);
  });
});

// Each case of the refusal and acceptance tables below runs on its own emulator started from the seed: the random
// round trips above cannot move a field onto a case's placeholder, and a case the emulator wrongly accepts cannot
// change the state the next case starts from.

// Each case: fields set to values the rules refuse, plus a valid placeholder per field so the builder produces
// the request shape (the group is sent only when something in it changes); the placeholders are then swapped for
// the invalid values on the way out (`sent` when the wire spells the value differently from the model).
// `raw` covers what the builder can never produce (parameters of the other tunnel mode, a certificate on a normal
// gateway): set on core's draft as is, and sent as raw request parameters.
interface Swap {
  path: string;
  placeholder: unknown;
  invalid: unknown;
  sent?: [unknown, unknown];
}
interface RejectCase {
  target: Target;
  seed?: EmulatorSeed;
  edits?: Array<[string, unknown]>;
  swaps?: Swap[];
  raw?: { draft: Array<[string, unknown]>; request: Record<string, unknown> };
}

const hz = TARGETS[0]!;
const sm = TARGETS[1]!;
const pol = TARGETS[2]!;
const eu = TARGETS[3]!;
const dual = TARGETS[4]!;
const dualStatic: Target = { RegionId: 'cn-hangzhou', VpnConnectionId: 'vco-hzdual002' };
const one = (path: string, placeholder: unknown, invalid: unknown): Swap[] => [{ path, placeholder, invalid }];
const PEM_A = '-----BEGIN CERTIFICATE-----\nMIIB7zCCAZWgAwIBAgIUREJFQ1RDQVNFMQ==\n-----END CERTIFICATE-----';
const PEM_B = '-----BEGIN CERTIFICATE----- MIIBnewSANDBOXcertB -----END CERTIFICATE-----';
const ikeOf = (psk: string) => ({ Psk: psk, IkeVersion: 'ikev1', IkeMode: 'main', IkeEncAlg: 'aes', IkeAuthAlg: 'sha1', IkePfs: 'group2', IkeLifetime: 86400, LocalId: '', RemoteId: '' });
const m1 = 'TunnelOptionsSpecification.1';
const s2 = 'TunnelOptionsSpecification.2';

const REJECT_CASES: Array<[string, RejectCase]> = [
  [
    'BGP on a connection whose customer gateway has no ASN',
    {
      target: { RegionId: 'cn-shanghai', VpnConnectionId: 'vco-shnoasn01' },
      edits: [['BgpConfig.TunnelCidr', '169.254.50.0/30'], ['BgpConfig.LocalBgpIp', '169.254.50.1']],
      swaps: [{ path: 'BgpConfig.EnableBgp', placeholder: false, invalid: true, sent: ['false', 'true'] }],
    },
  ],
  [
    'switching BGP off on a gateway that has BGP enabled',
    { target: hz, edits: [['BgpConfig.LocalAsn', '65020']], swaps: [{ path: 'BgpConfig.EnableBgp', placeholder: true, invalid: false, sent: ['true', 'false'] }] },
  ],
  ['Name with http:// prefix', { target: hz, swaps: one('Name', 'placeholder-name', 'http://conn') }],
  ['Name of 101 characters', { target: hz, swaps: one('Name', 'placeholder-name', 'n'.repeat(101)) }],
  ['LocalSubnet not a network', { target: pol, swaps: one('LocalSubnet', '10.250.0.0/24', '10.0.0.300/24') }],
  ['RemoteSubnet garbage', { target: pol, swaps: one('RemoteSubnet', '10.251.0.0/24', 'not-a-cidr') }],
  ['LocalSubnet mixing 0.0.0.0/0 with a network', { target: eu, swaps: one('LocalSubnet', '10.30.1.0/24,10.30.8.0/24', '0.0.0.0/0,10.30.1.0/24') }],
  ['0.0.0.0/0 on one side only (no such routing mode)', { target: eu, swaps: one('LocalSubnet', '10.30.7.0/24', '0.0.0.0/0') }],
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
  ['PSK with a double quote (the document allows the single quote only)', { target: hz, swaps: one('IkeConfig.Psk', 'placeholder-psk-1', 'quote"psk') }],
  ['PSK with a space', { target: hz, swaps: one('IkeConfig.Psk', 'placeholder-psk-2', 'has space') }],
  ['PSK with non-ASCII letters', { target: hz, swaps: one('IkeConfig.Psk', 'placeholder-psk-3', '预共享密钥abc') }],
  ['PSK of 101 characters', { target: hz, swaps: one('IkeConfig.Psk', 'placeholder-psk-4', 'p'.repeat(101)) }],
  ['empty PSK', { target: hz, swaps: one('IkeConfig.Psk', 'placeholder-psk-5', '') }],
  ['tunnel PSK with a backslash', { target: dual, swaps: one(`${s2}.TunnelIkeConfig.Psk`, 'placeholder-psk-6', 'back\\slash') }],
  ['LocalId of 101 characters', { target: hz, swaps: one('IkeConfig.LocalId', 'gw.example.com', 'x'.repeat(101)) }],
  ['RemoteId with a space', { target: hz, swaps: one('IkeConfig.RemoteId', 'peer.example.com', 'peer example') }],
  ['tunnel LocalId of 101 characters', { target: dual, swaps: one(`${m1}.TunnelIkeConfig.LocalId`, 'tunnel.example.com', 'y'.repeat(101)) }],
  ['IkeLifetime 86401', { target: hz, swaps: one('IkeConfig.IkeLifetime', 28800, 86401) }],
  ['IpsecLifetime -1', { target: hz, swaps: one('IpsecConfig.IpsecLifetime', 3603, -1) }],
  ['tunnel IpsecLifetime 86401', { target: dual, swaps: one(`${s2}.TunnelIpsecConfig.IpsecLifetime`, 3604, 86401) }],
  ['TunnelCidr not a /30', { target: hz, edits: [['BgpConfig.LocalBgpIp', '169.254.40.1']], swaps: one('BgpConfig.TunnelCidr', '169.254.40.0/30', '169.254.40.0/29') }],
  [
    'TunnelCidr outside 169.254.0.0/16',
    {
      target: hz,
      swaps: [
        { path: 'BgpConfig.TunnelCidr', placeholder: '169.254.41.0/30', invalid: '10.0.0.0/30' },
        { path: 'BgpConfig.LocalBgpIp', placeholder: '169.254.41.1', invalid: '10.0.0.1' },
      ],
    },
  ],
  ['TunnelCidr malformed', { target: hz, edits: [['BgpConfig.LocalBgpIp', '169.254.42.1']], swaps: one('BgpConfig.TunnelCidr', '169.254.42.0/30', '169.254.x.0/30') }],
  [
    'reserved TunnelCidr 169.254.1.0/30',
    {
      target: hz,
      swaps: [
        { path: 'BgpConfig.TunnelCidr', placeholder: '169.254.43.0/30', invalid: '169.254.1.0/30' },
        { path: 'BgpConfig.LocalBgpIp', placeholder: '169.254.43.1', invalid: '169.254.1.1' },
      ],
    },
  ],
  [
    'reserved TunnelCidr 169.254.169.252/30',
    {
      target: hz,
      swaps: [
        { path: 'BgpConfig.TunnelCidr', placeholder: '169.254.44.0/30', invalid: '169.254.169.252/30' },
        { path: 'BgpConfig.LocalBgpIp', placeholder: '169.254.44.1', invalid: '169.254.169.253' },
      ],
    },
  ],
  [
    'tunnel TunnelCidr equal to the sibling tunnel\'s',
    {
      target: dual,
      swaps: [
        { path: `${s2}.TunnelBgpConfig.TunnelCidr`, placeholder: '169.254.45.0/30', invalid: '169.254.10.0/30' },
        { path: `${s2}.TunnelBgpConfig.LocalBgpIp`, placeholder: '169.254.45.2', invalid: '169.254.10.2' },
      ],
    },
  ],
  [
    'tunnel TunnelCidr used by another connection of the gateway (tunnel BGP off)',
    {
      target: dualStatic,
      swaps: [
        { path: `${m1}.TunnelBgpConfig.TunnelCidr`, placeholder: '169.254.46.0/30', invalid: '169.254.10.0/30' },
        { path: `${m1}.TunnelBgpConfig.LocalBgpIp`, placeholder: '169.254.46.1', invalid: '169.254.10.1' },
      ],
    },
  ],
  ['LocalBgpIp outside the TunnelCidr', { target: hz, edits: [['BgpConfig.TunnelCidr', '169.254.23.0/30']], swaps: one('BgpConfig.LocalBgpIp', '169.254.23.1', '169.254.24.1') }],
  ['LocalBgpIp malformed', { target: hz, edits: [['BgpConfig.TunnelCidr', '169.254.25.0/30']], swaps: one('BgpConfig.LocalBgpIp', '169.254.25.1', '169.254.25.999') }],
  ['LocalAsn zero', { target: hz, swaps: one('BgpConfig.LocalAsn', '65010', '0') }],
  ['LocalAsn above 4294967295', { target: hz, swaps: one('BgpConfig.LocalAsn', '65011', '4294967296') }],
  ['high.low LocalAsn with a high part above 65535', { target: hz, swaps: one('BgpConfig.LocalAsn', '65012', '65536.1') }],
  ['high.low LocalAsn with a low part above 65535', { target: hz, swaps: one('BgpConfig.LocalAsn', '65013', '1.65536') }],
  [
    'tunnel LocalAsn changed while tunnel BGP is off',
    {
      target: dualStatic,
      raw: {
        draft: [[`${m1}.TunnelBgpConfig.LocalAsn`, '65001']],
        request: { TunnelOptionsSpecification: [{ TunnelId: 'tun-hzdual002m', Role: 'master', TunnelBgpConfig: { LocalAsn: 65001 } }] },
      },
    },
  ],
  [
    'health check enabled with interval 0',
    { target: hz, swaps: [{ path: 'HealthCheckConfig.interval', placeholder: 7, invalid: 0, sent: ['7', '0'] }] },
  ],
  ['SM gateway with aes', { target: sm, edits: [['IpsecConfig.IpsecLifetime', 3601]], swaps: one('IpsecConfig.IpsecEncAlg', 'sm4', 'aes') }],
  ['SM gateway with sha1', { target: sm, edits: [['IpsecConfig.IpsecLifetime', 3602]], swaps: one('IpsecConfig.IpsecAuthAlg', 'sm3', 'sha1') }],
  ['SM gateway with ikev2', { target: sm, edits: [['IkeConfig.IkeLifetime', 3605]], swaps: one('IkeConfig.IkeVersion', 'ikev1', 'ikev2') }],
  ['SM gateway with aggressive mode', { target: sm, edits: [['IkeConfig.IkeLifetime', 3606]], swaps: one('IkeConfig.IkeMode', 'main', 'aggressive') }],
  ['IpsecPfs outside the enumeration', { target: hz, swaps: one('IpsecConfig.IpsecPfs', 'group14', 'group24') }],
  ['SM gateway: RemoteCaCertificate that is not PEM', { target: sm, swaps: one('RemoteCaCertificate', PEM_A, '-----BEGIN CERTIFICATE----- not*base64! -----END CERTIFICATE-----') }],
  ['SM gateway: RemoteCaCertificate cleared', { target: sm, swaps: one('RemoteCaCertificate', PEM_B, '') }],
  ['RemoteCaCertificate on a normal gateway', { target: hz, raw: { draft: [['RemoteCaCertificate', PEM_A]], request: { RemoteCaCertificate: PEM_A } } }],
  [
    'tunnel RemoteCaCertificate on a normal gateway',
    {
      target: dual,
      raw: {
        draft: [[`${m1}.RemoteCaCertificate`, PEM_A]],
        request: { TunnelOptionsSpecification: [{ TunnelId: 'tun-hzdual001m', Role: 'master', RemoteCaCertificate: PEM_A }] },
      },
    },
  ],
  ['IkeConfig (single-tunnel only) on a dual-tunnel connection', { target: dual, raw: { draft: [['IkeConfig', ikeOf('hzA-master-Psk1')]], request: { IkeConfig: JSON.stringify(ikeOf('hzA-master-Psk1')) } } }],
  ['EnableDpd (single-tunnel only) on a dual-tunnel connection', { target: dual, raw: { draft: [['EnableDpd', false]], request: { EnableDpd: false } } }],
  ['EnableTunnelsBgp (dual-tunnel only) on a single-tunnel connection', { target: eu, raw: { draft: [['EnableTunnelsBgp', true]], request: { EnableTunnelsBgp: true } } }],
  [
    'TunnelOptionsSpecification (dual-tunnel only) on a single-tunnel connection',
    { target: eu, raw: { draft: [['tunnels', []]], request: { TunnelOptionsSpecification: [{ TunnelId: 'tun-x', Role: 'master', EnableDpd: false }] } } },
  ],
  ['same VPN gateway and customer gateway: another PSK', { target: pol, edits: [['IkeConfig.Psk', 'another-psk-1']] }],
  ['same VPN gateway and customer gateway: another IKE proposal', { target: pol, edits: [['IkeConfig.IkePfs', 'group14']] }],
  ['same VPN gateway and customer gateway: another RemoteId', { target: pol, edits: [['IkeConfig.RemoteId', 'peer.example.com']] }],
  [
    'same VPN gateway and customer gateway: overlapping traffic selectors',
    { target: pol, edits: [['LocalSubnet', '10.20.0.0/16'], ['RemoteSubnet', '192.168.20.0/22']] },
  ],
  [
    'tunnel TunnelCidr not a /30',
    {
      target: dual,
      edits: [[`${s2}.TunnelBgpConfig.LocalBgpIp`, '169.254.30.1']],
      swaps: one(`${s2}.TunnelBgpConfig.TunnelCidr`, '169.254.30.0/30', '169.254.30.0/28'),
    },
  ],  // Issue 14: a change that introduces IKEv1 with several subnets, and a live fault the change does send.
  ['IKEv1 with two subnets per side already: adding a third', { target: pol, seed: IKEV1_MULTI_SEED, swaps: one('LocalSubnet', '10.20.1.0/24,10.20.7.0/24', '10.20.1.0/24,10.20.3.0/24,10.20.5.0/24') }],
  ['live PSK already differs from the sibling on the same customer gateway: a change that sends IkeConfig', { target: pol, seed: DIVERGED_SEED, edits: [['IkeConfig.IkeLifetime', 3600]] }],
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

const apply = (c: VpnConnection, edits: ReadonlyArray<readonly [string, unknown]>): VpnConnection =>
  edits.reduce<VpnConnection>((acc, [path, value]) => setField(acc, path, value), c);

describe('drafts the rules refuse are refused by the emulator with the same code', () => {
  const fresh = useEmulator('test');
  it.each(REJECT_CASES)('%s', async (_label, testCase) => {
    const running = await emulatorFor(fresh, testCase.seed);
    try {
      await refusedByBoth(running, testCase);
    } finally {
      await running.done();
    }
  });
});

async function refusedByBoth(fresh: Running, testCase: RejectCase): Promise<void> {
  {
    const { live, context } = await readLive(testCase.target, fresh.client);
    const swaps = testCase.swaps ?? [];
    const prepared = apply(live, testCase.edits ?? []);
    const invalidDraft = apply(apply(prepared, testCase.raw?.draft ?? []), swaps.map((s) => [s.path, s.invalid] as const));
    // Core's verdict: what refuses the change (a rule of a field it changes or sends, or a rule on the change itself).
    const issues = judgeChange(live, invalidDraft, context, { RegionId: testCase.target.RegionId }).errors;
    expect(issues.length, 'core must refuse the draft').toBeGreaterThan(0);
    const expectedCode = issues[0]!.code;

    // The request: built from the placeholder draft without sibling connections (so rules across connections do
    // not stop the builder), then the placeholders are swapped for the invalid values.
    const placeholderDraft = apply(prepared, swaps.map((s) => [s.path, s.placeholder] as const));
    const placeholderBuilt = buildModifyRequest(live, placeholderDraft, { ...context, otherConnections: [] }, { RegionId: testCase.target.RegionId });
    if (!placeholderBuilt.ok) throw new Error(`placeholder draft refused: ${JSON.stringify(placeholderBuilt.issues)}`);
    let request: unknown = { ...placeholderBuilt.request, ...testCase.raw?.request };
    for (const swap of swaps) {
      const [from, to] = swap.sent ?? [swap.placeholder, swap.invalid];
      expect(JSON.stringify(request), `placeholder of ${swap.path} not in the request`).toContain(JSON.stringify(from).slice(1, -1));
      request = swapDeep(request, from, to);
    }
    expect(isEmptyRequest(request as ModifyVpnConnectionAttributeRequest), 'the request must carry the invalid values').toBe(false);

    const before = fresh.emulator.modificationCount(live.VpnGatewayId);
    const { query, body } = toWire(request as ModifyVpnConnectionAttributeRequest);
    const error = await fresh.client.fail('ModifyVpnConnectionAttribute', query, Object.keys(body).length > 0 ? body : undefined);
    // Where the API documents a code, both sides must use it; app-only codes (Rule.*) exist where the document
    // names none, and then the service need only refuse.
    if (expectedCode.startsWith('Rule.')) expect(error.statusCode, `${error.code}: ${error.message}`).toBe(400);
    else expect(error.code).toBe(expectedCode);
    expect(fresh.emulator.modificationCount(live.VpnGatewayId)).toBe(before);
  }
}

// Drafts core accepts must go through the emulator and read back as the draft (`unreadable`: fields the service
// reports differently, e.g. a value the builder leaves out because it means nothing while the feature is off).
interface AcceptCase {
  target: Target;
  seed?: EmulatorSeed;
  /** Warning codes core must show (a live fault the change leaves alone). */
  warns?: string[];
  edits: Array<[string, unknown]>;
  unreadable?: string[];
}

const ACCEPT_CASES: Array<[string, AcceptCase]> = [
  ['PSK with every documented symbol, including the single quote', { target: hz, edits: [['IkeConfig.Psk', "~!`@#$%^&*()_-+={}[]|;:',.<>/?"]] }],
  ['tunnel PSK of 100 characters', { target: dual, edits: [[`${m1}.TunnelIkeConfig.Psk`, 'k'.repeat(100)]] }],
  ['LocalId of 100 characters (FQDN style)', { target: hz, edits: [['IkeConfig.LocalId', `${'a'.repeat(96)}.com`]] }],
  ['lifetimes at both limits', { target: hz, edits: [['IkeConfig.IkeLifetime', 0], ['IpsecConfig.IpsecLifetime', 86400]] }],
  ['high.low LocalAsn (123.456 = 8061384)', { target: hz, edits: [['BgpConfig.LocalAsn', '123.456']] }],
  ['health check with a long interval and many retries (the document sets no limit)', { target: hz, edits: [['HealthCheckConfig.interval', 5000], ['HealthCheckConfig.retry', 500]] }],
  [
    'health check disabled with an interval of 0 left in the form',
    { target: hz, edits: [['HealthCheckConfig.enable', false], ['HealthCheckConfig.interval', 0]], unreadable: ['HealthCheckConfig.interval'] },
  ],
  ['tunnel TunnelCidr moved while tunnel BGP is off', { target: dualStatic, edits: [[`${m1}.TunnelBgpConfig.TunnelCidr`, '169.254.47.0/30'], [`${m1}.TunnelBgpConfig.LocalBgpIp`, '169.254.47.1']] }],
  ['SM gateway: a new multi-line CA certificate', { target: sm, edits: [['RemoteCaCertificate', PEM_A]] }],
  ['TunnelCidr 169.254.6.4/30 (next to the reserved 169.254.6.0/30)', { target: hz, edits: [['BgpConfig.TunnelCidr', '169.254.6.4/30'], ['BgpConfig.LocalBgpIp', '169.254.6.5']] }],  // Issue 14: a change is judged by what it changes and sends.
  ['rename of a connection whose live PSK differs from its sibling on the same customer gateway (a warning)', { target: pol, seed: DIVERGED_SEED, edits: [['Name', 'renamed-pol']], warns: ['VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs'] }],
  ['IKEv1 with two subnets per side already (the document example): an IPsec change', { target: pol, seed: IKEV1_MULTI_SEED, edits: [['IpsecConfig.IpsecLifetime', 3600]], warns: ['Advice.IkeV1.MultiSubnet'] }],
  ['IKEv1 with two subnets per side already: one subnet replaced', { target: pol, seed: IKEV1_MULTI_SEED, edits: [['LocalSubnet', '10.20.1.0/24,10.20.7.0/24']], warns: ['Advice.IkeV1.MultiSubnet'] }],
  ['a subnet list typed with spaces, an empty item and a repeat (sent as the service stores it)', { target: eu, edits: [['LocalSubnet', ' 10.30.1.0/24, 10.30.2.0/24,,10.30.1.0/24, 10.30.4.0/24']] }],
  // The tunnel-element decision: the emulator resets what a tunnel element leaves out (a random PSK), so these read
  // back whole only because core sends each changed tunnel whole.
  ['a tunnel DPD change alone (the tunnel is sent whole: its PSK and proposals survive)', { target: dual, edits: [[`${m1}.EnableDpd`, false]] }],
  ['a tunnel NAT-T change on a tunnel-BGP-off connection', { target: dualStatic, edits: [[`${s2}.EnableNatTraversal`, false]] }],
  ['tunnel BGP on: a moved tunnel network sends the complete TunnelBgpConfig', { target: dual, edits: [[`${m1}.TunnelBgpConfig.TunnelCidr`, '169.254.48.0/30'], [`${m1}.TunnelBgpConfig.LocalBgpIp`, '169.254.48.1']] }],
];

describe('drafts the rules accept are accepted by the emulator and read back', () => {
  const fresh = useEmulator('test');
  it.each(ACCEPT_CASES)('%s', async (_label, testCase) => {
    const running = await emulatorFor(fresh, testCase.seed);
    try {
      await acceptedByBoth(running, testCase);
    } finally {
      await running.done();
    }
  });
});

async function acceptedByBoth(fresh: Running, testCase: AcceptCase): Promise<void> {
  const { live, context } = await readLive(testCase.target, fresh.client);
  const draft = apply(live, testCase.edits);
  const built = buildModifyRequest(live, draft, context, { RegionId: testCase.target.RegionId });
  if (!built.ok) throw new Error(`builder refused: ${JSON.stringify(built.issues)}`);
  expect([...new Set(built.warnings.map((w) => w.code))].sort()).toEqual([...(testCase.warns ?? [])].sort());
  expect(built.changedPaths.length).toBeGreaterThan(0);
  const { query, body } = toWire(built.request);
  await fresh.client.call('ModifyVpnConnectionAttribute', query, Object.keys(body).length > 0 ? body : undefined);
  await eventually(async () => (await fresh.client.call('DescribeVpnGateway', { RegionId: testCase.target.RegionId, VpnGatewayId: live.VpnGatewayId })).Status === 'active');
  const readBack = parseDescribeConnectionOrThrow(await fresh.client.call('DescribeVpnConnection', { ...testCase.target }));
  const skip = new Set(['AutoConfigRoute', ...(testCase.unreadable ?? [])]);
  expect(changedFields(readBack, draft).map((d) => d.path).filter((p) => !skip.has(p))).toEqual([]);
}

describe('the tunnel-element decision and tunnel BGP, core against the emulator', () => {
  const fresh = useEmulator('test');

  it('core sends a changed tunnel whole, and the PSK survives; the partial element it used to send resets it', async () => {
    const { live, context } = await readLive(dualStatic, fresh.client);
    const draft = setField(live, `${s2}.EnableDpd`, !(live.mode === 'dual' && live.tunnels[1].EnableDpd));
    const built = buildModifyRequest(live, draft, context, { RegionId: dualStatic.RegionId });
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    const [element] = built.request.TunnelOptionsSpecification ?? [];
    expect(Object.keys(element ?? {}).sort()).toEqual(['EnableDpd', 'EnableNatTraversal', 'Role', 'TunnelId', 'TunnelIkeConfig', 'TunnelIpsecConfig']);
    const { query, body } = toWire(built.request);
    await fresh.client.call('ModifyVpnConnectionAttribute', query, body);
    await waitActiveOn(fresh, dualStatic, live.VpnGatewayId);
    const psk = async () => {
      const c = parseDescribeConnectionOrThrow(await fresh.client.call('DescribeVpnConnection', { ...dualStatic }));
      return c.mode === 'dual' ? c.tunnels[1].TunnelIkeConfig.Psk : '';
    };
    const kept = await psk();
    expect(kept).toBe(live.mode === 'dual' ? live.tunnels[1].TunnelIkeConfig.Psk : '');
    // The shape the builder sent before issue 14: {TunnelId, Role, EnableDpd} alone.
    const partial = toWire({ RegionId: dualStatic.RegionId, VpnConnectionId: dualStatic.VpnConnectionId, TunnelOptionsSpecification: [{ TunnelId: element!.TunnelId, Role: element!.Role, EnableDpd: !element!.EnableDpd }] });
    await fresh.client.call('ModifyVpnConnectionAttribute', partial.query, partial.body);
    await waitActiveOn(fresh, dualStatic, live.VpnGatewayId);
    expect(await psk()).not.toBe(kept);
  });

  it('with tunnel BGP off, a moved tunnel network goes without the tunnel ASN, which reads back unchanged', async () => {
    const { live, context } = await readLive(dualStatic, fresh.client);
    const draft = apply(live, [[`${m1}.TunnelBgpConfig.TunnelCidr`, '169.254.49.0/30'], [`${m1}.TunnelBgpConfig.LocalBgpIp`, '169.254.49.1']]);
    const built = buildModifyRequest(live, draft, context, { RegionId: dualStatic.RegionId });
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    expect(built.request.TunnelOptionsSpecification?.[0]?.TunnelBgpConfig).toEqual({ TunnelCidr: '169.254.49.0/30', LocalBgpIp: '169.254.49.1' });
    const { query, body } = toWire(built.request);
    await fresh.client.call('ModifyVpnConnectionAttribute', query, body);
    await waitActiveOn(fresh, dualStatic, live.VpnGatewayId);
    const readBack = parseDescribeConnectionOrThrow(await fresh.client.call('DescribeVpnConnection', { ...dualStatic }));
    expect(changedFields(readBack, draft)).toEqual([]);
  });
});

async function waitActiveOn(running: Running, target: Target, vpnGatewayId: string): Promise<void> {
  await eventually(async () => (await running.client.call('DescribeVpnGateway', { RegionId: target.RegionId, VpnGatewayId: vpnGatewayId })).Status === 'active');
}

describe('the emulator inventory generator and core agree', () => {
  it('every generated connection parses and passes core\'s rules next to its siblings', async () => {
    const seed = generateInventory({ regions: 2, gateways: 10, connections: 300, seed: 5 });
    const em = await withEmulator({ seed });
    try {
      const c = new TestClient(em);
      let checked = 0;
      for (const region of seed.regions) {
        for (const gateway of seed.vpnGateways.filter((g) => g.RegionId === region.RegionId)) {
          const page = parseDescribeConnections(await c.call('DescribeVpnConnections', { RegionId: region.RegionId, VpnGatewayId: gateway.VpnGatewayId, PageSize: 50 }));
          if (!page.ok) throw new Error(`${page.path}: ${page.message}`);
          const VpnType = vpnTypeOf(await c.call('DescribeVpnGateway', { RegionId: region.RegionId, VpnGatewayId: gateway.VpnGatewayId }));
          for (const connection of page.connections) {
            expect(validate(connection, { VpnType, otherConnections: page.connections }), connection.VpnConnectionId).toEqual([]);
            checked += 1;
          }
        }
      }
      expect(checked).toBe(300);
    } finally {
      await em.close();
    }
  });
});
