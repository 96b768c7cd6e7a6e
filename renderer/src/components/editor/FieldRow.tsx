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
  /** Warnings (core `advise`) on this field: shown, never counted as errors. */
  warnings?: readonly RuleIssue[] | undefined;
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

export function IssueList({
  id,
  issues,
  apiErrors,
  warnings,
  lang,
}: {
  id: string;
  issues: readonly RuleIssue[] | undefined;
  apiErrors?: readonly AppErrorShape[] | undefined;
  warnings?: readonly RuleIssue[] | undefined;
  lang: Lang;
}) {
  const { t } = useTranslation();
  if ((!issues || issues.length === 0) && (!apiErrors || apiErrors.length === 0) && (!warnings || warnings.length === 0)) return null;
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
      {(warnings ?? []).map((warning, i) => (
        <li key={`warn-${warning.code}-${i}`} data-code={warning.code} className="field-warning">
          <span className="sr-only">{t('editor.warning')}: </span>
          {formatIssue(warning, lang)}
        </li>
      ))}
    </ul>
  );
}

export function badValuesOf(issues: readonly RuleIssue[] | undefined): string[] {
  return (issues ?? []).map((i) => i.params.value).filter((v): v is string => typeof v === 'string');
}

/** One aligned row: label | live (read-only) | draft (editable) + inline rule errors. */
export const FieldRow = memo(function FieldRow({ def, allowed, liveValue, draftValue, changed, issues, warnings, apiErrors, lang, revealed, onToggleReveal, onChange }: FieldRowProps) {
  const { t } = useTranslation();
  const id = fieldInputId(def.path);
  const errorId = `${id}-errors`;
  const invalid = (issues?.length ?? 0) > 0 || (apiErrors?.length ?? 0) > 0;
  const warned = (warnings?.length ?? 0) > 0;
  const short = fieldLabel(def.path, lang);
  // Tunnel fields repeat per tunnel: their accessible names carry the tunnel ("Slave tunnel · Pre-shared key").
  const prefix = def.section === 'General' ? '' : `${sectionLabel(def.section, lang)} · `;
  const label = `${prefix}${short}`;
  return (
    <div className={`field-row${changed ? ' changed' : ''}${invalid ? ' invalid' : ''}${warned ? ' warned' : ''}`} data-path={def.path}>
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
          {...((invalid || warned) && { describedBy: errorId })}
          revealed={revealed}
          onToggleReveal={onToggleReveal}
          onChange={onChange}
          badValues={badValuesOf(issues)}
        />
        <IssueList id={errorId} issues={issues} apiErrors={apiErrors} warnings={warnings} lang={lang} />
      </div>
    </div>
  );
});
