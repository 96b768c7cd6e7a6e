// Two different connections side by side: this draft (editable) next to another connection's live state, with a
// per-row "copy into the draft". Copying is per field only (no section copy), so identities (LocalId, RemoteId),
// tunnel addresses (TunnelCidr, LocalBgpIp) and pre-shared keys move only when picked one by one.
import { useTranslation } from 'react-i18next';
import { editableFields, fieldLabel, getField, GROUP_LABELS, sameFieldValue, sectionLabel, type VpnConnection } from '../../../../core/index.ts';
import { useLang } from '../../i18n/index.ts';
import type { Analysis } from '../../state/analysis.ts';
import { allTunnelWords, healthOf, type ShownHealth } from '../../state/health.ts';
import { ConnectionHealthBadge } from '../common/Health.tsx';
import { displayValue, fieldInputId } from './controls.tsx';
import { DraftCell, useEditorContext } from './DraftCell.tsx';
import { FieldLabel } from './FieldRow.tsx';
import { visible } from './layout.ts';

export interface ConnectionCompareProps {
  draft: VpnConnection;
  /** This connection's tunnels as read live (the draft holds no status). */
  draftHealth?: ShownHealth | null;
  other: VpnConnection;
  analysis: Analysis;
}

export function ConnectionCompare({ draft, draftHealth = null, other, analysis }: ConnectionCompareProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { vpnType, revealed, onChange } = useEditorContext();
  // Certificates only on SM gateways (or where either side holds one), as in the main editor.
  const otherHealth = healthOf(other);
  const defs = editableFields(draft.mode).filter((d) => visible(d, vpnType, [getField(draft, d.path), getField(other, d.path)]));
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
              <FieldLabel path={def.path} htmlFor={fieldInputId(def.path)} prefix={prefix} short={short} />
              <div className="cell draft">
                <DraftCell path={def.path} def={def} value={mine} label={label} issues={analysis.issuesByPath.get(def.path)} warnings={analysis.warningsByPath.get(def.path)} />
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
