// The real-IKE layer: the app's device configuration (mirrorPeer → strongSwan generator) negotiates for real with a
// cloud end configured from the same connection (cloud-end.ts, written independently), and the pre-check's
// prediction for a (live, draft) pair equals what two real charons do. Runs only where namespaces are possible:
//   npx vitest run -c vitest.ike.config.ts          (IKE_SEED=<n> IKE_RUNS=<n> explore other property samples)
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DualTunnelConnection, IkeConfig, IpsecConfig, SingleTunnelConnection, TunnelOptions, VpnConnection } from '../../core/model/connection.ts';
import { mirrorPeer, type PeerAddresses } from '../../core/peer/mirror.ts';
import { precheck, type TunnelPrecheck } from '../../core/peer/precheck.ts';
import type { PeerTunnelKey } from '../../core/peer/profile.ts';
import { strongswan } from '../../core/peer/vendors/strongswan/index.ts';
import { validate } from '../../core/rules/validate.ts';
import { psk as pskArbitrary } from '../core/arbitraries.ts';
import { cloudEnd } from './cloud-end.ts';
import { ikeAvailable, logErrors, startPair, type IkePair, type NegotiationOutcome } from './harness.ts';

const skipReason = await ikeAvailable();
if (skipReason !== undefined) console.warn(`real IKE layer skipped: ${skipReason}`);

const ENC = ['aes', 'aes192', 'aes256', 'des', '3des'] as const;
const AUTH = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'] as const;
const DH = ['group1', 'group2', 'group5', 'group14'] as const;
const PFS = ['disabled', ...DH] as const;

let pair: IkePair | undefined;

// ---------------------------------------------------------------------------------------------- connections

interface TunnelParams {
  ike: IkeConfig;
  ipsec: IpsecConfig;
  dpd: boolean;
  nat: boolean;
}

function ikeConfig(over: Partial<IkeConfig> = {}): IkeConfig {
  return {
    Psk: 'Sh4red-S3cret',
    IkeVersion: 'ikev2',
    IkeMode: 'main',
    IkeEncAlg: 'aes',
    IkeAuthAlg: 'sha1',
    IkePfs: 'group2',
    IkeLifetime: 86400,
    LocalId: '',
    RemoteId: '',
    ...over,
  };
}
function ipsecConfig(over: Partial<IpsecConfig> = {}): IpsecConfig {
  return { IpsecEncAlg: 'aes', IpsecAuthAlg: 'sha1', IpsecPfs: 'group2', IpsecLifetime: 3600, ...over };
}

function singleConnection(t: TunnelParams, LocalSubnet: string, RemoteSubnet: string): SingleTunnelConnection {
  return {
    mode: 'single',
    VpnConnectionId: 'vco-ike',
    VpnGatewayId: 'vpn-ike',
    CustomerGatewayId: 'cgw-ike',
    Name: 'real-ike',
    LocalSubnet,
    RemoteSubnet,
    EffectImmediately: true,
    IkeConfig: t.ike,
    IpsecConfig: t.ipsec,
    HealthCheckConfig: { enable: false, dip: '', sip: '', interval: 3, retry: 3 },
    BgpConfig: { EnableBgp: false, LocalAsn: '', TunnelCidr: '', LocalBgpIp: '' },
    EnableDpd: t.dpd,
    EnableNatTraversal: t.nat,
    RemoteCaCertificate: '',
  };
}

function tunnelOptions(role: 'master' | 'slave', t: TunnelParams): TunnelOptions {
  const n = role === 'master' ? 1 : 2;
  return {
    TunnelId: `tun-ike-${role}`,
    Role: role,
    CustomerGatewayId: 'cgw-ike',
    EnableDpd: t.dpd,
    EnableNatTraversal: t.nat,
    RemoteCaCertificate: '',
    TunnelIkeConfig: t.ike,
    TunnelIpsecConfig: t.ipsec,
    TunnelBgpConfig: { LocalAsn: '65530', TunnelCidr: `169.254.1${n}.0/30`, LocalBgpIp: `169.254.1${n}.1` },
  };
}

function dualConnection(master: TunnelParams, slave: TunnelParams, LocalSubnet: string, RemoteSubnet: string): DualTunnelConnection {
  return {
    mode: 'dual',
    VpnConnectionId: 'vco-ike-dual',
    VpnGatewayId: 'vpn-ike',
    Name: 'real-ike-dual',
    LocalSubnet,
    RemoteSubnet,
    EffectImmediately: true,
    EnableTunnelsBgp: false,
    tunnels: [tunnelOptions('master', master), tunnelOptions('slave', slave)],
  };
}

const tunnelKeys = (c: VpnConnection): PeerTunnelKey[] => (c.mode === 'single' ? ['single'] : ['master', 'slave']);
const tunnelIke = (c: VpnConnection, key: PeerTunnelKey): IkeConfig => (c.mode === 'single' ? c.IkeConfig : c.tunnels[key === 'master' ? 0 : 1].TunnelIkeConfig);

// ---------------------------------------------------------------------------------------------- one negotiation

/** Both harness ends for every tunnel: the pair has one veth, so the tunnels of a dual connection take turns on it. */
function addressesFor(p: IkePair): PeerAddresses {
  const a = { cloudAddress: p.cloudAddress, deviceAddress: p.deviceAddress };
  return { single: a, master: a, slave: a };
}

/** Connection and CHILD names the generator uses (the agreed API: `alibaba`, `alibaba-master`, … + `-net`). */
const deviceChildName = (key: PeerTunnelKey) => (key === 'single' ? 'alibaba-net' : `alibaba-${key}-net`);

interface Real {
  ike: 'ok' | 'fails';
  child: 'ok' | 'fails' | 'fails-at-rekey';
}

interface TunnelRun {
  key: PeerTunnelKey;
  device: string;
  cloud: string;
  outcome: NegotiationOutcome;
  rekey?: { survived: boolean; log: string };
  real: Real;
}

/** Device configured for `deviceSide`, cloud end for `cloudSide`: the device initiates, then (IKEv2) a forced rekey. */
async function negotiateTunnel(p: IkePair, deviceSide: VpnConnection, cloudSide: VpnConnection, key: PeerTunnelKey): Promise<TunnelRun> {
  const addresses = addressesFor(p);
  const generated = strongswan.generate(mirrorPeer(deviceSide, addresses), { format: 'swanctl', includeSecrets: true, tunnels: [key] });
  const cloud = cloudEnd(cloudSide, key, { cloudAddress: p.cloudAddress, deviceAddress: p.deviceAddress });
  const child = deviceChildName(key);
  const outcome = await p.negotiate(cloud.text, generated.text, { child });
  let rekey: TunnelRun['rekey'];
  const real: Real = { ike: outcome.ike === 'up' ? 'ok' : 'fails', child: outcome.child === 'up' ? 'ok' : 'fails' };
  // IKEv2 builds the first CHILD_SA inside IKE_AUTH without a key exchange: a PFS mismatch only shows at the rekey.
  if (outcome.child === 'up' && tunnelIke(cloudSide, key).IkeVersion === 'ikev2') {
    rekey = await p.rekeyChild(child);
    if (!rekey.survived) real.child = 'fails-at-rekey';
  }
  return { key, device: generated.text, cloud: cloud.text, outcome, ...(rekey && { rekey }), real };
}

function describeRun(run: TunnelRun, extra: string[] = []): string {
  return [
    ...extra,
    `tunnel ${run.key}: real ike=${run.real.ike} child=${run.real.child}; installed ${JSON.stringify(run.outcome.installedTs ?? null)}`,
    '--- device swanctl.conf (generated) ---',
    run.device,
    '--- cloud swanctl.conf (cloud-end.ts) ---',
    run.cloud,
    '--- charon log (errors) ---',
    logErrors(run.outcome.log, 30) || '(none)',
    ...(run.rekey ? ['--- rekey log (errors) ---', logErrors(run.rekey.log, 20) || '(none)'] : []),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------- (a) matching ends

interface MatchCase {
  name: string;
  connection: VpnConnection;
}

const LOCAL = '172.16.10.0/24';
const REMOTE = '192.168.10.0/24';

function tunnelParams(over: { ike?: Partial<IkeConfig>; ipsec?: Partial<IpsecConfig>; dpd?: boolean; nat?: boolean } = {}): TunnelParams {
  return { ike: ikeConfig(over.ike), ipsec: ipsecConfig(over.ipsec), dpd: over.dpd ?? true, nat: over.nat ?? true };
}

/** Every algorithm the API allows on a normal gateway, in each IKE version / mode; the other algorithms rotate. */
function matchingCases(): MatchCase[] {
  const cases: MatchCase[] = [];
  const modes = [
    { label: 'IKEv2', IkeVersion: 'ikev2', IkeMode: 'main' },
    { label: 'IKEv1 main', IkeVersion: 'ikev1', IkeMode: 'main' },
    { label: 'IKEv1 aggressive', IkeVersion: 'ikev1', IkeMode: 'aggressive' },
  ] as const;
  for (const [m, mode] of modes.entries()) {
    const add = (name: string, ike: Partial<IkeConfig>, ipsec: Partial<IpsecConfig>) =>
      cases.push({ name: `${mode.label}: ${name}`, connection: singleConnection(tunnelParams({ ike: { IkeVersion: mode.IkeVersion, IkeMode: mode.IkeMode, ...ike }, ipsec }), LOCAL, REMOTE) });
    ENC.forEach((enc, i) =>
      add(`encryption ${enc}`, { IkeEncAlg: enc, IkeAuthAlg: AUTH[(i + m) % 5]!, IkePfs: DH[(i + m) % 4]! }, { IpsecEncAlg: enc, IpsecAuthAlg: AUTH[(i + m + 2) % 5]!, IpsecPfs: PFS[(i + m) % 5]! }),
    );
    AUTH.forEach((auth, i) =>
      add(`integrity ${auth}`, { IkeEncAlg: ENC[(i + m + 1) % 5]!, IkeAuthAlg: auth, IkePfs: DH[(i + m + 1) % 4]! }, { IpsecEncAlg: ENC[(i + m + 3) % 5]!, IpsecAuthAlg: auth, IpsecPfs: PFS[(i + m + 1) % 5]! }),
    );
    DH.forEach((dh, i) =>
      add(`DH ${dh}, PFS ${dh}`, { IkeEncAlg: ENC[(i + m + 2) % 5]!, IkeAuthAlg: AUTH[(i + m + 3) % 5]!, IkePfs: dh }, { IpsecEncAlg: ENC[(i + m) % 5]!, IpsecAuthAlg: AUTH[(i + m + 4) % 5]!, IpsecPfs: dh }),
    );
    add('PFS disabled', { IkeEncAlg: 'aes256', IkeAuthAlg: 'sha256', IkePfs: 'group14' }, { IpsecEncAlg: 'aes256', IpsecAuthAlg: 'sha256', IpsecPfs: 'disabled' });
  }

  const ids = (LocalId: string, RemoteId: string, IkeVersion: string, IkeMode: string) => tunnelParams({ ike: { LocalId, RemoteId, IkeVersion, IkeMode } });
  cases.push(
    // IP identities written out (the same as the defaults the other cases use by leaving them '').
    { name: 'IKEv2: explicit IP identities', connection: singleConnection(ids('%CLOUD%', '%DEVICE%', 'ikev2', 'main'), LOCAL, REMOTE) },
    { name: 'IKEv1 main: explicit IP identities', connection: singleConnection(ids('%CLOUD%', '%DEVICE%', 'ikev1', 'main'), LOCAL, REMOTE) },
    // The document: "LocalId 支持 FQDN 格式,如果您使用 FQDN 格式,协商模式建议选择为 aggressive".
    { name: 'IKEv2: FQDN identities', connection: singleConnection(ids('vpn.cloud.example.com', 'cpe.branch.example.com', 'ikev2', 'main'), LOCAL, REMOTE) },
    { name: 'IKEv1 aggressive: FQDN identities', connection: singleConnection(ids('vpn.cloud.example.com', 'cpe.branch.example.com', 'ikev1', 'aggressive'), LOCAL, REMOTE) },
    { name: 'IKEv1 aggressive: FQDN cloud, IP device', connection: singleConnection(ids('gw-1.example.net', '', 'ikev1', 'aggressive'), LOCAL, REMOTE) },
    // Several subnets: IKEv2 (the API refuses IKEv1 with several subnets, ModifyIkeV1WithMultiRoutes.Invalid).
    { name: 'IKEv2: two subnets each side', connection: singleConnection(tunnelParams(), '172.16.10.0/24,172.16.20.0/24', '192.168.10.0/24,192.168.20.0/24') },
    { name: 'IKEv2: three cloud subnets, one device subnet', connection: singleConnection(tunnelParams(), '172.16.10.0/24,172.16.11.0/24,10.50.0.0/16', '192.168.10.0/24') },
    { name: 'IKEv2: one cloud subnet, three device subnets', connection: singleConnection(tunnelParams(), '172.16.10.0/24', '192.168.10.0/24,192.168.30.0/28,192.168.40.7/32') },
    // Destination routing (route-based): 0.0.0.0/0 both sides.
    { name: 'IKEv2: 0.0.0.0/0 both sides (route-based)', connection: singleConnection(tunnelParams(), '0.0.0.0/0', '0.0.0.0/0') },
    { name: 'IKEv1 main: 0.0.0.0/0 both sides (route-based)', connection: singleConnection(tunnelParams({ ike: { IkeVersion: 'ikev1' } }), '0.0.0.0/0', '0.0.0.0/0') },
    // PSKs with every symbol the document allows, and ones a careless writer would mangle.
    { name: 'IKEv2: PSK with every allowed symbol', connection: singleConnection(tunnelParams({ ike: { Psk: "~!`@#$%^&*()_-+={}[]|;:',.<>/?aZ9" } }), LOCAL, REMOTE) },
    { name: 'IKEv1 main: PSK with a quote, a comment sign, $ and ${…}', connection: singleConnection(tunnelParams({ ike: { IkeVersion: 'ikev1', Psk: "a'b#c${x}$HOME" } }), LOCAL, REMOTE) },
    { name: 'IKEv2: PSK that looks like hex (0x…)', connection: singleConnection(tunnelParams({ ike: { Psk: '0x41424344' } }), LOCAL, REMOTE) },
    { name: 'IKEv2: PSK that looks like base64 (0s…)', connection: singleConnection(tunnelParams({ ike: { Psk: '0sQUJDRA==' } }), LOCAL, REMOTE) },
    { name: 'IKEv2: 100-character PSK', connection: singleConnection(tunnelParams({ ike: { Psk: 'k'.repeat(50) + '#'.repeat(25) + ';'.repeat(25) } }), LOCAL, REMOTE) },
    // Lifetimes at the API's bounds (0 = strongSwan's "no rekeying") and DPD off.
    { name: 'IKEv2: lifetimes 0, DPD off', connection: singleConnection(tunnelParams({ ike: { IkeLifetime: 0 }, ipsec: { IpsecLifetime: 0 }, dpd: false }), LOCAL, REMOTE) },
    { name: 'IKEv1 main: lifetimes 86400, NAT-T off', connection: singleConnection(tunnelParams({ ike: { IkeVersion: 'ikev1', IkeLifetime: 86400 }, ipsec: { IpsecLifetime: 86400 }, nat: false }), LOCAL, REMOTE) },
    // Dual-tunnel: each tunnel's own settings, two different ones.
    {
      name: 'dual tunnel: IKEv2 master, IKEv1 aggressive FQDN slave (which brings up the first subnet pair only)',
      connection: dualConnection(
        tunnelParams({ ike: { IkeEncAlg: 'aes256', IkeAuthAlg: 'sha512', IkePfs: 'group14', Psk: 'master-key' }, ipsec: { IpsecEncAlg: 'aes192', IpsecAuthAlg: 'sha384', IpsecPfs: 'group5' } }),
        tunnelParams({ ike: { IkeVersion: 'ikev1', IkeMode: 'aggressive', LocalId: 'slave.cloud.example', RemoteId: 'slave.cpe.example', Psk: 'slave-key', IkeEncAlg: '3des', IkeAuthAlg: 'md5', IkePfs: 'group1' }, ipsec: { IpsecEncAlg: 'des', IpsecAuthAlg: 'sha1', IpsecPfs: 'disabled' } }),
        '172.16.10.0/24,172.16.20.0/24',
        '192.168.10.0/24',
      ),
    },
  );
  return cases;
}

/** `%CLOUD%` / `%DEVICE%` stand for the harness's addresses, unknown until the pair runs. */
function withAddresses(c: VpnConnection, p: IkePair): VpnConnection {
  const fix = (ike: IkeConfig): IkeConfig => ({
    ...ike,
    LocalId: ike.LocalId === '%CLOUD%' ? p.cloudAddress : ike.LocalId,
    RemoteId: ike.RemoteId === '%DEVICE%' ? p.deviceAddress : ike.RemoteId,
  });
  if (c.mode === 'single') return { ...c, IkeConfig: fix(c.IkeConfig) };
  return { ...c, tunnels: [{ ...c.tunnels[0], TunnelIkeConfig: fix(c.tunnels[0].TunnelIkeConfig) }, { ...c.tunnels[1], TunnelIkeConfig: fix(c.tunnels[1].TunnelIkeConfig) }] };
}

/** A subnet list as installed selectors: all of them, or only the first for IKEv1 (one pair per Quick Mode). */
const expectedSelectors = (list: string, ikev1: boolean) => {
  const items = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return (ikev1 ? items.slice(0, 1) : items).sort();
};

// ---------------------------------------------------------------------------------------------- (b) live / draft pairs

interface Networks {
  /** LocalSubnet (the VPC side) and RemoteSubnet (the data centre), as lists. */
  local: string[];
  remote: string[];
}

const net24 = (a: number, b: number, c: number) => `${a}.${b}.${c}.0/24`;
// Two pools apart from each other and from the harness's 10.99.0.0/16 veth network: the VPC side in 172.16.0.0/14, the
// data centre in 192.168.0.0/16. "Disjoint" replacements come from 172.24.0.0/16 and 198.18.0.0/16.
const localNet = fc.tuple(fc.integer({ min: 16, max: 19 }), fc.integer({ min: 0, max: 255 })).map(([b, c]) => net24(172, b, c));
const remoteNet = fc.integer({ min: 0, max: 255 }).map((c) => net24(192, 168, c));
const disjointLocal = fc.integer({ min: 0, max: 255 }).map((c) => net24(172, 24, c));
const disjointRemote = fc.integer({ min: 0, max: 255 }).map((c) => net24(198, 18, c));

/** A /24's sub-networks and super-networks, for the subset / superset drafts. */
function subnetOf(n: string, pick: number): string {
  const [base] = n.split('/');
  const [a, b, c] = base!.split('.').map(Number) as [number, number, number];
  const prefix = [25, 26, 28, 32][pick % 4]!;
  const size = 2 ** (32 - prefix);
  const offset = (pick * size) % 256;
  return `${a}.${b}.${c}.${offset}/${prefix}`;
}
function supernetOf(n: string, pick: number): string {
  const [base] = n.split('/');
  const [a, b, c] = base!.split('.').map(Number) as [number, number, number];
  const prefix = [23, 20, 16][pick % 3]!;
  const size = 2 ** (24 - prefix);
  return prefix === 16 ? `${a}.${b}.0.0/16` : `${a}.${b}.${Math.floor(c / size) * size}.0/${prefix}`;
}

type SubnetChange = 'disjoint' | 'subset' | 'superset' | 'extra' | 'route-based';

const ikeAlgorithms = fc.record({
  IkeEncAlg: fc.constantFrom(...ENC),
  IkeAuthAlg: fc.constantFrom(...AUTH),
  IkePfs: fc.constantFrom(...DH),
});
const ipsecAlgorithms = fc.record({
  IpsecEncAlg: fc.constantFrom(...ENC),
  IpsecAuthAlg: fc.constantFrom(...AUTH),
  IpsecPfs: fc.constantFrom(...PFS),
});
// 0 = no rekeying in strongSwan; short lifetimes would rekey in the middle of a case, so 600 s at least.
const lifetime = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 600, max: 86400 }) });
// Identities: '' (the address by default), the address written out, another address, FQDNs (and one in capitals).
const CLOUD_IDS = ['', '%CLOUD%', '203.0.113.7', 'vpn.cloud.example.com', 'VPN.cloud.example.com', 'gw2.cloud.example.com'];
const DEVICE_IDS = ['', '%DEVICE%', '198.51.100.9', 'cpe.branch.example.com', 'CPE.Branch.example.com', 'cpe2.branch.example.com'];

const liveTunnel: fc.Arbitrary<TunnelParams> = fc
  .record({
    algorithms: ikeAlgorithms,
    IkeVersion: fc.constantFrom('ikev1', 'ikev2'),
    IkeMode: fc.constantFrom('main', 'aggressive'),
    Psk: pskArbitrary,
    IkeLifetime: lifetime,
    LocalId: fc.constantFrom(...CLOUD_IDS),
    RemoteId: fc.constantFrom(...DEVICE_IDS),
    ipsec: ipsecAlgorithms,
    IpsecLifetime: lifetime,
    dpd: fc.boolean(),
    nat: fc.boolean(),
  })
  .map(({ algorithms, ipsec, IpsecLifetime, dpd, nat, ...ike }) => ({
    ike: ikeConfig({ ...algorithms, ...ike }),
    ipsec: ipsecConfig({ ...ipsec, IpsecLifetime }),
    dpd,
    nat,
  }));

interface LiveDraft {
  live: VpnConnection;
  draft: VpnConnection;
  changes: string[];
}

const networksArb: fc.Arbitrary<Networks> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Networks>({ local: ['0.0.0.0/0'], remote: ['0.0.0.0/0'] }) },
  { weight: 6, arbitrary: fc.record({ local: fc.uniqueArray(localNet, { minLength: 1, maxLength: 3 }), remote: fc.uniqueArray(remoteNet, { minLength: 1, maxLength: 3 }) }) },
);

const subnetChange = fc.record({
  side: fc.constantFrom('local', 'remote', 'both'),
  kind: fc.constantFrom<SubnetChange>('disjoint', 'subset', 'superset', 'extra', 'route-based'),
  pick: fc.nat({ max: 11 }),
  local: disjointLocal,
  remote: disjointRemote,
});

/** A value for every group a draft can change; `draftChanges` keeps a few of them. */
const changeValues = fc.record({
  ikeEnc: fc.constantFrom(...ENC),
  ikeAuth: fc.constantFrom(...AUTH),
  ikeDh: fc.constantFrom(...DH),
  espEnc: fc.constantFrom(...ENC),
  espAuth: fc.constantFrom(...AUTH),
  pfs: fc.constantFrom(...PFS),
  version: fc.constant(true),
  mode: fc.constant(true),
  psk: pskArbitrary,
  localId: fc.constantFrom(...CLOUD_IDS),
  remoteId: fc.constantFrom(...DEVICE_IDS),
  subnets: subnetChange,
  ikeLifetime: lifetime,
  ipsecLifetime: lifetime,
  dpd: fc.constant(true),
  nat: fc.constant(true),
});
type AllChanges = typeof changeValues extends fc.Arbitrary<infer T> ? T : never;
type ChangeValues = Partial<AllChanges>;
// PFS and the subnets twice: the IKEv2 "fails at rekey" outcome and the selector narrowing are the subtle ones.
const CHANGE_KEYS: Array<keyof AllChanges> = [
  'ikeEnc', 'ikeAuth', 'ikeDh', 'espEnc', 'espAuth', 'pfs', 'pfs', 'version', 'mode', 'psk', 'localId', 'remoteId', 'subnets', 'subnets', 'ikeLifetime', 'ipsecLifetime', 'dpd', 'nat',
];
/** 0 to 3 groups per draft (one most often): more and nearly every draft fails phase 1, which proves little. */
const draftChanges: fc.Arbitrary<ChangeValues> = fc
  .tuple(
    changeValues,
    fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.constant(1) }, { weight: 3, arbitrary: fc.constant(2) }, { weight: 1, arbitrary: fc.constant(3) }),
    fc.shuffledSubarray(CHANGE_KEYS, { minLength: 3, maxLength: 3 }),
  )
  .map(([values, count, keys]) => Object.fromEntries(keys.slice(0, count).map((k) => [k, values[k]])) as ChangeValues);

function changeList(list: string[], kind: SubnetChange, pick: number, fresh: string): string[] {
  if (list[0] === '0.0.0.0/0') return kind === 'route-based' ? list : [fresh];
  switch (kind) {
    case 'disjoint':
      return [fresh];
    case 'subset':
      return [subnetOf(list[0]!, pick), ...list.slice(1)];
    case 'superset':
      return [supernetOf(list[0]!, pick), ...list.slice(1)];
    case 'extra':
      return [...list, fresh];
    case 'route-based':
      return ['0.0.0.0/0'];
  }
}

function changeTunnel(t: TunnelParams, change: ChangeValues): TunnelParams {
  const ike = { ...t.ike };
  const ipsec = { ...t.ipsec };
  if (change.ikeEnc) ike.IkeEncAlg = change.ikeEnc;
  if (change.ikeAuth) ike.IkeAuthAlg = change.ikeAuth;
  if (change.ikeDh) ike.IkePfs = change.ikeDh;
  if (change.espEnc) ipsec.IpsecEncAlg = change.espEnc;
  if (change.espAuth) ipsec.IpsecAuthAlg = change.espAuth;
  if (change.pfs) ipsec.IpsecPfs = change.pfs;
  if (change.version) ike.IkeVersion = ike.IkeVersion === 'ikev1' ? 'ikev2' : 'ikev1';
  if (change.mode) ike.IkeMode = ike.IkeMode === 'main' ? 'aggressive' : 'main';
  if (change.psk !== undefined) ike.Psk = change.psk;
  if (change.localId !== undefined) ike.LocalId = change.localId;
  if (change.remoteId !== undefined) ike.RemoteId = change.remoteId;
  if (change.ikeLifetime !== undefined) ike.IkeLifetime = change.ikeLifetime;
  if (change.ipsecLifetime !== undefined) ipsec.IpsecLifetime = change.ipsecLifetime;
  return { ike, ipsec, dpd: change.dpd ? !t.dpd : t.dpd, nat: change.nat ? !t.nat : t.nat };
}

function changeNetworks(n: Networks, change: ChangeValues['subnets']): Networks {
  if (!change) return n;
  if (change.kind === 'route-based') return { local: ['0.0.0.0/0'], remote: ['0.0.0.0/0'] };
  // Leaving route-based changes both sides: the API refuses 0.0.0.0/0 on one side only.
  const fromRouteBased = n.local[0] === '0.0.0.0/0';
  return {
    local: change.side !== 'remote' || fromRouteBased ? changeList(n.local, change.kind, change.pick, change.local) : n.local,
    remote: change.side !== 'local' || fromRouteBased ? changeList(n.remote, change.kind, change.pick, change.remote) : n.remote,
  };
}

/** The API refuses IKEv1 with several subnets (a live connection never has it, a draft may not introduce it). */
const firstPairIfIkeV1 = (n: Networks, tunnels: readonly TunnelParams[]): Networks =>
  tunnels.some((t) => t.ike.IkeVersion === 'ikev1') ? { local: n.local.slice(0, 1), remote: n.remote.slice(0, 1) } : n;

const build = (tunnels: readonly TunnelParams[], n: Networks): VpnConnection =>
  tunnels.length === 1 ? singleConnection(tunnels[0]!, n.local.join(','), n.remote.join(',')) : dualConnection(tunnels[0]!, tunnels[1]!, n.local.join(','), n.remote.join(','));

/** Single-tunnel mostly; dual-tunnel with the draft changing the master, the slave or both tunnels. */
const liveDraft: fc.Arbitrary<LiveDraft> = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: fc.tuple(liveTunnel) }, { weight: 1, arbitrary: fc.tuple(liveTunnel, liveTunnel) }),
    networksArb,
    draftChanges,
    fc.constantFrom('master', 'slave', 'both'),
  )
  .map(([tunnels, networks, change, target]): LiveDraft => {
    const liveNets = firstPairIfIkeV1(networks, tunnels);
    const draftTunnels = tunnels.map((t, i) => (tunnels.length === 1 || target === 'both' || (i === 0) === (target === 'master') ? changeTunnel(t, change) : t));
    const draftNets = firstPairIfIkeV1(changeNetworks(liveNets, change.subnets), draftTunnels);
    const changes = Object.keys(change);
    return { live: build(tunnels, liveNets), draft: build(draftTunnels, draftNets), changes: tunnels.length === 1 ? changes : [`${target}:`, ...changes] };
  });

const predictionOf = (t: TunnelPrecheck | undefined): Real | undefined => (t ? { ike: t.ike, child: t.ike === 'fails' ? 'fails' : t.child } : undefined);

/**
 * The selectors the pre-check says the device ends up with: its own (the first pair for IKEv1), or the narrowed
 * result of a `peer.tsNarrowed` warning (path LocalSubnet = the cloud's networks = the device's remote selectors).
 */
function predictedSelectors(t: TunnelPrecheck, device: { localSubnets: string[]; remoteSubnets: string[] }, ikev1: boolean): { local: string[]; remote: string[] } {
  const narrowed = (path: string) => {
    const result = t.reasons.find((r) => r.code === 'peer.tsNarrowed' && r.path === path)?.params?.result;
    return result === undefined ? undefined : String(result).split(', ');
  };
  const own = (list: string[]) => (ikev1 ? list.slice(0, 1) : list);
  return { local: narrowed('RemoteSubnet') ?? own(device.localSubnets), remote: narrowed('LocalSubnet') ?? own(device.remoteSubnets) };
}
const sameSet = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

// ---------------------------------------------------------------------------------------------- the tests

describe.skipIf(skipReason !== undefined)('real IKE: two strongSwan daemons in network namespaces', () => {
  beforeAll(async () => {
    pair = await startPair();
  });
  afterAll(async () => {
    await pair?.stop();
  });

  test('the generated device configuration negotiates with the cloud end of the same connection', async () => {
    const p = pair!;
    const failures: string[] = [];
    let negotiated = 0;
    let runs = 0;
    let rekeyed = 0;
    const cases = matchingCases();
    for (const c of cases) {
      const connection = withAddresses(c.connection, p);
      for (const key of tunnelKeys(connection)) {
        const run = await negotiateTunnel(p, connection, connection, key);
        runs++;
        const problems: string[] = [];
        if (run.outcome.ike !== 'up') problems.push('IKE SA not established');
        else if (run.outcome.child !== 'up') problems.push('CHILD SA not installed');
        else {
          // The selectors installed on the device: its subnets (RemoteSubnet) ↔ the cloud's (LocalSubnet); IKEv1
          // brings up only the first pair.
          const v1 = tunnelIke(connection, key).IkeVersion === 'ikev1';
          const expectLocal = expectedSelectors(connection.RemoteSubnet, v1);
          const expectRemote = expectedSelectors(connection.LocalSubnet, v1);
          const got = run.outcome.installedTs!;
          if (JSON.stringify([...got.local].sort()) !== JSON.stringify(expectLocal) || JSON.stringify([...got.remote].sort()) !== JSON.stringify(expectRemote)) {
            problems.push(`installed selectors ${JSON.stringify(got)}, expected ${JSON.stringify({ local: expectLocal, remote: expectRemote })}`);
          }
          if (run.rekey) {
            if (run.rekey.survived) rekeyed++;
            else problems.push('the forced CHILD_SA rekey failed');
          }
        }
        if (problems.length === 0) negotiated++;
        else failures.push(describeRun(run, [`=== ${c.name} (${key}): ${problems.join('; ')}`]));
      }
    }
    console.log(`real IKE: ${negotiated} configurations negotiated (${rekeyed} IKEv2 CHILD_SAs rekeyed), ${failures.length} failed`);
    expect(failures.join('\n\n')).toBe('');
    expect(negotiated).toBe(runs);
  });

  test('the pre-check predicts what real strongSwan does for 200 random (live, draft) pairs', async () => {
    const p = pair!;
    // A fixed seed keeps the layer reproducible and inside its time budget; IKE_SEED / IKE_RUNS explore further.
    const RUNS = Math.max(200, Number(process.env.IKE_RUNS ?? 200));
    const SEED = Number(process.env.IKE_SEED ?? 0x1616);
    const samples = fc.sample(liveDraft, { numRuns: RUNS, seed: SEED });
    const duals = samples.filter((x) => x.live.mode === 'dual').length;
    const disagreements: string[] = [];
    const invalid: string[] = [];
    const selectorMisses: string[] = [];
    const tally = new Map<string, number>();
    let agreeing = 0;
    let selectorsCompared = 0;
    for (const [i, sample] of samples.entries()) {
      const live = withAddresses(sample.live, p);
      const draft = withAddresses(sample.draft, p);
      // The generator must produce drafts the app would accept, or the comparison means nothing.
      const issues = validate(draft, { VpnType: 'Normal', otherConnections: [] });
      if (issues.length > 0) invalid.push(`#${i}: ${JSON.stringify(issues)}`);
      const profile = mirrorPeer(live, addressesFor(p));
      const prediction = precheck(draft, profile);
      const failed: string[] = [];
      for (const key of tunnelKeys(draft)) {
        const predictedTunnel = prediction.tunnels.find((t) => t.tunnel === key);
        const predicted = predictionOf(predictedTunnel);
        const run = await negotiateTunnel(p, live, draft, key);
        const label = `ike=${run.real.ike} child=${run.real.child}`;
        tally.set(label, (tally.get(label) ?? 0) + 1);
        // Where a CHILD came up, the installed selectors (after strongSwan's narrowing) are the pre-check's too.
        if (predictedTunnel && run.outcome.installedTs && predicted?.child !== 'fails') {
          selectorsCompared++;
          const expected = predictedSelectors(predictedTunnel, profile.tunnels[key]!, tunnelIke(draft, key).IkeVersion === 'ikev1');
          const got = run.outcome.installedTs;
          if (!sameSet(expected.local, got.local) || !sameSet(expected.remote, got.remote)) {
            selectorMisses.push(describeRun(run, [`=== case #${i}, tunnel ${key}: installed ${JSON.stringify(got)}, pre-check says ${JSON.stringify(expected)}`, `live  ${JSON.stringify(live)}`, `draft ${JSON.stringify(draft)}`]));
          }
        }
        if (!predicted || predicted.ike !== run.real.ike || predicted.child !== run.real.child) {
          failed.push(
            describeRun(run, [
              `=== case #${i} (${draft.mode}), tunnel ${key}: changes [${sample.changes.join(' ')}]`,
              `predicted ${JSON.stringify(predicted)}, reasons ${JSON.stringify(predictedTunnel?.reasons.map((r) => `${r.severity} ${r.code} ${r.path}`))}`,
              `live  ${JSON.stringify(live)}`,
              `draft ${JSON.stringify(draft)}`,
            ]),
          );
        }
      }
      if (failed.length === 0) agreeing++;
      else disagreements.push(...failed);
    }
    console.log(`real IKE: ${RUNS} property cases, ${agreeing} agreeing (seed ${SEED}; ${RUNS - duals} single-tunnel, ${duals} dual-tunnel; per tunnel ${[...tally].map(([k, n]) => `${k}: ${n}`).join(', ')})`);
    console.log(`real IKE: installed selectors compared in ${selectorsCompared} tunnels, ${selectorsCompared - selectorMisses.length} as predicted`);
    if (disagreements.length > 0) console.log(disagreements.join('\n\n'));
    if (selectorMisses.length > 0) console.log(selectorMisses.join('\n\n'));
    expect(invalid).toEqual([]);
    expect(disagreements.length, disagreements.join('\n\n')).toBe(0);
    expect(selectorMisses.length, selectorMisses.join('\n\n')).toBe(0);
    // The sample must exercise every outcome, or agreement would be cheap.
    for (const label of ['ike=ok child=ok', 'ike=fails child=fails', 'ike=ok child=fails', 'ike=ok child=fails-at-rekey']) expect(tally.get(label) ?? 0, label).toBeGreaterThan(0);
  });

  // Identities as strongSwan matches them (typed: IP, FQDN, user@FQDN, DN; '*' wildcards): one named pair per row, so
  // each kind of identity the pre-check and strongSwan may disagree on shows as its own result.
  const IDENTITY_PAIRS: ReadonlyArray<{ name: string; live: Partial<IkeConfig>; draft: Partial<IkeConfig> }> = [
    { name: 'LocalId left empty, then the cloud address written out', live: { LocalId: '' }, draft: { LocalId: '%CLOUD%' } },
    { name: 'RemoteId: another FQDN', live: { RemoteId: 'cpe.branch.example.com' }, draft: { RemoteId: 'cpe2.branch.example.com' } },
    { name: 'LocalId: the same FQDN in other letter case', live: { LocalId: 'vpn.cloud.example.com' }, draft: { LocalId: 'VPN.Cloud.Example.COM' } },
    { name: 'LocalId: @-prefixed FQDN, then without the @', live: { LocalId: '@vpn.cloud.example.com' }, draft: { LocalId: 'vpn.cloud.example.com' } },
    { name: 'RemoteId: the same user@FQDN in other letter case', live: { RemoteId: 'cpe@branch.example.com' }, draft: { RemoteId: 'CPE@Branch.example.com' } },
    { name: 'RemoteId: the same DN in other letter case', live: { RemoteId: 'CN=cpe-branch' }, draft: { RemoteId: 'cn=CPE-branch' } },
    { name: 'RemoteId: a wildcard the device identity falls under', live: { RemoteId: 'cpe.branch.example.com' }, draft: { RemoteId: '*.branch.example.com' } },
    { name: 'LocalId: a concrete FQDN under the wildcard the device expects', live: { LocalId: '*.cloud.example.com' }, draft: { LocalId: 'vpn.cloud.example.com' } },
    { name: 'LocalId: the same wildcard on both ends', live: { LocalId: '*.cloud.example.com' }, draft: { LocalId: '*.cloud.example.com' } },
  ];
  const ID_MODES = [
    { label: 'IKEv2', IkeVersion: 'ikev2', IkeMode: 'main' },
    { label: 'IKEv1 main', IkeVersion: 'ikev1', IkeMode: 'main' },
    { label: 'IKEv1 aggressive', IkeVersion: 'ikev1', IkeMode: 'aggressive' },
  ] as const;
  test.for(ID_MODES.flatMap((mode) => IDENTITY_PAIRS.map((pair) => ({ ...pair, mode }))))('identity pair, $mode.label: $name', async ({ live: liveIds, draft: draftIds, mode }) => {
    const p = pair!;
    const make = (ids: Partial<IkeConfig>) => withAddresses(singleConnection(tunnelParams({ ike: { IkeVersion: mode.IkeVersion, IkeMode: mode.IkeMode, ...ids } }), LOCAL, REMOTE), p);
    const live = make(liveIds);
    const draft = make(draftIds);
    const predicted = predictionOf(precheck(draft, mirrorPeer(live, addressesFor(p))).tunnels[0]);
    const run = await negotiateTunnel(p, live, draft, 'single');
    expect(predicted, describeRun(run, [`predicted ${JSON.stringify(predicted)}`])).toEqual(run.real);
  });
});

if (skipReason !== undefined) {
  test.skip(`real IKE layer: ${skipReason}`, () => undefined);
}
