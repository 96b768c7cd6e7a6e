// npm run mutation: StrykerJS over core and the apply engine's pure parts (stryker.config.json), incremental so a
// rerun after a small change re-tests only what it touched; then the score per folder and where the report is.
// Not part of npm test: a full run takes about 20 minutes on two cores.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const run = spawnSync(process.execPath, [path.join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });

interface Report {
  files: Record<string, { mutants: Array<{ status: string }> }>;
}
const reportFile = path.join(root, 'reports/mutation/mutation.json');
let report: Report;
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
} catch {
  console.error(`No mutation report at ${reportFile}.`);
  process.exit(run.status ?? 1);
}


const folders = new Map<string, Record<string, number>>();
for (const [file, { mutants }] of Object.entries(report.files)) {
  const folder = path.dirname(file);
  const counts = folders.get(folder) ?? {};
  for (const m of mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
  folders.set(folder, counts);
}
const rows = [...folders].sort(([a], [b]) => a.localeCompare(b)).map(([folder, c]) => {
  const killed = (c.Killed ?? 0) + (c.Timeout ?? 0);
  const valid = killed + (c.Survived ?? 0) + (c.NoCoverage ?? 0);
  return { folder, killed: c.Killed ?? 0, timeout: c.Timeout ?? 0, survived: c.Survived ?? 0, noCoverage: c.NoCoverage ?? 0, compileErrors: c.CompileError ?? 0, score: valid === 0 ? 100 : Math.round((1000 * killed) / valid) / 10 };
});
const all = rows.reduce((s, r) => ({ k: s.k + r.killed + r.timeout, v: s.v + r.killed + r.timeout + r.survived + r.noCoverage }), { k: 0, v: 0 });
console.log(JSON.stringify({ minutes: Math.round((Date.now() - started) / 6000) / 10, folders: rows, total: Math.round((1000 * all.k) / Math.max(1, all.v)) / 10 }));
console.log('\nfolder                          score  killed timeout survived no-coverage');
for (const r of rows) console.log(`${r.folder.padEnd(32)}${String(r.score).padStart(5)} %${String(r.killed).padStart(7)}${String(r.timeout).padStart(8)}${String(r.survived).padStart(9)}${String(r.noCoverage).padStart(12)}`);
console.log(`\nreport: ${path.join(root, 'reports/mutation/index.html')}`);

process.exit(run.status ?? 0);
