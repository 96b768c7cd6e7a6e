// Phase 1 and phase 2 settings, shared by IkeConfig/IpsecConfig (single) and TunnelIkeConfig/TunnelIpsecConfig.
import type { IkeConfig, IpsecConfig, VpnType } from '../model/connection.ts';
import { allowedValues, IKE_ID_MAX, LIFETIME_MAX, LIFETIME_MIN, PSK_MAX, type EnumKey } from '../model/enums.ts';
import { issue, type RuleIssue } from './issue.ts';

/** Characters the document allows in a PSK besides letters and digits: ~!`@#$%^&*()_-+={}[]|;:',.<>/? */
export const PSK_SYMBOLS = "~!`@#$%^&*()_-+={}[]|;:',.<>/?";
const PSK_ALLOWED = new Set([...'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', ...PSK_SYMBOLS]);

export function pskRules(path: string, psk: string): RuleIssue[] {
  const length = [...psk].length;
  if (length < 1 || length > PSK_MAX) return [issue(path, 'Rule.Psk.Length', { min: 1, max: PSK_MAX, length })];
  const bad = [...psk].find((c) => !PSK_ALLOWED.has(c));
  if (bad === undefined) return [];
  // An invisible character is named in words (a space) or by its code point: a glyph such as ␠ is a box in most fonts.
  if (bad === ' ') return [issue(path, 'Rule.Psk.Charset', { reason: 'space' })];
  if (/[\p{C}\p{Z}]/u.test(bad)) return [issue(path, 'Rule.Psk.Charset', { reason: 'invisible', char: `U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` })];
  return [issue(path, 'Rule.Psk.Charset', { char: bad })];
}

/** The API has its own codes for two phase-2 enumerations; the others get the app code. */
const ENUM_CODE: Partial<Record<EnumKey, string>> = {
  IpsecPfs: 'NotSupportVpnConnectionParameter.IpsecPfs',
  IpsecAuthAlg: 'NotSupportVpnConnectionParameter.IpsecAuthAlg',
};

export function enumRule(path: string, key: EnumKey, value: string, vpnType: VpnType): RuleIssue[] {
  const allowed = allowedValues(key, vpnType);
  if (allowed.includes(value)) return [];
  return [issue(path, ENUM_CODE[key] ?? 'Rule.Enum.NotAllowed', { value, allowed: allowed.join(', '), vpnType })];
}

export function lifetimeRule(path: string, value: number): RuleIssue[] {
  return Number.isInteger(value) && value >= LIFETIME_MIN && value <= LIFETIME_MAX
    ? []
    : [issue(path, 'Rule.Lifetime.Range', { min: LIFETIME_MIN, max: LIFETIME_MAX, value: String(value) })];
}

/** LocalId / RemoteId: ≤100 characters; empty means "use the gateway / customer-gateway IP". No spaces. */
export function ikeIdRules(path: string, value: string): RuleIssue[] {
  const length = [...value].length;
  if (length > IKE_ID_MAX) return [issue(path, 'Rule.IkeId.Length', { max: IKE_ID_MAX, length })];
  if (/\s/.test(value)) return [issue(path, 'Rule.IkeId.Whitespace', {})];
  return [];
}

export function ikeConfigRules(prefix: string, ike: IkeConfig, vpnType: VpnType): RuleIssue[] {
  return [
    ...pskRules(`${prefix}.Psk`, ike.Psk),
    ...enumRule(`${prefix}.IkeVersion`, 'IkeVersion', ike.IkeVersion, vpnType),
    ...enumRule(`${prefix}.IkeMode`, 'IkeMode', ike.IkeMode, vpnType),
    ...enumRule(`${prefix}.IkeEncAlg`, 'IkeEncAlg', ike.IkeEncAlg, vpnType),
    ...enumRule(`${prefix}.IkeAuthAlg`, 'IkeAuthAlg', ike.IkeAuthAlg, vpnType),
    ...enumRule(`${prefix}.IkePfs`, 'IkePfs', ike.IkePfs, vpnType),
    ...lifetimeRule(`${prefix}.IkeLifetime`, ike.IkeLifetime),
    ...ikeIdRules(`${prefix}.LocalId`, ike.LocalId),
    ...ikeIdRules(`${prefix}.RemoteId`, ike.RemoteId),
  ];
}

export function ipsecConfigRules(prefix: string, ipsec: IpsecConfig, vpnType: VpnType): RuleIssue[] {
  return [
    ...enumRule(`${prefix}.IpsecEncAlg`, 'IpsecEncAlg', ipsec.IpsecEncAlg, vpnType),
    ...enumRule(`${prefix}.IpsecAuthAlg`, 'IpsecAuthAlg', ipsec.IpsecAuthAlg, vpnType),
    ...enumRule(`${prefix}.IpsecPfs`, 'IpsecPfs', ipsec.IpsecPfs, vpnType),
    ...lifetimeRule(`${prefix}.IpsecLifetime`, ipsec.IpsecLifetime),
  ];
}
