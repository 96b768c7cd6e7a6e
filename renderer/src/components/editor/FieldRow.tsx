import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../core/errors.ts';
import { fieldLabel, formatIssue, MESSAGES, sectionLabel, type FieldDef, type Lang, type RuleIssue } from '../../../../core/index.ts';
import { displayValue, FieldControl, fieldInputId } from './controls.tsx';

export interface FieldRowProps {
  def: FieldDef;
  allowed?: readonly string[];
  liveValue: unknown;
  draftValue: unknown;
  changed: boolean;
  issues: readonly RuleIssue[] | undefined;
  /** Errors main mapped to this field when the last apply failed. */
  apiErrors?: readonly AppErrorShape[] | undefined;
  lang: Lang;
  revealed: boolean;
  onToggleReveal(path: string): void;
  onChange(path: string, value: unknown): void;
}

/** An error main reported for this field on the last apply: in the UI language when core knows the code. */
function apiErrorText(error: AppErrorShape, lang: Lang): string {
  if (Object.hasOwn(MESSAGES[lang], error.code)) {
    const text = formatIssue({ path: error.field ?? '', code: error.code, params: {} }, lang);
    // Templates that need the rule's parameters (which an API error does not carry) fall back to main's message.
    if (!/\{\w+\}/.test(text)) return text;
  }
  return `${error.message} (${error.code})`;
}

export function IssueList({ id, issues, apiErrors, lang }: { id: string; issues: readonly RuleIssue[] | undefined; apiErrors?: readonly AppErrorShape[] | undefined; lang: Lang }) {
  if ((!issues || issues.length === 0) && (!apiErrors || apiErrors.length === 0)) return null;
  return (
    <ul className="field-errors" id={id}>
      {(issues ?? []).map((issue, i) => (
        <li key={`${issue.code}-${i}`} data-code={issue.code}>
          {formatIssue(issue, lang)}
        </li>
      ))}
      {(apiErrors ?? []).map((error, i) => (
        <li key={`api-${error.code}-${i}`} data-code={error.code} className="api-error">
          {apiErrorText(error, lang)}
        </li>
      ))}
    </ul>
  );
}

export function badValuesOf(issues: readonly RuleIssue[] | undefined): string[] {
  return (issues ?? []).map((i) => i.params.value).filter((v): v is string => typeof v === 'string');
}

/** One aligned row: label | live (read-only) | draft (editable) + inline rule errors. */
export const FieldRow = memo(function FieldRow({ def, allowed, liveValue, draftValue, changed, issues, apiErrors, lang, revealed, onToggleReveal, onChange }: FieldRowProps) {
  const { t } = useTranslation();
  const id = fieldInputId(def.path);
  const errorId = `${id}-errors`;
  const invalid = (issues?.length ?? 0) > 0 || (apiErrors?.length ?? 0) > 0;
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
        <IssueList id={errorId} issues={issues} apiErrors={apiErrors} lang={lang} />
      </div>
    </div>
  );
});
