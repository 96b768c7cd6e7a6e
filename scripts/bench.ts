// npm run bench: runs every bench/*.bench.ts (each exports `run(): Promise<BenchReport>`), one after another so they
// do not compete for the two cores, then writes bench/results/latest.json and prints one table.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable, type BenchReport } from '../bench/report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((filter) => name.includes(filter)))
  .sort();

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
// The renderer benchmark measures the built renderer: build it now, so a clean checkout works and a stale build
// never stands in for the code being measured.
if (files.some((name) => name.startsWith('renderer')) && process.env.SKIP_BUILD !== '1') {
  execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
const reports: BenchReport[] = [];
const failures: Array<{ file: string; error: string }> = [];
const started = Date.now();
for (const file of files) {
  const t0 = Date.now();
  console.error(`running ${file} …`);
  try {
    const module = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { run: () => Promise<BenchReport> };
    reports.push(await module.run());
    console.error(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push({ file, error: message });
    console.error(`  FAILED: ${message}`);
  }
}

const result = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  durationSeconds: Math.round((Date.now() - started) / 1000),
  reports,
  failures,
};
const outDir = path.join(benchDir, 'results');
mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, 'latest.json');
writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
console.log(formatTable(reports));
console.log(`\nresults: ${outFile} (${result.durationSeconds} s)`);
if (failures.length > 0) {
  console.log(`${failures.length} benchmark(s) failed: ${failures.map((f) => f.file).join(', ')}`);
  process.exit(1);
}
