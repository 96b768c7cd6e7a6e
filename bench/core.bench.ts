// validate + diff + build for single- and dual-tunnel connections, as the renderer runs them on every keystroke.
// The gateway context holds 20 sibling connections so the cross-connection rules (TunnelCidr uniqueness, same
// customer gateway) do realistic work, and the ASNs of 2,000 customer gateways, as the renderer passes them. Zod
// runs without its JIT, as in the renderer (its CSP forbids eval). Limit: 1 ms median per validate+diff+build.
import './support/zod-jitless.ts';
import { buildModifyRequest, diffConnections, parseDescribeConnectionOrThrow, setField, validate, type GatewayContext, type VpnConnection } from '../core/index.ts';
import { figure, percentile, runIfMain, type BenchFigure, type BenchReport } from './report.ts';

const LIMIT_MS = 1;
const WARMUP = 300;
const SAMPLES = 3000;

function ike(psk: string, version = 'ikev2') {
  return { Psk: psk, IkeVersion: version, IkeMode: 'main', IkeEncAlg: 'aes', IkeAuthAlg: 'sha1', IkePfs: 'group2', IkeLifetime: 86400, LocalId: '116.64.1.1', RemoteId: '139.18.1.1' };
}
const ipsec = { IpsecEncAlg: 'aes', IpsecAuthAlg: 'sha1', IpsecPfs: 'group2', IpsecLifetime: 86400 };

function singleBody(n: number): unknown {
  return {
    VpnConnectionId: `vco-s${n}`, VpnGatewayId: 'vpn-bench', CustomerGatewayId: `cgw-${n % 5}`, Name: `conn-${n}`,
    LocalSubnet: `10.${n}.1.0/24,10.${n}.2.0/24`, RemoteSubnet: `172.16.${n}.0/24`, EffectImmediately: false, EnableDpd: true, EnableNatTraversal: true,
    IkeConfig: ike(`key-${n % 5}`), IpsecConfig: ipsec,
    VcoHealthCheck: { Dip: '192.168.1.1', Sip: '10.1.1.1', Interval: 3, Retry: 3, Enable: 'true' },
    VpnBgpConfig: { EnableBgp: 'true', LocalAsn: 65530, TunnelCidr: `169.254.${20 + n}.0/30`, LocalBgpIp: `169.254.${20 + n}.1` },
  };
}

function tunnel(role: 'master' | 'slave', n: number, third: number): unknown {
  return {
    TunnelId: `tun-${n}-${role}`, Role: role, CustomerGatewayId: `cgw-d${n}-${role}`, EnableDpd: 'true', EnableNatTraversal: 'true', RemoteCaCertificate: '',
    TunnelIkeConfig: { ...ike(`tkey-${n}`), IkeLifetime: '86400' }, TunnelIpsecConfig: { ...ipsec, IpsecLifetime: '86400' },
    TunnelBgpConfig: { LocalAsn: '65530', TunnelCidr: `169.254.${third}.0/30`, LocalBgpIp: `169.254.${third}.1` },
  };
}

function dualBody(n: number): unknown {
  return {
    VpnConnectionId: `vco-d${n}`, VpnGatewayId: 'vpn-bench', Name: `dual-${n}`, LocalSubnet: `10.${100 + n}.0.0/16,10.${150 + n}.0.0/16`,
    RemoteSubnet: `172.20.${n}.0/24`, EffectImmediately: false, EnableTunnelsBgp: 'true',
    TunnelOptionsSpecification: { TunnelOptions: [tunnel('master', n, 100 + 2 * n), tunnel('slave', n, 101 + 2 * n)] },
  };
}

const others: VpnConnection[] = [
  ...Array.from({ length: 10 }, (_, i) => parseDescribeConnectionOrThrow(singleBody(i + 1))),
  ...Array.from({ length: 10 }, (_, i) => parseDescribeConnectionOrThrow(dualBody(i + 1))),
];
const customerGatewayAsns = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`cgw-bench-${i}`, i % 3 === 0 ? '' : String(65000 + i)]));
const context: GatewayContext = { VpnType: 'Normal', otherConnections: others, customerGatewayAsns };

interface Timing {
  total: number[];
  validate: number[];
  diff: number[];
  build: number[];
}

/** One simulated keystroke: the draft gets a new value, then the UI validates, diffs and builds the request. */
function measure(live: VpnConnection, editPath: string, values: readonly string[]): Timing {
  const t: Timing = { total: [], validate: [], diff: [], build: [] };
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const draft = setField(live, editPath, values[i % values.length]);
    const t0 = performance.now();
    const issues = validate(draft, context);
    const t1 = performance.now();
    const rows = diffConnections(live, draft);
    const t2 = performance.now();
    const built = buildModifyRequest(live, draft, context, { RegionId: 'cn-hangzhou' });
    const t3 = performance.now();
    if (issues.length > 0 || rows.length === 0 || !built.ok) throw new Error(`bench draft unexpectedly invalid at ${editPath}`);
    if (i >= WARMUP) {
      t.total.push(t3 - t0);
      t.validate.push(t1 - t0);
      t.diff.push(t2 - t1);
      t.build.push(t3 - t2);
    }
  }
  return t;
}

function figuresFor(label: string, t: Timing): BenchFigure[] {
  return [
    figure(`validate+diff+build ${label} (median)`, percentile(t.total, 50), 'ms', LIMIT_MS),
    figure(`validate+diff+build ${label} (p95)`, percentile(t.total, 95), 'ms', undefined, 'context: tail latency per keystroke'),
    figure(`validate ${label} (median)`, percentile(t.validate, 50), 'ms'),
    figure(`diff ${label} (median)`, percentile(t.diff, 50), 'ms'),
    figure(`build ${label} (median)`, percentile(t.build, 50), 'ms', undefined, 'includes its own validate'),
  ];
}

export async function run(): Promise<BenchReport> {
  const single = parseDescribeConnectionOrThrow({ ...(singleBody(0) as object), VpnConnectionId: 'vco-live', CustomerGatewayId: 'cgw-live', VpnBgpConfig: { EnableBgp: 'true', LocalAsn: 65530, TunnelCidr: '169.254.250.0/30', LocalBgpIp: '169.254.250.1' } });
  const dual = parseDescribeConnectionOrThrow({ ...(dualBody(0) as object), VpnConnectionId: 'vco-live-dual', TunnelOptionsSpecification: { TunnelOptions: [tunnel('master', 0, 240), tunnel('slave', 0, 241)] } });
  const singleTiming = measure(single, 'IkeConfig.Psk', ['typed1', 'typed12', 'typed123']);
  const dualTiming = measure(dual, 'TunnelOptionsSpecification.2.TunnelIkeConfig.Psk', ['typed1', 'typed12', 'typed123']);
  return {
    name: 'core: validate + diff + build per keystroke',
    figures: [...figuresFor('single-tunnel', singleTiming), ...figuresFor('dual-tunnel', dualTiming), figure('samples per case', SAMPLES, 'count')],
  };
}

await runIfMain(import.meta.url, run);
