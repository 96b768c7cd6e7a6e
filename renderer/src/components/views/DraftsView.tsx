import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import type { DraftSummary, JobSummary } from '../../../../core/contract.ts';
import { changedFields, type DraftReadiness } from '../../../../core/index.ts';
import { toErrorShape } from '../../i18n/error-text.ts';
import { Dialog } from '../common/Dialog.tsx';
import { OutcomeBanner, type Outcome } from '../common/OutcomeBanner.tsx';
import { DiscardConfirm, lostFields, type LostField } from '../common/DiscardConfirm.tsx';
import { useApi } from '../../state/api-context.tsx';
import { lastOutcomes, openDrafts } from '../../state/drafts.ts';
import { formatAge } from '../../state/format.ts';
import { OpenBundleDialog, OwnBundleKey, SealBundleDialog } from './BundleDialogs.tsx';

export function download(fileName: string, content: string | Uint8Array<ArrayBuffer>, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Drafts that "Apply ready drafts" queues: main's verdict (core `draftReadiness`: changes, no conflicts, no rule
 * error against its gateway's inventory, not applying or applied). */
export function readyDrafts(drafts: readonly DraftSummary[]): DraftSummary[] {
  return drafts.filter((d) => d.readiness.ready);
}

/** Drafts it leaves out, each with why; applied drafts are history and not listed. */
export function leftOutDrafts(drafts: readonly DraftSummary[]): DraftSummary[] {
  return drafts.filter((d) => !d.readiness.ready && d.readiness.reason !== 'applied');
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** Why a draft is not ready, in words. */
export function readinessText(readiness: DraftReadiness, t: Translate): string {
  if (readiness.ready) return t('drafts.ready');
  switch (readiness.reason) {
    case 'rules':
      return t('drafts.reasonRules', { count: readiness.issueCount ?? 1 });
    case 'conflicts':
      return t('drafts.reasonConflicts', { count: readiness.issueCount ?? 1 });
    case 'no-changes':
      return t('drafts.reasonNoChanges');
    case 'not-loaded':
      return t('drafts.reasonNotLoaded');
    case 'busy':
      return t('drafts.reasonBusy');
    case 'applied':
      return t('drafts.reasonApplied');
    case 'not-in-account':
      return t('bundle.notHere');
  }
}

interface Discarding {
  draft: DraftSummary;
  fields: LostField[] | null;
  conflictCount: number;
}

export function DraftsView({
  drafts: allDrafts,
  now,
  confirmWindowSeconds,
  online,
  onOpen,
  jobs = new Map(),
  profiles = [],
  activeProfileId = '',
}: {
  drafts: readonly DraftSummary[];
  /** Apply jobs: a draft whose last apply left a tunnel down (or its outcome unknown) says so, not just "applied". */
  jobs?: ReadonlyMap<string, JobSummary>;
  now: number;
  confirmWindowSeconds: number;
  online: boolean;
  onOpen(d: DraftSummary): void;
  /** The profiles an opened bundle can be imported into, and the active one (proposed first). */
  profiles?: ReadonlyArray<{ profileId: string; name: string }>;
  activeProfileId?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const api = useApi();
  const fileRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [message, setMessage] = useState<Outcome | null>(null);
  const [confirming, setConfirming] = useState<{ ready: DraftSummary[]; leftOut: DraftSummary[] } | null>(null);
  const [discarding, setDiscarding] = useState<Discarding | null>(null);
  // Hand-off bundles: which drafts the seal dialog starts with (null = closed), and the open dialog.
  const [sealing, setSealing] = useState<readonly DraftSummary[] | null>(null);
  const [opening, setOpening] = useState(false);
  // A plain export that left a changed PSK behind: the draft it was, to offer the bundle instead.
  const [pskLeftBehind, setPskLeftBehind] = useState<DraftSummary | null>(null);
  const outcomes = lastOutcomes(jobs);
  const drafts = openDrafts(allDrafts, outcomes);
  const ready = readyDrafts(drafts);
  const leftOut = leftOutDrafts(drafts);
  const run = async (work: () => Promise<unknown>, ok?: string) => {
    try {
      await work();
      setMessage(ok ? { tone: 'ok', text: ok } : null);
    } catch (reason) {
      setMessage({ tone: 'error', error: toErrorShape(reason) });
    }
  };
  const nameOf = (d: DraftSummary) => d.Name || d.VpnConnectionId;
  // Discard asks first, naming the connection and the changed fields that would be lost (read from the draft).
  const askDiscard = (d: DraftSummary) => {
    setDiscarding({ draft: d, fields: null, conflictCount: d.conflictCount });
    api.getDraft({ draftId: d.draftId }).then(
      (record) => {
        const paths = record.base.mode === record.draft.mode ? changedFields(record.base, record.draft).map((f) => f.path) : [];
        setDiscarding((current) => (current?.draft.draftId === d.draftId ? { ...current, fields: lostFields(paths, lang), conflictCount: record.conflicts.length } : current));
      },
      (reason: unknown) => {
        setDiscarding(null);
        void run(() => Promise.reject(reason));
      },
    );
  };
  const discard = (d: DraftSummary) => {
    setDiscarding(null);
    void run(() => api.discardDraft({ draftId: d.draftId }), t('drafts.discarded', { name: nameOf(d) })).then(() =>
      // The row (and its Discard button) is gone: focus goes to the page heading rather than the page body.
      requestAnimationFrame(() => headingRef.current?.focus()),
    );
  };
  return (
    <div className="page">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('drafts.title')}
        </h1>
        <button
          type="button"
          className="btn primary"
          data-testid="apply-ready"
          disabled={ready.length === 0 || !online}
          title={online ? undefined : t('drafts.applyOffline')}
          onClick={() => setConfirming({ ready, leftOut })}
        >
          {t('drafts.applyReady', { count: ready.length })}
        </button>
        <button type="button" className="btn" data-testid="seal-bundle-open" disabled={drafts.filter((d) => d.status !== 'applying').length === 0} onClick={() => setSealing(drafts.filter((d) => d.status !== 'applying'))}>
          {t('bundle.seal')}
        </button>
        <button type="button" className="btn" data-testid="open-bundle-open" onClick={() => setOpening(true)}>
          {t('bundle.open')}
        </button>
        <button type="button" className="btn" onClick={() => fileRef.current?.click()}>
          {t('drafts.import')}
        </button>
        {/* Hidden: the button above is the one control; the file input is only its mechanism (clicked from it). */}
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file)
              void (async () => {
                try {
                  const record = await api.importDraft({ content: await file.text() });
                  setMessage({ tone: 'ok', text: (record.needsSecrets?.length ?? 0) > 0 ? t('bundle.importedNeedsPsk') : t('drafts.imported') });
                } catch (reason) {
                  setMessage({ tone: 'error', error: toErrorShape(reason) });
                }
              })();
            e.target.value = '';
          }}
        />
      </div>
      <OwnBundleKey />
      {pskLeftBehind && (
        <p className="banner warn" role="status" data-testid="psk-left-behind">
          {t('bundle.plainWarn')}{' '}
          <button type="button" className="btn small" onClick={() => { setSealing([pskLeftBehind]); setPskLeftBehind(null); }}>
            {t('bundle.seal')}
          </button>
        </p>
      )}
      {sealing && (
        <Dialog title={t('bundle.sealTitle')} className="wide" onClose={() => setSealing(null)}>
          <SealBundleDialog
            drafts={sealing}
            onClose={() => setSealing(null)}
            onDone={(text) => {
              setSealing(null);
              setMessage({ tone: 'ok', text });
            }}
          />
        </Dialog>
      )}
      {opening && (
        <Dialog title={t('bundle.openTitle')} className="wide" onClose={() => setOpening(false)}>
          <OpenBundleDialog
            profiles={profiles}
            activeProfileId={activeProfileId}
            onClose={() => setOpening(false)}
            onDone={(text) => {
              setOpening(false);
              setMessage({ tone: 'ok', text });
            }}
          />
        </Dialog>
      )}
      {confirming && (
        <Dialog title={t('drafts.applyTitle', { count: confirming.ready.length })} onClose={() => setConfirming(null)}>
          <h2 className="dialog-title">{t('drafts.applyTitle', { count: confirming.ready.length })}</h2>
          <p>
            {t('drafts.applyExplain')} {confirmWindowSeconds > 0 ? t('drafts.applyWindow', { seconds: confirmWindowSeconds }) : t('drafts.applyNoWindow')}
          </p>
          <ul className="apply-list" data-testid="apply-ready-list">
            {confirming.ready.map((d) => (
              <li key={d.draftId}>
                <span>{nameOf(d)}</span> <span className="mono muted">{d.VpnGatewayId}</span> · {t('drafts.changeCount', { count: d.changedFieldCount })}
              </li>
            ))}
          </ul>
          {confirming.leftOut.length > 0 && (
            <>
              <h3 className="dialog-subtitle" id="apply-left-out-title">
                {t('drafts.leftOutTitle', { count: confirming.leftOut.length })}
              </h3>
              <ul className="apply-list left-out" data-testid="apply-left-out-list" aria-labelledby="apply-left-out-title">
                {confirming.leftOut.map((d) => (
                  <li key={d.draftId} data-reason={d.readiness.ready ? 'ready' : d.readiness.reason}>
                    <span>{nameOf(d)}</span> — <span className="reason">{readinessText(d.readiness, t)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setConfirming(null)}>
              {t('drafts.cancel')}
            </button>
            <button
              type="button"
              className="btn primary"
              data-autofocus
              onClick={() => {
                const draftIds = confirming.ready.map((d) => d.draftId);
                setConfirming(null);
                void run(() => api.applyDrafts({ draftIds, confirmWindowSeconds }), t('drafts.applyQueued', { count: draftIds.length }));
              }}
            >
              {t('drafts.applyConfirm', { count: confirming.ready.length })}
            </button>
          </div>
        </Dialog>
      )}
      {discarding && (
        <Dialog title={t('discard.title', { name: nameOf(discarding.draft) })} onClose={() => setDiscarding(null)}>
          <DiscardConfirm
            name={nameOf(discarding.draft)}
            fields={discarding.fields}
            conflictCount={discarding.conflictCount}
            onCancel={() => setDiscarding(null)}
            onConfirm={() => discard(discarding.draft)}
          />
        </Dialog>
      )}
      <OutcomeBanner outcome={message} />
      {drafts.length === 0 ? (
        <p className="muted">{t('drafts.empty')}</p>
      ) : (
        <table className="table" data-testid="drafts-table">
          <thead>
            <tr>
              <th scope="col">{t('drafts.connection')}</th>
              <th scope="col">{t('drafts.region')}</th>
              <th scope="col" className="num">{t('drafts.changes')}</th>
              <th scope="col">{t('drafts.baseAge')}</th>
              <th scope="col" className="num">{t('drafts.conflicts')}</th>
              <th scope="col">{t('drafts.status')}</th>
              <th scope="col">{t('drafts.readiness')}</th>
              <th scope="col">{t('drafts.updated')}</th>
              <th scope="col">{t('drafts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((d) => (
              <tr key={d.draftId} data-draft={d.draftId}>
                <th scope="row">
                  {d.Name || d.VpnConnectionId}
                  <div className="path mono">{d.VpnConnectionId}</div>
                </th>
                <td className="mono">{d.RegionId}</td>
                <td className="num">{d.changedFieldCount}</td>
                <td>{formatAge(d.baseFetchedAt, now, lang)}</td>
                <td className={`num${d.conflictCount > 0 ? ' error' : ''}`}>{d.conflictCount}</td>
                <td>
                  <span className={`status-pill ${d.status === 'conflict' ? 'bad' : 'idle'}`}>{t(`drafts.status_${d.status}`)}</span>
                  {outcomes.get(d.draftId) && (
                    <span className={`status-pill ${outcomes.get(d.draftId) === 'degraded' ? 'bad' : 'warn'}`} data-testid="draft-outcome">
                      {t(`timeline.phase.${outcomes.get(d.draftId)!}`)}
                    </span>
                  )}
                </td>
                <td className={d.readiness.ready ? 'readiness ready' : `readiness ${d.readiness.reason}`} data-testid="readiness">
                  {readinessText(d.readiness, t)}
                </td>
                <td>{formatAge(d.updatedAt, now, lang)}</td>
                <td className="actions">
                  <button type="button" className="btn small" onClick={() => onOpen(d)} aria-label={`${t('drafts.open')}: ${d.Name || d.VpnConnectionId}`}>
                    {t('drafts.open')}
                  </button>
                  <button
                    type="button"
                    className="btn small"
                    aria-label={`${t('drafts.export')}: ${d.Name || d.VpnConnectionId}`}
                    onClick={() => void run(async () => {
                      const file = await api.exportDraft({ draftId: d.draftId });
                      download(file.fileName, file.content);
                      // The plain file leaves PSKs out: say so when the draft changed one, and offer the bundle.
                      const omitted = (JSON.parse(file.content) as { omittedSecrets?: Array<{ changed: boolean }> }).omittedSecrets ?? [];
                      setPskLeftBehind(omitted.some((o) => o.changed) ? d : null);
                    })}
                  >
                    {t('drafts.export')}
                  </button>
                  <button type="button" className="btn small ghost" aria-haspopup="dialog" aria-label={`${t('drafts.discard')}: ${d.Name || d.VpnConnectionId}`} onClick={() => askDiscard(d)}>
                    {t('drafts.discard')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
