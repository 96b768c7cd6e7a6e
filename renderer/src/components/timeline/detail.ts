// A timeline step's facts in words: every name main may write (TIMELINE_DETAIL_KEYS) has a label in both languages;
// codes are worded like any error, tunnel lists and states like the health badges, choices main records as words
// (who kept a change, what a lost answer turned out to be) by their own keys. Ids, counts and API values stay as they
// are: they are what support and the API document speak.
import type { TFunction } from 'i18next';
import type { TimelineEvent } from '../../../../core/contract.ts';
import { describeError } from '../../../../core/i18n/describe-error.ts';
import { negotiationHealth, type Lang, type TunnelPosition } from '../../../../core/index.ts';
import { formatElapsed, formatTime } from '../../state/format.ts';
import { cap, tunnelName, tunnelWords } from '../../state/health.ts';

// Ids first (what support asks for), then what happened, then the rest in the order main wrote them.
const ORDER = ['code', 'status', 'negotiation', 'lost', 'since', 'landed', 'RequestId', 'ClientToken', 'attempt', 'elapsedMs'];
// Choices recorded as words, worded by key (timeline.value.<key>.<value>).
const WORDED_VALUES = new Set(['for', 'by', 'keptBy', 'landed', 'reason', 'rules', 'prediction']);

export interface DetailEntry {
  key: string;
  label: string;
  value: string;
  /** An API value (id, status) shown as is, in monospace. */
  literal: boolean;
  /** The code behind a worded result, kept for support. */
  code?: string;
}

function tunnelList(t: TFunction, value: string): string {
  return value
    .split(',')
    .filter((p) => p !== '')
    .map((p) => (p.endsWith('-bgp') ? t('health.bgpOf', { tunnel: tunnelName(t, p.slice(0, -4) as TunnelPosition) }) : cap(tunnelName(t, p as TunnelPosition))))
    .join(t('health.separator'));
}

function negotiationList(t: TFunction, value: string): string {
  if (!value.includes(':')) return value;
  return value
    .split(',')
    .map((pair) => {
      const [position, Status = ''] = pair.split(':') as [TunnelPosition, string?];
      return tunnelWords(t, { position, Status, health: negotiationHealth(Status) });
    })
    .join(t('health.separator'));
}

function valueText(key: string, raw: string | number | boolean, detail: TimelineEvent['detail'], t: TFunction, lang: Lang): { value: string; literal: boolean } {
  if (typeof raw === 'boolean') return { value: t(raw ? 'timeline.value.yes' : 'timeline.value.no'), literal: false };
  const text = String(raw);
  switch (key) {
    case 'code':
      return { value: describeError({ code: text, message: typeof detail.message === 'string' ? detail.message : text }, lang), literal: false };
    case 'elapsedMs':
    case 'delayMs':
      return { value: formatElapsed(Number(raw)), literal: false };
    case 'since':
    case 'deadline':
      return { value: formatTime(text, lang), literal: false };
    case 'lost':
      return { value: tunnelList(t, text), literal: false };
    case 'negotiation':
    case 'status':
      return { value: negotiationList(t, text), literal: !text.includes(':') };
    case 'fields':
    case 'paths':
    case 'field':
      return { value: text.split(',').join(', '), literal: true };
  }
  if (WORDED_VALUES.has(key)) return { value: t(`timeline.value.${key}.${text}`, { defaultValue: text }), literal: false };
  return { value: text, literal: typeof raw === 'string' };
}

export function detailEntries(detail: TimelineEvent['detail'], t: TFunction, lang: Lang): DetailEntry[] {
  const keys = Object.keys(detail).sort((a, b) => {
    const ia = ORDER.indexOf(a);
    const ib = ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  const entries: DetailEntry[] = [];
  for (const key of keys) {
    const raw = (detail as Record<string, string | number | boolean | null | undefined>)[key];
    if (raw === null || raw === undefined || raw === '') continue;
    // Main's English message is for logs and the export; the code it goes with is worded instead.
    if (key === 'message' && typeof detail.code === 'string') continue;
    // A name from an older version of the app, unknown here, is shown as written rather than dropped.
    const label = t(`timeline.detail.${key}`, { defaultValue: key });
    entries.push({ key, label, ...valueText(key, raw, detail, t, lang), ...(key === 'code' && { code: String(raw) }) });
  }
  return entries;
}
