// "Copy this section to the other tunnel" when the section holds fields that identify or address each tunnel's own
// ends (LocalId, RemoteId, TunnelCidr, LocalBgpIp) or its pre-shared key: those stay behind unless ticked one by one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CopyHold } from '../../../../core/index.ts';

export interface CopyDialogField {
  /** What `onCopy` reports when the field is picked (e.g. a tunnel-relative path). */
  key: string;
  label: string;
  hold: CopyHold | null;
  /** Shown values (secrets are never shown). */
  from: string;
  to: string;
}

export interface CopyDialogProps {
  title: string;
  fields: readonly CopyDialogField[];
  onCopy(picked: string[]): void;
  onCancel(): void;
}

/** The body of the copy dialog (the caller wraps it in `Dialog`, which handles focus, Tab and Esc). */
export function CopyDialogBody({ title, fields, onCopy, onCancel }: CopyDialogProps) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const plain = fields.filter((f) => f.hold === null);
  const identity = fields.filter((f) => f.hold === 'identity');
  const secret = fields.filter((f) => f.hold === 'secret');
  const toggle = (key: string, on: boolean) =>
    setPicked((s) => {
      const next = new Set(s);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  return (
    <div className="copy-dialog" data-testid="copy-dialog">
      <h2 className="dialog-title">{title}</h2>
      {plain.length > 0 ? (
        <>
          <p>{t('editor.copyDialogCopied')}</p>
          <ul className="apply-list" data-testid="copy-plain">
            {plain.map((f) => (
              <li key={f.key}>
                {f.label}: <span className="mono">{f.from}</span> <span className="muted">({t('editor.copyDialogWas', { value: f.to })})</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{t('editor.copyDialogNothing')}</p>
      )}
      {identity.length > 0 && (
        <fieldset className="copy-held" data-testid="copy-identity">
          <legend>{t('editor.copyDialogHeld')}</legend>
          {identity.map((f) => (
            <label key={f.key} className="inline-check copy-choice">
              <input type="checkbox" name={`copy-${f.key}`} checked={picked.has(f.key)} onChange={(e) => toggle(f.key, e.target.checked)} />
              <span>
                {f.label}: <span className="mono">{f.from}</span> <span className="muted">({t('editor.copyDialogWas', { value: f.to })})</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {secret.map((f) => (
        <label key={f.key} className="inline-check copy-choice">
          <input type="checkbox" name={`copy-${f.key}`} checked={picked.has(f.key)} onChange={(e) => toggle(f.key, e.target.checked)} />
          <span>{t('editor.copyDialogPsk')}</span>
        </label>
      ))}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('editor.copyDialogCancel')}
        </button>
        <button type="button" className="btn primary" data-autofocus onClick={() => onCopy([...picked])}>
          {t('editor.copyDialogConfirm')}
        </button>
      </div>
    </div>
  );
}
