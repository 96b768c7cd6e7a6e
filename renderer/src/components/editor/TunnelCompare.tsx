// Dual-tunnel connections: master and slave drafts side by side, with "copy this section to the other tunnel".
// A section copy leaves out each tunnel's identities and addresses (LocalId, RemoteId, TunnelCidr, LocalBgpIp) and its
// pre-shared key unless they are ticked one by one in the copy dialog, and says what it left out.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  copyTunnelGroup,
  fieldLabel,
  getField,
  GROUP_LABELS,
  sectionLabel,
  tunnelCopyFields,
  type CopyHold,
  type DualTunnelConnection,
  type FieldGroup,
  type TunnelFieldDef,
} from '../../../../core/index.ts';
import { useLang } from '../../i18n/index.ts';
import type { Analysis } from '../../state/analysis.ts';
import { tunnelWords, type TunnelState } from '../../state/health.ts';
import { TunnelHealthBadge } from '../common/Health.tsx';
import { Dialog } from '../common/Dialog.tsx';
import { displayValue, fieldInputId } from './controls.tsx';
import { CopyDialogBody } from './CopyDialog.tsx';
import { DraftCell, useEditorContext } from './DraftCell.tsx';
import { TUNNEL_GROUPS, tunnelDefs } from './layout.ts';

const P = ['TunnelOptionsSpecification.1', 'TunnelOptionsSpecification.2'] as const;

/** Whether master and slave already hold the same values for a group (copying would change nothing). */
function sameSection(draft: DualTunnelConnection, defs: readonly TunnelFieldDef[]): boolean {
  return defs.every((d) => JSON.stringify(getField(draft.tunnels[0], d.path)) === JSON.stringify(getField(draft.tunnels[1], d.path)));
}

interface CopyOutcome {
  group: FieldGroup;
  from: 0 | 1;
  copied: string[];
  leftOut: Array<{ path: string; hold: CopyHold }>;
}

export interface TunnelCompareProps {
  draft: DualTunnelConnection;
  /** Master and slave as read live: address and state (never from the draft). */
  tunnels?: readonly TunnelState[];
  analysis: Analysis;
  onReplace(next: DualTunnelConnection): void;
}

export function TunnelCompare({ draft, tunnels = [], analysis, onReplace }: TunnelCompareProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { vpnType } = useEditorContext();
  // A copy that would touch a held-back field asks first (which of them to include); others copy at once.
  const [asking, setAsking] = useState<{ group: FieldGroup; from: 0 | 1 } | null>(null);
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const copy = (group: FieldGroup, from: 0 | 1, include: readonly string[] = []) => {
    const result = copyTunnelGroup(draft, group, from, vpnType, include);
    onReplace(result.draft);
    setOutcome({ group, from, copied: result.copied, leftOut: result.leftOut });
    // A copy that makes the tunnels' sections equal disables its own button: focus moves to what it did, not the body.
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (!active || active === document.body || (active as HTMLButtonElement).disabled) outcomeRef.current?.focus();
    });
  };
  const startCopy = (group: FieldGroup, from: 0 | 1) => {
    if (tunnelCopyFields(draft, group, vpnType).some((f) => f.hold !== null && f.differs)) setAsking({ group, from });
    else copy(group, from);
  };
  const target = (from: 0 | 1) => (from === 0 ? t('editor.targetSlave') : t('editor.targetMaster'));
  const listSeparator = lang === 'zh-CN' ? '、' : ', ';
  const askingFields = asking
    ? tunnelCopyFields(draft, asking.group, vpnType)
        .filter((f) => f.differs)
        .map((f) => ({
          key: f.path,
          label: fieldLabel(f.path, lang),
          hold: f.hold,
          from: displayValue(f.def.kind, getField(draft.tunnels[asking.from], f.path), false, t),
          to: displayValue(f.def.kind, getField(draft.tunnels[asking.from === 0 ? 1 : 0], f.path), false, t),
        }))
    : [];
  const askingTitle = asking ? t('editor.copyDialogTitle', { section: GROUP_LABELS[lang][asking.group], target: target(asking.from) }) : '';
  return (
    <div className="editor-grid tunnels" id="editor-grid" role="group" aria-label={t('editor.tunnels')}>
      {asking && (
        <Dialog title={askingTitle} onClose={() => setAsking(null)}>
          <CopyDialogBody
            title={askingTitle}
            fields={askingFields}
            onCancel={() => setAsking(null)}
            onCopy={(picked) => {
              const { group, from } = asking;
              setAsking(null);
              copy(group, from, picked);
            }}
          />
        </Dialog>
      )}
      {outcome && (
        <p className="banner small copy-outcome" role="status" data-testid="copy-outcome" ref={outcomeRef} tabIndex={-1}>
          {t('editor.copyDone', { count: outcome.copied.length, section: GROUP_LABELS[lang][outcome.group], target: target(outcome.from) })}
          {outcome.leftOut.length > 0 && (
            <>
              {' '}
              {t('editor.copyLeftOut', { fields: outcome.leftOut.map((f) => fieldLabel(f.path, lang)).join(listSeparator) })}
            </>
          )}
          <button type="button" className="btn small ghost" onClick={() => setOutcome(null)} aria-label={t('app.close')}>
            ×
          </button>
        </p>
      )}
      <div className="field-row header" aria-hidden="true">
        <span className="cell label">{t('editor.field')}</span>
        {([0, 1] as const).map((i) => (
          <span key={i} className="cell tunnel-head" data-testid={`tunnel-head-${i === 0 ? 'master' : 'slave'}`}>
            <span>
              {sectionLabel(P[i], lang)}{' '}
              <span className="muted mono">
                {tunnels[i]?.TunnelId ?? draft.tunnels[i].TunnelId}
                {tunnels[i]?.InternetIp ? ` · ${tunnels[i].InternetIp}` : ''}
              </span>
            </span>
            <TunnelHealthBadge tunnel={tunnels[i]?.health} />
          </span>
        ))}
      </div>
      {tunnels.length > 0 && <p className="sr-only">{tunnels.map((x) => tunnelWords(t, x.health ?? { position: x.position, Status: '', health: 'unknown' })).join(t('health.separator'))}</p>}
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
                <button type="button" className="btn small" disabled={same} onClick={() => startCopy(group, 0)}>
                  {t('editor.copyToSlave')}
                  <span className="sr-only"> ({groupName})</span>
                </button>
                <button type="button" className="btn small" disabled={same} onClick={() => startCopy(group, 1)}>
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
                    const cellLabel = `${sectionLabel(P[i as 0 | 1], lang)} · ${label}`;
                    return (
                      <div key={path} className={`cell draft${analysis.changedPaths.has(path) ? ' changed' : ''}`}>
                        <label className="sr-only" htmlFor={fieldInputId(path)}>
                          {cellLabel}
                        </label>
                        <DraftCell path={path} def={def} value={getField(draft, path)} label={cellLabel} issues={analysis.issuesByPath.get(path)} warnings={analysis.warningsByPath.get(path)} />
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
