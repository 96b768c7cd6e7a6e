import { randomInt } from 'node:crypto';
import type { IkeConfig, IpsecConfig } from '../types.ts';
import { type Loose, looseInt, looseString, pick } from './lenient.ts';
import {
  checkEnum,
  checkIdentity,
  checkLifetime,
  checkPsk,
  IKE_MODES,
  IKE_PFS,
  IKE_VERSIONS,
  IPSEC_PFS,
  NORMAL_AUTH,
  NORMAL_ENC,
  SM_AUTH,
  SM_ENC,
} from './values.ts';

const PSK_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The documented behaviour when IkeConfig is sent without Psk: the service generates a 16-character key. */
export function randomPsk(): string {
  let out = '';
  for (let i = 0; i < 16; i++) out += PSK_ALPHABET[randomInt(PSK_ALPHABET.length)];
  return out;
}

/** The creation defaults (reference §1.1: ikev1/main/aes/sha1/group2/86400; SM: sm4/sm3), with a random PSK as the
 * document says of a missing one; identities default to the two ends' IPs. */
export function defaultIke(nationalStandard: boolean, localIp: string, remoteIp: string): IkeConfig {
  return {
    Psk: randomPsk(),
    IkeVersion: 'ikev1',
    IkeMode: 'main',
    IkeEncAlg: nationalStandard ? 'sm4' : 'aes',
    IkeAuthAlg: nationalStandard ? 'sm3' : 'sha1',
    IkePfs: 'group2',
    IkeLifetime: 86400,
    LocalId: localIp,
    RemoteId: remoteIp,
  };
}

export function defaultIpsec(nationalStandard: boolean): IpsecConfig {
  return { IpsecEncAlg: nationalStandard ? 'sm4' : 'aes', IpsecAuthAlg: nationalStandard ? 'sm3' : 'sha1', IpsecPfs: 'group2', IpsecLifetime: 86400 };
}

const str = (obj: Loose, key: string): string | undefined => {
  const v = pick(obj, key);
  return v === undefined ? undefined : looseString(`IllegalParam.${key}`, key, v);
};

/** Applies an IkeConfig / TunnelIkeConfig patch onto `current`, enforcing the value rules for the gateway type. */
export function applyIke(current: IkeConfig, patch: Loose, nationalStandard: boolean): IkeConfig {
  const next = { ...current };
  const psk = str(patch, 'Psk');
  next.Psk = psk ?? randomPsk();
  checkPsk(next.Psk);
  const version = str(patch, 'IkeVersion');
  if (version !== undefined) {
    checkEnum('IllegalParam.IkeVersion', 'IkeVersion', version, nationalStandard ? ['ikev1'] : IKE_VERSIONS);
    next.IkeVersion = version;
  }
  const mode = str(patch, 'IkeMode');
  if (mode !== undefined) {
    checkEnum('IllegalParam.IkeMode', 'IkeMode', mode, nationalStandard ? ['main'] : IKE_MODES);
    next.IkeMode = mode;
  }
  const enc = str(patch, 'IkeEncAlg');
  if (enc !== undefined) {
    checkEnum('IllegalParam.IkeEncAlg', 'IkeEncAlg', enc, nationalStandard ? SM_ENC : NORMAL_ENC);
    next.IkeEncAlg = enc;
  }
  const auth = str(patch, 'IkeAuthAlg');
  if (auth !== undefined) {
    checkEnum('IllegalParam.IkeAuthAlg', 'IkeAuthAlg', auth, nationalStandard ? SM_AUTH : NORMAL_AUTH);
    next.IkeAuthAlg = auth;
  }
  const pfs = str(patch, 'IkePfs');
  if (pfs !== undefined) {
    checkEnum('IllegalParam.IkePfs', 'IkePfs', pfs, IKE_PFS);
    next.IkePfs = pfs;
  }
  const lifetime = pick(patch, 'IkeLifetime');
  if (lifetime !== undefined) {
    next.IkeLifetime = looseInt('IllegalParam.IkeLifetime', 'IkeLifetime', lifetime);
    checkLifetime('IkeLifetime', next.IkeLifetime);
  }
  for (const field of ['LocalId', 'RemoteId'] as const) {
    const value = str(patch, field);
    if (value !== undefined) {
      checkIdentity(field, value);
      next[field] = value;
    }
  }
  return next;
}

export function applyIpsec(current: IpsecConfig, patch: Loose, nationalStandard: boolean): IpsecConfig {
  const next = { ...current };
  const enc = str(patch, 'IpsecEncAlg');
  if (enc !== undefined) {
    checkEnum('IllegalParam.IpsecEncAlg', 'IpsecEncAlg', enc, nationalStandard ? SM_ENC : NORMAL_ENC);
    next.IpsecEncAlg = enc;
  }
  const auth = str(patch, 'IpsecAuthAlg');
  if (auth !== undefined) {
    checkEnum(
      'NotSupportVpnConnectionParameter.IpsecAuthAlg',
      'IpsecAuthAlg',
      auth,
      nationalStandard ? SM_AUTH : NORMAL_AUTH,
    );
    next.IpsecAuthAlg = auth;
  }
  const pfs = str(patch, 'IpsecPfs');
  if (pfs !== undefined) {
    checkEnum('NotSupportVpnConnectionParameter.IpsecPfs', 'IpsecPfs', pfs, IPSEC_PFS);
    next.IpsecPfs = pfs;
  }
  const lifetime = pick(patch, 'IpsecLifetime');
  if (lifetime !== undefined) {
    next.IpsecLifetime = looseInt('IllegalParam.IpsecLifetime', 'IpsecLifetime', lifetime);
    checkLifetime('IpsecLifetime', next.IpsecLifetime);
  }
  return next;
}
