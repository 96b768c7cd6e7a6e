// The change before it happens: field rows with impact badges, the minimal request (masked unless revealed) as JSON
// and as an aliyun CLI command, and Apply — disabled while conflicts with the live connection are unresolved, any
// rule fails, offline, or a change is in flight.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import { fieldLabel, groupDiffRows, GROUP_LABELS, IMPACT_LABELS, sectionLabel } from '../../../../core/index.ts';
import { cliCommand, type Analysis } from '../../state/analysis.ts';
import { useFingerprint } from '../../state/fingerprint.ts';
import { readableRequest } from '../../state/request-view.ts';
import type { ApplyBlock } from '../../state/apply-gate.ts';
import { formatPrecheckSummary } from '../../../../core/i18n/peer-messages.ts';
import { precheckSummary, type PrecheckResult } from '../../../../core/peer/precheck.ts';
import type { GeneratorNote } from '../../../../core/peer/vendor.ts';
import { describeVendorCode } from '../../../../core/peer/vendors/index.ts';

export interface DiffPreviewProps {
  analysis: Analysis;
  revealSecrets: boolean;
  onRevealSecrets(reveal: boolean): void;
  block: ApplyBlock;
  confirmWindowSeconds: number;
  onConfirmWindowSeconds(seconds: number): void;
  /** The draft's pre-check against the peer device (null without a device). */
  peerCheck: PrecheckResult | null;
  /** The live connection does not negotiate with the device either: the device profile disagrees already. */
  peerLiveFails: boolean;
  peerKnown: boolean;
  /** What the device's vendor cannot express of the draft (generator notes), and the vendor's name. */
  deviceLimits?: { vendor: string; notes: readonly GeneratorNote[] };
  peerAcknowledged: boolean;
  onPeerAcknowledged(acknowledged: boolean): void;
  onApply(): void;
}

const BLOCK_KEYS = {
  conflicts: 'diff.applyBlockedConflicts',
  rules: 'diff.applyBlockedRules',
  offline: 'diff.applyBlockedOffline',
  busy: 'diff.applyBlockedBusy',
  none: 'diff.applyBlockedNone',
  peer: 'peer.blocked',
} as const;

export function DiffPreview(props: DiffPreviewProps) {
  const { analysis, revealSecrets, onRevealSecrets, block, confirmWindowSeconds, onConfirmWindowSeconds, onApply, peerCheck } = props;
  const { t } = useTranslation();
  const lang = useLang();
  const peerFails = peerCheck !== null && peerCheck.verdict !== 'negotiates';
  const peerBreaks = peerFails && !props.peerLiveFails;
  const sections = groupDiffRows(analysis.rows);
  const shown = analysis.request ? readableRequest(analysis.request) : null;
  return (
    <div className="diff-preview" data-testid="diff-preview">
      {analysis.rows.length === 0 ? (
        <p className="muted">{t('diff.noChanges')}</p>
      ) : (
        <>
          <ul className="impact-summary">
            {analysis.impact.renegotiates && <li className="impact renegotiates">{IMPACT_LABELS[lang].renegotiates}</li>}
            {analysis.impact.routing && <li className="impact routing">{IMPACT_LABELS[lang].routing}</li>}
            {analysis.impact.harmlessOnly && <li className="impact harmless">{IMPACT_LABELS[lang].harmless}</li>}
            {analysis.impact.bothTunnels && <li className="impact both">{t('diff.bothTunnels')}</li>}
            <li className={`impact peer ${!props.peerKnown ? 'unknown' : peerFails ? 'breaks' : 'ok'}`} data-testid="peer-impact">
              {peerCheck ? formatPrecheckSummary(precheckSummary(peerCheck), lang) : t('peer.previewNone')}
              {peerFails && props.peerLiveFails && <> {t('peer.alreadyFails')}</>}
            </li>
            {props.deviceLimits && props.deviceLimits.notes.length > 0 && (
              <li className="impact peer-limits" data-testid="peer-limits">
                {t('peer.deviceLimits', { vendor: props.deviceLimits.vendor })}
                <ul>
                  {[...new Set(props.deviceLimits.notes.map((n) => describeVendorCode(n.code, lang, n.params ?? {}) ?? n.message))].map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              </li>
            )}
          </ul>
          {peerBreaks && (
            <label className="inline-check peer-ack">
              <input type="checkbox" data-testid="peer-ack" checked={props.peerAcknowledged} onChange={(e) => props.onPeerAcknowledged(e.target.checked)} />
              {t('peer.acknowledge')}
            </label>
          )}
          <div className="diff-list" data-testid="diff-rows">
            {sections.map((s) => (
              <section key={`${s.section}|${s.group}`} className="diff-group" aria-label={`${s.section !== 'General' ? `${sectionLabel(s.section, lang)} · ` : ''}${GROUP_LABELS[lang][s.group]}`}>
                <h3 className="diff-group-title">
                  {s.section !== 'General' && `${sectionLabel(s.section, lang)} · `}
                  {GROUP_LABELS[lang][s.group]}
                </h3>
                {s.rows.map((row) => (
                  <div key={row.path} data-path={row.path} className="diff-row">
                    <div className="diff-row-head">
                      <span className="diff-label">{fieldLabel(row.path, lang)}</span>
                      <span className="diff-impacts">
                        {row.impact.map((i) => (
                          <span key={i} className={`impact-badge ${i}`}>
                            {IMPACT_LABELS[lang][i]}
                          </span>
                        ))}
                      </span>
                    </div>
                    <div className="path mono">{row.path}</div>
                    <div className="diff-values">
                      <span className="mono before" aria-label={t('diff.before')}>
                        {row.lines ? <LineDiff lines={row.lines} side="removed" /> : row.secret ? <SecretSide shown={row.before} value={analysis.secrets.get(row.path)?.before} /> : row.before || '—'}
                      </span>
                      <span className="arrow" aria-hidden="true">
                        →
                      </span>
                      <span className="mono after" aria-label={t('diff.after')}>
                        {row.lines ? <LineDiff lines={row.lines} side="added" /> : row.secret ? <SecretSide shown={row.after} value={analysis.secrets.get(row.path)?.after} /> : row.after || '—'}
                      </span>
                    </div>
                  </div>
                ))}
              </section>
            ))}
          </div>
        </>
      )}
      <div className="request-head">
        <h3 id="request-title">{revealSecrets ? t('diff.requestRevealed') : t('diff.request')}</h3>
        {shown && analysis.request && <CopyButton text={shown.json} label={revealSecrets ? t('diff.requestRevealed') : t('diff.request')} testId="copy-request" />}
        <label className="inline-check">
          <input type="checkbox" role="switch" checked={revealSecrets} onChange={(e) => onRevealSecrets(e.target.checked)} />
          {t('diff.revealSecrets')}
        </label>
      </div>
      {shown && analysis.request && (
        <>
          <pre className="code wrap" data-testid="request-json" aria-labelledby="request-title" aria-describedby={shown.stringGroups.length > 0 ? 'request-note' : undefined} tabIndex={0}>
            {shown.json}
          </pre>
          {shown.stringGroups.length > 0 && (
            <p className="hint" id="request-note" data-testid="request-note">
              {t('diff.stringGroups', { groups: shown.stringGroups.join(', ') })}
            </p>
          )}
          <div className="request-head">
            <h3 id="cli-title">{t('diff.cli')}</h3>
            <CopyButton text={cliCommand(analysis.request)} label={t('diff.cli')} testId="copy-cli" />
          </div>
          <pre className="code wrap" data-testid="request-cli" aria-labelledby="cli-title" tabIndex={0}>
            {cliCommand(analysis.request)}
          </pre>
        </>
      )}
      <div className="apply-footer">
        <div className="apply-bar">
          <label className="field-inline">
            <span>{t('diff.confirmWindow')}</span>
            <input
              className="control num short"
              type="number"
              min={0}
              max={3600}
              value={confirmWindowSeconds}
              onChange={(e) => onConfirmWindowSeconds(Math.max(0, Math.min(3600, Math.trunc(Number(e.target.value) || 0))))}
            />
          </label>
          <button type="button" className="btn primary" data-testid="apply" disabled={block !== null} aria-describedby={block ? 'apply-block' : undefined} onClick={onApply}>
            {t('diff.apply')}
          </button>
        </div>
        {block && (
          <p id="apply-block" className={block === 'rules' || block === 'conflicts' || block === 'peer' ? 'hint error' : 'hint'} data-block={block}>
            {t(BLOCK_KEYS[block])}
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * One side of a changed secret: masked dots alone would read the same before and after, so it also says how long the
 * key is and its fingerprint, which the other end can compare without the key being said (state/fingerprint.ts).
 */
function SecretSide({ shown, value }: { shown: string; value: string | undefined }) {
  const { t } = useTranslation();
  const print = useFingerprint(value);
  if (!value) return <>—</>;
  return (
    <>
      {shown}{' '}
      <span className="secret-facts" data-testid="secret-facts" title={t('diff.fingerprintHint')}>
        ({t('diff.secretLength', { count: [...value].length })}
        {print && <> · {t('diff.fingerprint', { print })}</>})
      </span>
    </>
  );
}

function LineDiff({ lines, side }: { lines: NonNullable<Analysis['rows'][number]['lines']>; side: 'added' | 'removed' }) {
  return (
    <span className="line-diff">
      {lines
        .filter((l) => (side === 'added' ? !l.removed : !l.added))
        .map((l, i) => (
          <span key={i} className={l[side] ? side : undefined}>
            {l.value}
          </span>
        ))}
    </span>
  );
}

/** Copies what the view shows (the request as shown: masked unless the user revealed the secrets). */
function CopyButton({ text, label, testId }: { text: string; label: string; testId: string }) {
  const { t } = useTranslation();
  // "Copied" holds for the text that was copied; another text shows "Copy" again.
  const [copiedText, setCopiedText] = useState<string | null>(null);
  const copied = copiedText === text;
  return (
    <button
      type="button"
      className="btn small"
      data-testid={testId}
      aria-label={`${t('diff.copy')}: ${label}`}
      onClick={() =>
        void navigator.clipboard.writeText(text).then(
          () => setCopiedText(text),
          () => setCopiedText(null),
        )
      }
    >
      {copied ? t('diff.copied') : t('diff.copy')}
    </button>
  );
}
