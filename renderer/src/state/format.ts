import type { Lang } from '../../../core/index.ts';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

const JUST_NOW_MS = 10_000;
const JUST_NOW: Record<Lang, string> = { en: 'just now', 'zh-CN': '刚刚' };

/** "3 minutes ago" / "3分钟前", "just now" / "刚刚" under ten seconds. */
export function formatAge(iso: string | null | undefined, now: number, lang: Lang): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  // `now` ticks coarsely, so a fresh timestamp can be slightly ahead of it: never say "in 3 seconds".
  const diff = Math.min(0, then - now);
  // "刚刚获取" / "fetched just now": Intl's "现在" reads as an order ("现在获取", fetch now) in a sentence.
  if (diff > -JUST_NOW_MS) return JUST_NOW[lang];
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return rtf.format(Math.round(diff / ms), unit);
  }
  return iso;
}

/** 850 ms → "850 ms", 12_300 → "12.3 s", 125_000 → "2 min 5 s". */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString(lang, { hour12: false });
}
