// Two different connections side by side: this draft (editable) next to another connection's live state, with a
// per-row "copy into the draft". Copying is per field only (no section copy), so identities (LocalId, RemoteId),
// tunnel addresses (TunnelCidr, LocalBgpIp) and pre-shared keys move only when picked one by one.
import { useTranslation } from 'react-i18next';
import { editableFields, fieldLabel, getField, GROUP_LABELS, sameFieldValue, sectionLabel, type Lang, type VpnConnection, type VpnType } from '../../../../core/index.ts';
import type { Analysis } from '../../state/analysis.ts';
import { allTunnelWords, healthOf, type ShownHealth } from '../../state/health.ts';
import { ConnectionHealthBadge } from '../common/Health.tsx';
import { displayValue, FieldControl, fieldInputId } from './controls.tsx';
import { badValuesOf, IssueList } from './FieldRow.tsx';
import { allowedFor } from './layout.ts';

export interface ConnectionCompareProps {
  draft: VpnConnection;
  /** This connection's tunnels as read live (the draft holds no status). */
  draftHealth?: ShownHealth | null;
  other: VpnConnection;
  vpnType: VpnType;
  analysis: Analysis;
  lang: Lang;
  revealed: ReadonlySet<string>;
  onToggleReveal(path: string): void;
  onChange(path: string, value: unknown): void;
}

export function ConnectionCompare({ draft, draftHealth = null, other, vpnType, analysis, lang, revealed, onToggleReveal, onChange }: ConnectionCompareProps) {
  const { t } = useTranslation();
  // Certificates only on SM gateways (or where either side holds one), as in the main editor.
  const otherHealth = healthOf(other);
  const defs = editableFields(draft.mode).filter((d) => d.kind !== 'multiline' || vpnType === 'NationalStandard' || [getField(draft, d.path), getField(other, d.path)].some((v) => typeof v === 'string' && v !== ''));
  return (
    <div className="editor-grid compare" id="editor-grid" role="group" aria-label={t('editor.compareWith', { name: other.Name })}>
      <div className="field-row header" aria-hidden="true">
        <span className="cell label">{t('editor.field')}</span>
        <span className="cell compare-head" data-testid="compare-head-draft">
          <span>
            {t('editor.draft')} <span className="muted">· {draft.Name}</span>
          </span>
          <ConnectionHealthBadge health={draftHealth} />
        </span>
        <span className="cell compare-head" data-testid="compare-head-other">
          <span>
            {other.Name} <span className="muted mono">· {other.VpnConnectionId}</span>
          </span>
          <ConnectionHealthBadge health={otherHealth} />
        </span>
      </div>
      <p className="sr-only">
        {draft.Name}: {draftHealth ? allTunnelWords(t, draftHealth) : t('health.unknown')}. {other.Name}: {allTunnelWords(t, otherHealth)}.
      </p>
      {defs.map((def, i) => {
        const prev = defs[i - 1];
        const showHeading = !prev || prev.section !== def.section || prev.group !== def.group;
        const mine = getField(draft, def.path);
        const theirs = getField(other, def.path);
        const differs = !sameFieldValue(def.kind, mine, theirs);
        const id = fieldInputId(def.path);
        const issues = analysis.issuesByPath.get(def.path);
        const warnings = analysis.warningsByPath.get(def.path);
        const invalid = (issues?.length ?? 0) > 0;
        const warned = (warnings?.length ?? 0) > 0;
        const short = fieldLabel(def.path, lang);
        const prefix = def.section === 'General' ? '' : `${sectionLabel(def.section, lang)} · `;
        const label = `${prefix}${short}`;
        return (
          <div key={def.path} className="compare-block">
            {showHeading && (
              <h3 className="section-title">
                {def.section !== 'General' && `${sectionLabel(def.section, lang)} · `}
                {GROUP_LABELS[lang][def.group]}
              </h3>
            )}
            <div className={`field-row${differs ? ' differs' : ''}${analysis.changedPaths.has(def.path) ? ' changed' : ''}`} data-path={def.path}>
              <label className="cell label" htmlFor={id}>
                {prefix && <span className="sr-only">{prefix}</span>}
                <span className="label-text">{short}</span>
                <span className="path mono" aria-hidden="true">
                  {def.path.replace(/^TunnelOptionsSpecification\.\d\./, '')}
                </span>
              </label>
              <div className="cell draft">
                <FieldControl
                  id={id}
                  path={def.path}
                  kind={def.kind}
                  value={mine}
                  label={label}
                  {...(def.kind === 'enum' && { allowed: allowedFor(def, vpnType) ?? [] })}
                  invalid={invalid}
                  {...((invalid || warned) && { describedBy: `${id}-errors` })}
                  revealed={revealed.has(def.path)}
                  onToggleReveal={onToggleReveal}
                  onChange={onChange}
                  badValues={badValuesOf(issues)}
                />
                <IssueList id={`${id}-errors`} issues={issues} warnings={warnings} lang={lang} />
              </div>
              <div className="cell other">
                <span className="mono other-value">{displayValue(def.kind, theirs, revealed.has(def.path), t)}</span>
                <button
                  type="button"
                  className="btn small"
                  disabled={!differs || theirs === undefined}
                  onClick={() => onChange(def.path, theirs)}
                >
                  {t('editor.copyFromOther')}
                  <span className="sr-only"> {t('editor.copyFromOtherLabel', { field: label, other: other.Name })}</span>
                </button>
              </div>
            </div>
          </div>
        );
      })}
    </div>
  );
}
