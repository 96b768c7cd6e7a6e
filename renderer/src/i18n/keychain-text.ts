import type { TFunction } from 'i18next';
import type { KeychainStatus } from '../../../core/contract.ts';

/** The keychain's state in words: which keychain, or why there is none (main's technical detail goes in a title). */
export function keychainText(t: TFunction, status: KeychainStatus): string {
  if (status.available) return t('profiles.keychainOk', { backend: t(`keychain.backend.${status.backend}`) });
  return t('profiles.keychainMissing', { detail: t(`keychain.reason.${status.reason ?? 'no-keychain'}`) });
}
