import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, sectionLabel, type FieldDef } from '../../../../core/index.ts';
import { useLang } from '../../i18n/index.ts';
import { displayValue, fieldInputId } from './controls.tsx';
import { DraftCell, useEditorContext, type DraftCellProps } from './DraftCell.tsx';
import { PeerCell, type PeerCellProps } from './PeerCell.tsx';

export interface FieldRowProps extends Pick<DraftCellProps, 'issues' | 'warnings' | 'apiErrors'> {
  def: FieldDef;
  liveValue: unknown;
  draftValue: unknown;
  changed: boolean;
  /** The Peer device column, when the connection has a peer profile (separate props so the row stays memoised). */
  peerValue?: PeerCellProps['value'] | undefined;
  peerReasons?: PeerCellProps['reasons'];
  onPeerEdit?: PeerCellProps['onEdit'] | undefined;
}

/** One aligned row: label | live (read-only) | draft (editable) + inline rule errors. */
/** Props compared by identity, except the pre-check's reasons, which are rebuilt on every keystroke: by content. */
function sameRowProps(a: FieldRowProps, b: FieldRowProps): boolean {
  for (const key of Object.keys(a) as Array<keyof FieldRowProps>) {
    if (key === 'peerReasons') continue;
    if (a[key] !== b[key]) return false;
  }
  if (Object.keys(a).length !== Object.keys(b).length) return false;
  return a.peerReasons === b.peerReasons || JSON.stringify(a.peerReasons) === JSON.stringify(b.peerReasons);
}

export const FieldRow = memo(function FieldRow({ def, liveValue, draftValue, changed, issues, warnings, apiErrors, peerValue, peerReasons, onPeerEdit }: FieldRowProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { revealed } = useEditorContext();
  const invalid = (issues?.length ?? 0) > 0 || (apiErrors?.length ?? 0) > 0;
  const warned = (warnings?.length ?? 0) > 0;
  const peerMismatch = peerReasons?.some((r) => r.severity === 'error') ?? false;
  const short = fieldLabel(def.path, lang);
  // Tunnel fields repeat per tunnel: their accessible names carry the tunnel ("Slave tunnel · Pre-shared key").
  const prefix = def.section === 'General' ? '' : `${sectionLabel(def.section, lang)} · `;
  return (
    <div className={`field-row${changed ? ' changed' : ''}${invalid ? ' invalid' : ''}${warned ? ' warned' : ''}${peerMismatch ? ' peer-mismatch' : ''}`} data-path={def.path}>
      <FieldLabel path={def.path} htmlFor={fieldInputId(def.path)} prefix={prefix} short={short} />
      <div className="cell live mono" data-column="live">
        {displayValue(def.kind, liveValue, revealed.has(def.path), t)}
      </div>
      <div className="cell draft">
        <DraftCell path={def.path} def={def} value={draftValue} label={`${prefix}${short}`} issues={issues} warnings={warnings} apiErrors={apiErrors} />
      </div>
      {onPeerEdit && peerValue !== undefined && (
        <PeerCell path={def.path} value={peerValue} secret={def.secret === true} bool={def.kind === 'bool'} revealed={revealed.has(def.path)} reasons={peerReasons} label={`${prefix}${short}`} onEdit={onPeerEdit} />
      )}
    </div>
  );
}, sameRowProps);

/** A row's label: the field's name (the tunnel only for screen readers) and its API path, shown without the tunnel. */
export function FieldLabel({ path, htmlFor, prefix, short }: { path: string; htmlFor: string; prefix: string; short: string }) {
  return (
    <label className="cell label" htmlFor={htmlFor} title={path}>
      {prefix && <span className="sr-only">{prefix}</span>}
      <span className="label-text">{short}</span>
      <span className="path mono" aria-hidden="true">
        {path.replace(/^TunnelOptionsSpecification\.\d\./, '')}
      </span>
    </label>
  );
}
