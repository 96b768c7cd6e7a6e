// The peer device's costs: the pre-check of one dual-tunnel draft per keystroke (the Peer column and the preview's
// impact line run it on every edit), the device configuration of a dual-tunnel connection, and the pre-check of a
// fleet of 2,000 connections against their devices. Limits from issue [Peer]: a dual-tunnel device configuration
// ≤ 5 ms, 2,000 pre-checks ≤ 200 ms; the keystroke → preview with the Peer column (p95 ≤ 8 ms) is measured in the
// browser by renderer.bench.ts, of which the pre-check is this file's first figure.
import './support/zod-jitless.ts';
import { parseDescribeConnectionOrThrow, setField, type VpnConnection } from '../core/index.ts';
import { mirrorPeer, type PeerAddresses } from '../core/peer/mirror.ts';
import { precheck, precheckSummary } from '../core/peer/precheck.ts';
import { strongswan } from '../core/peer/vendors/strongswan/index.ts';
import { figure, percentile, runIfMain, type BenchReport } from './report.ts';

const ike = (psk: string) => ({ Psk: psk, IkeVersion: 'ikev2', IkeMode: 'main', IkeEncAlg: 'aes', IkeAuthAlg: 'sha1', IkePfs: 'group2', IkeLifetime: 86400, LocalId: '', RemoteId: '' });
const ipsec = { IpsecEncAlg: 'aes', IpsecAuthAlg: 'sha1', IpsecPfs: 'group2', IpsecLifetime: 86400 };
const tunnel = (role: 'master' | 'slave', n: number) => ({
  TunnelId: `tun-${n}-${role}`, Role: role, CustomerGatewayId: `cgw-${n}-${role}`, EnableDpd: 'true', EnableNatTraversal: 'true', RemoteCaCertificate: '',
  TunnelIkeConfig: ike(`key-${n}-${role}`), TunnelIpsecConfig: ipsec,
  TunnelBgpConfig: { LocalAsn: '65530', TunnelCidr: `169.254.${n % 250}.${role === 'master' ? 0 : 4}/30`, LocalBgpIp: `169.254.${n % 250}.${role === 'master' ? 1 : 5}` },
});
const dual = (n: number): VpnConnection =>
  parseDescribeConnectionOrThrow({
    VpnConnectionId: `vco-d${n}`, VpnGatewayId: 'vpn-bench', Name: `dual-${n}`, LocalSubnet: `10.${n % 250}.0.0/16,10.${(n + 1) % 250}.0.0/16`,
    RemoteSubnet: `172.20.${n % 250}.0/24`, EffectImmediately: false, EnableTunnelsBgp: 'true',
    TunnelOptionsSpecification: { TunnelOptions: [tunnel('master', n), tunnel('slave', n)] },
  });
const single = (n: number): VpnConnection =>
  parseDescribeConnectionOrThrow({
    VpnConnectionId: `vco-s${n}`, VpnGatewayId: 'vpn-bench', CustomerGatewayId: `cgw-${n}`, Name: `single-${n}`, LocalSubnet: `10.${n % 250}.1.0/24`,
    RemoteSubnet: `172.16.${n % 250}.0/24`, EffectImmediately: false, EnableDpd: true, EnableNatTraversal: true, IkeConfig: ike(`key-${n}`), IpsecConfig: ipsec,
  });
const addresses = (n: number): PeerAddresses => ({
  single: { cloudAddress: `47.96.${n % 250}.1`, deviceAddress: `203.0.${n % 250}.9` },
  master: { cloudAddress: `47.96.${n % 250}.1`, deviceAddress: `203.0.${n % 250}.9` },
  slave: { cloudAddress: `47.96.${n % 250}.2`, deviceAddress: `203.0.${n % 250}.10` },
});

function time(samples: number, work: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    work(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export async function run(): Promise<BenchReport> {
  const live = dual(0);
  const device = mirrorPeer(live, addresses(0));
  const encs = ['aes256', 'aes192', 'aes'];
  // Warm-up, then one keystroke = one new draft + its pre-check + the impact line.
  time(300, (i) => precheckSummary(precheck(setField(live, 'TunnelOptionsSpecification.2.TunnelIkeConfig.IkeEncAlg', encs[i % 3]), device)));
  const keystroke = time(3000, (i) => precheckSummary(precheck(setField(live, 'TunnelOptionsSpecification.2.TunnelIkeConfig.IkeEncAlg', encs[i % 3]), device)));

  time(50, () => strongswan.generate(device, { format: 'swanctl', includeSecrets: true }));
  const swanctl = time(500, () => strongswan.generate(mirrorPeer(live, addresses(0)), { format: 'swanctl', includeSecrets: true }));
  const ipsecConf = time(500, () => strongswan.generate(mirrorPeer(live, addresses(0)), { format: 'ipsec.conf', includeSecrets: true }));
  const text = strongswan.generate(device, { format: 'swanctl', includeSecrets: true }).text;
  const imported = time(500, () => strongswan.import(text, 'swanctl'));

  // A fleet: half single, half dual, each device the mirror of its live connection, each draft one changed field.
  const fleet = Array.from({ length: 2000 }, (_, n) => {
    const c = n % 2 === 0 ? single(n) : dual(n);
    const draft = c.mode === 'single' ? setField(c, 'IkeConfig.IkeEncAlg', 'aes256') : setField(c, 'TunnelOptionsSpecification.1.TunnelIpsecConfig.IpsecPfs', 'group14');
    return { draft, device: mirrorPeer(c, addresses(n)) };
  });
  const fleetRuns = time(7, () => {
    let failing = 0;
    for (const { draft, device: d } of fleet) if (precheck(draft, d).verdict !== 'negotiates') failing += 1;
    if (failing !== fleet.length) throw new Error(`expected every fleet draft to break at its device, ${failing} did`);
  });
  return {
    name: 'peer: pre-check and device configuration',
    figures: [
      figure('pre-check + impact line, dual-tunnel keystroke (p50)', percentile(keystroke, 50), 'ms'),
      figure('pre-check + impact line, dual-tunnel keystroke (p95)', percentile(keystroke, 95), 'ms', 8, 'the whole keystroke → preview in the browser: renderer.bench.ts'),
      figure('device configuration, dual-tunnel swanctl.conf (p95)', percentile(swanctl, 95), 'ms', 5),
      figure('device configuration, dual-tunnel ipsec.conf (p95)', percentile(ipsecConf, 95), 'ms', 5),
      figure('import dual-tunnel swanctl.conf (p95)', percentile(imported, 95), 'ms'),
      figure('pre-check of 2,000 connections (median of 7)', percentile(fleetRuns, 50), 'ms', 200),
    ],
  };
}

await runIfMain(import.meta.url, run);
