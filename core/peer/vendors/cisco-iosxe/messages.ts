// Wording of the Cisco IOS-XE generator notes and import remarks that generic.ts does not have, in both languages.
import type { MessageTable } from '../../vendor.ts';

export const CISCO_IOSXE_MESSAGES: MessageTable = {
  en: {
    'peer.cisco-iosxe.ikev1HostnameIdentity':
      'With IKEv1, Cisco IOS-XE sends its own name (hostname + ip domain name) as its FQDN identity, not a free string: set them so that they read "{identity}", or give the connection the device\'s address as RemoteId.',
    'peer.cisco-iosxe.ikev1AddressIdentity':
      'With IKEv1, Cisco IOS-XE sends the address of the interface the tunnel leaves from as its identity, not "{identity}": the cloud\'s RemoteId must be that address.',
    'peer.cisco-iosxe.identityType':
      '"{identity}" holds "=", so the cloud reads it as a distinguished name; Cisco IOS-XE matches pre-shared-key identities as FQDNs, so the two ends will not agree on it.',
    'peer.cisco-iosxe.isakmpPoliciesShared':
      'ISAKMP policies are global on Cisco IOS-XE: every IKEv1 tunnel offers all of them (tunnel {tunnel} included), in the order of their numbers.',
    'peer.cisco-iosxe.ikev2PolicyShared':
      'One IKEv2 policy serves every tunnel on the same local address: tunnel {tunnel} offers the proposals of the other tunnel too.',
    'peer.cisco-iosxe.globalDpd':
      'IKEv1 dead peer detection (crypto isakmp keepalive) is global on Cisco IOS-XE: it is on for every IKEv1 tunnel, tunnel {tunnel} included.',
    'peer.cisco-iosxe.globalNatTraversal':
      'NAT traversal can only be switched off for the whole device on Cisco IOS-XE: it stays on, tunnel {tunnel} included, because another tunnel needs it.',
    'peer.cisco-iosxe.onePfsGroup': 'One PFS group per IPsec profile or crypto map entry on Cisco IOS-XE: every proposal of this tunnel uses {pfs}.',
    'peer.cisco-iosxe.ikeModeIkev2': 'IKEv2 has no aggressive mode: the IKEv1 exchange mode does not apply to this tunnel.',
    'peer.cisco-iosxe.bgpPolicyBased':
      'A crypto map has no interface for BGP: the device\'s BGP address {address} is put on {interface}, the pair of BGP addresses is added to the traffic selectors and the session runs multihop. The cloud end must protect the same pair.',
    'peer.cisco-iosxe.bgpPeerUnknown': "The cloud's BGP address is not known: add the neighbor with the connection's LocalBgpIp.",
    'peer.cisco-iosxe.bgpAddressUnknown': "The device's BGP address inside the tunnel network is not known: give the tunnel its address in the connection's TunnelCidr.",
    'peer.cisco-iosxe.cloudAsnUnknown': "The cloud's BGP ASN is not known: use the connection's LocalAsn (45104 unless it was changed).",
    'peer.cisco-iosxe.weakAlgorithm':
      'Cisco IOS-XE 17.11 and later refuse {algorithms} unless the compliance shield is off (crypto engine compliance shield disable, then a reload).',
    'peer.cisco-iosxe.pskQuestionMark': 'The key holds "?", which the IOS-XE command line takes as a request for help: type Ctrl-V before each "?" when entering it by hand.',
    'peer.cisco-iosxe.import.notPreShare': 'This ISAKMP policy does not use pre-shared keys (no authentication pre-share): it is not part of the profile.',
    'peer.cisco-iosxe.import.defaultProposal': "No IKE policy or transform set applies here: the defaults of IOS-XE are used, compare them by hand.",
    'peer.cisco-iosxe.import.asymmetricPsk': 'The local and remote pre-shared keys differ: the local one is read; the cloud uses one key for both directions.',
    'peer.cisco-iosxe.import.truncated': 'Only the first 1 MiB of the text is read.',
    'peer.cisco-iosxe.import.moreRemarks': 'More lines were not understood: only the first 200 are listed.',
  },
  'zh-CN': {
    'peer.cisco-iosxe.ikev1HostnameIdentity':
      '使用 IKEv1 时，Cisco IOS-XE 以自身名称（hostname + ip domain name）作为 FQDN 身份标识，不能填写任意字符串：请将二者设置为“{identity}”，或将连接的 RemoteId 设为设备的地址。',
    'peer.cisco-iosxe.ikev1AddressIdentity':
      '使用 IKEv1 时，Cisco IOS-XE 以隧道出接口的地址作为身份标识，而不是“{identity}”：云端的 RemoteId 必须是该地址。',
    'peer.cisco-iosxe.identityType':
      '“{identity}”含有“=”，云端会将其视为 DN（可分辨名称）；Cisco IOS-XE 在预共享密钥认证中按 FQDN 匹配身份标识，两端无法匹配。',
    'peer.cisco-iosxe.isakmpPoliciesShared': '在 Cisco IOS-XE 上 ISAKMP 策略是全局的：每条 IKEv1 隧道（包括隧道 {tunnel}）都会按编号顺序提供全部策略。',
    'peer.cisco-iosxe.ikev2PolicyShared': '同一本端地址上的所有隧道共用一个 IKEv2 策略：隧道 {tunnel} 也会提供另一条隧道的提议。',
    'peer.cisco-iosxe.globalDpd': '在 Cisco IOS-XE 上 IKEv1 对等体存活检测（crypto isakmp keepalive）是全局的：所有 IKEv1 隧道（包括隧道 {tunnel}）都会开启。',
    'peer.cisco-iosxe.globalNatTraversal': '在 Cisco IOS-XE 上只能对整台设备关闭 NAT 穿越：由于另一条隧道需要它，NAT 穿越保持开启（包括隧道 {tunnel}）。',
    'peer.cisco-iosxe.onePfsGroup': '在 Cisco IOS-XE 上每个 IPsec profile 或 crypto map 条目只能有一个 PFS 组：此隧道的所有提议均使用 {pfs}。',
    'peer.cisco-iosxe.ikeModeIkev2': 'IKEv2 没有野蛮模式：IKEv1 的协商模式不适用于此隧道。',
    'peer.cisco-iosxe.bgpPolicyBased':
      'crypto map 没有可运行 BGP 的接口：设备的 BGP 地址 {address} 配置在 {interface} 上，两端 BGP 地址对已加入感兴趣流，会话以多跳方式建立。云端也必须保护同一地址对。',
    'peer.cisco-iosxe.bgpPeerUnknown': '云端的 BGP 地址未知：请按连接的 LocalBgpIp 添加 neighbor。',
    'peer.cisco-iosxe.bgpAddressUnknown': '设备在隧道网段内的 BGP 地址未知：请为隧道配置连接 TunnelCidr 中的地址。',
    'peer.cisco-iosxe.cloudAsnUnknown': '云端的 BGP 自治系统号未知：请使用连接的 LocalAsn（未修改时为 45104）。',
    'peer.cisco-iosxe.weakAlgorithm': 'Cisco IOS-XE 17.11 及以后版本默认拒绝 {algorithms}，需要关闭合规防护（crypto engine compliance shield disable 后重启）。',
    'peer.cisco-iosxe.pskQuestionMark': '密钥中含有“?”，IOS-XE 命令行会将其视为帮助请求：手工输入时请在每个“?”前按 Ctrl-V。',
    'peer.cisco-iosxe.import.notPreShare': '此 ISAKMP 策略不使用预共享密钥（没有 authentication pre-share）：不属于对端设备配置。',
    'peer.cisco-iosxe.import.defaultProposal': '此处没有适用的 IKE 策略或转换集：使用 IOS-XE 的默认值，请手工比对。',
    'peer.cisco-iosxe.import.asymmetricPsk': '本端与对端预共享密钥不同：已读取本端密钥；云端两个方向使用同一密钥。',
    'peer.cisco-iosxe.import.truncated': '只读取文本的前 1 MiB。',
    'peer.cisco-iosxe.import.moreRemarks': '还有更多未能理解的行：只列出前 200 条。',
  },
};
