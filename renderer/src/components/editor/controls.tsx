// One control per field kind. Every input carries name = the API parameter path, an id for its <label>, and
// aria-invalid / aria-describedby tied to the inline rule errors.
import { memo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MASK, type FieldKind } from '../../../../core/index.ts';

export interface ControlProps {
  id: string;
  path: string;
  kind: FieldKind;
  value: unknown;
  label: string;
  allowed?: readonly string[];
  invalid: boolean;
  describedBy?: string;
  revealed: boolean;
  onToggleReveal(path: string): void;
  onChange(path: string, value: unknown): void;
  /** Values of a cidr-list that a rule reported, to mark their chips. */
  badValues?: readonly string[];
}

/** What every field's input carries: name = the API parameter path, an id for its label, and the error link. */
function fieldAttributes({ id, path, invalid, describedBy }: Pick<ControlProps, 'id' | 'path' | 'invalid' | 'describedBy'>) {
  return { id, name: path, 'aria-invalid': invalid, 'aria-describedby': describedBy, 'data-field-input': '' };
}

export function fieldInputId(path: string, column = 'draft'): string {
  return `f-${column}-${path.replace(/\./g, '-')}`;
}

export const FieldControl = memo(function FieldControl(props: ControlProps) {
  switch (props.kind) {
    case 'bool':
      return <BoolSwitch {...props} />;
    case 'enum':
      return <EnumSelect {...props} />;
    case 'int':
      return <IntInput {...props} />;
    case 'secret':
      return <SecretInput {...props} />;
    case 'cidr-list':
      return <CidrChips {...props} />;
    case 'multiline':
      return (
        <textarea
          {...fieldAttributes(props)}
          className="control textarea"
          rows={3}
          spellCheck={false}
          value={typeof props.value === 'string' ? props.value : ''}
          onChange={(e) => props.onChange(props.path, e.target.value)}
        />
      );
    default:
      return (
        <input
          {...fieldAttributes(props)}
          className="control"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={typeof props.value === 'string' ? props.value : props.value === undefined ? '' : String(props.value)}
          onChange={(e) => props.onChange(props.path, e.target.value)}
        />
      );
  }
});

function BoolSwitch({ id, path, value, invalid, describedBy, onChange }: ControlProps) {
  const { t } = useTranslation();
  const checked = value === true;
  return (
    <span className="switch-wrap">
      <input
        {...fieldAttributes({ id, path, invalid, describedBy })}
        type="checkbox"
        role="switch"
        className="switch"
        checked={checked}
        onChange={(e) => onChange(path, e.target.checked)}
      />
      <span className="switch-text" aria-hidden="true">
        {value === undefined ? t('editor.unset') : checked ? t('editor.on') : t('editor.off')}
      </span>
    </span>
  );
}

function EnumSelect({ id, path, value, allowed = [], invalid, describedBy, onChange }: ControlProps) {
  const current = typeof value === 'string' ? value : '';
  const options = allowed.includes(current) ? allowed : [current, ...allowed];
  return (
    <select
      {...fieldAttributes({ id, path, invalid, describedBy })}
      className="control select"
      value={current}
      onChange={(e) => onChange(path, e.target.value)}
    >
      {options.map((o) => (
        <option key={o} value={o} disabled={!allowed.includes(o)}>
          {o === '' ? '—' : o}
        </option>
      ))}
    </select>
  );
}

const sameNumber = (a: number, b: unknown) => a === b || (Number.isNaN(a) && typeof b === 'number' && Number.isNaN(b));

function IntInput({ id, path, value, invalid, describedBy, onChange }: ControlProps) {
  // The text as typed survives while it still means the model's value ("0012", "", "12a" → NaN).
  const [local, setLocal] = useState<{ text: string; value: number } | null>(null);
  const text = local && sameNumber(local.value, value) ? local.text : typeof value === 'number' && !Number.isNaN(value) ? String(value) : '';
  return (
    <input
      {...fieldAttributes({ id, path, invalid, describedBy })}
      className="control num"
      type="text"
      inputMode="numeric"
      autoComplete="off"
      value={text}
      onChange={(e) => {
        const raw = e.target.value;
        const parsed = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
        setLocal({ text: raw, value: parsed });
        onChange(path, parsed);
      }}
    />
  );
}

function SecretInput({ id, path, value, label, invalid, describedBy, revealed, onToggleReveal, onChange }: ControlProps) {
  const { t } = useTranslation();
  return (
    <span className="secret">
      <input
        {...fieldAttributes({ id, path, invalid, describedBy })}
        className="control"
        type={revealed ? 'text' : 'password'}
        autoComplete="off"
        spellCheck={false}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(path, e.target.value)}
      />
      <button
        type="button"
        className="btn small"
        aria-pressed={revealed}
        aria-label={revealed ? t('editor.hideLabel', { field: label }) : t('editor.revealLabel', { field: label })}
        onClick={() => onToggleReveal(path)}
      >
        {revealed ? t('editor.hide') : t('editor.reveal')}
      </button>
    </span>
  );
}

export function splitList(value: unknown): string[] {
  return typeof value === 'string' && value !== '' ? value.split(',') : [];
}

function CidrChips({ id, path, value, label, invalid, describedBy, badValues = [], onChange }: ControlProps) {
  const { t } = useTranslation();
  const [entry, setEntry] = useState('');
  const items = splitList(value);
  const commit = (text: string) => {
    const added = text.split(/[,\s]+/).map((s) => s.trim()).filter((s) => s !== '');
    if (added.length > 0) onChange(path, [...items, ...added].join(','));
    setEntry('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      commit(entry);
    } else if (e.key === 'Backspace' && entry === '' && items.length > 0) {
      onChange(path, items.slice(0, -1).join(','));
    }
  };
  return (
    <div className={`chips control${invalid ? ' invalid' : ''}`}>
      <ul className="chip-list" aria-label={label}>
        {items.map((item, i) => (
          <li key={`${i}-${item}`} className={`chip${badValues.includes(item) ? ' bad' : ''}`}>
            <span className="mono">{item === '' ? '∅' : item}</span>
            <button
              type="button"
              className="chip-remove"
              aria-label={t('editor.removeEntry', { value: item })}
              onClick={() => onChange(path, items.filter((_, j) => j !== i).join(','))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        {...fieldAttributes({ id, path, invalid, describedBy })}
        className="chip-input"
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={entry}
        placeholder={items.length === 0 ? '10.0.0.0/24' : ''}
        aria-label={t('editor.addEntryLabel', { field: label })}
        onChange={(e) => setEntry(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => entry.trim() !== '' && commit(entry)}
      />
    </div>
  );
}

/** How a value reads in a read-only column. */
export function displayValue(kind: FieldKind, value: unknown, revealed: boolean, t: (key: 'editor.on' | 'editor.off' | 'editor.unset') => string): string {
  if (value === undefined || value === null || value === '') return t('editor.unset');
  if (kind === 'bool') return value === true ? t('editor.on') : t('editor.off');
  if (kind === 'secret') return revealed ? String(value) : MASK;
  if (typeof value === 'number' && Number.isNaN(value)) return t('editor.unset');
  if (kind === 'cidr-list') return String(value).split(',').join(', ');
  return String(value);
}
