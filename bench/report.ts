// Shared shape of every benchmark's result, so `npm run bench` can merge them into one JSON file and one table.

export interface BenchFigure {
  /** What was measured, e.g. "validate+diff+build dual-tunnel (median)". */
  label: string;
  value: number;
  unit: string;
  /** The target this figure is judged against, in the same unit; omitted for context-only figures. */
  limit?: number;
  /** value ÷ limit (or ÷ ideal where the label says so); below 1 means within target when lower is better. */
  ratio?: number;
  note?: string;
}

export interface BenchReport {
  name: string;
  figures: BenchFigure[];
}

export function figure(label: string, value: number, unit: string, limit?: number, note?: string): BenchFigure {
  const f: BenchFigure = { label, value: round(value), unit };
  if (limit !== undefined) {
    f.limit = limit;
    f.ratio = round(value / limit);
  }
  if (note !== undefined) f.note = note;
  return f;
}

export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function formatTable(reports: readonly BenchReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(`## ${report.name}`);
    for (const f of report.figures) {
      const limit = f.limit === undefined ? '' : ` (limit ${f.limit} ${f.unit}, ratio ${f.ratio})`;
      lines.push(`  ${f.label}: ${f.value} ${f.unit}${limit}${f.note ? ` — ${f.note}` : ''}`);
    }
  }
  return lines.join('\n');
}

/** Runs a bench module's `run` when the file is executed directly: prints the table, then the JSON. */
export async function runIfMain(importMetaUrl: string, run: () => Promise<BenchReport>): Promise<void> {
  const invoked = process.argv[1] ? new URL(`file://${process.argv[1]}`).href : '';
  if (invoked !== importMetaUrl) return;
  const report = await run();
  console.log(formatTable([report]));
  console.log(JSON.stringify(report));
}
