// "Discard the draft of <connection>?": names what is lost (how many changed fields, and which) before a draft is
// thrown away. Used inside `Dialog` (focus in, Tab trapped, Esc cancels, focus returns) by the editor and the Drafts view.
import { useTranslation } from 'react-i18next';
import { fieldDef, fieldLabel, sectionLabel, type Lang } from '../../../../core/index.ts';

export interface LostField {
  path: string;
  label: string;
}

/** Field paths as the user reads them: "Slave tunnel · Local ID", "Name". */
export function lostFields(paths: readonly string[], lang: Lang): LostField[] {
  return paths.map((path) => {
    const section = fieldDef(path)?.section ?? 'General';
    return { path, label: `${section !== 'General' ? `${sectionLabel(section, lang)} · ` : ''}${fieldLabel(path, lang)}` };
  });
}

export function DiscardConfirm({
  name,
  fields,
  conflictCount,
  onCancel,
  onConfirm,
}: {
  name: string;
  /** null while they are being read. */
  fields: readonly LostField[] | null;
  conflictCount: number;
  onCancel(): void;
  onConfirm(): void;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="discard-dialog">
      <h2 className="dialog-title">{t('discard.title', { name })}</h2>
      {fields === null ? (
        <p role="status">{t('app.loading')}</p>
      ) : fields.length > 0 ? (
        <>
          <p>{t('discard.lost', { count: fields.length })}</p>
          <ul className="apply-list" data-testid="discard-fields">
            {fields.map((f) => (
              <li key={f.path}>{f.label}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('discard.nothing')}</p>
      )}
      {conflictCount > 0 && <p className="muted">{t('discard.conflicts', { count: conflictCount })}</p>}
      <div className="dialog-actions">
        <button type="button" className="btn" data-autofocus onClick={onCancel}>
          {t('discard.cancel')}
        </button>
        <button type="button" className="btn danger" disabled={fields === null} onClick={onConfirm}>
          {t('discard.confirm')}
        </button>
      </div>
    </div>
  );
}
