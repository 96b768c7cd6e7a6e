import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftSummary } from '../../../../core/contract.ts';
import type { Lang } from '../../../../core/index.ts';
import { errorMessage } from '../../api.ts';
import { Dialog } from '../common/Dialog.tsx';
import { useApi } from '../../state/api-context.tsx';
import { formatAge } from '../../state/format.ts';

export function download(fileName: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Drafts that "Apply ready drafts" queues: changed, no conflicts, not already applying or applied. */
export function readyDrafts(drafts: readonly DraftSummary[]): DraftSummary[] {
  return drafts.filter((d) => d.status === 'editing' && d.conflictCount === 0 && d.changedFieldCount > 0);
}

export function DraftsView({
  drafts,
  lang,
  now,
  confirmWindowSeconds,
  online,
  onOpen,
}: {
  drafts: readonly DraftSummary[];
  lang: Lang;
  now: number;
  confirmWindowSeconds: number;
  online: boolean;
  onOpen(d: DraftSummary): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const fileRef = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [confirming, setConfirming] = useState<DraftSummary[] | null>(null);
  const ready = readyDrafts(drafts);
  const run = async (work: () => Promise<unknown>, ok?: string) => {
    try {
      await work();
      setMessage(ok ? { tone: 'ok', text: ok } : null);
    } catch (reason) {
      setMessage({ tone: 'error', text: errorMessage(reason) });
    }
  };
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('drafts.title')}</h1>
        <button
          type="button"
          className="btn primary"
          data-testid="apply-ready"
          disabled={ready.length === 0 || !online}
          title={online ? undefined : t('drafts.applyOffline')}
          onClick={() => setConfirming(ready)}
        >
          {t('drafts.applyReady', { count: ready.length })}
        </button>
        <button type="button" className="btn" onClick={() => fileRef.current?.click()}>
          {t('drafts.import')}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          className="sr-only"
          tabIndex={-1}
          aria-label={t('drafts.import')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void run(async () => api.importDraft({ content: await file.text() }), t('drafts.imported'));
            e.target.value = '';
          }}
        />
      </div>
      {confirming && (
        <Dialog title={t('drafts.applyTitle', { count: confirming.length })} onClose={() => setConfirming(null)}>
          <h2 className="dialog-title">{t('drafts.applyTitle', { count: confirming.length })}</h2>
          <p>
            {t('drafts.applyExplain')} {confirmWindowSeconds > 0 ? t('drafts.applyWindow', { seconds: confirmWindowSeconds }) : t('drafts.applyNoWindow')}
          </p>
          <ul className="apply-list" data-testid="apply-ready-list">
            {confirming.map((d) => (
              <li key={d.draftId}>
                <span>{d.Name || d.VpnConnectionId}</span> <span className="mono muted">{d.VpnGatewayId}</span> ·{' '}
                {t('drafts.changeCount', { count: d.changedFieldCount })}
              </li>
            ))}
          </ul>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setConfirming(null)}>
              {t('drafts.cancel')}
            </button>
            <button
              type="button"
              className="btn primary"
              data-autofocus
              onClick={() => {
                const draftIds = confirming.map((d) => d.draftId);
                setConfirming(null);
                void run(() => api.applyDrafts({ draftIds, confirmWindowSeconds }), t('drafts.applyQueued', { count: draftIds.length }));
              }}
            >
              {t('drafts.applyConfirm', { count: confirming.length })}
            </button>
          </div>
        </Dialog>
      )}
      {message && (
        <p role={message.tone === 'error' ? 'alert' : 'status'} className={`banner ${message.tone}`}>
          {message.text}
        </p>
      )}
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
                  <span className={`status-pill ${d.status === 'conflict' ? 'bad' : d.status === 'applied' ? 'ok' : 'idle'}`}>{t(`drafts.status_${d.status}`)}</span>
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
                    })}
                  >
                    {t('drafts.export')}
                  </button>
                  <button type="button" className="btn small ghost" aria-label={`${t('drafts.discard')}: ${d.Name || d.VpnConnectionId}`} onClick={() => void run(() => api.discardDraft({ draftId: d.draftId }))}>
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
