import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, Settings, StorageLocations } from '../../../../core/contract.ts';
import type { AppErrorShape } from '../../../../core/errors.ts';
import { toErrorShape, useErrorText } from '../../i18n/error-text.ts';
import { keychainText } from '../../i18n/keychain-text.ts';
import { useApi } from '../../state/api-context.tsx';
import { SHORTCUTS, shortcutText } from '../../state/shortcuts.ts';

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: AppErrorShape };

function useLoad<T>(load: () => Promise<T>): Load<T> {
  const [value, setValue] = useState<Load<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    load().then(
      (v) => live && setValue({ state: 'ready', value: v }),
      (reason: unknown) => live && setValue({ state: 'failed', error: toErrorShape(reason) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return value;
}

export function SettingsView({ settings, onUpdate }: { settings: Settings; onUpdate(patch: Partial<Settings>): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const storage = useLoad<StorageLocations>(() => api.getStorageLocations());
  const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  return (
    <div className="page">
      <h1>{t('settings.title')}</h1>
      <section className="card" aria-labelledby="prefs-title">
        <h2 id="prefs-title" className="sr-only">
          {t('settings.title')}
        </h2>
        <div className="form-grid">
          <label htmlFor="set-language">{t('settings.language')}</label>
          <select id="set-language" className="control select" value={settings.language} onChange={(e) => onUpdate({ language: e.target.value as Settings['language'] })}>
            <option value="system">{t('settings.languageSystem')}</option>
            <option value="zh-CN">简体中文</option>
            <option value="en">English</option>
          </select>
          <label htmlFor="set-theme">{t('settings.theme')}</label>
          <select id="set-theme" className="control select" value={settings.theme} onChange={(e) => onUpdate({ theme: e.target.value as Settings['theme'] })}>
            <option value="system">{t('settings.themeSystem')}</option>
            <option value="light">{t('settings.themeLight')}</option>
            <option value="dark">{t('settings.themeDark')}</option>
          </select>
          <NumberSetting id="set-confirm" label={t('settings.confirmWindow')} min={0} max={3600} value={settings.confirmWindowSeconds} onChange={(confirmWindowSeconds) => onUpdate({ confirmWindowSeconds })} />
          <NumberSetting id="set-settle" label={t('settings.settleSeconds')} min={5} max={600} value={settings.settleSeconds} onChange={(settleSeconds) => onUpdate({ settleSeconds })} />
        </div>
      </section>
      <section className="card" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">{t('settings.shortcuts')}</h2>
        <table className="table compact" data-testid="shortcut-list">
          <thead>
            <tr>
              <th scope="col">{t('settings.action')}</th>
              <th scope="col">{t('settings.keys')}</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.id}>
                <td>{t(`shortcuts.${s.id}`)}</td>
                <td>
                  <kbd>{shortcutText(s, mac)}</kbd>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="storage-title">
        <h2 id="storage-title">{t('settings.storage')}</h2>
        {storage.state === 'ready' ? (
          <dl className="facts">
            <dt>{t('settings.dataFolder')}</dt>
            <dd className="mono" data-testid="data-folder">
              {storage.value.dataFolder}
            </dd>
            <dt>{t('settings.secrets')}</dt>
            <dd className={storage.value.secrets.available ? 'ok' : 'warn'}>
              <span title={storage.value.secrets.detail}>{keychainText(t, storage.value.secrets)}</span>
            </dd>
          </dl>
        ) : storage.state === 'failed' ? (
          <p className="warn">{errorText(storage.error)}</p>
        ) : (
          <p className="muted">{t('app.loading')}</p>
        )}
      </section>
      <AboutPanel />
    </div>
  );
}

/** "About this installation": what main reports (version, platform, runtime, keychain backend). */
export function AboutPanel() {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const info = useLoad<AppInfo>(() => api.getAppInfo());
  return (
    <section className="card" aria-labelledby="about-heading" aria-busy={info.state === 'loading'}>
      <h2 id="about-heading">{t('settings.about')}</h2>
      {info.state === 'loading' && <p role="status">{t('settings.asking')}</p>}
      {info.state === 'failed' && (
        <p role="alert" className="error">
          {errorText(info.error)}
        </p>
      )}
      {info.state === 'ready' && (
        <dl className="facts" data-testid="app-info">
          <dt>{t('settings.version')}</dt>
          <dd data-testid="app-version">{info.value.version}</dd>
          <dt>{t('settings.platform')}</dt>
          <dd>
            {info.value.platform} / {info.value.arch}
          </dd>
          <dt>{t('settings.runtime')}</dt>
          <dd>
            Node {info.value.versions.node}
            {info.value.versions.electron ? ` · Electron ${info.value.versions.electron}` : ''}
          </dd>
          <dt>{t('settings.secretsIn')}</dt>
          <dd data-testid="keychain" className={info.value.keychain.available ? 'ok' : 'warn'}>
            <span title={info.value.keychain.detail}>{keychainText(t, info.value.keychain)}</span>
          </dd>
        </dl>
      )}
    </section>
  );
}

/** A whole number of seconds, held to its range as it is typed. */
function NumberSetting({ id, label, min, max, value, onChange }: { id: string; label: string; min: number; max: number; value: number; onChange(value: number): void }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="control num short"
        type="number"
        min={min}
        max={max}
        value={value}
        onChange={(e) => onChange(Math.max(min, Math.min(max, Math.trunc(Number(e.target.value) || min))))}
      />
    </>
  );
}
