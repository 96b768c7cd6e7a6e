import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { editableFields, formatIssue, fieldLabel, type VpnConnection } from '../../../../core/index.ts';
import type { CustomerGatewaySummary, GatewaySummary } from '../../../../core/contract.ts';
import { customerGatewayIds } from '../../../../core/search/match.ts';
import type { AppErrorShape } from '../../../../core/errors.ts';
import type { Analysis } from '../../state/analysis.ts';
import type { EditorSession } from '../../state/editor-session.ts';
import type { PeerDevice } from '../../state/peer.ts';
import type { PrecheckReason } from '../../../../core/peer/precheck.ts';
import { useErrorText } from '../../i18n/error-text.ts';
import { useLang } from '../../i18n/index.ts';
import { formatAge } from '../../state/format.ts';
import { connectionTone, tunnelStates, type ShownHealth } from '../../state/health.ts';
import { Dialog } from '../common/Dialog.tsx';
import { DiscardConfirm, lostFields } from '../common/DiscardConfirm.tsx';
import { ConnectionHealthBadge } from '../common/Health.tsx';
import { ConflictPanel } from './ConflictPanel.tsx';
import { ConnectionCompare } from './ConnectionCompare.tsx';
import { EditorContext } from './DraftCell.tsx';
import { EditorGrid, type PeerColumn } from './EditorGrid.tsx';
import { PeerPanel } from './PeerPanel.tsx';
import { TunnelCompare } from './TunnelCompare.tsx';

export type EditorMode = 'columns' | 'tunnels' | 'compare';

export interface EditorViewProps {
  session: EditorSession;
  live: VpnConnection;
  draft: VpnConnection;
  /** The connection as last read live (DescribeVpnConnection): where its tunnels are. Never the draft. */
  liveConnection: VpnConnection | undefined;
  /** Every tunnel's state, from the live read or the latest apply's newer read of the tunnels. */
  health: ShownHealth | null;
  analysis: Analysis;
  gateway: GatewaySummary | undefined;
  /** The inventory's customer gateways, to name the ones this connection (or each tunnel) uses. */
  customerGateways?: readonly CustomerGatewaySummary[] | undefined;
  now: number;
  mode: EditorMode;
  compareWith: VpnConnection | null;
  revealed: ReadonlySet<string>;
  /** Field errors main reported on the last (failed) apply of this connection. */
  apiErrors: ReadonlyMap<string, AppErrorShape[]>;
  /** A change of this connection is in flight: the draft is read-only until it ends. */
  busy: boolean;
  /** The customer's device at the other end: its profile and the pre-check of the draft against it. */
  peer: PeerDevice;
  onToggleReveal(path: string): void;
  onChange(path: string, value: unknown): void;
  onPreview(): void;
  onToggleTunnels(): void;
  onCompare(): void;
  onCloseCompare(): void;
}

export function EditorView(props: EditorViewProps) {
  const { session, live, draft, analysis, gateway, now, mode, compareWith, revealed, onToggleReveal, onChange } = props;
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const vpnType = gateway?.VpnType ?? 'Normal';
  // Stable while the user types (edit and reveal change rarely), so the draft cells re-render only on their own props.
  const editorContext = useMemo(() => ({ vpnType, revealed, onToggleReveal, onChange }), [vpnType, revealed, onToggleReveal, onChange]);
  const liveCaption = session.liveFetchedAt ? t('editor.liveAge', { age: formatAge(session.liveFetchedAt, now, lang) }) : t('editor.liveUnknown');
  // Issues whose path has no control on screen (e.g. a mode or shape rule) are listed above the grid.
  const fieldPaths = new Set(editableFields(draft.mode).map((d) => d.path));
  const orphanIssues = analysis.issues.filter((i) => !fieldPaths.has(i.path));
  const saveState = session.saving ? t('editor.saving') : session.dirty ? t('editor.unsaved') : t('editor.saved');
  // Status comes from the live connection only: a saved draft carries no read-only status fields.
  const where = props.liveConnection ?? live;
  const tunnels = useMemo(() => tunnelStates(where, props.health), [where, props.health]);
  // Discarding loses the draft for good: it asks first, naming the connection and every changed field.
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [peerOpen, setPeerOpen] = useState(false);
  const { peer } = props;
  // FieldRow compares its peer reasons by content, so a keystroke re-renders only the rows whose pre-check changed.
  const peerColumn = useMemo<PeerColumn | undefined>(() => {
    if (!peer.profile) return undefined;
    const reasonsByPath = new Map<string, PrecheckReason[]>();
    for (const tunnel of peer.draftCheck?.tunnels ?? []) for (const r of tunnel.reasons) reasonsByPath.set(r.path, [...(reasonsByPath.get(r.path) ?? []), r]);
    const verdict = peer.draftCheck?.verdict === 'negotiates' ? t('peer.captionOk') : t('peer.captionFails');
    return { profile: peer.profile, reasonsByPath, caption: verdict, onEdit: peer.edit };
  }, [peer.profile, peer.draftCheck, peer.edit, t]);
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
      {peerOpen && (
        <Dialog title={t('peer.title')} className="wide" onClose={() => setPeerOpen(false)}>
          <PeerPanel peer={peer} live={live} draft={draft} onClose={() => setPeerOpen(false)} />
        </Dialog>
      )}
      <header className="editor-head">
        <div className="editor-title">
          <h1 className="conn-name" ref={headingRef} tabIndex={-1}>
            {live.Name || draft.VpnConnectionId}
          </h1>
          <span className={`badge ${draft.mode}`}>{draft.mode === 'dual' ? t('rail.dual') : t('rail.single')}</span>
          {vpnType === 'NationalStandard' && <span className="badge sm">{t('rail.sm')}</span>}
          <ConnectionHealthBadge health={props.health} tone={connectionTone(props.health?.health ?? 'unknown', gateway?.Status)} testId="connection-health" pill />
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
            <dt>{t('editor.customerGateway')}</dt>
            <dd className="mono" data-testid="customer-gateway">
              {customerGatewayIds(draft)
                .map((id) => {
                  const cgw = props.customerGateways?.find((c) => c.CustomerGatewayId === id);
                  return cgw ? `${cgw.Name || id} (${id}, ${cgw.IpAddress})` : id;
                })
                .join(' · ') || '—'}
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
          <button type="button" className="btn" onClick={() => void session.save()} disabled={!session.dirty || session.saving || props.busy} aria-keyshortcuts="Control+S">
            {t('editor.save')}
          </button>
          {draft.mode === 'dual' && (
            <button type="button" className="btn" aria-pressed={mode === 'tunnels'} onClick={props.onToggleTunnels} aria-keyshortcuts="Control+\">
              {t('editor.tunnels')}
            </button>
          )}
          {mode === 'compare' ? (
            <button type="button" className="btn" onClick={props.onCloseCompare}>
              {t('editor.closeCompare')}
            </button>
          ) : (
            <button type="button" className="btn" onClick={props.onCompare}>
              {t('editor.compare')}
            </button>
          )}
          <button type="button" className="btn" data-testid="peer-open" onClick={() => setPeerOpen(true)} aria-haspopup="dialog">
            {t('peer.open')}
            {peer.draftCheck && (
              <span className={`peer-dot ${peer.draftCheck.verdict === 'negotiates' ? 'ok' : 'bad'}`} aria-label={peer.draftCheck.verdict === 'negotiates' ? t('peer.captionOk') : t('peer.captionFails')} />
            )}
          </button>
          {session.record && (
            <button type="button" className="btn ghost" disabled={props.busy} onClick={() => setConfirmDiscard(true)} aria-haspopup="dialog">
              {t('editor.discard')}
            </button>
          )}
          <button type="button" className="btn primary" onClick={props.onPreview} aria-keyshortcuts="Control+Enter">
            {t('editor.preview')}
          </button>
        </div>
      </header>
      {session.error && (
        <p role="alert" className="banner error" data-code={session.error.code}>
          {errorText(session.error)}
        </p>
      )}
      {(session.record?.needsSecrets?.length ?? 0) > 0 && (
        <p role="alert" className="banner error" data-testid="needs-psk">
          {t('bundle.needsPskBanner', { fields: session.record!.needsSecrets!.map((p) => fieldLabel(p, lang)).join(', ') })}
        </p>
      )}
      {peer.error && (
        <p role="alert" className="banner error" data-testid="peer-error">
          {t('peer.saveFailed', { message: errorText(peer.error) })}
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
      {props.busy && (
        <p className="banner" role="status">
          {t('diff.applyBlockedBusy')}
        </p>
      )}
      {/* While read-only the controls cannot take focus: the scrolling region itself does, so it can still be scrolled. */}
      <div className="editor-scroll" {...(props.busy && { tabIndex: 0, role: 'region', 'aria-label': t('editor.draft') })}>
        <fieldset className="editor-fields" disabled={props.busy}>
          <EditorContext.Provider value={editorContext}>
            {mode === 'tunnels' && draft.mode === 'dual' ? (
              <TunnelCompare draft={draft} tunnels={tunnels} analysis={analysis} onReplace={(next) => session.replaceDraft(() => next)} />
            ) : mode === 'compare' && compareWith ? (
              <ConnectionCompare draft={draft} draftHealth={props.health} other={compareWith} analysis={analysis} />
            ) : (
              <EditorGrid live={live} draft={draft} tunnels={tunnels} vpnType={vpnType} analysis={analysis} liveCaption={liveCaption} apiErrors={props.apiErrors} peer={peerColumn} />
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
