import { useTranslation } from 'react-i18next';
import { fieldDef, fieldLabel, MASK, sectionLabel, type MergeConflict } from '../../../../core/index.ts';
import { useLang } from '../../i18n/index.ts';

function show(path: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (fieldDef(path)?.secret) return MASK;
  return String(value);
}

/** Fields changed both in the cloud and in the draft since the draft's base, one row each, resolved one by one. */
export function ConflictPanel({ conflicts, onResolve }: { conflicts: readonly MergeConflict[]; onResolve(path: string, take: 'draft' | 'live'): void }) {
  const lang = useLang();
  const { t } = useTranslation();
  if (conflicts.length === 0) return null;
  return (
    <section className="conflicts" aria-labelledby="conflicts-title" data-testid="conflicts">
      <h2 id="conflicts-title">{t('editor.conflicts')}</h2>
      <p className="muted">{t('editor.conflictsHint')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('editor.field')}</th>
            <th scope="col">{t('editor.base')}</th>
            <th scope="col">{t('editor.live')}</th>
            <th scope="col">{t('editor.draft')}</th>
            <th scope="col">
              <span className="sr-only">{t('drafts.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {conflicts.map((c) => {
            const section = fieldDef(c.path)?.section ?? 'General';
            return (
              <tr key={c.path} data-path={c.path}>
                <th scope="row">
                  {section !== 'General' && <span className="muted">{sectionLabel(section, lang)} · </span>}
                  {fieldLabel(c.path, lang)}
                  <div className="path mono">{c.path}</div>
                </th>
                <td className="mono">{show(c.path, c.base)}</td>
                <td className="mono">{show(c.path, c.live)}</td>
                <td className="mono">{show(c.path, c.draft)}</td>
                <td className="actions">
                  <button type="button" className="btn small" onClick={() => onResolve(c.path, 'draft')} aria-label={`${t('editor.keepMine')}: ${fieldLabel(c.path, lang)}`}>
                    {t('editor.keepMine')}
                  </button>
                  <button type="button" className="btn small" onClick={() => onResolve(c.path, 'live')} aria-label={`${t('editor.takeLive')}: ${fieldLabel(c.path, lang)}`}>
                    {t('editor.takeLive')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
