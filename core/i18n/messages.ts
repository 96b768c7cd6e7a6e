// Messages for every rule code, in 简体中文 and English, plus field / group / impact labels. Templates use
// {param} placeholders filled from RuleIssue.params, and {field} for the field's label. A code with several
// causes has per-reason templates keyed `Code#reason` (params.reason), falling back to the plain code.
import type { FieldGroup, Impact } from '../model/paths.ts';
import type { RuleIssue } from '../rules/issue.ts';

export type Lang = 'zh-CN' | 'en';
type Catalog = Record<string, string>;

const en: Catalog = {
  'InvalidName#length': 'The name must be {min}–{max} characters long (now {length}).',
  'InvalidName#prefix': 'The name must not start with http:// or https://.',
  InvalidName: 'The name is not valid.',
  'IllegalParam.LocalSubnet': 'The local subnet "{value}" is not valid.',
  'IllegalParam.LocalSubnet#empty': 'The local subnet list has an empty entry (check the commas).',
  'IllegalParam.LocalSubnet#malformed': '"{value}" is not an IPv4 network such as 192.168.1.0/24.',
  'IllegalParam.LocalSubnet#hostBits': '"{value}" has host bits set; use the network address.',
  'IllegalParam.LocalSubnet#duplicate': '"{value}" is listed twice.',
  'IllegalParam.LocalSubnet#anyNotAlone': '0.0.0.0/0 (destination routing) cannot be combined with other networks.',
  'IllegalParam.RemoteSubnet': 'The remote subnet "{value}" is not valid.',
  'IllegalParam.RemoteSubnet#empty': 'The remote subnet list has an empty entry (check the commas).',
  'IllegalParam.RemoteSubnet#malformed': '"{value}" is not an IPv4 network such as 192.168.3.0/24.',
  'IllegalParam.RemoteSubnet#hostBits': '"{value}" has host bits set; use the network address.',
  'IllegalParam.RemoteSubnet#duplicate': '"{value}" is listed twice.',
  'IllegalParam.RemoteSubnet#anyNotAlone': '0.0.0.0/0 (destination routing) cannot be combined with other networks.',
  'Rule.Subnet.RoutingModeMismatch': 'Use 0.0.0.0/0 on both sides (destination routing) or specific networks on both sides (protected data flows).',
  'ModifyIkeV1WithMultiRoutes.Invalid': 'IKEv1 cannot be used with several subnets; use IKEv2 or a single subnet on each side.',
  'Rule.Psk.Length': 'The pre-shared key must be {min}–{max} characters long (now {length}).',
  'Rule.Psk.Charset': 'The pre-shared key may contain letters, digits and ~!`@#$%^&*()_-+={}[]|;:\',.<>/? only; "{char}" is not allowed.',
  'Rule.Psk.Charset#space': 'The pre-shared key must not contain spaces.',
  'Rule.Psk.Charset#invisible': 'The pre-shared key contains an invisible character ({char}); remove it.',
  'Rule.Enum.NotAllowed': '"{value}" is not allowed on this gateway; choose one of: {allowed}.',
  'NotSupportVpnConnectionParameter.IpsecPfs': 'The IPsec DH group "{value}" is not supported; choose one of: {allowed}.',
  'NotSupportVpnConnectionParameter.IpsecAuthAlg': 'The IPsec authentication algorithm "{value}" is not supported; choose one of: {allowed}.',
  'Rule.Lifetime.Range': 'The lifetime must be a whole number of seconds from {min} to {max}.',
  'Rule.IkeId.Length': 'The identifier must be at most {max} characters (now {length}).',
  'Rule.IkeId.Whitespace': 'The identifier must not contain spaces.',
  'Rule.HealthCheck.Required': 'Required when the health check is enabled.',
  'Rule.HealthCheck.Ip': '"{value}" is not an IPv4 address.',
  'Rule.HealthCheck.PositiveInt': 'Must be a whole number of at least 1.',
  'InvalidTunnelCidr.Malformed': '"{value}" is not a network such as 169.254.10.0/30.',
  'IllegalParam.TunnelCidr': 'The tunnel network "{value}" is not valid.',
  'IllegalParam.TunnelCidr#prefix': 'The tunnel network must be a /30.',
  'IllegalParam.TunnelCidr#hostBits': '"{value}" is not the network address of a /30.',
  'IllegalParam.TunnelCidr#outside': 'The tunnel network must be inside 169.254.0.0/16.',
  'IllegalParam.TunnelCidr#reserved': '{value} is reserved (169.254.0.0/30 … 169.254.6.0/30 and 169.254.169.252/30).',
  'IllegalParam.TunnelCidr#duplicate': '{value} is already used by {other} on this VPN gateway.',
  'IllegalParam.TunnelCidr#pair': '{value} is also the tunnel network of the {other}; each tunnel needs its own.',
  'MissingParameter.TunnelCidr': 'A tunnel network is required when BGP is enabled.',
  'MissingParam.CustomerGatewayAsn': 'Customer gateway {customerGatewayId} has no ASN; BGP needs one. Set the ASN on the customer gateway first.',
  'IllegalParam.EnableBgp': 'BGP is enabled on this VPN gateway, so its connections must keep BGP enabled.',
  'InvalidLocalBgpIp.Malformed': '"{value}" is not an IPv4 address.',
  'IllegalParam.LocalBgpIp': 'The local BGP address is not valid.',
  'IllegalParam.LocalBgpIp#outside': '{value} is not inside the tunnel network {tunnelCidr}.',
  'IllegalParam.LocalBgpIp#notHost': '{value} is the network or broadcast address of {tunnelCidr}; use a host address.',
  'IllegalParam.LocalBgpIp#required': 'A local BGP address is required when BGP is enabled.',
  'IllegalParam.LocalAsn': 'The ASN must be from {min} to {max}, or in the form high.low (each 0–65535).',
  'IllegalParam.BgpConfig': 'The BGP configuration is not valid.',
  'Rule.TunnelBgp.LocalAsnRequiresBgp': 'The tunnel ASN can only be changed while tunnel BGP is enabled.',
  'IllegalParam.Role': 'The tunnel role must be {expected}.',
  'IllegalParam.TunnelId': 'The tunnel ID is not valid.',
  'IllegalParam.TunnelId#empty': 'The tunnel ID is missing.',
  'IllegalParam.TunnelId#duplicate': 'Both tunnels have the ID {value}.',
  'IllegalParam.TunnelId#notLive': 'Tunnel {value} does not belong to this connection.',
  'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs': 'Connection {other} uses the same VPN gateway and customer gateway, so the pre-shared key and IKE settings must be the same.',
  'VpnConnectionParamInvalid.SameVpnAndCgwTrafficSelectorOverlap': 'Connection {other} uses the same VPN gateway and customer gateway; its subnets must not overlap these.',
  'Rule.RemoteCaCertificate.NotSupported': 'A peer CA certificate can only be set on SM (national standard) gateways.',
  'Rule.RemoteCaCertificate.Pem': 'The certificate must be PEM: -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----.',
  'Rule.RemoteCaCertificate.Required': 'An SM gateway authenticates the peer with its CA certificate; replace it rather than clearing it.',
  'Rule.Param.SingleTunnelOnly': 'This parameter applies to single-tunnel connections only.',
  'Rule.Param.DualTunnelOnly': 'This parameter applies to dual-tunnel connections only.',
  'Rule.Shape.Invalid': 'This value has the wrong type ({detail}).',
  'Rule.Internal': 'Internal validation error: {detail}',
  'Rule.Draft.ConnectionMismatch': 'The draft belongs to {draft}, not {live}.',
  'Rule.Draft.ModeMismatch': 'The draft is {draft}-tunnel but the connection is now {live}-tunnel.',
  'Rule.ClientToken.Invalid': 'The client token must be 1–{max} printable ASCII characters.',
  'Rule.Request.IncompleteGroup': 'The group must be sent complete; missing: {missing}.',
  'Rule.Request.Malformed': 'This parameter is not valid JSON.',
  // Warnings (core/rules/advise.ts): shown next to the field, never blocking.
  'Advice.Tunnels.SameIkeIds': 'The master and slave tunnels use the same Local ID ({localId}) and Remote ID ({remoteId}). Each tunnel usually identifies its own two ends; check that the peer really expects the same IDs on both tunnels.',
  'Advice.IkeV1.MultiSubnet': 'IKEv1 with several subnets ({localCount} local, {remoteCount} remote): only the first subnet pair comes up. This connection already has it, so other changes are allowed; switch to IKEv2 to bring up every pair.',
  'Rule.Request.IncompleteTunnel': 'A tunnel must be sent whole (DPD, NAT traversal, IKE and IPsec settings); missing: {missing}.',
};

const zh: Catalog = {
  'InvalidName#length': '名称长度须为 {min}~{max} 个字符(当前 {length})。',
  'InvalidName#prefix': '名称不能以 http:// 或 https:// 开头。',
  InvalidName: '该名称格式不合法。',
  'IllegalParam.LocalSubnet': '本端网段({value})不合法。',
  'IllegalParam.LocalSubnet#empty': '本端网段列表中有空项(请检查逗号)。',
  'IllegalParam.LocalSubnet#malformed': '“{value}”不是合法的 IPv4 网段,例如 192.168.1.0/24。',
  'IllegalParam.LocalSubnet#hostBits': '“{value}”包含主机位,请填写网络地址。',
  'IllegalParam.LocalSubnet#duplicate': '“{value}”重复填写。',
  'IllegalParam.LocalSubnet#anyNotAlone': '0.0.0.0/0(目的路由模式)不能与其他网段同时填写。',
  'IllegalParam.RemoteSubnet': '对端网段({value})不合法。',
  'IllegalParam.RemoteSubnet#empty': '对端网段列表中有空项(请检查逗号)。',
  'IllegalParam.RemoteSubnet#malformed': '“{value}”不是合法的 IPv4 网段,例如 192.168.3.0/24。',
  'IllegalParam.RemoteSubnet#hostBits': '“{value}”包含主机位,请填写网络地址。',
  'IllegalParam.RemoteSubnet#duplicate': '“{value}”重复填写。',
  'IllegalParam.RemoteSubnet#anyNotAlone': '0.0.0.0/0(目的路由模式)不能与其他网段同时填写。',
  'Rule.Subnet.RoutingModeMismatch': '两端须同时为 0.0.0.0/0(目的路由模式)或同时为具体网段(感兴趣流模式)。',
  'ModifyIkeV1WithMultiRoutes.Invalid': '使用 IKEv1 协议时不能配置多网段,请改用 IKEv2 或每端只填一个网段。',
  'Rule.Psk.Length': '预共享密钥长度须为 {min}~{max} 个字符(当前 {length})。',
  'Rule.Psk.Charset': '预共享密钥只支持数字、大小写英文字母及 ~!`@#$%^&*()_-+={}[]|;:\',.<>/?,不支持“{char}”。',
  'Rule.Psk.Charset#space': '预共享密钥不能包含空格。',
  'Rule.Psk.Charset#invisible': '预共享密钥包含不可见字符({char}),请删除。',
  'Rule.Enum.NotAllowed': '当前网关不支持“{value}”,可选值:{allowed}。',
  'NotSupportVpnConnectionParameter.IpsecPfs': 'IPsec连接中指定的Pfs参数“{value}”不支持,可选值:{allowed}。',
  'NotSupportVpnConnectionParameter.IpsecAuthAlg': 'IPsec连接中指定的认证算法“{value}”不支持,可选值:{allowed}。',
  'Rule.Lifetime.Range': '生存周期须为 {min}~{max} 之间的整数秒。',
  'Rule.IkeId.Length': '标识长度不能超过 {max} 个字符(当前 {length})。',
  'Rule.IkeId.Whitespace': '标识不能包含空格。',
  'Rule.HealthCheck.Required': '开启健康检查时必须填写。',
  'Rule.HealthCheck.Ip': '“{value}”不是合法的 IPv4 地址。',
  'Rule.HealthCheck.PositiveInt': '须为不小于 1 的整数。',
  'InvalidTunnelCidr.Malformed': '“{value}”不是合法网段,例如 169.254.10.0/30。',
  'IllegalParam.TunnelCidr': '参数TunnelCidr({value})不合法。',
  'IllegalParam.TunnelCidr#prefix': '隧道网段的掩码长度须为 30。',
  'IllegalParam.TunnelCidr#hostBits': '“{value}”不是 /30 网段的网络地址。',
  'IllegalParam.TunnelCidr#outside': '隧道网段须在 169.254.0.0/16 内。',
  'IllegalParam.TunnelCidr#reserved': '{value} 为保留网段(169.254.0.0/30~169.254.6.0/30 及 169.254.169.252/30)。',
  'IllegalParam.TunnelCidr#duplicate': '{value} 已被本 VPN 网关下的 {other} 使用,隧道网段须保持唯一。',
  'IllegalParam.TunnelCidr#pair': '{value} 也是{other}的隧道网段;每条隧道须使用各自的隧道网段。',
  'MissingParameter.TunnelCidr': '开启BGP时,隧道CIDR参数是必填项。',
  'MissingParam.CustomerGatewayAsn': '用户网关 {customerGatewayId} 未配置自治系统号,开启 BGP 时必须配置。请先为用户网关设置自治系统号。',
  'IllegalParam.EnableBgp': '该 VPN 网关已启用 BGP,其 IPsec 连接必须保持启用 BGP。',
  'InvalidLocalBgpIp.Malformed': '“{value}”不是合法的 IPv4 地址。',
  'IllegalParam.LocalBgpIp': '本端BGP地址不合法。',
  'IllegalParam.LocalBgpIp#outside': '{value} 不在隧道网段 {tunnelCidr} 内。',
  'IllegalParam.LocalBgpIp#notHost': '{value} 是 {tunnelCidr} 的网络地址或广播地址,请使用主机地址。',
  'IllegalParam.LocalBgpIp#required': '开启BGP时须填写本端BGP地址。',
  'IllegalParam.LocalAsn': '自治系统号须在 {min}~{max} 之间,或使用两段格式 high.low(每段 0~65535)。',
  'IllegalParam.BgpConfig': '指定的BGP配置不合法。',
  'Rule.TunnelBgp.LocalAsnRequiresBgp': '仅在开启隧道 BGP(EnableTunnelsBgp 为 true)时才能配置或修改隧道本端自治系统号。',
  'IllegalParam.Role': '隧道角色须为 {expected}。',
  'IllegalParam.TunnelId': 'TunnelId参数非法。',
  'IllegalParam.TunnelId#empty': '缺少隧道 ID。',
  'IllegalParam.TunnelId#duplicate': '两条隧道的 ID 相同({value})。',
  'IllegalParam.TunnelId#notLive': '隧道 {value} 不属于该 IPsec 连接。',
  'VpnConnectionParamInvalid.SameVpnAndCgwDifferentIkeConfigs': 'IPsec 连接 {other} 关联了相同的 VPN 网关和用户网关,预共享密钥和 IKE 阶段的配置参数需保持相同。',
  'VpnConnectionParamInvalid.SameVpnAndCgwTrafficSelectorOverlap': 'IPsec 连接 {other} 关联了相同的 VPN 网关和用户网关,感兴趣流网段不能重叠。',
  'Rule.RemoteCaCertificate.NotSupported': '仅国密型 VPN 网关支持配置对端 CA 证书。',
  'Rule.RemoteCaCertificate.Pem': '证书须为 PEM 格式:-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----。',
  'Rule.RemoteCaCertificate.Required': '国密型 VPN 网关依靠对端 CA 证书认证对端,只能替换证书,不能清空。',
  'Rule.Param.SingleTunnelOnly': '该参数仅适用于单隧道模式的 IPsec 连接。',
  'Rule.Param.DualTunnelOnly': '该参数仅适用于双隧道模式的 IPsec 连接。',
  'Rule.Shape.Invalid': '取值类型错误({detail})。',
  'Rule.Internal': '校验内部错误:{detail}',
  'Rule.Draft.ConnectionMismatch': '草稿属于 {draft},而不是 {live}。',
  'Rule.Draft.ModeMismatch': '草稿为{draft}隧道模式,但连接当前为{live}隧道模式。',
  'Rule.ClientToken.Invalid': 'ClientToken 须为 1~{max} 个可打印 ASCII 字符。',
  'Rule.Request.IncompleteGroup': '该参数组须完整发送,缺少:{missing}。',
  'Rule.Request.Malformed': '该参数不是合法的 JSON。',
  'Advice.Tunnels.SameIkeIds': '主隧道和备隧道使用相同的本端标识({localId})和对端标识({remoteId})。两条隧道通常各自标识自己的两端,请确认对端确实在两条隧道上使用相同的标识。',
  'Advice.IkeV1.MultiSubnet': '使用 IKEv1 且配置了多个网段(本端 {localCount} 个,对端 {remoteCount} 个):只有第一组网段能建立连接。该连接原本就是如此,因此仍可修改其他配置;如需所有网段都能建立连接,请改用 IKEv2。',
  'Rule.Request.IncompleteTunnel': '隧道须完整发送(DPD、NAT 穿越、IKE 与 IPsec 配置),缺少:{missing}。',
};

export const MESSAGES: Readonly<Record<Lang, Catalog>> = { en, 'zh-CN': zh };

/** Labels by leaf key; tunnel and single-tunnel paths share them (`IkeConfig.Psk` ≡ `TunnelIkeConfig.Psk`). */
export const FIELD_LABELS: Record<Lang, Record<string, string>> = {
  en: {
    Name: 'Name', LocalSubnet: 'Local subnet', RemoteSubnet: 'Remote subnet', EffectImmediately: 'Effect immediately',
    AutoConfigRoute: 'Publish routes automatically', EnableDpd: 'DPD', EnableNatTraversal: 'NAT traversal',
    RemoteCaCertificate: 'Peer CA certificate', EnableTunnelsBgp: 'Tunnel BGP', TunnelId: 'Tunnel ID', Role: 'Role',
    Psk: 'Pre-shared key', IkeVersion: 'IKE version', IkeMode: 'Negotiation mode', IkeEncAlg: 'Encryption algorithm',
    IkeAuthAlg: 'Authentication algorithm', IkePfs: 'DH group', IkeLifetime: 'SA lifetime (s)', LocalId: 'Local ID',
    RemoteId: 'Remote ID', IpsecEncAlg: 'Encryption algorithm', IpsecAuthAlg: 'Authentication algorithm',
    IpsecPfs: 'DH group', IpsecLifetime: 'SA lifetime (s)', enable: 'Health check', dip: 'Destination IP',
    sip: 'Source IP', interval: 'Retry interval (s)', retry: 'Retries', EnableBgp: 'BGP', LocalAsn: 'Local ASN',
    TunnelCidr: 'Tunnel network', LocalBgpIp: 'Local BGP address', mode: 'Tunnel mode',
  },
  'zh-CN': {
    Name: '名称', LocalSubnet: '本端网段', RemoteSubnet: '对端网段', EffectImmediately: '立即生效',
    AutoConfigRoute: '自动发布路由', EnableDpd: 'DPD', EnableNatTraversal: 'NAT 穿越',
    RemoteCaCertificate: '对端 CA 证书', EnableTunnelsBgp: '隧道 BGP', TunnelId: '隧道 ID', Role: '角色',
    Psk: '预共享密钥', IkeVersion: 'IKE 版本', IkeMode: '协商模式', IkeEncAlg: '加密算法',
    IkeAuthAlg: '认证算法', IkePfs: 'DH 分组', IkeLifetime: 'SA 生存周期(秒)', LocalId: '本端标识',
    RemoteId: '对端标识', IpsecEncAlg: '加密算法', IpsecAuthAlg: '认证算法',
    IpsecPfs: 'DH 分组', IpsecLifetime: 'SA 生存周期(秒)', enable: '健康检查', dip: '目的 IP',
    sip: '源 IP', interval: '重试间隔(秒)', retry: '重试次数', EnableBgp: 'BGP', LocalAsn: '本端自治系统号',
    TunnelCidr: '隧道网段', LocalBgpIp: '本端 BGP 地址', mode: '隧道模式',
  },
};

export const GROUP_LABELS: Record<Lang, Record<FieldGroup, string>> = {
  en: { General: 'General', IKE: 'Phase 1 (IKE)', IPsec: 'Phase 2 (IPsec)', HealthCheck: 'Health check', BGP: 'BGP', Tunnel: 'Tunnel' },
  'zh-CN': { General: '基本信息', IKE: '第一阶段(IKE)', IPsec: '第二阶段(IPsec)', HealthCheck: '健康检查', BGP: 'BGP', Tunnel: '隧道' },
};

export const IMPACT_LABELS: Record<Lang, Record<Impact, string>> = {
  en: { renegotiates: 'Renegotiates the tunnel', routing: 'Changes routing', harmless: 'No traffic impact' },
  'zh-CN': { renegotiates: '隧道将重新协商', routing: '路由将发生变化', harmless: '不影响流量' },
};

export function sectionLabel(section: string, lang: Lang): string {
  if (section === 'TunnelOptionsSpecification.1') return lang === 'en' ? 'Master tunnel' : '主隧道';
  if (section === 'TunnelOptionsSpecification.2') return lang === 'en' ? 'Slave tunnel' : '备隧道';
  return GROUP_LABELS[lang].General;
}

export function fieldLabel(path: string, lang: Lang): string {
  const leaf = path.split('.').pop() ?? path;
  return Object.hasOwn(FIELD_LABELS[lang], leaf) ? (FIELD_LABELS[lang][leaf] ?? path) : path;
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(params, key) ? String(params[key]) : whole));
}

/** The issue as a sentence in the given language. Unknown codes fall back to the code itself. */
/** A parameter naming a tunnel (`TunnelOptionsSpecification.1`) in words, as the editor names it ("master tunnel"). */
function paramWords(params: RuleIssue['params'], lang: Lang): RuleIssue['params'] {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string' || !/^TunnelOptionsSpecification\.[12]$/.test(value)) out[key] = value;
    else out[key] = lang === 'en' ? sectionLabel(value, lang).toLowerCase() : sectionLabel(value, lang);
  }
  return out;
}

export function formatIssue(issue: RuleIssue, lang: Lang): string {
  const catalog = MESSAGES[lang];
  const reason = typeof issue.params.reason === 'string' ? issue.params.reason : undefined;
  // Own-property lookups only: a code such as "constructor" must not find Object.prototype members.
  const own = (key: string): string | undefined => (Object.hasOwn(catalog, key) ? catalog[key] : undefined);
  const template = (reason !== undefined ? own(`${issue.code}#${reason}`) : undefined) ?? own(issue.code) ?? issue.code;
  return fill(template, { field: fieldLabel(issue.path, lang), ...paramWords(issue.params, lang) });
}

/** Every code the rules can produce (without `#reason` variants); the tests check both catalogs cover them. */
export const RULE_CODES: readonly string[] = Object.keys(en).filter((k) => !k.includes('#'));
