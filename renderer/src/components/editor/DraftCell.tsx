// The draft cell: one field's control plus its issues, the same in the editor grid, the tunnel compare and the
// connection compare. What every cell shares and rarely changes (reveal state, the edit handler, the gateway's type)
// comes from EditorContext; what changes per keystroke (value, issues) comes as props, so a keystroke re-renders only
// the cells whose props changed.
import { createContext, memo, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../core/errors.ts';
import { describeError } from '../../../../core/i18n/describe-error.ts';
import { formatIssue, type FieldKind, type RuleIssue, type VpnType } from '../../../../core/index.ts';
import { useLang } from '../../i18n/index.ts';
import { FieldControl, fieldInputId } from './controls.tsx';
import { allowedFor } from './layout.ts';

export interface EditorContextValue {
  vpnType: VpnType;
  revealed: ReadonlySet<string>;
  onToggleReveal(path: string): void;
  onChange(path: string, value: unknown): void;
}

const NOTHING_REVEALED: ReadonlySet<string> = new Set();

export const EditorContext = createContext<EditorContextValue>({
  vpnType: 'Normal',
  revealed: NOTHING_REVEALED,
  onToggleReveal: () => undefined,
  onChange: () => undefined,
});

export function useEditorContext(): EditorContextValue {
  return useContext(EditorContext);
}

export interface DraftCellProps {
  /** The full parameter path (TunnelOptionsSpecification.2.IkeConfig.Psk). */
  path: string;
  /** The field's kind, and the path its allowed values are looked up by (relative for tunnel rows). */
  def: { path: string; kind: FieldKind };
  value: unknown;
  /** The accessible name, tunnel included ("Slave tunnel · Pre-shared key"). */
  label: string;
  issues: readonly RuleIssue[] | undefined;
  /** Warnings (core `advise`) on this field: shown, never counted as errors. */
  warnings?: readonly RuleIssue[] | undefined;
  /** Errors main mapped to this field when the last apply failed. */
  apiErrors?: readonly AppErrorShape[] | undefined;
}

export const DraftCell = memo(function DraftCell({ path, def, value, label, issues, warnings, apiErrors }: DraftCellProps) {
  const { vpnType, revealed, onToggleReveal, onChange } = useEditorContext();
  const id = fieldInputId(path);
  const errorId = `${id}-errors`;
  const invalid = (issues?.length ?? 0) > 0 || (apiErrors?.length ?? 0) > 0;
  const warned = (warnings?.length ?? 0) > 0;
  const allowed = allowedFor(def, vpnType);
  return (
    <>
      <FieldControl
        id={id}
        path={path}
        kind={def.kind}
        value={value}
        label={label}
        {...(def.kind === 'enum' && { allowed: allowed ?? [] })}
        invalid={invalid}
        {...((invalid || warned) && { describedBy: errorId })}
        revealed={revealed.has(path)}
        onToggleReveal={onToggleReveal}
        onChange={onChange}
        badValues={badValuesOf(issues)}
      />
      <IssueList id={errorId} issues={issues} apiErrors={apiErrors} warnings={warnings} />
    </>
  );
});

function IssueList({ id, issues, apiErrors, warnings }: { id: string; issues: readonly RuleIssue[] | undefined; apiErrors?: readonly AppErrorShape[] | undefined; warnings?: readonly RuleIssue[] | undefined }) {
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
          {describeError(error, lang)}
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

const NO_BAD_VALUES: readonly string[] = [];

function badValuesOf(issues: readonly RuleIssue[] | undefined): readonly string[] {
  if (!issues) return NO_BAD_VALUES;
  return issues.map((i) => i.params.value).filter((v): v is string => typeof v === 'string');
}
