// Dual-tunnel connections: master and slave drafts side by side, with "copy this section to the other tunnel".
import { useTranslation } from 'react-i18next';
import { fieldLabel, getField, GROUP_LABELS, sectionLabel, setField, type DualTunnelConnection, type FieldGroup, type Lang, type TunnelFieldDef, type VpnType } from '../../../../core/index.ts';
import type { Analysis } from '../../state/analysis.ts';
import { FieldControl, fieldInputId } from './controls.tsx';
import { badValuesOf, IssueList } from './FieldRow.tsx';
import { allowedFor, TUNNEL_GROUPS, tunnelDefs } from './layout.ts';

const P = ['TunnelOptionsSpecification.1', 'TunnelOptionsSpecification.2'] as const;

/** Whether master and slave already hold the same values for a group (copying would change nothing). */
function sameSection(draft: DualTunnelConnection, defs: readonly TunnelFieldDef[]): boolean {
  return defs.every((d) => JSON.stringify(getField(draft.tunnels[0], d.path)) === JSON.stringify(getField(draft.tunnels[1], d.path)));
}

export function copyTunnelGroup(draft: DualTunnelConnection, group: FieldGroup, from: 0 | 1, vpnType: VpnType): DualTunnelConnection {
  let next = draft;
  for (const def of tunnelDefs(group, vpnType, () => [])) {
    next = setField(next, `${P[1 - from]}.${def.path}`, getField(draft, `${P[from]}.${def.path}`));
  }
  return next;
}

export interface TunnelCompareProps {
  draft: DualTunnelConnection;
  vpnType: VpnType;
  analysis: Analysis;
  lang: Lang;
  revealed: ReadonlySet<string>;
  onToggleReveal(path: string): void;
  onChange(path: string, value: unknown): void;
  onReplace(next: DualTunnelConnection): void;
}

export function TunnelCompare({ draft, vpnType, analysis, lang, revealed, onToggleReveal, onChange, onReplace }: TunnelCompareProps) {
  const { t } = useTranslation();
  return (
    <div className="editor-grid tunnels" id="editor-grid" role="group" aria-label={t('editor.tunnels')}>
      <div className="field-row header" aria-hidden="true">
        <span className="cell label">{t('editor.field')}</span>
        <span className="cell">{sectionLabel(P[0], lang)} <span className="muted mono">{draft.tunnels[0].TunnelId}</span></span>
        <span className="cell">{sectionLabel(P[1], lang)} <span className="muted mono">{draft.tunnels[1].TunnelId}</span></span>
      </div>
      {TUNNEL_GROUPS.map((group) => {
        const defs = tunnelDefs(group, vpnType, (rel) => [getField(draft, `${P[0]}.${rel}`), getField(draft, `${P[1]}.${rel}`)]);
        if (defs.length === 0) return null;
        const groupName = GROUP_LABELS[lang][group];
        const same = sameSection(draft, defs);
        return (
          <section key={group} className="field-section" aria-labelledby={`tg-${group}`}>
            <h3 id={`tg-${group}`} className="section-title split">
              <span>{groupName}</span>
              <span className="section-actions">
                <button type="button" className="btn small" disabled={same} onClick={() => onReplace(copyTunnelGroup(draft, group, 0, vpnType))}>
                  {t('editor.copyToSlave')}
                  <span className="sr-only"> ({groupName})</span>
                </button>
                <button type="button" className="btn small" disabled={same} onClick={() => onReplace(copyTunnelGroup(draft, group, 1, vpnType))}>
                  {t('editor.copyToMaster')}
                  <span className="sr-only"> ({groupName})</span>
                </button>
              </span>
            </h3>
            {defs.map((def) => {
              const label = fieldLabel(def.path, lang);
              const paths = [`${P[0]}.${def.path}`, `${P[1]}.${def.path}`] as const;
              const differs = JSON.stringify(getField(draft, paths[0])) !== JSON.stringify(getField(draft, paths[1]));
              return (
                <div key={def.path} className={`field-row${differs ? ' differs' : ''}`} data-path={def.path}>
                  <span className="cell label" id={`tl-${def.path.replace(/\./g, '-')}`}>
                    <span className="label-text">{label}</span>
                    <span className="path mono" aria-hidden="true">
                      {def.path}
                    </span>
                  </span>
                  {paths.map((path, i) => {
                    const issues = analysis.issuesByPath.get(path);
                    const id = fieldInputId(path);
                    const invalid = (issues?.length ?? 0) > 0;
                    const cellLabel = `${sectionLabel(P[i as 0 | 1], lang)} · ${label}`;
                    return (
                      <div key={path} className={`cell draft${analysis.changedPaths.has(path) ? ' changed' : ''}`}>
                        <label className="sr-only" htmlFor={id}>
                          {cellLabel}
                        </label>
                        <FieldControl
                          id={id}
                          path={path}
                          kind={def.kind}
                          value={getField(draft, path)}
                          label={cellLabel}
                          {...(def.kind === 'enum' && { allowed: allowedFor(def, vpnType) ?? [] })}
                          invalid={invalid}
                          {...(invalid && { describedBy: `${id}-errors` })}
                          revealed={revealed.has(path)}
                          onToggleReveal={onToggleReveal}
                          onChange={onChange}
                          badValues={badValuesOf(issues)}
                        />
                        <IssueList id={`${id}-errors`} issues={issues} lang={lang} />
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </section>
        );
      })}
    </div>
  );
}
