// npm run docs:mappings: writes the vendor mapping tables into docs/peer-devices.md, between
// <!-- vendor-mappings:start --> and <!-- vendor-mappings:end -->, from each vendor's `mappings`.
// `--check` writes nothing and exits 1 when the document is not what the tables render.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VENDORS } from '../core/peer/vendors/index.ts';
import { renderMappingSection, replaceMappingSection } from './peer-mapping-docs-render.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC = path.join(root, 'docs', 'peer-devices.md');

function run(): number {
  const before = readFileSync(DOC, 'utf8');
  const after = replaceMappingSection(before, renderMappingSection(VENDORS));
  const rows = VENDORS.reduce((n, vendor) => n + (vendor.mappings?.length ?? 0), 0);
  if (process.argv.includes('--check')) {
    if (after === before) return 0;
    console.error('docs/peer-devices.md: the vendor mapping tables are out of date; run npm run docs:mappings');
    return 1;
  }
  if (after !== before) writeFileSync(DOC, after);
  console.log(`docs/peer-devices.md: ${VENDORS.length} vendor tables, ${rows} rows${after === before ? ', unchanged' : ', written'}`);
  return 0;
}

process.exitCode = run();
