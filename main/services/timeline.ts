// The status timeline: an append-only log of what happened to each connection and apply job, one JSON object per
// line (`timeline.jsonl`). Appending never rewrites earlier lines, so a crash can at worst leave a torn last line,
// which the next start skips (and reports). `seq` is monotonic across restarts.
import fs from 'node:fs';
import path from 'node:path';
import type { TimelineEvent, TimelineKind } from '../../core/contract.ts';
import type { EventSink } from './events.ts';

export interface TimelineService {
  append(kind: TimelineKind, VpnConnectionId: string, detail?: TimelineEvent['detail'], jobId?: string): TimelineEvent;
  query(filter: { VpnConnectionId?: string; jobId?: string }): TimelineEvent[];
  export(format: 'json' | 'csv', filter: { VpnConnectionId?: string; jobId?: string }): { fileName: string; content: string };
}

export interface TimelineDeps {
  dataDir: string;
  emit: EventSink;
  now(): string;
  notify?(message: string): void;
}

export const TIMELINE_FILE = 'timeline.jsonl';

function isEvent(value: unknown): value is TimelineEvent {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.seq === 'number' &&
    Number.isSafeInteger(e.seq) &&
    e.seq > 0 &&
    typeof e.at === 'string' &&
    typeof e.kind === 'string' &&
    typeof e.VpnConnectionId === 'string' &&
    (e.jobId === undefined || typeof e.jobId === 'string') &&
    e.detail !== null &&
    typeof e.detail === 'object' &&
    !Array.isArray(e.detail)
  );
}

export function createTimeline(deps: TimelineDeps): TimelineService {
  fs.mkdirSync(deps.dataDir, { recursive: true });
  const file = path.join(deps.dataDir, TIMELINE_FILE);
  const events: TimelineEvent[] = [];
  let skipped = 0;
  if (fs.existsSync(file)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        // A line can be valid JSON and still not be an event (`null`, `7`, damage that happens to parse): such a
        // line would crash the start (`null.seq`) or turn every later seq into NaN, so it is skipped like a torn one.
        const event: unknown = JSON.parse(line);
        if (isEvent(event)) events.push(event);
        else skipped++;
      } catch {
        skipped++;
      }
    }
  }
  if (skipped > 0) deps.notify?.(`${skipped} unreadable line(s) in the timeline were skipped (likely an interrupted write).`);
  let seq = events.reduce((max, e) => Math.max(max, e.seq), 0);
  // A torn last line has no newline; start the next append on a fresh line (by that append itself when the folder
  // cannot be written now: a read-only folder must not stop the start).
  let tornLine = false;
  if (fs.existsSync(file)) {
    const size = fs.statSync(file).size;
    if (size > 0) {
      const fd = fs.openSync(file, 'r');
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      fs.closeSync(fd);
      tornLine = last.toString() !== '\n';
      try {
        if (tornLine) fs.appendFileSync(file, '\n');
        tornLine = false;
      } catch {
        // Left to the next append.
      }
    }
  }

  const matches = (e: TimelineEvent, f: { VpnConnectionId?: string; jobId?: string }) =>
    (f.VpnConnectionId === undefined || e.VpnConnectionId === f.VpnConnectionId) && (f.jobId === undefined || e.jobId === f.jobId);

  return {
    append(kind, VpnConnectionId, detail = {}, jobId) {
      const event: TimelineEvent = { seq: ++seq, at: deps.now(), kind, VpnConnectionId, ...(jobId !== undefined && { jobId }), detail };
      fs.appendFileSync(file, `${tornLine ? '\n' : ''}${JSON.stringify(event)}\n`);
      tornLine = false;
      events.push(event);
      deps.emit('timelineEvent', event);
      return event;
    },
    query(filter) {
      return events.filter((e) => matches(e, filter));
    },
    export(format, filter) {
      const selected = events.filter((e) => matches(e, filter));
      const scope = filter.jobId ?? filter.VpnConnectionId ?? 'all';
      const stamp = deps.now().replace(/[:.]/g, '-');
      if (format === 'json') return { fileName: `timeline-${scope}-${stamp}.json`, content: JSON.stringify(selected, null, 2) };
      return { fileName: `timeline-${scope}-${stamp}.csv`, content: toCsv(selected) };
    },
  };
}

const CSV_COLUMNS = ['seq', 'at', 'kind', 'VpnConnectionId', 'jobId', 'detail'] as const;

export function csvCell(value: string): string {
  // A leading = + - @ would be run as a formula by spreadsheet apps.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(events: TimelineEvent[]): string {
  const rows = events.map((e) =>
    [String(e.seq), e.at, e.kind, e.VpnConnectionId, e.jobId ?? '', JSON.stringify(e.detail)].map(csvCell).join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
