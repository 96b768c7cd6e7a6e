import { useEffect, useState } from 'react';
import type { Api, AppInfo } from '../../core/contract.ts';
import { errorMessage } from './api.ts';

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

export function App({ api }: { api: Api }) {
  const [info, setInfo] = useState<Load<AppInfo>>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    api.getAppInfo().then(
      (value) => live && setInfo({ state: 'ready', value }),
      (reason: unknown) => live && setInfo({ state: 'failed', message: errorMessage(reason) }),
    );
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <div className="app-shell">
      <header className="title-bar">
        <span className="product">IPsec Studio</span>
        <span className="profile-chip" aria-label="Active profile">Sandbox</span>
      </header>
      <main className="content" aria-busy={info.state === 'loading'}>
        <section className="card" aria-labelledby="about-heading">
          <h1 id="about-heading">About this installation</h1>
          {info.state === 'loading' && <p role="status">Asking the main process…</p>}
          {info.state === 'failed' && (
            <p role="alert" className="error">
              {info.message}
            </p>
          )}
          {info.state === 'ready' && <AppInfoTable info={info.value} />}
        </section>
      </main>
    </div>
  );
}

function AppInfoTable({ info }: { info: AppInfo }) {
  const keychain = info.keychain.available
    ? `${info.keychain.backend} (available)`
    : `unavailable — ${info.keychain.detail ?? 'no keychain'}`;
  return (
    <dl className="facts" data-testid="app-info">
      <dt>Version</dt>
      <dd data-testid="app-version">{info.version}</dd>
      <dt>Platform</dt>
      <dd>
        {info.platform} / {info.arch}
      </dd>
      <dt>Runtime</dt>
      <dd>
        Node {info.versions.node}
        {info.versions.electron ? ` · Electron ${info.versions.electron}` : ''}
      </dd>
      <dt>Secrets are stored in</dt>
      <dd data-testid="keychain" className={info.keychain.available ? 'ok' : 'warn'}>
        {keychain}
      </dd>
    </dl>
  );
}
