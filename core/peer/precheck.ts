// The negotiation pre-check: will this connection (live or draft) still come up with this peer device?
//
// The prediction models the device initiating and the cloud responding, which is how the real-IKE tests drive the
// two strongSwan daemons (docs/peer-devices.md, "Negotiation pre-check", has each rule and what it leaves out).
// Every rule reports field by field instead of stopping at the first problem, so the Peer column can mark each
// field; the verdict only counts severity 'error'.
import { PEER_MESSAGES } from '../i18n/peer-messages.ts';
import type { IkeConfig, IpsecConfig, VpnConnection } from '../model/connection.ts';
import { parseAsn } from '../net/asn.ts';
import { ipv4ToInt, parseIpv4Cidr } from '../net/ipv4.ts';
import { identityMatches } from './identity.ts';
import type { PeerTunnel, PeerProfile, PeerTunnelKey } from './profile.ts';
import { EMPTY_LIST, firstHit, listText, narrow, parseSelectors, sameCoverage, sameRange, type Selector } from './selectors.ts';

export interface PrecheckReason {
  path: string;
  code: string;
  message: string;
  severity: 'error' | 'warning';
  params?: Record<string, string | number>;
}

export interface TunnelPrecheck {
  tunnel: PeerTunnelKey;
  ike: 'ok' | 'fails';
  child: 'ok' | 'fails' | 'fails-at-rekey';
  reasons: PrecheckReason[];
}

export interface PrecheckResult {
  verdict: 'negotiates' | 'fails';
  tunnels: TunnelPrecheck[];
}

export interface PrecheckSummary {
  status: 'negotiates' | 'breaks-phase1' | 'breaks-phase2' | 'fails-at-rekey';
  code: string;
  params: Record<string, string | number>;
}

type Params = Record<string, string | number>;

/** The cloud end of one tunnel, with the path prefixes its reasons are reported against. */
interface CloudTunnel {
  key: PeerTunnelKey;
  ike: IkeConfig;
  ipsec: IpsecConfig;
  dpd: boolean;
  nat: boolean;
  /** Undefined when the connection does not use BGP. */
  bgp: { LocalAsn: string; TunnelCidr: string; LocalBgpIp: string; PeerAsn?: string; PeerBgpIp?: string } | undefined;
  /** '' (single) or `TunnelOptionsSpecification.N.` */
  base: string;
  ikePath: string;
  ipsecPath: string;
  bgpPath: string;
  bgpSwitchPath: string;
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(params, key) ? String(params[key]) : whole));
}

function reason(path: string, code: string, severity: PrecheckReason['severity'], params?: Params): PrecheckReason {
  const template = PEER_MESSAGES[code]?.en ?? code;
  const out: PrecheckReason = { path, code, message: params ? fill(template, params) : template, severity };
  if (params) out.params = params;
  return out;
}

function cloudTunnels(connection: VpnConnection): CloudTunnel[] {
  if (connection.mode === 'single') {
    const bgp = connection.BgpConfig;
    return [
      {
        key: 'single',
        ike: connection.IkeConfig,
        ipsec: connection.IpsecConfig,
        dpd: connection.EnableDpd,
        nat: connection.EnableNatTraversal,
        bgp: bgp.EnableBgp ? bgp : undefined,
        base: '',
        ikePath: 'IkeConfig.',
        ipsecPath: 'IpsecConfig.',
        bgpPath: 'BgpConfig.',
        bgpSwitchPath: 'BgpConfig.EnableBgp',
      },
    ];
  }
  return connection.tunnels.map((t, i) => {
    const base = `TunnelOptionsSpecification.${i + 1}.`;
    return {
      key: i === 0 ? 'master' : 'slave',
      ike: t.TunnelIkeConfig,
      ipsec: t.TunnelIpsecConfig,
      dpd: t.EnableDpd,
      nat: t.EnableNatTraversal,
      bgp: connection.EnableTunnelsBgp ? t.TunnelBgpConfig : undefined,
      base,
      ikePath: `${base}TunnelIkeConfig.`,
      ipsecPath: `${base}TunnelIpsecConfig.`,
      bgpPath: `${base}TunnelBgpConfig.`,
      bgpSwitchPath: 'EnableTunnelsBgp',
    };
  });
}

// ---------------------------------------------------------------- proposals

type Triple = readonly [string, string, string];

interface ProposalMismatch {
  /** The one field that differs (0 encryption, 1 integrity, 2 DH/PFS group), or -1 when several do. */
  field: number;
  offered: string;
  /** The field the reason is reported against when several differ: the first one the closest proposal gets wrong. */
  pathField: number;
}

/** Always the whole proposal, even when IKEv2 compares two fields of it: that is what the engineer configures. */
function proposalText(p: Triple): string {
  // An ESP proposal without PFS is written without a group, as strongSwan and most vendors write it.
  return (p[2] === 'disabled' ? p.slice(0, 2) : p).join('-');
}

/** Undefined when some offered proposal equals the cloud's on the first `fields` fields. */
function matchProposal(cloud: Triple, offered: readonly Triple[], fields: 2 | 3): ProposalMismatch | undefined {
  let best = -1;
  let bestDiffs = fields + 1;
  for (let i = 0; i < offered.length; i++) {
    let diffs = 0;
    for (let f = 0; f < fields; f++) if (offered[i]![f] !== cloud[f]) diffs++;
    if (diffs === 0) return undefined;
    if (diffs < bestDiffs) {
      best = i;
      bestDiffs = diffs;
    }
  }
  // "It offers aes only": when every near miss differs in the same single field, name that field and its values.
  let single = -1;
  const values: string[] = [];
  if (bestDiffs === 1) {
    for (const p of offered) {
      let diffField = -1;
      let diffs = 0;
      for (let f = 0; f < fields; f++) {
        if (p[f] !== cloud[f]) {
          diffs++;
          diffField = f;
        }
      }
      if (diffs !== 1) continue;
      if (single === -1) single = diffField;
      else if (single !== diffField) {
        single = -2;
        break;
      }
      if (!values.includes(p[diffField]!)) values.push(p[diffField]!);
    }
  }
  if (single >= 0) return { field: single, offered: values.join(', '), pathField: single };
  const pathField = best < 0 ? 0 : [0, 1, 2].find((f) => offered[best]![f] !== cloud[f])!;
  const all = offered.map((p) => proposalText(p)).filter((t, i, a) => a.indexOf(t) === i);
  return { field: -1, offered: all.length === 0 ? EMPTY_LIST : all.join(', '), pathField };
}

const IKE_FIELDS = ['IkeEncAlg', 'IkeAuthAlg', 'IkePfs'] as const;
const IKE_CODES = ['peer.ikeEncAlg', 'peer.ikeAuthAlg', 'peer.ikePfs'] as const;
const IPSEC_FIELDS = ['IpsecEncAlg', 'IpsecAuthAlg', 'IpsecPfs'] as const;
const IPSEC_CODES = ['peer.ipsecEncAlg', 'peer.ipsecAuthAlg', 'peer.ipsecPfs'] as const;

// ---------------------------------------------------------------- one tunnel

interface Selectors {
  cloudLocal: Selector[];
  cloudRemote: Selector[];
}

function checkIke(cloud: CloudTunnel, device: PeerTunnel, reasons: PrecheckReason[]): boolean {
  const ike = cloud.ike;
  const p = cloud.ikePath;
  let ok = true;
  const fail = (r: PrecheckReason): void => {
    reasons.push(r);
    ok = false;
  };

  const version = ike.IkeVersion as 'ikev1' | 'ikev2';
  if (!device.ikeVersions.includes(version)) {
    fail(reason(`${p}IkeVersion`, 'peer.ikeVersion', 'error', { cloud: ike.IkeVersion, offered: device.ikeVersions.join(', ') || EMPTY_LIST }));
  } else if (version === 'ikev1') {
    if (ike.IkeMode !== device.ikeMode) fail(reason(`${p}IkeMode`, 'peer.ikeMode', 'error', { cloud: ike.IkeMode, device: device.ikeMode }));
    if (device.ikeVersions.includes('ikev2')) reasons.push(reason(`${p}IkeVersion`, 'peer.ikeVersionBoth', 'warning'));
  }

  const cloudIke: Triple = [ike.IkeEncAlg, ike.IkeAuthAlg, ike.IkePfs];
  const miss = matchProposal(cloudIke, device.ikeProposals.map((d) => [d.encryption, d.integrity, d.dhGroup] as const), 3);
  if (miss) {
    const path = `${p}${IKE_FIELDS[miss.pathField]!}`;
    if (miss.field >= 0) fail(reason(path, IKE_CODES[miss.field]!, 'error', { cloud: cloudIke[miss.field]!, offered: miss.offered }));
    else fail(reason(path, 'peer.ikeProposal', 'error', { cloud: proposalText(cloudIke), offered: miss.offered }));
  }

  if (device.psk === '') reasons.push(reason(`${p}Psk`, 'peer.pskUnknown', 'warning'));
  else if (device.psk !== ike.Psk) fail(reason(`${p}Psk`, 'peer.psk', 'error'));

  // The device's identity: its own address when it sets none (strongSwan's default), like the cloud's RemoteId ''.
  if (!(ike.RemoteId === '' && device.localId === '')) {
    const expected = ike.RemoteId || device.deviceAddress;
    const sent = device.localId || device.deviceAddress;
    if (expected === '' || sent === '') reasons.push(reason(`${p}RemoteId`, 'peer.localIdUnknown', 'warning'));
    else if (!identityMatches(expected, sent, ike.IkeVersion)) fail(reason(`${p}RemoteId`, 'peer.localId', 'error', { cloud: expected, device: sent }));
  }
  if (device.remoteId !== '' && device.remoteId !== '%any') {
    const sent = ike.LocalId || device.cloudAddress;
    if (sent === '') reasons.push(reason(`${p}LocalId`, 'peer.remoteIdUnknown', 'warning'));
    else if (!identityMatches(device.remoteId, sent, ike.IkeVersion)) fail(reason(`${p}LocalId`, 'peer.remoteId', 'error', { cloud: sent, device: device.remoteId }));
  }

  // Lifetimes are not negotiated (strongSwan: each side keeps its own and rekeys on its own schedule).
  if (Number.isFinite(ike.IkeLifetime) && Number.isFinite(device.ikeLifetime) && ike.IkeLifetime !== device.ikeLifetime) {
    reasons.push(reason(`${p}IkeLifetime`, 'peer.lifetimeDiffers', 'warning', { cloud: ike.IkeLifetime, device: device.ikeLifetime }));
  }
  return ok;
}

function checkChild(cloud: CloudTunnel, device: PeerTunnel, selectors: Selectors, reasons: PrecheckReason[]): TunnelPrecheck['child'] {
  const ipsec = cloud.ipsec;
  const p = cloud.ipsecPath;
  const ikev1 = cloud.ike.IkeVersion === 'ikev1';
  let child: TunnelPrecheck['child'] = 'ok';

  const cloudEsp: Triple = [ipsec.IpsecEncAlg, ipsec.IpsecAuthAlg, ipsec.IpsecPfs];
  const offered = device.ipsecProposals.map((d) => [d.encryption, d.integrity, d.pfs] as const);
  // IKEv2 builds the first CHILD SA inside IKE_AUTH without a key exchange: only encryption and integrity count now.
  const miss = matchProposal(cloudEsp, offered, ikev1 ? 3 : 2);
  if (miss) {
    child = 'fails';
    const path = `${p}${IPSEC_FIELDS[miss.pathField]!}`;
    if (miss.field >= 0) reasons.push(reason(path, IPSEC_CODES[miss.field]!, 'error', { cloud: cloudEsp[miss.field]!, offered: miss.offered }));
    else reasons.push(reason(path, 'peer.ipsecProposal', 'error', { cloud: proposalText(cloudEsp), offered: miss.offered }));
  } else if (!ikev1 && matchProposal(cloudEsp, offered, 3)) {
    child = 'fails-at-rekey';
    const groups = offered.filter((o) => o[0] === cloudEsp[0] && o[1] === cloudEsp[1]).map((o) => o[2]);
    reasons.push(reason(`${p}IpsecPfs`, 'peer.pfsAtRekey', 'error', { cloud: ipsec.IpsecPfs, offered: [...new Set(groups)].join(', ') }));
  }

  // Device local ↔ cloud remote (RemoteSubnet), device remote ↔ cloud local (LocalSubnet).
  const deviceLocal = parseSelectors(device.localSubnets);
  const deviceRemote = parseSelectors(device.remoteSubnets);
  const localPath = 'LocalSubnet';
  const remotePath = 'RemoteSubnet';
  if (ikev1) {
    // IKEv1 Quick Mode carries one selector pair: the device proposes its first local and first remote subnet.
    const dl = deviceLocal[0];
    const dr = deviceRemote[0];
    const remoteHit = dl && firstHit(dl, selectors.cloudRemote);
    const localHit = dr && firstHit(dr, selectors.cloudLocal);
    if (!localHit) reasons.push(reason(localPath, 'peer.tsDisjoint', 'error', { cloud: listText(selectors.cloudLocal), device: dr?.text ?? EMPTY_LIST }));
    if (!remoteHit) reasons.push(reason(remotePath, 'peer.tsDisjoint', 'error', { cloud: listText(selectors.cloudRemote), device: dl?.text ?? EMPTY_LIST }));
    if (localHit && remoteHit) {
      const several = deviceLocal.length > 1 || deviceRemote.length > 1 || selectors.cloudLocal.length > 1 || selectors.cloudRemote.length > 1;
      if (several) {
        const path = selectors.cloudRemote.length > 1 || deviceLocal.length > 1 ? remotePath : localPath;
        reasons.push(reason(path, 'peer.ikev1FirstPairOnly', 'warning', { localSubnet: localHit.n.text, remoteSubnet: remoteHit.n.text }));
      }
      if (!sameRange(localHit.n, localHit.c) || !sameRange(localHit.n, dr!)) {
        reasons.push(reason(localPath, 'peer.tsNarrowed', 'warning', { result: localHit.n.text, cloud: localHit.c.text, device: dr!.text }));
      }
      if (!sameRange(remoteHit.n, remoteHit.c) || !sameRange(remoteHit.n, dl!)) {
        reasons.push(reason(remotePath, 'peer.tsNarrowed', 'warning', { result: remoteHit.n.text, cloud: remoteHit.c.text, device: dl!.text }));
      }
    } else {
      child = 'fails';
    }
  } else {
    // IKEv2: the device proposes every selector, the cloud narrows to what it has configured.
    const local = narrow(deviceRemote, selectors.cloudLocal);
    const remote = narrow(deviceLocal, selectors.cloudRemote);
    if (local.length === 0) reasons.push(reason(localPath, 'peer.tsDisjoint', 'error', { cloud: listText(selectors.cloudLocal), device: listText(deviceRemote) }));
    if (remote.length === 0) reasons.push(reason(remotePath, 'peer.tsDisjoint', 'error', { cloud: listText(selectors.cloudRemote), device: listText(deviceLocal) }));
    if (local.length === 0 || remote.length === 0) child = 'fails';
    else {
      if (!sameCoverage(local, selectors.cloudLocal) || !sameCoverage(local, deviceRemote)) {
        reasons.push(reason(localPath, 'peer.tsNarrowed', 'warning', { result: listText(local), cloud: listText(selectors.cloudLocal), device: listText(deviceRemote) }));
      }
      if (!sameCoverage(remote, selectors.cloudRemote) || !sameCoverage(remote, deviceLocal)) {
        reasons.push(reason(remotePath, 'peer.tsNarrowed', 'warning', { result: listText(remote), cloud: listText(selectors.cloudRemote), device: listText(deviceLocal) }));
      }
    }
  }

  if (Number.isFinite(ipsec.IpsecLifetime) && Number.isFinite(device.ipsecLifetime) && ipsec.IpsecLifetime !== device.ipsecLifetime) {
    reasons.push(reason(`${p}IpsecLifetime`, 'peer.lifetimeDiffers', 'warning', { cloud: ipsec.IpsecLifetime, device: device.ipsecLifetime }));
  }
  return child;
}

function checkWarnings(cloud: CloudTunnel, device: PeerTunnel, reasons: PrecheckReason[]): void {
  if (cloud.dpd !== device.dpd) reasons.push(reason(`${cloud.base}EnableDpd`, cloud.dpd ? 'peer.dpdCloudOnly' : 'peer.dpdDeviceOnly', 'warning'));
  if (cloud.nat !== device.natTraversal) {
    reasons.push(reason(`${cloud.base}EnableNatTraversal`, cloud.nat ? 'peer.natTraversalCloudOnly' : 'peer.natTraversalDeviceOnly', 'warning'));
  }
  if (cloud.bgp) checkBgp(cloud, device, reasons);
}

function sameAsn(a: string, b: string): boolean {
  const x = parseAsn(a);
  const y = parseAsn(b);
  return x !== undefined && y !== undefined ? x === y : a.trim() === b.trim();
}

function checkBgp(cloud: CloudTunnel, device: PeerTunnel, reasons: PrecheckReason[]): void {
  const bgp = cloud.bgp!;
  const p = cloud.bgpPath;
  const peer = device.bgp;
  if (!peer) {
    reasons.push(reason(cloud.bgpSwitchPath, 'peer.bgpMissing', 'warning'));
    return;
  }
  // '' on either side means "not set": nothing to disagree with.
  if (bgp.LocalAsn !== '' && peer.peerAsn !== '' && !sameAsn(bgp.LocalAsn, peer.peerAsn)) {
    reasons.push(reason(`${p}LocalAsn`, 'peer.bgpPeerAsn', 'warning', { cloud: bgp.LocalAsn, device: peer.peerAsn }));
  }
  if (bgp.PeerAsn && peer.asn !== '' && !sameAsn(bgp.PeerAsn, peer.asn)) {
    reasons.push(reason(`${p}PeerAsn`, 'peer.bgpAsn', 'warning', { cloud: bgp.PeerAsn, device: peer.asn }));
  }
  const cloudIp = ipv4ToInt(bgp.LocalBgpIp);
  if (bgp.LocalBgpIp !== '' && peer.peerAddress !== '' && (cloudIp === undefined || ipv4ToInt(peer.peerAddress) !== cloudIp)) {
    reasons.push(reason(`${p}LocalBgpIp`, 'peer.bgpPeerAddress', 'warning', { cloud: bgp.LocalBgpIp, device: peer.peerAddress }));
  }
  const own = ipv4ToInt(peer.address);
  if (bgp.PeerBgpIp) {
    if (own === undefined || own !== ipv4ToInt(bgp.PeerBgpIp)) reasons.push(reason(`${p}PeerBgpIp`, 'peer.bgpAddress', 'warning', { cloud: bgp.PeerBgpIp, device: peer.address || EMPTY_LIST }));
    return;
  }
  const net = parseIpv4Cidr(bgp.TunnelCidr);
  if (!net) return;
  // A /30 has two usable hosts; the device must hold the one the cloud does not.
  const usable = own !== undefined && own > net.start && own < net.end && own !== cloudIp;
  if (!usable) reasons.push(reason(`${p}TunnelCidr`, 'peer.bgpAddressOutside', 'warning', { device: peer.address || EMPTY_LIST, tunnelCidr: bgp.TunnelCidr }));
}

function checkTunnel(cloud: CloudTunnel, device: PeerTunnel | undefined, profile: PeerProfile, selectors: Selectors): TunnelPrecheck {
  const reasons: PrecheckReason[] = [];
  if (!device) {
    const available = Object.keys(profile.tunnels).filter((k) => profile.tunnels[k as PeerTunnelKey] !== undefined);
    reasons.push(reason(cloud.base.replace(/\.$/, ''), 'peer.noTunnel', 'error', { tunnel: cloud.key, available: available.join(', ') || EMPTY_LIST }));
    return { tunnel: cloud.key, ike: 'fails', child: 'fails', reasons };
  }
  const ikeOk = checkIke(cloud, device, reasons);
  const child = ikeOk ? checkChild(cloud, device, selectors, reasons) : 'fails';
  checkWarnings(cloud, device, reasons);
  return { tunnel: cloud.key, ike: ikeOk ? 'ok' : 'fails', child, reasons };
}

/** Predicts, per tunnel, whether the IKE SA and the CHILD SA come up between the connection and the peer device. */
export function precheck(connection: VpnConnection, profile: PeerProfile): PrecheckResult {
  // Subnets are connection-level: parsed once for every tunnel.
  const selectors: Selectors = {
    cloudLocal: parseSelectors(connection.LocalSubnet.split(',')),
    cloudRemote: parseSelectors(connection.RemoteSubnet.split(',')),
  };
  const tunnels = cloudTunnels(connection).map((cloud) => checkTunnel(cloud, profile.tunnels[cloud.key], profile, selectors));
  const negotiates = tunnels.every((t) => t.ike === 'ok' && t.child === 'ok');
  return { verdict: negotiates ? 'negotiates' : 'fails', tunnels };
}

/** The diff preview's impact line: the first blocking reason of the first failing tunnel decides. */
export function precheckSummary(result: PrecheckResult): PrecheckSummary {
  for (const t of result.tunnels) {
    if (t.ike === 'ok' && t.child === 'ok') continue;
    const status: PrecheckSummary['status'] = t.ike === 'fails' ? 'breaks-phase1' : t.child === 'fails' ? 'breaks-phase2' : 'fails-at-rekey';
    const first = t.reasons.find((r) => r.severity === 'error');
    return { status, code: first?.code ?? `peer.status.${status}`, params: { ...first?.params, tunnel: t.tunnel } };
  }
  return { status: 'negotiates', code: 'peer.negotiates', params: {} };
}
