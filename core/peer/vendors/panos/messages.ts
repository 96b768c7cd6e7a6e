// Wording of the notes and remarks only PAN-OS needs (the shared ones are in ../generic.ts), in both languages.
import type { MessageTable } from '../../vendor.ts';

export const PANOS_MESSAGES: MessageTable = {
  en: {
    'peer.panos.lifetimeUnit':
      '{vendor} takes a {phase} lifetime above 65535 seconds only in whole minutes, hours or days: {value} seconds is written as {written}, and the two ends rekey on different schedules.',
    'peer.panos.proposalsCombined':
      '{vendor} offers every combination of the algorithms listed in a crypto profile, with one PFS group: the {phase} proposals are written as {written}, which is not exactly the list set.',
    'peer.panos.desLegacy':
      'DES is listed for PAN-OS 10.x but is no longer in the current PAN-OS schema: a newer firewall may refuse this line. Prefer another algorithm on both ends.',
    'peer.panos.ikeVersionUnknown': 'No IKE version is set: ikev2-preferred is written (IKEv2 first, IKEv1 when the peer uses it).',
    'peer.panos.asdot': '{vendor} takes AS numbers as plain numbers: {asdot} is written as {asplain}.',
    'peer.panos.bgpOneAsn': '{vendor} runs one BGP instance per virtual router: tunnel {tunnel} uses the local AS {asn} of tunnel {other}, not {own}.',
    'peer.panos.bgpPeerUnknown': "The BGP peer's {field} (the VPN gateway's side) is not known: fill it in from the IPsec connection's BGP settings.",
    'peer.panos.bgpAddressUnknown': "The device's BGP address in the tunnel network is not known: give {name} the device's address in the /30 and peer from it.",
    'peer.panos.import.hierarchical':
      'This is the hierarchical (brace) form of the configuration: show it in set form (set cli config-output-format set, then show) and paste that.',
    'peer.panos.import.notSet': 'Only set commands are read: this line was not.',
    'peer.panos.import.proxyIdPairs':
      'The proxy IDs are not every pair of their local and remote networks: the profile holds them as every pair, which the device does not offer.',
  },
  'zh-CN': {
    'peer.panos.lifetimeUnit': '{vendor} 的 {phase} 生存时间超过 65535 秒时只能以整分钟、整小时或整天设置：{value} 秒写为 {written}，两端将按不同周期重协商。',
    'peer.panos.proposalsCombined': '{vendor} 会提供加密配置文件中所列算法的所有组合，且只有一个 PFS 组：{phase} 提议写为 {written}，与设置的提议列表不完全相同。',
    'peer.panos.desLegacy': 'PAN-OS 10.x 列出了 DES，但当前的 PAN-OS 配置模式中已没有它：较新的防火墙可能拒绝此行。请在两端改用其他算法。',
    'peer.panos.ikeVersionUnknown': '未设置 IKE 版本：已写为 ikev2-preferred（优先 IKEv2，对端使用 IKEv1 时用 IKEv1）。',
    'peer.panos.asdot': '{vendor} 只接受纯数字形式的 AS 号：{asdot} 已写为 {asplain}。',
    'peer.panos.bgpOneAsn': '{vendor} 每个虚拟路由器只运行一个 BGP 实例：隧道 {tunnel} 使用隧道 {other} 的本端 AS {asn}，而不是 {own}。',
    'peer.panos.bgpPeerUnknown': 'BGP 对端（VPN 网关一侧）的 {field} 未知：请按 IPsec 连接的 BGP 配置填写。',
    'peer.panos.bgpAddressUnknown': '设备在隧道网段中的 BGP 地址未知：请为 {name} 配置设备在该 /30 网段中的地址，并以此地址建立 BGP 邻居。',
    'peer.panos.import.hierarchical': '这是层级（花括号）形式的配置：请以 set 形式显示配置（set cli config-output-format set，然后 show）后再粘贴。',
    'peer.panos.import.notSet': '只读取 set 命令：此行未读取。',
    'peer.panos.import.proxyIdPairs': '这些代理 ID 并非其本端与对端网段的所有组合：配置文件按所有组合记录，而设备并未提供全部组合。',
  },
};
