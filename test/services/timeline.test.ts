// The timeline file is read back on every start; damaged lines are skipped and reported, never fatal.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTimeline, csvCell, TIMELINE_FILE } from '../../main/services/timeline.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDirWith(lines: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ipsec-studio-timeline-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, TIMELINE_FILE), lines.join('\n') + '\n');
  return dir;
}

const good = (seq: number) => JSON.stringify({ seq, at: '2026-05-01T00:00:00.000Z', kind: 'queued', VpnConnectionId: 'vco-1', detail: {} });

describe('timeline start-up', () => {
  it('skips lines that parse as JSON but are not events, reports them and keeps seq monotonic', () => {
    const dir = dataDirWith([good(1), 'null', '7', '[]', '{"seq":"9"}', JSON.stringify({ seq: 4, at: 'x', kind: 'queued', VpnConnectionId: 'vco-1', detail: null }), good(2)]);
    const notices: string[] = [];
    const timeline = createTimeline({ dataDir: dir, emit: () => undefined, now: () => '2026-05-01T00:00:01.000Z', notify: (m) => notices.push(m) });
    expect(timeline.query({}).map((e) => e.seq)).toEqual([1, 2]);
    expect(notices[0]).toMatch(/^5 unreadable line/);
    expect(timeline.append('queued', 'vco-1').seq).toBe(3);
    expect(JSON.parse(readFileSync(path.join(dir, TIMELINE_FILE), 'utf8').trim().split('\n').at(-1)!).seq).toBe(3);
  });
});

describe('timeline CSV cells', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const value of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(value).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('vco-1')).toBe('vco-1');
  });
});
