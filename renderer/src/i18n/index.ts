// One i18next instance for the renderer. Resources are bundled (no backend), so init is synchronous.
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Lang } from '../../../core/index.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  // The OS language from the first frame; main's stored choice (if any) follows a moment later.
  lng: resolveLang('system', systemLanguage()),
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** `system` → the OS language as Chromium reports it (zh* → 简体中文, anything else → English). */
export function resolveLang(setting: 'system' | Lang, systemLanguage: string): Lang {
  if (setting !== 'system') return setting;
  return systemLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function systemLanguage(): string {
  return typeof navigator === 'undefined' ? 'en' : navigator.language || 'en';
}

/** The current language as core's `Lang`, for fieldLabel / formatIssue / GROUP_LABELS. */
export function useLang(): Lang {
  const { i18n: instance } = useTranslation();
  return instance.language === 'zh-CN' ? 'zh-CN' : 'en';
}
