import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, formatIssue, sectionLabel, type FieldDef, type Lang, type RuleIssue } from '../../../../core/index.ts';
import { displayValue, FieldControl, fieldInputId } from './controls.tsx';

export interface FieldRowProps {
  def: FieldDef;
  allowed?: readonly string[];
  liveValue: unknown;
  draftValue: unknown;
  changed: boolean;
  issues: readonly RuleIssue[] | undefined;
  lang: Lang;
  revealed: boolean;
  onToggleReveal(path: string): void;
  onChange(path: string, value: unknown): void;
}

export function IssueList({ id, issues, lang }: { id: string; issues: readonly RuleIssue[] | undefined; lang: Lang }) {
  if (!issues || issues.length === 0) return null;
  return (
    <ul className="field-errors" id={id}>
      {issues.map((issue, i) => (
        <li key={`${issue.code}-${i}`} data-code={issue.code}>
          {formatIssue(issue, lang)}
        </li>
      ))}
    </ul>
  );
}

export function badValuesOf(issues: readonly RuleIssue[] | undefined): string[] {
  return (issues ?? []).map((i) => i.params.value).filter((v): v is string => typeof v === 'string');
}

/** One aligned row: label | live (read-only) | draft (editable) + inline rule errors. */
export const FieldRow = memo(function FieldRow({ def, allowed, liveValue, draftValue, changed, issues, lang, revealed, onToggleReveal, onChange }: FieldRowProps) {
  const { t } = useTranslation();
  const id = fieldInputId(def.path);
  const errorId = `${id}-errors`;
  const invalid = (issues?.length ?? 0) > 0;
  const short = fieldLabel(def.path, lang);
  // Tunnel fields repeat per tunnel: their accessible names carry the tunnel ("Slave tunnel · Pre-shared key").
  const prefix = def.section === 'General' ? '' : `${sectionLabel(def.section, lang)} · `;
  const label = `${prefix}${short}`;
  return (
    <div className={`field-row${changed ? ' changed' : ''}${invalid ? ' invalid' : ''}`} data-path={def.path}>
      <label className="cell label" htmlFor={id} title={def.path}>
        {prefix && <span className="sr-only">{prefix}</span>}
        <span className="label-text">{short}</span>
        <span className="path mono" aria-hidden="true">
          {def.path.replace(/^TunnelOptionsSpecification\.\d\./, '')}
        </span>
      </label>
      <div className="cell live mono" data-column="live">
        {displayValue(def.kind, liveValue, revealed, t)}
      </div>
      <div className="cell draft">
        <FieldControl
          id={id}
          path={def.path}
          kind={def.kind}
          value={draftValue}
          label={label}
          {...(allowed && { allowed })}
          invalid={invalid}
          {...(invalid && { describedBy: errorId })}
          revealed={revealed}
          onToggleReveal={onToggleReveal}
          onChange={onChange}
          badValues={badValuesOf(issues)}
        />
        <IssueList id={errorId} issues={issues} lang={lang} />
      </div>
    </div>
  );
});
