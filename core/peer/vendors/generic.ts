// What every commercial vendor's generator and importer shares: the wording of the notes and remarks that are the
// same for all of them (each names its vendor through the `vendor` param), generated text with notes by line, and
// the network notations device CLIs use (dotted masks, Cisco wildcard masks).
import ipaddr from 'ipaddr.js';
import { isIpv4, parseIpv4Cidr } from '../../net/ipv4.ts';
import type { PeerTunnel } from '../profile.ts';
import type { GeneratorNote, ImportRemark, Lang, MessageTable } from '../vendor.ts';

/**
 * The tunnel an importer starts from, before the configuration's own settings: nothing known, and the vendor's
 * defaults for what a configuration may leave unsaid (IKE version, lifetimes, NAT-T).
 */
export function blankTunnel(defaults: Pick<PeerTunnel, 'ikeVersions' | 'ikeLifetime' | 'ipsecLifetime' | 'natTraversal'>): PeerTunnel {
  return {
    deviceAddress: '',
    cloudAddress: '',
    ikeMode: 'main',
    ikeProposals: [],
    ipsecProposals: [],
    localId: '',
    remoteId: '',
    localSubnets: [],
    remoteSubnets: [],
    psk: '',
    dpd: false,
    routeBased: false,
    ...defaults,
    ikeVersions: [...defaults.ikeVersions],
  };
}

/** Written where a PSK is not known (or not asked for); importers read it back as ''. */
export const PSK_PLACEHOLDER = 'REPLACE-WITH-PRE-SHARED-KEY';

export const GENERIC_VENDOR_MESSAGES: MessageTable = {
  en: {
    'peer.vendor.cannotAlgorithm': '{vendor} has no keyword for {algorithms}: this proposal cannot be configured on the device.',
    'peer.vendor.cannotSm': '{vendor} does not support the SM (国密) algorithms {algorithms}: this device cannot match an SM gateway.',
    'peer.vendor.cannotLifetime': '{vendor} accepts a {phase} lifetime of {min}–{max} seconds, not {value}: the nearest value is written, and the two ends rekey on different schedules.',
    'peer.vendor.cannotIkeMode': '{vendor} cannot use IKEv1 aggressive mode with this identity ({identity}): {detail}',
    'peer.vendor.cannotIdentity': '{vendor} cannot use "{identity}" as an IKE identity: {detail}',
    'peer.vendor.cannotPsk': '{vendor} cannot take this pre-shared key as written ({detail}): choose a key without those characters.',
    'peer.vendor.cannotBgpPolicy': 'BGP needs a tunnel interface on {vendor}: this policy-based tunnel is written with one, and the comment at this line says what became of its traffic selectors.',
    'peer.vendor.pskPlaceholder': 'The pre-shared key is not included: replace the placeholder with the key before entering the configuration.',
    'peer.vendor.deviceAddressUnknown': "The device's public address is not known: replace the placeholder with the outside interface's address.",
    'peer.vendor.cloudAddressUnknown': 'The cloud address is not known: replace the placeholder with the address of the VPN gateway.',
    'peer.vendor.lifetimeUnknown': "The {phase} lifetime is not known: {vendor}'s default applies.",
    'peer.vendor.noProposals': "No {phase} proposal is set: {vendor}'s default proposals apply, compare them by hand.",
    'peer.vendor.noSubnets': 'No traffic selector is set: enter the networks on both sides.',
    'peer.vendor.bgpAsnUnknown': "The device's BGP ASN is not known: use the ASN of the customer gateway.",
    'peer.vendor.interfacePlaceholder': '"{name}" is a placeholder: replace it with the name this device uses.',
    'peer.vendor.routesUnknown': 'The cloud networks are not part of a route-based tunnel: add a route to each VPC network through the tunnel interface.',
    'peer.vendor.bothIkeVersions': '{vendor} uses one IKE version per peer: IKEv2 is written, the device will not answer IKEv1.',
    'peer.vendor.import.unreadable': 'No {vendor} IPsec tunnel could be read from this text.',
    'peer.vendor.import.notUnderstood': 'This line bears on IPsec but is not part of the peer profile: it was not read.',
    'peer.vendor.import.unknownAlgorithm': 'Not a {vendor} algorithm keyword.',
    'peer.vendor.import.extraTunnel': 'Only two tunnels are read: this one was left out.',
    'peer.vendor.import.unresolved': 'This refers to "{name}", which the text does not define: paste that part of the configuration too.',
    'peer.vendor.import.noSecret': 'No pre-shared key was found for this tunnel: the PSK is unknown.',
    'peer.vendor.import.encryptedSecret': 'The pre-shared key is stored encrypted on the device: it cannot be read here, the PSK is unknown.',
  },
  'zh-CN': {
    'peer.vendor.cannotAlgorithm': '{vendor} 没有 {algorithms} 的关键字：设备上无法配置此提议。',
    'peer.vendor.cannotSm': '{vendor} 不支持国密（SM）算法 {algorithms}：此设备无法与国密网关对接。',
    'peer.vendor.cannotLifetime': '{vendor} 的 {phase} 生存时间范围为 {min}–{max} 秒，不能为 {value}：已写入最接近的值，两端将按不同周期重协商。',
    'peer.vendor.cannotIkeMode': '{vendor} 无法在此身份标识（{identity}）下使用 IKEv1 野蛮模式，请改用主模式或地址类型的身份标识。',
    'peer.vendor.cannotIdentity': '{vendor} 不能使用“{identity}”作为 IKE 身份标识，请改用地址或不含特殊字符的域名。',
    'peer.vendor.cannotPsk': '{vendor} 无法按原样使用此预共享密钥：请选择不含其无法接受字符的密钥。',
    'peer.vendor.cannotBgpPolicy': '在 {vendor} 上 BGP 需要隧道接口：此策略模式隧道已按带隧道接口的方式写出，其感兴趣流的处理见此行注释。',
    'peer.vendor.pskPlaceholder': '未包含预共享密钥：输入配置前请用实际密钥替换占位符。',
    'peer.vendor.deviceAddressUnknown': '设备的公网地址未知：请用外网接口的地址替换占位符。',
    'peer.vendor.cloudAddressUnknown': '云端地址未知：请用 VPN 网关的地址替换占位符。',
    'peer.vendor.lifetimeUnknown': '{phase} 生存时间未知：使用 {vendor} 的默认值。',
    'peer.vendor.noProposals': '未设置 {phase} 提议：使用 {vendor} 的默认提议，请手工比对。',
    'peer.vendor.noSubnets': '未设置感兴趣流：请填写两端的网段。',
    'peer.vendor.bgpAsnUnknown': '设备的 BGP 自治系统号未知：请使用用户网关的 ASN。',
    'peer.vendor.interfacePlaceholder': '“{name}”是占位名称：请替换为此设备上实际使用的名称。',
    'peer.vendor.routesUnknown': '路由模式隧道不包含云端网段：请为每个 VPC 网段添加经隧道接口的路由。',
    'peer.vendor.bothIkeVersions': '{vendor} 每个对端只使用一个 IKE 版本：已写为 IKEv2，设备不会响应 IKEv1。',
    'peer.vendor.import.unreadable': '无法从此文本读取任何 {vendor} IPsec 隧道。',
    'peer.vendor.import.notUnderstood': '此行与 IPsec 有关，但不属于对端设备配置：未读取。',
    'peer.vendor.import.unknownAlgorithm': '不是 {vendor} 的算法关键字。',
    'peer.vendor.import.extraTunnel': '只读取两条隧道：此隧道未读取。',
    'peer.vendor.import.unresolved': '此处引用了“{name}”，但文本中没有它的定义：请一并粘贴该部分配置。',
    'peer.vendor.import.noSecret': '未找到此隧道的预共享密钥：PSK 未知。',
    'peer.vendor.import.encryptedSecret': '设备上的预共享密钥是加密存储的：此处无法读取，PSK 未知。',
  },
};

/**
 * Notes that only ask the user to fill something in (a key, an address, an interface name): every other note says the
 * device cannot do what the connection needs, or does it differently, and the preview warns about those.
 */
const FILL_IN_CODES: ReadonlySet<string> = new Set([
  'peer.vendor.pskPlaceholder',
  'peer.vendor.deviceAddressUnknown',
  'peer.vendor.cloudAddressUnknown',
  'peer.vendor.lifetimeUnknown',
  'peer.vendor.noProposals',
  'peer.vendor.noSubnets',
  'peer.vendor.bgpAsnUnknown',
  'peer.vendor.interfacePlaceholder',
  'peer.vendor.routesUnknown',
  // strongSwan's own codes for the same
  'peer.pskPlaceholder',
  'peer.deviceAddressUnknown',
  'peer.cloudAddressUnknown',
  'peer.ikeVersionUnknown',
  'peer.lifetimeUnknown',
  'peer.noProposals',
  'peer.noSubnets',
  'peer.bgpAsnUnknown',
]);

/** A generator note about a limit of the device (not a blank to fill in). */
export function isLimitationNote(note: { code: string }): boolean {
  return !FILL_IN_CODES.has(note.code);
}

export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(params, key) ? String(params[key]) : whole));
}

/** The wording of a code from the first table that has it. */
export function describeFrom(tables: readonly MessageTable[], code: string, lang: Lang, params: Readonly<Record<string, string | number>> = {}): string | undefined {
  for (const table of tables) {
    const template = table[lang][code];
    if (template !== undefined) return fillTemplate(template, params);
  }
  return undefined;
}

/**
 * Generated text line by line, with the notes attached to the lines they are about. Notes are worded in English from
 * the vendor's table, then the generic one; every note carries `vendor` in its params so the other language can
 * word it again.
 */
export class VendorText {
  readonly lines: string[] = [];
  readonly notes: GeneratorNote[] = [];

  private readonly vendorLabel: string;
  private readonly messages: MessageTable | undefined;

  constructor(vendorLabel: string, messages?: MessageTable) {
    this.vendorLabel = vendorLabel;
    this.messages = messages;
  }

  /** Appends a line and returns its 1-based number. */
  add(text: string): number {
    this.lines.push(text);
    return this.lines.length;
  }

  note(line: number, code: string, params: Record<string, string | number> = {}): void {
    const full = { vendor: this.vendorLabel, ...params };
    const tables = this.messages ? [this.messages, GENERIC_VENDOR_MESSAGES] : [GENERIC_VENDOR_MESSAGES];
    this.notes.push({ line, code, message: describeFrom(tables, code, 'en', full) ?? code, params: full });
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/** An import remark worded in English (params carry `vendor`, like generator notes). */
export function vendorRemark(
  vendorLabel: string,
  messages: MessageTable | undefined,
  line: number,
  text: string,
  code: string,
  params: Record<string, string | number> = {},
): ImportRemark {
  const full = { vendor: vendorLabel, ...params };
  const tables = messages ? [messages, GENERIC_VENDOR_MESSAGES] : [GENERIC_VENDOR_MESSAGES];
  return { line, text: text.trim(), code, message: describeFrom(tables, code, 'en', full) ?? code, params: full };
}

// ---------------------------------------------------------------------------------------------------------------
// Network notations (ipaddr.js does the mask arithmetic)

/** `10.1.0.0/16` → address, dotted mask and Cisco wildcard mask; a bare address is a /32; undefined for anything else. */
export function cidrToMask(cidr: string): { address: string; mask: string; wildcard: string } | undefined {
  const network = parseIpv4Cidr(cidr.includes('/') ? cidr : `${cidr}/32`);
  if (!network) return undefined;
  const mask = ipaddr.IPv4.subnetMaskFromPrefixLength(network.prefix);
  const wildcard = mask.octets.map((octet) => 255 - octet).join('.');
  return { address: ipaddr.IPv4.networkAddressFromCIDR(`${network.text.split('/')[0]!}/${network.prefix}`).toString(), mask: mask.toString(), wildcard };
}

/** A dotted mask → prefix length; undefined when malformed or not contiguous. */
export function maskToPrefix(mask: string): number | undefined {
  if (!isIpv4(mask)) return undefined;
  return ipaddr.IPv4.parse(mask).prefixLengthFromSubnetMask() ?? undefined;
}

/** `address mask` (or a Cisco `address wildcard` when `wildcard`) → CIDR as the profile keeps it, host bits masked. */
export function maskToCidr(address: string, mask: string, wildcard = false): string | undefined {
  if (!isIpv4(address) || !isIpv4(mask)) return undefined;
  const dotted = wildcard ? ipaddr.IPv4.parse(mask).octets.map((octet) => 255 - octet).join('.') : mask;
  const prefix = maskToPrefix(dotted);
  if (prefix === undefined) return undefined;
  return `${ipaddr.IPv4.networkAddressFromCIDR(`${address}/${prefix}`).toString()}/${prefix}`;
}
