// Ctrl/Cmd+P: a combobox over connection names and IDs (listbox pattern with aria-activedescendant).
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionSummary } from '../../../../core/contract.ts';
import { summaryHealth } from '../../state/health.ts';
import { quickOpenMatches } from '../../state/tree.ts';
import { ConnectionHealthBadge } from './Health.tsx';
import { Dialog } from './Dialog.tsx';

export function QuickOpen({ entries, title, onPick, onClose }: { entries: readonly ConnectionSummary[]; title: string; onPick(entry: ConnectionSummary): void; onClose(): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = useMemo(() => quickOpenMatches(entries, query), [entries, query]);
  const current = Math.min(active, Math.max(0, results.length - 1));
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((current + 1) % Math.max(1, results.length));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((current - 1 + results.length) % Math.max(1, results.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const picked = results[current];
      if (picked) onPick(picked);
    }
  };
  return (
    <Dialog title={title} onClose={onClose} className="quick-open">
      <h2 className="dialog-title">{title}</h2>
      <input
        data-autofocus=""
        className="control"
        role="combobox"
        aria-expanded="true"
        aria-controls="quick-open-list"
        aria-autocomplete="list"
        aria-activedescendant={results[current] ? `qo-${results[current].VpnConnectionId}` : undefined}
        aria-label={title}
        placeholder={t('quickOpen.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="quick-open-list" role="listbox" aria-label={t('quickOpen.results')} className="qo-list">
        {results.map((e, i) => (
          <li
            key={e.VpnConnectionId}
            id={`qo-${e.VpnConnectionId}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'active' : undefined}
            onMouseDown={(ev) => {
              ev.preventDefault();
              onPick(e);
            }}
          >
            <span className="qo-name">{e.Name || e.VpnConnectionId}</span>
            <span className="qo-id mono">{e.VpnConnectionId}</span>
            <span className="qo-meta">
              <span className="mono">
                {e.RegionId} · {e.VpnGatewayId}
              </span>
              <ConnectionHealthBadge health={summaryHealth(e)} />
            </span>
          </li>
        ))}
      </ul>
      {results.length === 0 && <p className="muted">{t('quickOpen.none')}</p>}
    </Dialog>
  );
}
