// What the two strongSwan dialects share: the wording of their notes and remarks, the BGP comment block, secrets,
// identities, durations and selectors as strongSwan reads them, and the tunnel a configuration starts from.
import { isIpv4, parseIpv4Cidr } from '../../../net/ipv4.ts';
import type { PeerBgp, PeerProfile, PeerTunnel, PeerTunnelKey } from '../../profile.ts';
import type { GeneratorNote, ImportRemark, Lang } from '../../vendor.ts';
import { blankTunnel as genericBlankTunnel, fillTemplate, PSK_PLACEHOLDER } from '../generic.ts';

export { PSK_PLACEHOLDER };
export type { Lang };

/**
 * Wording of every code the strongSwan generator and importers produce, in both languages. Generator notes carry
 * `params`; import remarks are worded by code alone (their `text` shows the line itself).
 */
export const PEER_VENDOR_MESSAGES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en: {
    'peer.vendorCannot': 'strongSwan has no keyword for {algorithms}: this proposal cannot be configured on the device.',
    'peer.pskPlaceholder': 'The pre-shared key is not known: replace the placeholder with the key before loading the file.',
    'peer.deviceAddressUnknown': "The device's public address is not known: strongSwan picks the outgoing address itself.",
    'peer.cloudAddressUnknown': 'The cloud address is not known: fill it in, strongSwan cannot initiate without it.',
    'peer.ikeVersionUnknown': 'No IKE version is set: the device accepts IKEv1 and IKEv2 and initiates with IKEv2.',
    'peer.lifetimeUnknown': "The {phase} lifetime is not known: strongSwan's default applies.",
    'peer.noProposals': "No {phase} proposal is set: strongSwan's default proposals apply.",
    'peer.noSubnets': 'No traffic selector is set: strongSwan uses the tunnel address itself.',
    'peer.bgpAsnUnknown': "The device's BGP ASN is not known: use the ASN of the customer gateway.",
    'peer.sameIdentities': 'Tunnel {tunnel} has the same identities as tunnel {other} but another pre-shared key: strongSwan picks a key by identities, so one tunnel would use the wrong key. Give the tunnels distinct identities.',
    'peer.import.unreadable': 'No strongSwan connection could be read from this text.',
    'peer.import.syntax': 'This line could not be parsed.',
    'peer.import.notUnderstood': 'This setting bears on IPsec but is not part of the peer profile: it was not read.',
    'peer.import.noEffect': 'Read, but not part of the peer profile: it does not change whether the tunnel negotiates.',
    'peer.import.unknownAlgorithm': 'Not a strongSwan algorithm keyword.',
    'peer.import.defaultProposals': "strongSwan's default proposals are not listed one by one here: compare them by hand.",
    'peer.import.extraConnection': 'Only two tunnels are read: this connection was left out.',
    'peer.import.extraChild': 'Only the first CHILD_SA of a connection is read: this one was left out.',
    'peer.import.noSecret': "No pre-shared key matches this connection's identities: the PSK is unknown.",
    'peer.import.notLoaded': 'strongSwan does not load this connection (auto=ignore, the default).',
    'peer.import.include': 'Included files are not read: paste their contents instead.',
  },
  'zh-CN': {
    'peer.vendorCannot': 'strongSwan 没有 {algorithms} 的算法关键字：设备上无法配置此提议。',
    'peer.pskPlaceholder': '预共享密钥未知：加载文件前请用实际密钥替换占位符。',
    'peer.deviceAddressUnknown': '设备的公网地址未知：strongSwan 会自行选择出口地址。',
    'peer.cloudAddressUnknown': '云端地址未知：请填写，否则 strongSwan 无法发起协商。',
    'peer.ikeVersionUnknown': '未设置 IKE 版本：设备同时接受 IKEv1 和 IKEv2，并以 IKEv2 发起。',
    'peer.lifetimeUnknown': '{phase} 生存时间未知：使用 strongSwan 的默认值。',
    'peer.noProposals': '未设置 {phase} 提议：使用 strongSwan 的默认提议。',
    'peer.noSubnets': '未设置感兴趣流：strongSwan 使用隧道地址本身。',
    'peer.bgpAsnUnknown': '设备的 BGP 自治系统号未知：请使用用户网关的 ASN。',
    'peer.sameIdentities': '隧道 {tunnel} 与隧道 {other} 的身份标识相同但预共享密钥不同：strongSwan 按身份标识选择密钥，其中一条隧道会用错密钥。请为两条隧道设置不同的身份标识。',
    'peer.import.unreadable': '无法从此文本读取任何 strongSwan 连接。',
    'peer.import.syntax': '无法解析此行。',
    'peer.import.notUnderstood': '此设置与 IPsec 有关，但不属于对端设备配置：未读取。',
    'peer.import.noEffect': '已读取，但不属于对端设备配置：不影响隧道能否协商。',
    'peer.import.unknownAlgorithm': '不是 strongSwan 的算法关键字。',
    'peer.import.defaultProposals': 'strongSwan 的默认提议未在此逐条列出：请手工比对。',
    'peer.import.extraConnection': '只读取两条隧道：此连接未读取。',
    'peer.import.extraChild': '每个连接只读取第一个 CHILD_SA：此项未读取。',
    'peer.import.noSecret': '没有与此连接身份标识匹配的预共享密钥：PSK 未知。',
    'peer.import.notLoaded': 'strongSwan 不会加载此连接（auto=ignore，默认值）。',
    'peer.import.include': '不读取被包含的文件：请粘贴其内容。',
  },
};

export function describePeerCode(code: string, lang: Lang, params: Record<string, string | number> = {}): string | undefined {
  const template = PEER_VENDOR_MESSAGES[lang][code];
  return template === undefined ? undefined : fillTemplate(template, params);
}

export function remark(line: number, text: string, code: string, detail?: string): ImportRemark {
  const base = describePeerCode(code, 'en') ?? code;
  return { line, text: text.trim(), code, message: detail ? `${detail} ${base}` : base };
}

/** Generated text line by line, with the notes attached to the lines they are about. */
export class ConfText {
  readonly lines: string[] = [];
  readonly notes: GeneratorNote[] = [];

  /** Appends a line and returns its 1-based number. */
  add(text: string): number {
    this.lines.push(text);
    return this.lines.length;
  }

  note(line: number, code: string, params?: Record<string, string | number>): void {
    this.notes.push({ line, code, message: describePeerCode(code, 'en', params) ?? code, ...(params && { params }) });
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tunnels

/** swanctl connection names, per tunnel. */
export const CONNECTION_NAMES: Readonly<Record<PeerTunnelKey, string>> = { single: 'alibaba', master: 'alibaba-master', slave: 'alibaba-slave' };

/** A distinct XFRM interface id / VTI mark per tunnel, the same in every file generated for the connection. */
export const INTERFACE_IDS: Readonly<Record<PeerTunnelKey, number>> = { single: 1, master: 1, slave: 2 };

export function tunnelKeysToWrite(tunnels: Partial<Record<PeerTunnelKey, PeerTunnel>>, only?: readonly PeerTunnelKey[]): PeerTunnelKey[] {
  return (['single', 'master', 'slave'] as const).filter((key) => tunnels[key] !== undefined && (!only || only.includes(key)));
}

/**
 * The tunnel written earlier whose secret strongSwan would pick for this tunnel's identities, when its PSK differs:
 * both dialects find a PSK by identities only (the most specific entry, the first of equals), never by connection.
 */
export function identityClash(keys: readonly PeerTunnelKey[], tunnels: Partial<Record<PeerTunnelKey, PeerTunnel>>, key: PeerTunnelKey): PeerTunnelKey | undefined {
  const upTo = keys.slice(0, keys.indexOf(key) + 1);
  const entries = upTo.map((k, i) => ({ ids: [tunnels[k]!.localId, tunnels[k]!.remoteId].filter((id) => id !== ''), secret: tunnels[k]!.psk, line: i }));
  const tunnel = tunnels[key]!;
  const picked = pickSecret(entries, tunnel.localId, tunnel.remoteId);
  const other = picked === undefined ? undefined : upTo[picked.line];
  return other !== undefined && other !== key && tunnels[other]!.psk !== tunnel.psk ? other : undefined;
}

/** One connection → `single`; two → `master`, `slave` in order of appearance. */
export function importedTunnelKeys(count: number): PeerTunnelKey[] {
  return count === 1 ? ['single'] : (['master', 'slave'] as PeerTunnelKey[]).slice(0, count);
}

/** What the device does where its configuration says nothing (each importer fills in its dialect's defaults).
 * strongSwan always detects NAT and moves to UDP 4500 when it finds one; only an explicit "no" reads as off. */
export function blankTunnel(defaults: { ikeLifetime: number; ipsecLifetime: number }): PeerTunnel {
  return genericBlankTunnel({ ikeVersions: ['ikev1', 'ikev2'], natTraversal: true, ...defaults });
}

// ---------------------------------------------------------------------------------------------------------------
// BGP: strongSwan does not speak BGP, so the settings travel as a comment block the importers read back.

const BGP_KEYS = { asn: 'bgp-local-asn', address: 'bgp-local-address', peerAddress: 'bgp-neighbor-address', peerAsn: 'bgp-neighbor-asn' } as const;

export function bgpCommentLines(bgp: PeerBgp): string[] {
  const show = (value: string) => (value === '' ? '""' : value);
  return [
    "# BGP: strongSwan does not speak BGP; configure the device's routing daemon (FRR, BIRD, ...) with:",
    `#   ${BGP_KEYS.asn} = ${show(bgp.asn)}`,
    `#   ${BGP_KEYS.address} = ${show(bgp.address)}`,
    `#   ${BGP_KEYS.peerAddress} = ${show(bgp.peerAddress)}`,
    `#   ${BGP_KEYS.peerAsn} = ${show(bgp.peerAsn)}`,
    `#   e.g. FRR: router bgp ${bgp.asn || '<device ASN>'} / neighbor ${bgp.peerAddress || '<cloud BGP address>'} remote-as ${bgp.peerAsn || '<cloud ASN>'}`,
  ];
}

/** Reads one line of the block above into `bgp`; false when the comment is not one of its lines. */
export function readBgpComment(comment: string, bgp: PeerBgp): boolean {
  const match = /^#\s*(bgp-local-asn|bgp-local-address|bgp-neighbor-address|bgp-neighbor-asn)\s*=\s*(.*?)\s*$/.exec(comment.trim());
  if (!match) return false;
  const value = match[2]!.replace(/^"(.*)"$/, '$1');
  const field = (Object.keys(BGP_KEYS) as (keyof typeof BGP_KEYS)[]).find((k) => BGP_KEYS[k] === match[1])!;
  bgp[field] = value;
  return true;
}

export const emptyBgp = (): PeerBgp => ({ asn: '', address: '', peerAddress: '', peerAsn: '' });

// ---------------------------------------------------------------------------------------------------------------
// Secrets. Both dialects read a value starting with 0x as hex and 0s as base64, quoted or not.

function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  const encoded = encodeURIComponent(text);
  for (let i = 0; i < encoded.length; i++) {
    if (encoded[i] === '%') {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(encoded.charCodeAt(i));
  }
  return bytes;
}

function utf8Text(bytes: readonly number[]): string | undefined {
  try {
    return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
  } catch {
    return undefined;
  }
}

/** A PSK strongSwan would misread if written as text (it would decode it as hex or base64). */
export function secretNeedsHex(psk: string): boolean {
  return /^0[xs]/i.test(psk);
}

export function secretAsHex(psk: string): string {
  let bytes: number[];
  try {
    bytes = utf8Bytes(psk);
  } catch {
    bytes = [...psk].map((c) => c.charCodeAt(0) & 0xff);
  }
  return `0x${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The secret as text; undefined when its hex or base64 is malformed or not text. */
export function decodeSecret(value: string): string | undefined {
  if (/^0x/i.test(value)) {
    const hex = value.slice(2).replace(/[\s:]/g, '');
    if (!/^([0-9a-f]{2})*$/i.test(hex)) return undefined;
    return utf8Text(hex.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);
  }
  if (/^0s/i.test(value)) {
    const b64 = value.slice(2).replace(/=+$/, '');
    if ([...b64].some((c) => !BASE64.includes(c))) return undefined;
    const bytes: number[] = [];
    let buffer = 0;
    let bits = 0;
    for (const c of b64) {
      buffer = (buffer << 6) | BASE64.indexOf(c);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        bytes.push((buffer >> bits) & 0xff);
      }
    }
    return utf8Text(bytes);
  }
  return value === PSK_PLACEHOLDER ? '' : value;
}

export interface SecretEntry {
  ids: string[];
  secret: string;
  line: number;
}

/** The most specific secret for a pair of identities, as strongSwan picks it: both ids, then one, then none. */
export function pickSecret(secrets: readonly SecretEntry[], localId: string, remoteId: string): SecretEntry | undefined {
  const matches = (id: string, wanted: string) => id === '%any' || (wanted !== '' && id === wanted);
  let best: SecretEntry | undefined;
  let bestScore = 0;
  for (const entry of secrets) {
    const ids = entry.ids.filter((id) => id !== '%any');
    const local = ids.some((id) => matches(id, localId));
    const remote = ids.some((id) => matches(id, remoteId));
    const score = ids.length === 0 ? 1 : local && remote ? 3 : local || remote ? 2 : 0;
    if (score > bestScore) {
      best = entry;
      bestScore = score;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Values as strongSwan reads them

/** `86400s`, `24h`, `1d`, `90m`, `3600` → seconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/i.exec(text.trim());
  if (!match) return undefined;
  const factor = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]!.toLowerCase() as '' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(match[1]) * factor);
}

/** An identity as the profile keeps it: strongSwan's `@` and type prefixes removed from FQDN / e-mail / IP ids. */
export function importId(text: string): string {
  const id = text.trim();
  if (/^@[^@#]/.test(id)) return id.slice(1);
  const typed = /^(fqdn|ipv4|email|rfc822|userfqdn):(?!#)(.+)$/i.exec(id);
  return typed ? typed[2]! : id;
}

/** One traffic selector item → the profile's subnet, or why it could not be read. */
export function importSelector(item: string, address: string): { subnet?: string; problem?: string } {
  let text = item.trim();
  let problem: string | undefined;
  const bracket = text.indexOf('[');
  if (bracket >= 0) {
    problem = `The protocol/port restriction ${text.slice(bracket)} was not read.`;
    text = text.slice(0, bracket).trim();
  }
  if (text === 'dynamic' || text === '%dynamic') {
    return isIpv4(address) ? { subnet: `${address}/32`, ...(problem && { problem }) } : { problem: 'The selector is the tunnel address, which is not known.' };
  }
  if (text.includes('-')) return { problem: 'Address ranges are not read.' };
  if (isIpv4(text)) return { subnet: `${text}/32`, ...(problem && { problem }) };
  if (text.includes('/') && !parseIpv4Cidr(text) && !text.includes(':')) return { problem: 'Not a network.' };
  return { subnet: text, ...(problem && { problem }) };
}

/** strongSwan's value lists are comma separated (spaces around items allowed). */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A profile read from a configuration, before its tunnels are filled in. */
export function emptyImportProfile(): PeerProfile {
  return { vendor: 'strongswan', platform: '', source: 'import', tunnels: {} };
}

/** At most this many syntax remarks for text that is not a configuration at all. */
export const MAX_SYNTAX_REMARKS = 20;

/** What both dialects read last for a connection: the BGP comment block the generator writes, and the PSK matched
 * by the tunnel's two identities (`onNoSecret` when secrets exist and none matches). */
export function finishImportedTunnel(tunnel: PeerTunnel, comments: readonly string[], secrets: readonly SecretEntry[], onNoSecret: () => void): PeerTunnel {
  const bgp = emptyBgp();
  if (comments.map((text) => readBgpComment(text, bgp)).some(Boolean)) tunnel.bgp = bgp;
  if (secrets.length > 0) {
    const secret = pickSecret(secrets, tunnel.localId, tunnel.remoteId);
    if (secret) tunnel.psk = secret.secret;
    else onNoSecret();
  }
  return tunnel;
}
