import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { editableFields, formatIssue, fieldLabel, type VpnConnection } from '../../../../core/index.ts';
import { useLang } from '../../i18n/index.ts';
import { formatAge } from '../../state/format.ts';
import { connectionTone, tunnelStates } from '../../state/health.ts';
import type { OpenEditor } from '../../state/open-connection.ts';
import type { Workspace } from '../../state/workspace.ts';
import { Dialog } from '../common/Dialog.tsx';
import { DiscardConfirm, lostFields } from '../common/DiscardConfirm.tsx';
import { ConnectionHealthBadge } from '../common/Health.tsx';
import { ConflictPanel } from './ConflictPanel.tsx';
import { ConnectionCompare } from './ConnectionCompare.tsx';
import { EditorContext, type EditorContextValue } from './editor-context.ts';
import { EditorGrid } from './EditorGrid.tsx';
import { TunnelCompare } from './TunnelCompare.tsx';

export interface EditorViewProps {
  /** The open connection: its session, live state, draft, analysis, health. */
  editor: OpenEditor;
  /** How it is shown (mode, revealed secrets) and what the toolbar does (from useWorkspace). */
  workspace: Pick<Workspace, 'mode' | 'revealed' | 'toggleReveal' | 'toggleTunnels' | 'startCompare' | 'closeCompare' | 'openPreview'>;
  /** The connection it is compared with, once its gateway's connections are in. */
  compareWith: VpnConnection | null;
  now: number;
}

export function EditorView({ editor, workspace, compareWith, now }: EditorViewProps) {
  const { session, live, draft, analysis, gateway, busy, apiErrors } = editor;
  const { revealed, toggleReveal } = workspace;
  const mode = workspace.mode === 'compare' && !compareWith ? 'columns' : workspace.mode;
  const lang = useLang();
  const { t } = useTranslation();
  const vpnType = gateway?.VpnType ?? 'Normal';
  const liveCaption = session.liveFetchedAt ? t('editor.liveAge', { age: formatAge(session.liveFetchedAt, now, lang) }) : t('editor.liveUnknown');
  // Issues whose path has no control on screen (e.g. a mode or shape rule) are listed above the grid.
  const fieldPaths = new Set(editableFields(draft.mode).map((d) => d.path));
  const orphanIssues = analysis.issues.filter((i) => !fieldPaths.has(i.path));
  const saveState = session.saving ? t('editor.saving') : session.dirty ? t('editor.unsaved') : t('editor.saved');
  // Status comes from the live connection only: a saved draft carries no read-only status fields.
  const where = editor.liveConnection ?? live;
  const health = editor.health;
  const tunnels = useMemo(() => tunnelStates(where, health), [where, health]);
  const { edit } = session;
  const context = useMemo<EditorContextValue>(
    () => ({ analysis, vpnType, revealed, apiErrors, onToggleReveal: toggleReveal, onChange: edit }),
    [analysis, vpnType, revealed, apiErrors, toggleReveal, edit],
  );
  // Discarding loses the draft for good: it asks first, naming the connection and every changed field.
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const connectionName = live.Name || draft.VpnConnectionId;
  const lost = lostFields(
    analysis.rows.map((row) => row.path),
    lang,
  );
  const discard = async () => {
    setConfirmDiscard(false);
    await session.discard();
    // The Discard button is gone with the draft: focus goes to the connection's heading, not to the page body.
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  return (
    <div className="editor" aria-label={draft.Name}>
      {confirmDiscard && (
        <Dialog title={t('discard.title', { name: connectionName })} onClose={() => setConfirmDiscard(false)}>
          <DiscardConfirm
            name={connectionName}
            fields={lost}
            conflictCount={session.record?.conflicts.length ?? 0}
            onCancel={() => setConfirmDiscard(false)}
            onConfirm={() => void discard()}
          />
        </Dialog>
      )}
      <header className="editor-head">
        <div className="editor-title">
          <h1 className="conn-name" ref={headingRef} tabIndex={-1}>
            {live.Name || draft.VpnConnectionId}
          </h1>
          <span className={`badge ${draft.mode}`}>{draft.mode === 'dual' ? t('rail.dual') : t('rail.single')}</span>
          {vpnType === 'NationalStandard' && <span className="badge sm">{t('rail.sm')}</span>}
          <ConnectionHealthBadge health={health} tone={connectionTone(health?.health ?? 'unknown', gateway?.Status)} testId="connection-health" pill />
          <span className="counts">
            <span className={analysis.rows.length > 0 ? 'count changed' : 'count'} data-testid="change-count">
              {t('editor.changes', { count: analysis.rows.length })}
            </span>
            <span className={analysis.issues.length > 0 ? 'count bad' : 'count'} data-testid="error-count">
              {t('editor.errors', { count: analysis.issues.length })}
            </span>
          </span>
        </div>
        <dl className="editor-facts">
          <div>
            <dt>{t('editor.connectionId')}</dt>
            <dd className="mono">{draft.VpnConnectionId}</dd>
          </div>
          <div>
            <dt>{t('editor.gateway')}</dt>
            <dd className="mono">
              {gateway?.Name ?? draft.VpnGatewayId} <span className="muted">({draft.VpnGatewayId}, {gateway?.Status ?? '?'})</span>
            </dd>
          </div>
          <div>
            <dt>{t('editor.vpnType')}</dt>
            <dd>{vpnType === 'NationalStandard' ? t('editor.nationalStandard') : t('editor.normal')}</dd>
          </div>
          <div>
            <dt>{t('editor.draftStatus')}</dt>
            <dd>
              <span role="status" data-testid="save-state">
                {saveState}
              </span>
            </dd>
          </div>
        </dl>
        <div className="toolbar" role="toolbar" aria-label={t('editor.draft')}>
          <button type="button" className="btn" onClick={() => void session.save()} disabled={!session.dirty || session.saving || busy} aria-keyshortcuts="Control+S">
            {t('editor.save')}
          </button>
          {draft.mode === 'dual' && (
            <button type="button" className="btn" aria-pressed={mode === 'tunnels'} onClick={workspace.toggleTunnels} aria-keyshortcuts="Control+\">
              {t('editor.tunnels')}
            </button>
          )}
          {mode === 'compare' ? (
            <button type="button" className="btn" onClick={workspace.closeCompare}>
              {t('editor.closeCompare')}
            </button>
          ) : (
            <button type="button" className="btn" onClick={workspace.startCompare}>
              {t('editor.compare')}
            </button>
          )}
          {session.record && (
            <button type="button" className="btn ghost" disabled={busy} onClick={() => setConfirmDiscard(true)} aria-haspopup="dialog">
              {t('editor.discard')}
            </button>
          )}
          <button type="button" className="btn primary" onClick={workspace.openPreview} aria-keyshortcuts="Control+Enter">
            {t('editor.preview')}
          </button>
        </div>
      </header>
      {session.error && (
        <p role="alert" className="banner error">
          {session.error}
        </p>
      )}
      {session.record && <ConflictPanel conflicts={session.record.conflicts} onResolve={(path, take) => void session.resolve(path, take)} />}
      {orphanIssues.length > 0 && (
        <div className="banner error" role="group" aria-label={t('editor.otherIssues')}>
          <strong>{t('editor.otherIssues')}</strong>
          <ul>
            {orphanIssues.map((i, n) => (
              <li key={n}>
                {i.path && <span className="mono">{fieldLabel(i.path, lang)}: </span>}
                {formatIssue(i, lang)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {busy && (
        <p className="banner" role="status">
          {t('diff.applyBlockedBusy')}
        </p>
      )}
      {/* While read-only the controls cannot take focus: the scrolling region itself does, so it can still be scrolled. */}
      <div className="editor-scroll" {...(busy && { tabIndex: 0, role: 'region', 'aria-label': t('editor.draft') })}>
        <fieldset className="editor-fields" disabled={busy}>
          <EditorContext.Provider value={context}>
            {mode === 'tunnels' && draft.mode === 'dual' ? (
              <TunnelCompare draft={draft} tunnels={tunnels} onReplace={(next) => session.replaceDraft(() => next)} />
            ) : mode === 'compare' && compareWith ? (
              <ConnectionCompare draft={draft} draftHealth={health} other={compareWith} />
            ) : (
              <EditorGrid live={live} draft={draft} tunnels={tunnels} liveCaption={liveCaption} />
            )}
          </EditorContext.Provider>
        </fieldset>
      </div>
    </div>
  );
}

export function statusTone(status: string): 'ok' | 'warn' | 'bad' | 'idle' {
  const s = status.toLowerCase();
  if (s === 'active') return 'ok';
  // Only both phases up carries traffic: ike_sa_established alone is down.
  if (s === 'ipsec_sa_established') return 'ok';
  if (s === 'ike_sa_established') return 'bad';
  if (s === 'updating' || s === 'provisioning' || s === 'init') return 'warn';
  if (s.includes('not') || s.includes('fail') || s === 'deleting' || s === 'financiallocked') return 'bad';
  return 'idle';
}
