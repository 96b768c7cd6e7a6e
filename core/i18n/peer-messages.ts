// Wording for the negotiation pre-check (core/peer/precheck.ts), in English and 简体中文. Templates use {param}
// placeholders filled from the reason's params. "The device" is the customer's peer device, "this connection" the
// cloud end. `peer.status.*` are the diff preview's impact lines; {detail} is the deciding reason's own wording.
import type { PrecheckSummary } from '../peer/precheck.ts';
import type { Lang } from './messages.ts';

export const PEER_MESSAGES: Record<string, { en: string; 'zh-CN': string }> = {
  // Impact lines (precheckSummary).
  'peer.negotiates': {
    en: 'Keeps negotiating with the peer device.',
    'zh-CN': '与对端设备的协商不受影响。',
  },
  'peer.status.negotiates': {
    en: 'Keeps negotiating with the peer device.',
    'zh-CN': '与对端设备的协商不受影响。',
  },
  'peer.status.breaks-phase1': {
    en: 'Breaks phase 1 with the peer device{tunnel}: {detail}',
    'zh-CN': '与对端设备的第一阶段(IKE)协商将失败{tunnel}:{detail}',
  },
  'peer.status.breaks-phase2': {
    en: 'Breaks phase 2 with the peer device{tunnel}: {detail}',
    'zh-CN': '与对端设备的第二阶段(IPsec)协商将失败{tunnel}:{detail}',
  },
  'peer.status.fails-at-rekey': {
    en: 'Comes up with the peer device, then fails at the first phase 2 rekey{tunnel}: {detail}',
    'zh-CN': '与对端设备可以建立连接,但在第一次第二阶段重协商时将失败{tunnel}:{detail}',
  },
  'peer.tunnelLabel.single': { en: '', 'zh-CN': '' },
  'peer.tunnelLabel.master': { en: ' (master tunnel)', 'zh-CN': '(主隧道)' },
  'peer.tunnelLabel.slave': { en: ' (slave tunnel)', 'zh-CN': '(备隧道)' },

  // Tunnels.
  'peer.noTunnel': {
    en: 'The peer device profile has no {tunnel} tunnel (it has: {available}).',
    'zh-CN': '对端设备配置中没有 {tunnel} 隧道(现有:{available})。',
  },

  // Phase 1 (IKE SA).
  'peer.ikeVersion': {
    en: 'The device accepts {offered} only; this connection uses {cloud}.',
    'zh-CN': '对端设备仅接受 {offered},本连接使用 {cloud}。',
  },
  'peer.ikeVersionBoth': {
    en: 'The device accepts both IKE versions. A device that starts the negotiation may use IKEv2 (strongSwan does), which this IKEv1 connection refuses; the tunnel then comes up only when the cloud starts it.',
    'zh-CN': '对端设备同时接受两种 IKE 版本。若由设备发起协商,它可能使用 IKEv2(strongSwan 即如此),而本连接使用 IKEv1 会拒绝;此时只有由云端发起时隧道才能建立。',
  },
  'peer.ikeMode': {
    en: 'The device uses {device} mode; this connection uses {cloud} mode.',
    'zh-CN': '对端设备使用 {device} 模式,本连接使用 {cloud} 模式。',
  },
  'peer.ikeEncAlg': {
    en: 'The device offers IKE encryption {offered} only; this connection uses {cloud}.',
    'zh-CN': '对端设备的 IKE 加密算法仅提供 {offered},本连接使用 {cloud}。',
  },
  'peer.ikeAuthAlg': {
    en: 'The device offers IKE authentication {offered} only; this connection uses {cloud}.',
    'zh-CN': '对端设备的 IKE 认证算法仅提供 {offered},本连接使用 {cloud}。',
  },
  'peer.ikePfs': {
    en: 'The device offers IKE DH group {offered} only; this connection uses {cloud}.',
    'zh-CN': '对端设备的 IKE DH 分组仅提供 {offered},本连接使用 {cloud}。',
  },
  'peer.ikeProposal': {
    en: 'The device offers IKE proposals {offered} only; this connection uses {cloud}.',
    'zh-CN': '对端设备的 IKE 提议仅有 {offered},本连接使用 {cloud}。',
  },
  'peer.psk': {
    en: 'The pre-shared keys differ.',
    'zh-CN': '两端的预共享密钥不一致。',
  },
  'peer.pskUnknown': {
    en: 'The device\'s pre-shared key is not known, so it could not be compared.',
    'zh-CN': '对端设备的预共享密钥未知,无法比较。',
  },
  'peer.localId': {
    en: 'The device identifies itself as {device}; this connection expects {cloud} (Remote ID).',
    'zh-CN': '对端设备的标识为 {device},本连接期望的对端标识为 {cloud}。',
  },
  'peer.remoteId': {
    en: 'The device expects the cloud to identify as {device}; this connection sends {cloud} (Local ID).',
    'zh-CN': '对端设备期望云端标识为 {device},本连接发送的本端标识为 {cloud}。',
  },
  'peer.localIdUnknown': {
    en: 'The device\'s identity or address is not known, so the Remote ID could not be compared.',
    'zh-CN': '对端设备的标识或地址未知,无法比较对端标识。',
  },
  'peer.remoteIdUnknown': {
    en: 'The cloud address of this tunnel is not known, so the identity the device expects could not be compared.',
    'zh-CN': '该隧道的云端地址未知,无法比较对端设备期望的标识。',
  },

  // Phase 2 (CHILD SA).
  'peer.ipsecEncAlg': {
    en: 'The device offers IPsec encryption {offered} only; this connection uses {cloud}.',
    'zh-CN': '对端设备的 IPsec 加密算法仅提供 {offered},本连接使用 {cloud}。',
  },
  'peer.ipsecAuthAlg': {
    en: 'The device offers IPsec authentication {offered} only; this connection uses {cloud}.',
    'zh-CN': '对端设备的 IPsec 认证算法仅提供 {offered},本连接使用 {cloud}。',
  },
  'peer.ipsecPfs': {
    en: 'The device offers IPsec DH group {offered} only; this connection uses {cloud}.',
    'zh-CN': '对端设备的 IPsec DH 分组仅提供 {offered},本连接使用 {cloud}。',
  },
  'peer.ipsecProposal': {
    en: 'The device offers IPsec proposals {offered} only; this connection uses {cloud}.',
    'zh-CN': '对端设备的 IPsec 提议仅有 {offered},本连接使用 {cloud}。',
  },
  'peer.pfsAtRekey': {
    en: 'The device offers IPsec DH group {offered} only; this connection uses {cloud}. IKEv2 sets up the first IPsec SA without it, so the tunnel comes up and fails at the first rekey.',
    'zh-CN': '对端设备的 IPsec DH 分组仅提供 {offered},本连接使用 {cloud}。IKEv2 建立第一个 IPsec SA 时不进行密钥交换,因此隧道能建立,但会在第一次重协商时失败。',
  },
  'peer.tsDisjoint': {
    en: 'The device\'s networks ({device}) and this connection\'s ({cloud}) have nothing in common.',
    'zh-CN': '对端设备的网段({device})与本连接的网段({cloud})没有交集。',
  },
  'peer.tsNarrowed': {
    en: 'The device has {device}, this connection {cloud}: only {result} goes through the tunnel.',
    'zh-CN': '对端设备为 {device},本连接为 {cloud}:只有 {result} 的流量会经过隧道。',
  },
  'peer.ikev1FirstPairOnly': {
    en: 'IKEv1 negotiates one pair of networks: only {localSubnet} ↔ {remoteSubnet} comes up.',
    'zh-CN': 'IKEv1 只协商一对网段:只有 {localSubnet} ↔ {remoteSubnet} 会建立。',
  },

  // Warnings.
  'peer.lifetimeDiffers': {
    en: 'The device uses a lifetime of {device} s, this connection {cloud} s; each side rekeys on its own schedule.',
    'zh-CN': '对端设备的生存周期为 {device} 秒,本连接为 {cloud} 秒;两端各自按自己的周期重协商。',
  },
  'peer.dpdCloudOnly': {
    en: 'DPD is on here but off on the device; the tunnel still comes up, only this side detects a dead peer.',
    'zh-CN': '本连接开启了 DPD,对端设备未开启;隧道仍可建立,只有云端能检测到对端失效。',
  },
  'peer.dpdDeviceOnly': {
    en: 'DPD is on on the device but off here; the tunnel still comes up, only the device detects a dead peer.',
    'zh-CN': '对端设备开启了 DPD,本连接未开启;隧道仍可建立,只有设备能检测到对端失效。',
  },
  'peer.natTraversalCloudOnly': {
    en: 'NAT traversal is on here but off on the device; if there is NAT between them, the tunnel may not carry traffic.',
    'zh-CN': '本连接开启了 NAT 穿越,对端设备未开启;如果两端之间存在 NAT,隧道可能无法传输流量。',
  },
  'peer.natTraversalDeviceOnly': {
    en: 'NAT traversal is on on the device but off here; if there is NAT between them, the tunnel may not carry traffic.',
    'zh-CN': '对端设备开启了 NAT 穿越,本连接未开启;如果两端之间存在 NAT,隧道可能无法传输流量。',
  },
  'peer.bgpMissing': {
    en: 'This connection uses BGP but the device has no BGP settings for this tunnel; no routes will be exchanged.',
    'zh-CN': '本连接使用 BGP,但对端设备没有该隧道的 BGP 配置;两端不会交换路由。',
  },
  'peer.bgpPeerAsn': {
    en: 'The device peers with ASN {device}; this connection\'s ASN is {cloud}.',
    'zh-CN': '对端设备配置的云端 ASN 为 {device},本连接的 ASN 为 {cloud}。',
  },
  'peer.bgpAsn': {
    en: 'The device\'s ASN is {device}; the customer gateway has {cloud}.',
    'zh-CN': '对端设备的 ASN 为 {device},用户网关的 ASN 为 {cloud}。',
  },
  'peer.bgpPeerAddress': {
    en: 'The device peers with BGP address {device}; this connection\'s BGP address is {cloud}.',
    'zh-CN': '对端设备配置的云端 BGP 地址为 {device},本连接的 BGP 地址为 {cloud}。',
  },
  'peer.bgpAddress': {
    en: 'The device\'s BGP address is {device}; the cloud expects {cloud}.',
    'zh-CN': '对端设备的 BGP 地址为 {device},云端期望 {cloud}。',
  },
  'peer.bgpAddressOutside': {
    en: 'The device\'s BGP address {device} is not the free host address of the tunnel network {tunnelCidr}.',
    'zh-CN': '对端设备的 BGP 地址 {device} 不是隧道网段 {tunnelCidr} 中空闲的主机地址。',
  },
};

function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(params, key) ? String(params[key]) : whole));
}

/** A pre-check code in words; unknown codes fall back to the code itself. */
export function formatPeerMessage(code: string, params: Readonly<Record<string, string | number>>, lang: Lang): string {
  const entry = Object.hasOwn(PEER_MESSAGES, code) ? PEER_MESSAGES[code] : undefined;
  return entry ? fill(entry[lang], params) : code;
}

/** The diff preview's impact line for a pre-check summary. */
export function formatPrecheckSummary(summary: PrecheckSummary, lang: Lang): string {
  if (summary.status === 'negotiates') return formatPeerMessage('peer.status.negotiates', {}, lang);
  const tunnel = String(summary.params.tunnel ?? 'single');
  return formatPeerMessage(`peer.status.${summary.status}`, {
    tunnel: formatPeerMessage(`peer.tunnelLabel.${tunnel}`, {}, lang),
    detail: formatPeerMessage(summary.code, summary.params, lang),
  }, lang);
}
