import type { AccessKey } from '../types.ts';

// Well-known, deliberately non-secret keys: the sandbox only ever listens on 127.0.0.1 and holds fake data,
// so these are published in docs and printed on start-up like a local database's default password.
export const SANDBOX_CREDENTIALS = {
  accessKeyId: 'LTAI-SANDBOX-FULL-ACCESS',
  accessKeySecret: 'sandbox-secret-not-confidential',
} as const;

export const SANDBOX_READONLY_CREDENTIALS = {
  accessKeyId: 'LTAI-SANDBOX-READ-ONLY',
  accessKeySecret: 'sandbox-readonly-secret-not-confidential',
} as const;

export const SANDBOX_STS_CREDENTIALS = {
  accessKeyId: 'STS.SANDBOX-TEMPORARY',
  accessKeySecret: 'sandbox-sts-secret-not-confidential',
  securityToken: 'sandbox-sts-security-token',
} as const;

export const SANDBOX_EXPIRED_STS_CREDENTIALS = {
  accessKeyId: 'STS.SANDBOX-EXPIRED',
  accessKeySecret: 'sandbox-expired-sts-secret-not-confidential',
  securityToken: 'sandbox-expired-sts-security-token',
} as const;

export function defaultAccessKeys(): AccessKey[] {
  return [
    { ...SANDBOX_CREDENTIALS, allow: ['vpc:*'] },
    { ...SANDBOX_READONLY_CREDENTIALS, allow: ['vpc:Describe*'] },
    { ...SANDBOX_STS_CREDENTIALS, allow: ['vpc:*'] },
    { ...SANDBOX_EXPIRED_STS_CREDENTIALS, allow: ['vpc:*'], expiration: 0 },
  ];
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
}

/** RAM-style check: `vpc:ModifyVpnConnectionAttribute` against patterns such as `vpc:*` or `vpc:Describe*`. */
export function isAllowed(key: AccessKey, action: string): boolean {
  return key.allow.some((pattern) => globToRegExp(pattern).test(`vpc:${action}`));
}
