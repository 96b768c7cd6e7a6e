import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, sectionLabel, type FieldDef, type Lang } from '../../../../core/index.ts';
import { useLang } from '../../i18n/index.ts';
import { displayValue, fieldInputId } from './controls.tsx';
import { DraftCell } from './DraftCell.tsx';

export interface FieldRowProps {
  def: FieldDef;
  liveValue: unknown;
  draftValue: unknown;
  changed: boolean;
  /** A rule (or main, on the last failed apply) refuses the draft's value. */
  invalid: boolean;
  /** A warning (core `advise`) is shown under the field. */
  warned: boolean;
  revealed: boolean;
}

/** The control's accessible name: tunnel fields repeat per tunnel, so theirs carry the tunnel ("Slave tunnel · Pre-shared key"). */
export function controlLabel(def: Pick<FieldDef, 'path' | 'section'>, lang: Lang): { prefix: string; short: string; label: string } {
  const short = fieldLabel(def.path, lang);
  const prefix = def.section === 'General' ? '' : `${sectionLabel(def.section, lang)} · `;
  return { prefix, short, label: `${prefix}${short}` };
}

/** The label cell of a field's row: its name (with the tunnel for screen readers) and its API path. */
export function FieldLabelCell({ def, prefix, short, title }: { def: Pick<FieldDef, 'path'>; prefix: string; short: string; title?: string }) {
  return (
    <label className="cell label" htmlFor={fieldInputId(def.path)} title={title}>
      {prefix && <span className="sr-only">{prefix}</span>}
      <span className="label-text">{short}</span>
      <span className="path mono" aria-hidden="true">
        {def.path.replace(/^TunnelOptionsSpecification\.\d\./, '')}
      </span>
    </label>
  );
}

/** One aligned row: label | live (read-only) | draft (editable) + inline rule errors. */
export const FieldRow = memo(function FieldRow({ def, liveValue, draftValue, changed, invalid, warned, revealed }: FieldRowProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { prefix, short, label } = controlLabel(def, lang);
  return (
    <div className={`field-row${changed ? ' changed' : ''}${invalid ? ' invalid' : ''}${warned ? ' warned' : ''}`} data-path={def.path}>
      <FieldLabelCell def={def} prefix={prefix} short={short} title={def.path} />
      <div className="cell live mono" data-column="live">
        {displayValue(def.kind, liveValue, revealed, t)}
      </div>
      <DraftCell path={def.path} kind={def.kind} value={draftValue} label={label} showApiErrors />
    </div>
  );
});
