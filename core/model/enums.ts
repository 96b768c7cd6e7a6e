// Allowed values per gateway type, from the ModifyVpnConnectionAttribute document.
// SM (国密, VpnType NationalStandard) gateways restrict phase 1 to ikev1 / main and both phases to sm4 / sm3.
import type { VpnType } from './connection.ts';

export type AllowedByVpnType = Readonly<Record<VpnType, readonly string[]>>;

const same = (values: readonly string[]): AllowedByVpnType => ({ Normal: values, NationalStandard: values });

export const ALLOWED = {
  IkeVersion: { Normal: ['ikev1', 'ikev2'], NationalStandard: ['ikev1'] },
  IkeMode: { Normal: ['main', 'aggressive'], NationalStandard: ['main'] },
  IkeEncAlg: { Normal: ['aes', 'aes192', 'aes256', 'des', '3des'], NationalStandard: ['sm4'] },
  IkeAuthAlg: { Normal: ['md5', 'sha1', 'sha256', 'sha384', 'sha512'], NationalStandard: ['sm3'] },
  IkePfs: same(['group1', 'group2', 'group5', 'group14']),
  IpsecEncAlg: { Normal: ['aes', 'aes192', 'aes256', 'des', '3des'], NationalStandard: ['sm4'] },
  IpsecAuthAlg: { Normal: ['md5', 'sha1', 'sha256', 'sha384', 'sha512'], NationalStandard: ['sm3'] },
  IpsecPfs: same(['disabled', 'group1', 'group2', 'group5', 'group14']),
} as const satisfies Record<string, AllowedByVpnType>;

export type EnumKey = keyof typeof ALLOWED;

export function allowedValues(key: EnumKey, vpnType: VpnType): readonly string[] {
  return ALLOWED[key][vpnType];
}

export const LIFETIME_MIN = 0;
export const LIFETIME_MAX = 86400;
export const NAME_MAX = 100;
export const PSK_MAX = 100;
export const IKE_ID_MAX = 100;
export const ASN_MIN = 1;
export const ASN_MAX = 4294967295;
/** Documented default for TunnelBgpConfig.LocalAsn. */
export const DEFAULT_TUNNEL_LOCAL_ASN = 45104;
