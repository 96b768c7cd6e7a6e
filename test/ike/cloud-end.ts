// The CLOUD end of a tunnel as a strongSwan swanctl.conf, built from a VpnConnection: what Alibaba Cloud's VPN gateway
// would run for that connection, played by a real charon in the real-IKE tests. Written independently of the app's
// device-side generator (core/peer/vendors/strongswan, deliberately not imported) so the two cross-check each other.
//
// Sources cited on each mapping line:
//   [API]   ModifyVpnConnectionAttribute (../shared/seed/ModifyVpnConnectionAttribute.zh-CN.txt), the parameter named
//   [SWAN]  https://docs.strongswan.org/docs/5.9/swanctl/swanctlConf.html, the keyword named
//   [SUITE] https://docs.strongswan.org/docs/5.9/config/IKEv2CipherSuites.html, the algorithm keyword named
import type { IkeConfig, IpsecConfig, VpnConnection } from '../../core/model/connection.ts';
import type { PeerTunnelKey } from '../../core/peer/profile.ts';

export interface CloudAddresses {
  /** The cloud gateway's public address (the tunnel's own IP for dual-tunnel connections). */
  cloudAddress: string;
  /** The customer gateway's (device's) public address. */
  deviceAddress: string;
}

export interface CloudEnd {
  /** swanctl.conf text: `connections` and `secrets`. */
  text: string;
  /** Names in `text`, for reading the daemons' state. */
  connection: string;
  child: string;
}

// [API] IkeConfig.IkeEncAlg / IpsecConfig.IpsecEncAlg on a normal gateway: aes, aes192, aes256, des, 3des.
// [SUITE] Encryption algorithms: aes128 (= the API's `aes`, AES-128-CBC), aes192, aes256, des, 3des (IKE and ESP).
const ENCRYPTION: Readonly<Record<string, string>> = { aes: 'aes128', aes192: 'aes192', aes256: 'aes256', des: 'des', '3des': '3des' };
// [API] IkeConfig.IkeAuthAlg / IpsecConfig.IpsecAuthAlg: md5, sha1, sha256, sha384, sha512.
// [SUITE] Integrity algorithms: md5 (HMAC_MD5_96), sha1 (HMAC_SHA1_96), sha256 (HMAC_SHA2_256_128),
//         sha384 (HMAC_SHA2_384_192), sha512 (HMAC_SHA2_512_256); for IKE the same keyword also selects the PRF.
const INTEGRITY: Readonly<Record<string, string>> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };
// [API] IkeConfig.IkePfs: group1, group2, group5, group14; IpsecConfig.IpsecPfs: the same or disabled.
// [SUITE] Diffie-Hellman groups: modp768 (group 1), modp1024 (2), modp1536 (5), modp2048 (14).
const DH_GROUP: Readonly<Record<string, string>> = { group1: 'modp768', group2: 'modp1024', group5: 'modp1536', group14: 'modp2048' };

function keyword(table: Readonly<Record<string, string>>, value: string, parameter: string): string {
  const found = table[value];
  // SM4 / SM3 (national-standard gateways) have no strongSwan keyword: such connections cannot be played here.
  if (found === undefined) throw new Error(`cloud end: ${parameter} = '${value}' has no strongSwan keyword`);
  return found;
}

/** The settings of one tunnel: the connection-level groups for single-tunnel, the tunnel's own for dual-tunnel. */
function tunnelSettings(connection: VpnConnection, tunnel: PeerTunnelKey): { ike: IkeConfig; ipsec: IpsecConfig; dpd: boolean } {
  if (connection.mode === 'single') {
    if (tunnel !== 'single') throw new Error(`cloud end: a single-tunnel connection has no '${tunnel}' tunnel`);
    return { ike: connection.IkeConfig, ipsec: connection.IpsecConfig, dpd: connection.EnableDpd };
  }
  // [API] TunnelOptionsSpecification.N: Role master / slave; each tunnel carries its own TunnelIkeConfig,
  // TunnelIpsecConfig and EnableDpd.
  if (tunnel === 'single') throw new Error("cloud end: a dual-tunnel connection has tunnels 'master' and 'slave'");
  const options = connection.tunnels[tunnel === 'master' ? 0 : 1];
  return { ike: options.TunnelIkeConfig, ipsec: options.TunnelIpsecConfig, dpd: options.EnableDpd };
}

const subnets = (list: string) =>
  list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(',');

/** swanctl.conf strings are written in double quotes; the API's identities and subnets never contain `"` or `\`. */
const quoted = (value: string) => `"${value}"`;

/**
 * The cloud end of `tunnel` for `connection`: a responder (it never initiates) bound to the harness's addresses.
 * Throws for what strongSwan cannot play (SM algorithms).
 */
export function cloudEnd(connection: VpnConnection, tunnel: PeerTunnelKey, addresses: CloudAddresses): CloudEnd {
  const { ike, ipsec, dpd } = tunnelSettings(connection, tunnel);
  const name = `cloud-${tunnel}`;
  const child = `${name}-net`;
  const version = ike.IkeVersion === 'ikev1' ? 1 : ike.IkeVersion === 'ikev2' ? 2 : undefined;
  if (version === undefined) throw new Error(`cloud end: IkeVersion = '${ike.IkeVersion}'`);

  const ikeProposal = [
    keyword(ENCRYPTION, ike.IkeEncAlg, 'IkeEncAlg'),
    keyword(INTEGRITY, ike.IkeAuthAlg, 'IkeAuthAlg'),
    keyword(DH_GROUP, ike.IkePfs, 'IkePfs'),
  ].join('-');
  const espProposal = [
    keyword(ENCRYPTION, ipsec.IpsecEncAlg, 'IpsecEncAlg'),
    keyword(INTEGRITY, ipsec.IpsecAuthAlg, 'IpsecAuthAlg'),
    // [API] IpsecPfs: disabled = no PFS. [SWAN] children.<child>.esp_proposals: a DH group in the proposal makes
    // CHILD_SA creation / rekeying do its own DH exchange (PFS); none listed = no PFS.
    ...(ipsec.IpsecPfs === 'disabled' ? [] : [keyword(DH_GROUP, ipsec.IpsecPfs, 'IpsecPfs')]),
  ].join('-');

  const ikeLifetime = Math.max(0, Math.floor(ike.IkeLifetime));
  const ipsecLifetime = Math.max(0, Math.floor(ipsec.IpsecLifetime));

  const lines = [
    'connections {',
    `  ${name} {`,
    // [API] IkeConfig.IkeVersion: ikev1 / ikev2. [SWAN] connections.<conn>.version: 1 = IKEv1, 2 = IKEv2.
    `    version = ${version}`,
    // [API] IkeConfig.IkeMode: main / aggressive. [SWAN] connections.<conn>.aggressive: Aggressive Mode instead of
    // Main Mode with Identity Protection (IKEv1 only; ignored for IKEv2).
    `    aggressive = ${ike.IkeMode === 'aggressive' ? 'yes' : 'no'}`,
    // [SWAN] connections.<conn>.local_addrs / remote_addrs: the gateway's and the customer gateway's addresses.
    `    local_addrs = ${addresses.cloudAddress}`,
    `    remote_addrs = ${addresses.deviceAddress}`,
    // [API] IkeEncAlg, IkeAuthAlg, IkePfs: exactly one phase-1 proposal. [SWAN] connections.<conn>.proposals;
    // [SUITE] encryption-integrity-dhgroup.
    `    proposals = ${ikeProposal}`,
    // [API] IkeConfig.IkeLifetime (seconds, 0~86400). [SWAN] connections.<conn>.rekey_time (IKEv2 rekeying) /
    // reauth_time ("IKEv1 performs a reauthentication procedure instead" of rekeying); 0 disables.
    ...(version === 2 ? [`    rekey_time = ${ikeLifetime}s`] : [`    rekey_time = 0s`, `    reauth_time = ${ikeLifetime}s`]),
    // [API] EnableDpd: the gateway sends DPD probes and drops a silent peer. [SWAN] connections.<conn>.dpd_delay:
    // liveness check interval, 0 = off. The API sets no interval; 30 s is a typical value.
    `    dpd_delay = ${dpd ? '30s' : '0s'}`,
    // [API] EnableNatTraversal has no counterpart: charon always detects NAT and encapsulates when it finds one.
    '    local {',
    // [API] PSK authentication (IkeConfig.Psk). [SWAN] connections.<conn>.local<suffix>.auth = psk.
    '      auth = psk',
    // [API] IkeConfig.LocalId: the gateway's identity, default the gateway's IP address.
    // [SWAN] connections.<conn>.local<suffix>.id.
    `      id = ${quoted(ike.LocalId || addresses.cloudAddress)}`,
    '    }',
    '    remote {',
    '      auth = psk',
    // [API] IkeConfig.RemoteId: the customer gateway's identity, default its IP address.
    // [SWAN] connections.<conn>.remote<suffix>.id.
    `      id = ${quoted(ike.RemoteId || addresses.deviceAddress)}`,
    '    }',
    '    children {',
    `      ${child} {`,
    // [SWAN] children.<child>.mode = tunnel (the API's connections are tunnel mode).
    '        mode = tunnel',
    // [API] LocalSubnet: the VPC side, comma-separated, for phase 2. [SWAN] children.<child>.local_ts.
    `        local_ts = ${subnets(connection.LocalSubnet)}`,
    // [API] RemoteSubnet: the data-centre side. [SWAN] children.<child>.remote_ts.
    `        remote_ts = ${subnets(connection.RemoteSubnet)}`,
    // [API] IpsecEncAlg, IpsecAuthAlg, IpsecPfs: one phase-2 proposal. [SWAN] children.<child>.esp_proposals.
    `        esp_proposals = ${espProposal}`,
    // [API] IpsecConfig.IpsecLifetime: the SA's lifetime (seconds). [SWAN] children.<child>.life_time (hard
    // lifetime) with rekey_time before it (here 90 %, as life_time must exceed rekey_time); 0 disables both.
    `        life_time = ${ipsecLifetime}s`,
    `        rekey_time = ${Math.floor(ipsecLifetime * 0.9)}s`,
    // [SWAN] children.<child>.dpd_action = clear: a dead peer's CHILD_SA is removed (the API: "IPsec 将删除 … IPsec SA").
    '        dpd_action = clear',
    // [SWAN] children.<child>.start_action = none: the cloud end only responds in these tests.
    '        start_action = none',
    '      }',
    '    }',
    '  }',
    '}',
    'secrets {',
    `  ike-${name} {`,
    // [API] IkeConfig.Psk (1~100 characters of letters, digits and ~!`@#$%^&*()_-+={}[]|;:',.<>/?).
    // [SWAN] secrets.ike<suffix>.secret: "a hex encoded string if it has a 0x prefix": hex sidesteps every quoting
    // question for those symbols (and a PSK that itself starts with 0x or 0s). No id: the one secret of this daemon.
    `    secret = 0x${Buffer.from(ike.Psk, 'utf8').toString('hex')}`,
    '  }',
    '}',
    '',
  ];
  return { text: lines.join('\n'), connection: name, child };
}
