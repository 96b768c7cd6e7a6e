// Wording of the codes only the Juniper SRX generator and importer use (the shared ones are in ../generic.ts).
import type { MessageTable } from '../../vendor.ts';

export const JUNIPER_SRX_MESSAGES: MessageTable = {
  en: {
    'peer.juniper-srx.pfsPerPolicy': 'Junos sets PFS once per IPsec policy, not per proposal: {pfs} (from the first proposal) applies to every proposal of this tunnel.',
    'peer.juniper-srx.selectorPairs': 'Junos negotiates one IPsec SA per traffic selector: {count} selectors are written, one per pair of a device network and a cloud network.',
    'peer.juniper-srx.bgpAddressUnknown': "The device's BGP address in the tunnel network is not known: give {interface} its address in the /30.",
    'peer.juniper-srx.bgpPeerUnknown': "The cloud's BGP address is not known: add the BGP neighbor by hand.",
    'peer.juniper-srx.bgpPeerAsnUnknown': "The cloud's BGP ASN is not known: add peer-as to the BGP neighbor by hand.",
    'peer.juniper-srx.import.inactive': 'This statement is deactivated: what it configures is not in effect and was not read.',
    'peer.juniper-srx.import.proposalSet': 'The predefined proposal set {name} is not listed here: compare its proposals by hand.',
    'peer.juniper-srx.import.lifetimes': 'The proposals of this policy have different lifetimes: the first one ({seconds} s) is read.',
    'peer.juniper-srx.import.selectorPairs': 'These traffic selectors are not every pair of their networks: they are read as every pair.',
    'peer.juniper-srx.import.truncated': 'Only the first 1 MiB of the text is read.',
    'peer.juniper-srx.import.tooManyRemarks': 'More lines were not understood: only the first 200 are listed.',
  },
  'zh-CN': {
    'peer.juniper-srx.pfsPerPolicy': 'Junos 的 PFS 按 IPsec 策略设置，而非按提议设置：此隧道的所有提议均使用 {pfs}（取自第一个提议）。',
    'peer.juniper-srx.selectorPairs': 'Junos 为每个流量选择器（traffic-selector）单独协商一个 IPsec SA：已写入 {count} 个选择器，每对设备网段与云端网段各一个。',
    'peer.juniper-srx.bgpAddressUnknown': '设备在隧道网段中的 BGP 地址未知：请为 {interface} 配置其在 /30 网段中的地址。',
    'peer.juniper-srx.bgpPeerUnknown': '云端的 BGP 地址未知：请手工添加 BGP 邻居。',
    'peer.juniper-srx.bgpPeerAsnUnknown': '云端的 BGP ASN 未知：请手工为 BGP 邻居添加 peer-as。',
    'peer.juniper-srx.import.inactive': '此语句已被停用（deactivate）：其配置不生效，未读取。',
    'peer.juniper-srx.import.proposalSet': '预定义提议集 {name} 的提议未在此列出：请手工比对。',
    'peer.juniper-srx.import.lifetimes': '此策略中各提议的生存时间不同：读取第一个（{seconds} 秒）。',
    'peer.juniper-srx.import.selectorPairs': '这些流量选择器并非其网段的全部组合：已按全部组合读取。',
    'peer.juniper-srx.import.truncated': '只读取文本的前 1 MiB。',
    'peer.juniper-srx.import.tooManyRemarks': '还有更多未能理解的行：只列出前 200 条。',
  },
};
