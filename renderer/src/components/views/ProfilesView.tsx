import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialKind, ProfilesState } from '../../../../core/contract.ts';
import { toErrorShape } from '../../i18n/error-text.ts';
import { keychainText } from '../../i18n/keychain-text.ts';
import { useApi } from '../../state/api-context.tsx';
import { OutcomeBanner, type Outcome } from '../common/OutcomeBanner.tsx';

type Kind = Exclude<CredentialKind, 'Sandbox'>;

export function ProfilesView({ state, onSwitch, onChanged }: { state: ProfilesState; onSwitch(profileId: string): void; onChanged(next: ProfilesState): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [message, setMessage] = useState<Outcome | null>(null);
  const [kind, setKind] = useState<Kind>('AccessKey');
  const [form, setForm] = useState({ name: '', regionId: 'cn-hangzhou', accessKeyId: '', accessKeySecret: '', securityToken: '', roleArn: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const refresh = async () => onChanged(await api.listProfiles());
  const run = async (work: () => Promise<string | void>) => {
    try {
      const text = await work();
      setMessage(text ? { tone: 'ok', text } : null);
    } catch (reason) {
      setMessage({ tone: 'error', error: toErrorShape(reason) });
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const base = { accessKeyId: form.accessKeyId, accessKeySecret: form.accessKeySecret };
    const credential =
      kind === 'AccessKey' ? { kind, ...base } : kind === 'StsToken' ? { kind, ...base, securityToken: form.securityToken } : { kind, ...base, roleArn: form.roleArn };
    void run(async () => {
      await api.createProfile({ name: form.name, regionId: form.regionId, credential });
      setForm((f) => ({ ...f, name: '', accessKeyId: '', accessKeySecret: '', securityToken: '', roleArn: '' }));
      await refresh();
    });
  };

  const importFrom = (source: 'aliyun-cli' | 'environment') =>
    void run(async () => {
      const result = await api.importProfiles({ source });
      await refresh();
      return [t('profiles.importResult', { imported: result.imported.length, skipped: result.skipped.length }), ...result.skipped.map((s) => `${s.name}: ${s.reason}`)].join(' ');
    });

  const kc = state.keychain;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('profiles.title')}</h1>
        <button type="button" className="btn" onClick={() => importFrom('aliyun-cli')}>
          {t('profiles.importCli')}
        </button>
        <button type="button" className="btn" onClick={() => importFrom('environment')}>
          {t('profiles.importEnv')}
        </button>
      </div>
      <p className={kc.available ? 'ok' : 'warn'} data-testid="profiles-keychain">
        {t('profiles.keychain')}: <span title={kc.detail}>{keychainText(t, kc)}</span>
        {!kc.available && <span className="muted"> {t('profiles.keychainSessionNote')}</span>}
      </p>
      <OutcomeBanner outcome={message} />
      <table className="table" data-testid="profiles-table">
        <thead>
          <tr>
            <th scope="col">{t('profiles.name')}</th>
            <th scope="col">{t('profiles.kind')}</th>
            <th scope="col">{t('profiles.region')}</th>
            <th scope="col">{t('profiles.keyId')}</th>
            <th scope="col">{t('profiles.secret')}</th>
            <th scope="col">{t('drafts.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {state.profiles.map((p) => (
            <tr key={p.profileId}>
              <th scope="row">
                {p.name}
                {p.profileId === state.activeProfileId && <span className="status-pill ok">{t('profiles.active')}</span>}
                {p.builtIn && <span className="status-pill idle">{t('profiles.builtIn')}</span>}
              </th>
              <td>{p.kind}</td>
              <td className="mono">{p.regionId}</td>
              <td className="mono">{p.accessKeyIdMasked ?? '—'}</td>
              <td>{p.kind === 'Sandbox' ? '—' : !p.hasSecret ? t('profiles.none') : p.sessionOnly ? t('profiles.sessionOnly') : t('profiles.stored')}</td>
              <td className="actions">
                <button type="button" className="btn small" disabled={p.profileId === state.activeProfileId} onClick={() => onSwitch(p.profileId)} aria-label={`${t('profiles.use')}: ${p.name}`}>
                  {t('profiles.use')}
                </button>
                {!p.builtIn && (
                  <button type="button" className="btn small ghost" onClick={() => void run(async () => onChanged(await api.deleteProfile({ profileId: p.profileId })))} aria-label={`${t('profiles.remove')}: ${p.name}`}>
                    {t('profiles.remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card" onSubmit={submit} aria-labelledby="add-profile-title">
        <h2 id="add-profile-title">{t('profiles.add')}</h2>
        <div className="form-grid">
          <label htmlFor="pf-name">{t('profiles.name')}</label>
          <input id="pf-name" className="control" required maxLength={64} value={form.name} onChange={set('name')} />
          <label htmlFor="pf-kind">{t('profiles.kind')}</label>
          <select id="pf-kind" className="control select" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="AccessKey">AccessKey</option>
            <option value="StsToken">STS token</option>
            <option value="RamRoleArn">RAM role ARN</option>
          </select>
          <label htmlFor="pf-region">{t('profiles.region')}</label>
          <input id="pf-region" className="control mono" required value={form.regionId} onChange={set('regionId')} />
          <label htmlFor="pf-akid">{t('profiles.accessKeyId')}</label>
          <input id="pf-akid" className="control mono" required autoComplete="off" value={form.accessKeyId} onChange={set('accessKeyId')} />
          <label htmlFor="pf-secret">{t('profiles.accessKeySecret')}</label>
          <input id="pf-secret" className="control mono" type="password" required autoComplete="off" value={form.accessKeySecret} onChange={set('accessKeySecret')} />
          {kind === 'StsToken' && (
            <>
              <label htmlFor="pf-token">{t('profiles.securityToken')}</label>
              <input id="pf-token" className="control mono" type="password" required autoComplete="off" value={form.securityToken} onChange={set('securityToken')} />
            </>
          )}
          {kind === 'RamRoleArn' && (
            <>
              <label htmlFor="pf-role">{t('profiles.roleArn')}</label>
              <input id="pf-role" className="control mono" required placeholder="acs:ram::123456789012:role/name" value={form.roleArn} onChange={set('roleArn')} />
            </>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="btn primary">
            {t('profiles.create')}
          </button>
        </div>
      </form>
    </div>
  );
}
