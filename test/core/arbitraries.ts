// fast-check generators of connections that satisfy every rule on a normal gateway with no sibling connections.
import fc from 'fast-check';
import { PSK_SYMBOLS } from '../../core/rules/ike-ipsec.ts';
import type { DualTunnelConnection, IkeConfig, IpsecConfig, SingleTunnelConnection, TunnelOptions, VpnConnection } from '../../core/index.ts';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const pskChars = [...ALNUM, ...PSK_SYMBOLS];

export const psk = fc.string({ unit: fc.constantFrom(...pskChars), minLength: 1, maxLength: 100 });
export const ikeId = fc.string({ unit: fc.constantFrom(...ALNUM, '.', '-', '='), maxLength: 100 });
export const name = fc
  .string({ minLength: 1, maxLength: 100, unit: 'grapheme-ascii' })
  .filter((s) => !/^https?:\/\//i.test(s));

const ipv4Int = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
export const ipv4 = ipv4Int.map(intToIp);

const network = fc.record({ addr: ipv4Int, prefix: fc.integer({ min: 1, max: 32 }) }).map(({ addr, prefix }) => {
  const size = 2 ** (32 - prefix);
  return `${intToIp(Math.floor(addr / size) * size)}/${prefix}`;
});
const networkList = fc.uniqueArray(network, { minLength: 1, maxLength: 3 }).map((l) => l.join(','));

/** A (local, remote) pair: destination routing on both sides, or specific networks on both. */
const subnets = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ LocalSubnet: '0.0.0.0/0', RemoteSubnet: '0.0.0.0/0' }) },
  { weight: 4, arbitrary: fc.record({ LocalSubnet: networkList, RemoteSubnet: networkList }) },
);

export const asn = fc.oneof(
  fc.integer({ min: 1, max: 4294967295 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 1, max: 65535 })).map(([h, l]) => `${h}.${l}`),
  fc.constant(''),
);

/** Index of a usable /30 in 169.254.0.0/16: skips 169.254.0–6.0/30 and 169.254.169.252/30. */
const tunnelCidrStart = fc
  .integer({ min: 0, max: 16383 })
  .filter((i) => !(i % 64 === 0 && i / 64 <= 6) && i !== 169 * 64 + 63)
  .map((i) => 0xa9fe0000 + i * 4);

function bgpFor(start: number, hostOffset: 1 | 2, localAsn: string) {
  return { TunnelCidr: `${intToIp(start)}/30`, LocalBgpIp: intToIp(start + hostOffset), LocalAsn: localAsn };
}

const ike = (ikeVersion: fc.Arbitrary<string>): fc.Arbitrary<IkeConfig> =>
  fc.record({
    Psk: psk,
    IkeVersion: ikeVersion,
    IkeMode: fc.constantFrom('main', 'aggressive'),
    IkeEncAlg: fc.constantFrom('aes', 'aes192', 'aes256', 'des', '3des'),
    IkeAuthAlg: fc.constantFrom('md5', 'sha1', 'sha256', 'sha384', 'sha512'),
    IkePfs: fc.constantFrom('group1', 'group2', 'group5', 'group14'),
    IkeLifetime: fc.integer({ min: 0, max: 86400 }),
    LocalId: ikeId,
    RemoteId: ikeId,
  });

const ipsec: fc.Arbitrary<IpsecConfig> = fc.record({
  IpsecEncAlg: fc.constantFrom('aes', 'aes192', 'aes256', 'des', '3des'),
  IpsecAuthAlg: fc.constantFrom('md5', 'sha1', 'sha256', 'sha384', 'sha512'),
  IpsecPfs: fc.constantFrom('disabled', 'group1', 'group2', 'group5', 'group14'),
  IpsecLifetime: fc.integer({ min: 0, max: 86400 }),
});

const isMulti = (s: { LocalSubnet: string; RemoteSubnet: string }) => s.LocalSubnet.includes(',') || s.RemoteSubnet.includes(',');

const common = {
  VpnConnectionId: fc.constant('vco-prop'),
  VpnGatewayId: fc.constant('vpn-prop'),
  Name: name,
  EffectImmediately: fc.boolean(),
  AutoConfigRoute: fc.option(fc.boolean(), { nil: undefined }),
};

export const singleConnection: fc.Arbitrary<SingleTunnelConnection> = subnets.chain((s) =>
  fc
    .record({
      ...common,
      IkeConfig: ike(isMulti(s) ? fc.constant('ikev2') : fc.constantFrom('ikev1', 'ikev2')),
      IpsecConfig: ipsec,
      health: fc.record({ enable: fc.boolean(), dip: ipv4, sip: ipv4, interval: fc.integer({ min: 1, max: 60 }), retry: fc.integer({ min: 1, max: 10 }) }),
      bgpOn: fc.boolean(),
      cidr: tunnelCidrStart,
      host: fc.constantFrom(1 as const, 2 as const),
      asn,
      EnableDpd: fc.boolean(),
      EnableNatTraversal: fc.boolean(),
    })
    .map(({ health, bgpOn, cidr, host, asn: localAsn, AutoConfigRoute, ...rest }): SingleTunnelConnection => ({
      mode: 'single',
      ...rest,
      ...(AutoConfigRoute !== undefined && { AutoConfigRoute }),
      ...s,
      CustomerGatewayId: 'cgw-prop',
      HealthCheckConfig: health,
      BgpConfig: { EnableBgp: bgpOn, ...bgpFor(cidr, host, localAsn) },
      RemoteCaCertificate: '',
    })),
);

const tunnel = (role: 'master' | 'slave', cidrStart: number, multi: boolean): fc.Arbitrary<TunnelOptions> =>
  fc
    .record({
      EnableDpd: fc.boolean(),
      EnableNatTraversal: fc.boolean(),
      TunnelIkeConfig: ike(multi ? fc.constant('ikev2') : fc.constantFrom('ikev1', 'ikev2')),
      TunnelIpsecConfig: ipsec,
      host: fc.constantFrom(1 as const, 2 as const),
      asn,
    })
    .map(({ host, asn: localAsn, ...rest }) => ({
      TunnelId: `tun-${role}`,
      Role: role,
      CustomerGatewayId: `cgw-${role}`,
      RemoteCaCertificate: '',
      ...rest,
      TunnelBgpConfig: bgpFor(cidrStart, host, localAsn),
    }));

export const dualConnection: fc.Arbitrary<DualTunnelConnection> = fc
  .tuple(subnets, fc.uniqueArray(tunnelCidrStart, { minLength: 2, maxLength: 2 }))
  .chain(([s, [c1 = 0, c2 = 0]]) =>
    fc.record({ ...common, EnableTunnelsBgp: fc.boolean(), master: tunnel('master', c1, isMulti(s)), slave: tunnel('slave', c2, isMulti(s)) }).map(
      ({ master, slave, AutoConfigRoute, ...rest }): DualTunnelConnection => ({
        mode: 'dual',
        ...rest,
        ...(AutoConfigRoute !== undefined && { AutoConfigRoute }),
        ...s,
        tunnels: [master, slave],
      }),
    ),
  );

export const anyConnection: fc.Arbitrary<VpnConnection> = fc.oneof(singleConnection, dualConnection);

/** Two valid states of the same connection (same mode, ids, tunnels): a live one and a draft. */
export const liveAndDraft: fc.Arbitrary<[VpnConnection, VpnConnection]> = fc
  .oneof(fc.tuple(singleConnection, singleConnection), fc.tuple(dualConnection, dualConnection))
  // A draft starts as a copy of live, so once live knows AutoConfigRoute the draft knows it too.
  .map(([live, draft]): [VpnConnection, VpnConnection] =>
    live.AutoConfigRoute !== undefined && draft.AutoConfigRoute === undefined ? [live, { ...draft, AutoConfigRoute: live.AutoConfigRoute }] : [live, draft],
  )
  // The tunnel ASN may only change with tunnel BGP on (a builder rule), so a BGP-off draft keeps live's ASNs.
  .map(([live, draft]): [VpnConnection, VpnConnection] => {
    if (live.mode !== 'dual' || draft.mode !== 'dual' || draft.EnableTunnelsBgp) return [live, draft];
    const keep = (i: 0 | 1) => ({ ...draft.tunnels[i], TunnelBgpConfig: { ...draft.tunnels[i].TunnelBgpConfig, LocalAsn: live.tunnels[i].TunnelBgpConfig.LocalAsn } });
    return [live, { ...draft, tunnels: [keep(0), keep(1)] }];
  });
