// The draft side of one field, in every layout of the editor (columns, tunnels side by side, compared with another
// connection): its control, and under it the field's rule errors, warnings and (in columns) the errors main reported
// on the last failed apply.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../core/errors.ts';
import { formatIssue, MESSAGES, type FieldKind, type Lang, type RuleIssue } from '../../../../core/index.ts';
import { useLang } from '../../i18n/index.ts';
import { FieldControl, fieldInputId } from './controls.tsx';
import { useEditor, type EditorContextValue } from './editor-context.ts';
import { allowedFor } from './layout.ts';

export interface FieldNotes {
  issues: readonly RuleIssue[] | undefined;
  /** Warnings (core `advise`): shown, never counted as errors. */
  warnings: readonly RuleIssue[] | undefined;
  apiErrors: readonly AppErrorShape[] | undefined;
  invalid: boolean;
  warned: boolean;
}

/** What the rules (and, when asked, main's last failed apply) say about one field of the draft. */
export function fieldNotes(editor: EditorContextValue, path: string, withApiErrors: boolean): FieldNotes {
  const issues = editor.analysis.issuesByPath.get(path);
  const warnings = editor.analysis.warningsByPath.get(path);
  const apiErrors = withApiErrors ? editor.apiErrors.get(path) : undefined;
  return { issues, warnings, apiErrors, invalid: (issues?.length ?? 0) > 0 || (apiErrors?.length ?? 0) > 0, warned: (warnings?.length ?? 0) > 0 };
}

export interface DraftCellProps {
  /** The API parameter path (tunnel fields: with their TunnelOptionsSpecification.N prefix). */
  path: string;
  kind: FieldKind;
  value: unknown;
  /** The control's accessible name (tunnel fields name their tunnel). */
  label: string;
  /** Also list the errors main mapped to this field on the last failed apply (the columns layout). */
  showApiErrors?: boolean;
  /** The cell stands alone in its row (tunnels side by side): it carries its own hidden <label> and change mark. */
  standalone?: boolean;
}

/** Reads the editor context; the memoized body below re-renders only when this field's own inputs change. */
export function DraftCell({ path, kind, value, label, showApiErrors = false, standalone = false }: DraftCellProps) {
  const editor = useEditor();
  const notes = fieldNotes(editor, path, showApiErrors);
  return (
    <DraftCellBody
      path={path}
      kind={kind}
      value={value}
      label={label}
      allowed={allowedFor({ path, kind }, editor.vpnType)}
      issues={notes.issues}
      warnings={notes.warnings}
      apiErrors={notes.apiErrors}
      invalid={notes.invalid}
      warned={notes.warned}
      revealed={editor.revealed.has(path)}
      changed={standalone && editor.analysis.changedPaths.has(path)}
      standalone={standalone}
      onToggleReveal={editor.onToggleReveal}
      onChange={editor.onChange}
    />
  );
}

interface DraftCellBodyProps extends Omit<FieldNotes, 'invalid' | 'warned'>, Required<Omit<DraftCellProps, 'showApiErrors'>> {
  allowed: readonly string[] | undefined;
  invalid: boolean;
  warned: boolean;
  revealed: boolean;
  changed: boolean;
  onToggleReveal(path: string): void;
  onChange(path: string, value: unknown): void;
}

const DraftCellBody = memo(function DraftCellBody(props: DraftCellBodyProps) {
  const { path, kind, label, allowed, issues, warnings, apiErrors, invalid, warned, standalone } = props;
  const id = fieldInputId(path);
  const errorId = `${id}-errors`;
  return (
    <div className={`cell draft${props.changed ? ' changed' : ''}`}>
      {standalone && (
        <label className="sr-only" htmlFor={id}>
          {label}
        </label>
      )}
      <FieldControl
        id={id}
        path={path}
        kind={kind}
        value={props.value}
        label={label}
        {...(allowed && { allowed })}
        invalid={invalid}
        {...((invalid || warned) && { describedBy: errorId })}
        revealed={props.revealed}
        onToggleReveal={props.onToggleReveal}
        onChange={props.onChange}
        badValues={badValuesOf(issues)}
      />
      <IssueList id={errorId} issues={issues} apiErrors={apiErrors} warnings={warnings} />
    </div>
  );
});

function badValuesOf(issues: readonly RuleIssue[] | undefined): string[] {
  return (issues ?? []).map((i) => i.params.value).filter((v): v is string => typeof v === 'string');
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

function IssueList({ id, issues, apiErrors, warnings }: { id: string } & Pick<FieldNotes, 'issues' | 'warnings' | 'apiErrors'>) {
  const { t } = useTranslation();
  const lang = useLang();
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
