// The peer device: where its profile comes from (the mirror of the live connection, a device's configuration read
// in, or hand edits in the Peer column), and the device configuration for the draft, with the lines the technician
// must change on the device. All of it runs here, offline; only the profile itself is kept by main.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VpnConnection } from '../../../../core/index.ts';
import { deviceDiff } from '../../../../core/peer/device-diff.ts';
import { deviceForDraft, mirrorPeer } from '../../../../core/peer/mirror.ts';
import type { PeerProfile, PeerTunnelKey } from '../../../../core/peer/profile.ts';
import type { ImportResult } from '../../../../core/peer/vendor.ts';
import { describeVendorCode, VENDORS, vendorById } from '../../../../core/peer/vendors/index.ts';

import { useErrorText } from '../../i18n/error-text.ts';
import { useLang } from '../../i18n/index.ts';
import type { PeerDevice } from '../../state/peer.ts';
import { download } from '../views/DraftsView.tsx';

export interface PeerPanelProps {
  peer: PeerDevice;
  live: VpnConnection;
  draft: VpnConnection;
  onClose(): void;
}

const TUNNELS: readonly PeerTunnelKey[] = ['single', 'master', 'slave'];

export function PeerPanel({ peer, live, draft, onClose }: PeerPanelProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const lang = useLang();
  // Remarks and notes carry English for logs; on screen they are worded by code (English keeps the detail main wrote).
  const worded = (code: string, english: string, params?: Record<string, string | number>) => (lang === 'en' ? english : (describeVendorCode(code, lang, params ?? {}) ?? english));
  // The device's own vendor first; choosing another one here records it on the device (the preview then warns with
  // that vendor's limits), as the technician telling the app what the box is.
  const [vendorId, setVendorId] = useState(peer.profile && vendorById(peer.profile.vendor) ? peer.profile.vendor : (VENDORS[0]?.id ?? 'strongswan'));
  const vendor = vendorById(vendorId) ?? VENDORS[0]!;
  const [format, setFormat] = useState(vendor.formats[0]?.id ?? '');
  const [text, setText] = useState('');
  const [read, setRead] = useState<ImportResult | null>(null);
  const [withSecrets, setWithSecrets] = useState(false);
  const [copied, setCopied] = useState(false);
  // The adopt button goes away once used: focus moves to the line saying where the profile now comes from, so the
  // keyboard stays inside the dialog (Escape still closes it).
  const sourceRef = useRef<HTMLParagraphElement>(null);
  const formatOk = vendor.formats.some((f) => f.id === format) ? format : (vendor.formats[0]?.id ?? '');
  const fileName = vendor.formats.find((f) => f.id === formatOk)?.fileName ?? 'device.conf';

  // What the device must hold for the draft to negotiate, and what it holds now (its profile, or else the live mirror).
  // Generating both and diffing them takes well under a millisecond: no memoisation needed.
  const device = peer.profile ?? mirrorPeer(live, peer.addresses);
  const wanted = deviceForDraft(peer.profile, live, draft, peer.addresses);
  const target = vendor.generate(wanted, { format: formatOk, includeSecrets: withSecrets });
  const { changes } = deviceDiff(vendor, device, wanted, { format: formatOk, includeSecrets: withSecrets });

  const found = read ? TUNNELS.filter((k) => read.profile.tunnels[k]) : [];
  const shapeMismatch = read !== null && found.length > 0 && (draft.mode === 'single' ? !found.includes('single') : found.includes('single'));
  const profile: PeerProfile | null = peer.profile;

  return (
    <div className="peer-panel" data-testid="peer-panel">
      <h2>{t('peer.title')}</h2>
      <p className="muted" data-testid="peer-source" ref={sourceRef} tabIndex={-1}>
        {profile ? t(`peer.source.${profile.source}`, { vendor: vendorById(profile.vendor)?.label ?? profile.vendor }) : t('peer.none')}
      </p>
      {peer.error && (
        <p role="alert" className="banner error">
          {errorText(peer.error)}
        </p>
      )}
      {profile && (
        <div className="form-grid">
          <label htmlFor="peer-platform">{t('peer.platform')}</label>
          <input
            id="peer-platform"
            className="control"
            maxLength={255}
            placeholder={t('peer.platformHint')}
            defaultValue={profile.platform}
            key={profile.platform}
            onBlur={(e) => {
              if (e.target.value !== profile.platform) void peer.adopt({ ...profile, platform: e.target.value });
            }}
          />
        </div>
      )}
      <div className="toolbar">
        <button type="button" className="btn" data-testid="peer-mirror" onClick={() => void peer.mirror(vendorId).then(() => sourceRef.current?.focus())}>
          {t('peer.mirror')}
        </button>
        {profile && (
          <button type="button" className="btn ghost" onClick={() => void peer.remove()}>
            {t('peer.remove')}
          </button>
        )}
      </div>

      <section aria-labelledby="peer-import-title">
        <h3 id="peer-import-title">{t('peer.importTitle')}</h3>
        <div className="form-grid">
          <label htmlFor="peer-vendor">{t('peer.vendor')}</label>
          <select
            id="peer-vendor"
            className="control"
            data-testid="peer-vendor"
            value={vendorId}
            onChange={(e) => {
              setVendorId(e.target.value);
              if (profile && profile.vendor !== e.target.value) void peer.adopt({ ...profile, vendor: e.target.value });
            }}
          >
            {VENDORS.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
          <label htmlFor="peer-format">{t('peer.format')}</label>
          <select id="peer-format" className="control" value={formatOk} onChange={(e) => setFormat(e.target.value)}>
            {vendor.formats.map((f) => (
              <option key={f.id} value={f.id}>
                {f.fileName}
              </option>
            ))}
          </select>
        </div>
        <textarea
          className="control code"
          data-testid="peer-import-text"
          aria-label={t('peer.importText')}
          placeholder={vendor.id === 'strongswan' ? t('peer.importPlaceholder') : t('peer.importPlaceholderVendor', { vendor: vendor.label })}
          rows={8}
          // A device's whole running configuration fits easily; the CLI reads files up to the same size.
          maxLength={1_048_576}
          value={text}
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            setRead(null);
          }}
        />
        <div className="toolbar">
          <button type="button" className="btn" data-testid="peer-read" disabled={text.trim() === ''} onClick={() => setRead(peer.read(text, vendorId, formatOk))}>
            {t('peer.read')}
          </button>
          {read && found.length > 0 && !shapeMismatch && (
            <button
              type="button"
              className="btn primary"
              data-testid="peer-adopt"
              onClick={() => {
                void peer.adopt(read.profile);
                setText('');
                setRead(null);
                requestAnimationFrame(() => sourceRef.current?.focus());
              }}
            >
              {t('peer.adopt', { count: found.length })}
            </button>
          )}
        </div>
        {read && (
          <div role="status" data-testid="peer-read-result">
            <p>{found.length === 0 ? t('peer.readNothing') : shapeMismatch ? t('peer.readWrongShape', { found: found.join(', ') }) : t('peer.readFound', { tunnels: found.join(', ') })}</p>
            {read.remarks.length > 0 && (
              <>
                <p>{t('peer.remarks', { count: read.remarks.length })}</p>
                <ul className="peer-remarks" data-testid="peer-remarks">
                  {read.remarks.map((r, i) => (
                    <li key={i}>
                      <span className="mono">
                        {t('peer.line', { line: r.line })}: {r.text}
                      </span>{' '}
                      — {worded(r.code, r.message, r.params)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </section>

      <section aria-labelledby="peer-config-title">
        <h3 id="peer-config-title">{t('peer.configTitle')}</h3>
        <label className="inline-check">
          <input type="checkbox" checked={withSecrets} onChange={(e) => setWithSecrets(e.target.checked)} />
          {t('peer.includeSecrets')}
        </label>
        <h4>{t('peer.deviceChanges', { count: changes.length })}</h4>
        {changes.length === 0 ? (
          <p className="muted" data-testid="peer-no-changes">
            {t('peer.noDeviceChanges')}
          </p>
        ) : (
          <pre className="code wrap device-diff" data-testid="peer-device-diff" tabIndex={0}>
            {changes.map((part, i) => (
              <span key={i} className={part.kind}>
                {part.lines.map((line) => `${part.kind === 'added' ? '+ ' : '- '}${line}`).join('\n')}
                {'\n'}
              </span>
            ))}
          </pre>
        )}
        <h4>{t('peer.fullConfig', { file: fileName })}</h4>
        <pre className="code device-config" data-testid="peer-device-config" tabIndex={0}>
          {target.text}
        </pre>
        {target.notes.length > 0 && (
          <ul className="peer-remarks" data-testid="peer-config-notes">
            {target.notes.map((n, i) => (
              <li key={i}>
                {t('peer.line', { line: n.line })}: {worded(n.code, n.message, n.params)}
              </li>
            ))}
          </ul>
        )}
        <div className="toolbar">
          <button
            type="button"
            className="btn"
            onClick={() =>
              void navigator.clipboard.writeText(target.text).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t('peer.copied') : t('peer.copy')}
          </button>
          <button type="button" className="btn" onClick={() => download(fileName, target.text)}>
            {t('peer.save')}
          </button>
          <button type="button" className="btn ghost" onClick={onClose}>
            {t('peer.close')}
          </button>
        </div>
      </section>
    </div>
  );
}
