// Sealing drafts into a hand-off bundle and opening one: what is inside is shown before anything is stored. The
// passphrase is proposed here (core proposePassphrase over the browser's CSPRNG); encryption, decryption and the
// user's own private key stay in main.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_BITS, PROPOSED_PASSPHRASE_BITS, passphraseStrength, proposePassphrase } from '../../../../core/bundle/passphrase.ts';
import type { BundleImportResult, BundlePreview, DraftSummary } from '../../../../core/contract.ts';
import type { AppErrorShape } from '../../../../core/errors.ts';
import { fieldLabel } from '../../../../core/index.ts';
import { toErrorShape, useErrorText } from '../../i18n/error-text.ts';
import { useLang } from '../../i18n/index.ts';
import { useApi } from '../../state/api-context.tsx';
import { formatAge } from '../../state/format.ts';
import { useNow } from '../../state/use-now.ts';
import { download } from './DraftsView.tsx';

const propose = () => proposePassphrase((n) => crypto.getRandomValues(new Uint8Array(n)));

const ARMOR = '-----BEGIN AGE ENCRYPTED FILE-----';

/** A chosen file as main takes it: armored text as it is, a binary age file (age's default output) as base64 (reading
 * it as text would mangle it). */
async function bundleContent(file: File): Promise<{ content: string } | { contentBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith(ARMOR)) return { content: new TextDecoder().decode(bytes).replace(/^\uFEFF/, '') };
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { contentBase64: btoa(binary) };
}

export function SealBundleDialog({ drafts, onDone, onClose }: { drafts: readonly DraftSummary[]; onDone(message: string): void; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set(drafts.map((d) => d.draftId)));
  const [note, setNote] = useState('');
  const [mode, setMode] = useState<'passphrase' | 'recipients'>('passphrase');
  const [passphrase, setPassphrase] = useState(propose);
  const [recipients, setRecipients] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const [sheetPsks, setSheetPsks] = useState(false);
  const [sheetSaved, setSheetSaved] = useState<string | null>(null);
  const lang = useLang();
  const weak = mode === 'passphrase' && passphraseStrength(passphrase) < MIN_PASSPHRASE_BITS;
  const keys = recipients.split('\n').map((l) => l.trim()).filter(Boolean);
  const seal = async () => {
    setBusy(true);
    setError(null);
    try {
      const file = await api.exportBundle({ draftIds: [...picked], ...(note.trim() && { note }), ...(mode === 'passphrase' ? { passphrase } : { recipients: keys }) });
      download(file.fileName, file.content);
      onDone(mode === 'passphrase' ? t('bundle.sealed', { file: file.fileName }) : t('bundle.sealedToKeys', { file: file.fileName }));
    } catch (e) {
      setError(toErrorShape(e));
    } finally {
      setBusy(false);
    }
  };
  // The printable sheet for the same drafts: one page per connection, PSKs only when asked for.
  const saveSheet = async () => {
    setBusy(true);
    setError(null);
    try {
      const sheet = await api.exportChangeSheet({ draftIds: [...picked], includePsks: sheetPsks, ...(note.trim() && { note }), lang });
      download(sheet.fileName, Uint8Array.from(atob(sheet.contentBase64), (c) => c.charCodeAt(0)), 'application/pdf');
      setSheetSaved(sheet.fileName);
    } catch (e) {
      setError(toErrorShape(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="bundle-dialog" data-testid="seal-bundle">
      <h2 className="dialog-title">{t('bundle.sealTitle')}</h2>
      <p className="muted">{t('bundle.sealExplain')}</p>
      <fieldset className="plain">
        <legend>{t('bundle.drafts')}</legend>
        {drafts.map((d) => (
          <label key={d.draftId} className="inline-check">
            <input
              type="checkbox"
              checked={picked.has(d.draftId)}
              onChange={(e) => setPicked((cur) => {
                const next = new Set(cur);
                if (e.target.checked) next.add(d.draftId);
                else next.delete(d.draftId);
                return next;
              })}
            />
            {d.Name || d.VpnConnectionId} <span className="muted mono">{d.VpnConnectionId}</span>
          </label>
        ))}
      </fieldset>
      <label className="stack">
        {t('bundle.note')}
        <textarea className="control" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <fieldset className="plain">
        <legend>{t('bundle.protect')}</legend>
        <label className="inline-check">
          <input type="radio" name="bundle-mode" checked={mode === 'passphrase'} onChange={() => setMode('passphrase')} />
          {t('bundle.byPassphrase')}
        </label>
        <label className="inline-check">
          <input type="radio" name="bundle-mode" checked={mode === 'recipients'} onChange={() => setMode('recipients')} />
          {t('bundle.byRecipients')}
        </label>
      </fieldset>
      {mode === 'passphrase' ? (
        <div className="form-grid">
          <label htmlFor="bundle-passphrase">{t('bundle.passphrase')}</label>
          <span className="row">
            <input id="bundle-passphrase" className="control mono" data-testid="bundle-passphrase" value={passphrase} maxLength={200} onChange={(e) => setPassphrase(e.target.value)} aria-invalid={weak || undefined} />
            <button type="button" className="btn small" onClick={() => setPassphrase(propose())}>
              {t('bundle.another')}
            </button>
          </span>
        </div>
      ) : (
        <label className="stack">
          {t('bundle.recipients')}
          <textarea className="control mono" rows={3} value={recipients} onChange={(e) => setRecipients(e.target.value)} spellCheck={false} />
        </label>
      )}
      {weak && <p className="hint error">{t('bundle.weak', { bits: Math.floor(PROPOSED_PASSPHRASE_BITS) })}</p>}
      {error && (
        <p role="alert" className="banner error" data-code={error.code}>
          {errorText(error)}
        </p>
      )}
      <fieldset className="plain">
        <legend>{t('bundle.sheetTitle')}</legend>
        <p className="muted">{t('bundle.sheetExplain')}</p>
        <label className="inline-check">
          <input type="checkbox" checked={sheetPsks} onChange={(e) => setSheetPsks(e.target.checked)} />
          {t('bundle.sheetPsks')}
        </label>
        <div className="toolbar">
          <button type="button" className="btn" data-testid="change-sheet" disabled={busy || picked.size === 0} onClick={() => void saveSheet()}>
            {t('bundle.sheetButton')}
          </button>
          {sheetSaved && (
            <span role="status" className="muted">
              {t('bundle.sheetSaved', { file: sheetSaved })}
            </span>
          )}
        </div>
      </fieldset>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('bundle.close')}
        </button>
        <button type="button" className="btn primary" data-testid="seal-bundle-go" disabled={busy || picked.size === 0 || weak || (mode === 'recipients' && keys.length === 0)} onClick={() => void seal()}>
          {t('bundle.sealButton')}
        </button>
      </div>
    </div>
  );
}

export function OpenBundleDialog({
  profiles,
  activeProfileId,
  onDone,
  onClose,
}: {
  profiles: ReadonlyArray<{ profileId: string; name: string }>;
  activeProfileId: string;
  onDone(message: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; source: { content: string } | { contentBase64: string } } | null>(null);
  const [mode, setMode] = useState<'passphrase' | 'own'>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<BundlePreview | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow(30_000);
  // The account the drafts go into: the active one unless the user picks another; the preview is worked out for it.
  const [target, setTarget] = useState(activeProfileId);
  const targetName = profiles.find((p) => p.profileId === target)?.name ?? '';
  const key = { ...(mode === 'passphrase' ? { passphrase } : { useOwnKey: true }), ...(target !== '' && { profileId: target }) };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(toErrorShape(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="bundle-dialog" data-testid="open-bundle">
      <h2 className="dialog-title">{t('bundle.openTitle')}</h2>
      <div className="toolbar">
        <button type="button" className="btn" onClick={() => fileRef.current?.click()}>
          {t('bundle.chooseFile')}
        </button>
        {file && <span className="muted">{t('bundle.fileChosen', { file: file.name })}</span>}
        <input
          ref={fileRef}
          type="file"
          hidden
          data-testid="bundle-file"
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            if (chosen)
              void bundleContent(chosen).then((source) => {
                setFile({ name: chosen.name, source });
                setPreview(null);
              });
            e.target.value = '';
          }}
        />
      </div>
      <fieldset className="plain">
        <label className="inline-check">
          <input type="radio" name="bundle-open-mode" checked={mode === 'passphrase'} onChange={() => setMode('passphrase')} />
          {t('bundle.withPassphrase')}
        </label>
        <label className="inline-check">
          <input type="radio" name="bundle-open-mode" checked={mode === 'own'} onChange={() => setMode('own')} />
          {t('bundle.withOwnKey')}
        </label>
      </fieldset>
      <div className="form-grid">
        {mode === 'passphrase' && (
          <>
            <label htmlFor="bundle-open-passphrase">{t('bundle.passphrase')}</label>
            <input id="bundle-open-passphrase" className="control mono" data-testid="bundle-open-passphrase" value={passphrase} maxLength={200} onChange={(e) => setPassphrase(e.target.value)} />
          </>
        )}
        <label htmlFor="bundle-target">{t('bundle.target')}</label>
        <select
          id="bundle-target"
          className="control"
          data-testid="bundle-target"
          value={target}
          onChange={(e) => {
            setTarget(e.target.value);
            setPreview(null);
          }}
        >
          {profiles.map((p) => (
            <option key={p.profileId} value={p.profileId}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="toolbar">
        <button
          type="button"
          className="btn"
          data-testid="bundle-preview"
          disabled={!file || busy || (mode === 'passphrase' && passphrase === '')}
          onClick={() => void run(async () => setPreview(await api.previewBundle({ ...file!.source, ...key })))}
        >
          {t('bundle.preview')}
        </button>
      </div>
      {error && (
        <p role="alert" className="banner error" data-code={error.code}>
          {errorText(error)}
        </p>
      )}
      {preview && (
        <div data-testid="bundle-preview-list">
          <p>
            {t('bundle.from', { profile: preview.from.profileName, account: preview.from.accountHint ? ` (${preview.from.accountHint})` : '', age: formatAge(preview.createdAt, now, lang) })}
          </p>
          {preview.note && <blockquote className="bundle-note">{preview.note}</blockquote>}
          <ul className="bundle-list">
            {preview.drafts.map((d, i) => {
              const here = preview.here[i];
              return (
                <li key={d.VpnConnectionId} data-connection={d.VpnConnectionId}>
                  <strong>{d.Name || d.VpnConnectionId}</strong> <span className="mono muted">{d.VpnConnectionId} · {d.RegionId}</span>
                  <div className="muted">
                    {t('bundle.baseAge', { age: formatAge(d.baseFetchedAt, now, lang) })} · {t('bundle.changedFields', { count: d.changedFields.length })}:{' '}
                    {d.changedFields.map((p) => fieldLabel(p, lang)).join(', ')}
                  </div>
                  <div className="bundle-flags">
                    {d.needsPsk ? <span className="flag bad">{t('bundle.needsPsk')}</span> : d.pskChanged ? <span className="flag">{t('bundle.pskIncluded')}</span> : <span className="flag muted">{t('bundle.pskNotChanged')}</span>}
                    {d.peerIncluded && <span className="flag">{t('bundle.peerIncluded')}</span>}
                    {here?.mergesIntoOpenDraft && <span className="flag warn">{t('bundle.mergeInto')}</span>}
                    {here && !here.knownHere && (preview.inventoryRead ? <span className="flag bad">{t('bundle.notHere')}</span> : <span className="flag muted">{t('bundle.notReadHere')}</span>)}
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('bundle.close')}
        </button>
        <button
          type="button"
          className="btn primary"
          data-testid="bundle-import"
          disabled={!preview || busy}
          onClick={() =>
            void run(async () => {
              const result = await api.importBundle({ ...file!.source, ...key });
              const conflicts = result.imported.reduce((n, d) => n + d.conflictCount, 0);
              // Only what really happened: "checked against live" only for the drafts read live at the import.
              const count = (keep: (d: BundleImportResult['imported'][number]) => boolean) => result.imported.filter(keep).length;
              const parts: Array<['bundle.imported' | 'bundle.importedMerged' | 'bundle.importedUnchecked' | 'bundle.importedNotHere' | 'bundle.importedConflicts', number]> = [
                ['bundle.imported', count((d) => d.reconciled)],
                ['bundle.importedMerged', count((d) => d.merged)],
                ['bundle.importedUnchecked', count((d) => !d.reconciled && !d.merged && !d.notInAccount)],
                ['bundle.importedNotHere', count((d) => d.notInAccount)],
                ['bundle.importedConflicts', conflicts],
              ];
              onDone(
                parts
                  .filter(([, n]) => n > 0)
                  .map(([key, n]) => t(key, { count: n }))
                  .join(' '),
              );
            })
          }
        >
          {t('bundle.importInto', { profile: targetName })}
        </button>
      </div>
    </div>
  );
}

/** The user's own age key: created once, the private half in the keychain, the public half shown for copying. */
export function OwnBundleKey() {
  const { t } = useTranslation();
  const api = useApi();
  const [recipient, setRecipient] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    api.getBundleKey().then(
      (r) => !cancelled && setRecipient(r.recipient),
      () => !cancelled && setRecipient(null),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);
  if (recipient === undefined) return null;
  return (
    <div className="own-key" data-testid="own-bundle-key">
      <strong>{t('bundle.myKey')}</strong>{' '}
      {recipient ? (
        <>
          <code className="mono">{recipient}</code>{' '}
          <button type="button" className="btn small" onClick={() => void navigator.clipboard.writeText(recipient)}>
            {t('bundle.copyKey')}
          </button>
        </>
      ) : (
        <>
          <span className="muted">{t('bundle.myKeyNone')}</span>{' '}
          <button type="button" className="btn small" onClick={() => void api.createBundleKey().then((r) => setRecipient(r.recipient))}>
            {t('bundle.createKey')}
          </button>
        </>
      )}
    </div>
  );
}
