// Wording of the notes and remarks only Huawei VRP produces; the shared ones are in ../generic.ts.
import type { MessageTable } from '../../vendor.ts';

export const HUAWEI_VRP_MESSAGES: MessageTable = {
  en: {
    'peer.huawei-vrp.smEspOnly':
      '{vendor}: SM4 / SM3 in an IPsec proposal are documented for USG6000E firewalls only; an AR router may refuse the line, and the IKE phase cannot use SM.',
    'peer.huawei-vrp.pfsPerPolicy': '{vendor} sets PFS once per IPsec policy, not per proposal: this proposal is negotiated with PFS {pfs}, not {wanted}.',
    'peer.huawei-vrp.tooManyProposals': '{vendor} references at most {max} IPsec proposals per policy: {proposal} was left out.',
    'peer.huawei-vrp.oneBgpAsn': '{vendor} runs one BGP process: tunnel {tunnel} peers from ASN {asn}, not {wanted}.',
    'peer.huawei-vrp.routeSelectors':
      'A tunnel interface protects whatever is routed into it: the traffic selectors {selectors} cannot be set on it; route those networks through the tunnel interface.',
    'peer.huawei-vrp.import.partialMesh':
      'The ACL does not pair every source with every destination: the profile holds every pairing of its sources and destinations.',
    'peer.huawei-vrp.import.defaultProposal': 'No IKE proposal is referenced: {vendor} then offers its default proposals, which are not listed here.',
    'peer.huawei-vrp.import.truncated': 'Only the first 1 MiB of the text was read.',
    'peer.huawei-vrp.import.moreRemarks': 'More lines were not understood; only the first 200 are listed.',
  },
  'zh-CN': {
    'peer.huawei-vrp.smEspOnly': '{vendor}：IPsec 安全提议中的 SM4 / SM3 仅在 USG6000E 防火墙文档中有记载；AR 路由器可能拒绝此行，且 IKE 阶段无法使用国密算法。',
    'peer.huawei-vrp.pfsPerPolicy': '{vendor} 的 PFS 按 IPsec 策略设置，而不是按提议设置：此提议协商时使用 PFS {pfs}，而不是 {wanted}。',
    'peer.huawei-vrp.tooManyProposals': '{vendor} 每个策略最多引用 {max} 个 IPsec 安全提议：{proposal} 未写入。',
    'peer.huawei-vrp.oneBgpAsn': '{vendor} 只运行一个 BGP 进程：隧道 {tunnel} 使用 ASN {asn} 建立对等体，而不是 {wanted}。',
    'peer.huawei-vrp.routeSelectors': '隧道接口保护所有路由进入它的流量：无法在其上设置感兴趣流 {selectors}；请将这些网段路由到隧道接口。',
    'peer.huawei-vrp.import.partialMesh': 'ACL 并未将每个源网段与每个目的网段配对：对端配置包含其源网段与目的网段的所有组合。',
    'peer.huawei-vrp.import.defaultProposal': '未引用 IKE 安全提议：{vendor} 将使用其缺省提议，此处未列出。',
    'peer.huawei-vrp.import.truncated': '只读取了文本的前 1 MiB。',
    'peer.huawei-vrp.import.moreRemarks': '还有更多未能理解的行；只列出前 200 条。',
  },
};
