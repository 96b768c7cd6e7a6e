// The Peer device column's cell: the device's counterpart of the row's field, editable by hand, marked when the
// pre-check finds the draft and the device disagree on it (red: the tunnel would not come up; amber: a warning).
import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrecheckReason } from '../../../../core/peer/precheck.ts';
import { usePeerText } from '../../i18n/peer-text.ts';
import { fieldInputId } from './controls.tsx';

export interface PeerCellProps {
  path: string;
  /** Null: the device has no such setting. */
  value: string | null;
  secret: boolean;
  /** On/off settings get a switch-like select instead of free text. */
  bool: boolean;
  revealed: boolean;
  reasons: readonly PrecheckReason[] | undefined;
  label: string;
  onEdit(path: string, text: string): void;
}

export const PeerCell = memo(function PeerCell({ path, value, secret, bool, revealed, reasons, label, onEdit }: PeerCellProps) {
  const { t } = useTranslation();
  const peerText = usePeerText();
  const [text, setText] = useState(value ?? '');
  // The cell follows the profile (a mirror, an import) unless the user is typing in it.
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(value ?? '');
  }, [value, focused]);
  if (value === null) return <div className="cell peer muted" data-column="peer" />;
  const errors = reasons?.filter((r) => r.severity === 'error') ?? [];
  const warnings = reasons?.filter((r) => r.severity === 'warning') ?? [];
  const id = `peer-${fieldInputId(path)}`;
  const noteId = `${id}-note`;
  return (
    <div className={`cell peer${errors.length > 0 ? ' mismatch' : warnings.length > 0 ? ' peer-warn' : ''}`} data-column="peer">
      {bool ? (
        <select
          id={id}
          className="control"
          aria-label={t('peer.cellLabel', { field: label })}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={reasons && reasons.length > 0 ? noteId : undefined}
          value={text === 'true' ? 'true' : 'false'}
          onChange={(e) => {
            setText(e.target.value);
            onEdit(path, e.target.value);
          }}
        >
          <option value="true">{t('editor.on')}</option>
          <option value="false">{t('editor.off')}</option>
        </select>
      ) : (
        <input
          id={id}
          className="control"
          type={secret && !revealed ? 'password' : 'text'}
          autoComplete="off"
          spellCheck={false}
          aria-label={t('peer.cellLabel', { field: label })}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={reasons && reasons.length > 0 ? noteId : undefined}
          value={text}
          onFocus={() => setFocused(true)}
          onChange={(e) => {
            setText(e.target.value);
            onEdit(path, e.target.value);
          }}
          onBlur={() => setFocused(false)}
        />
      )}
      {reasons && reasons.length > 0 && (
        <ul id={noteId} className="peer-notes">
          {reasons.map((r, i) => (
            <li key={i} className={r.severity === 'error' ? 'error' : 'warn'} data-code={r.code}>
              {peerText(r)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
