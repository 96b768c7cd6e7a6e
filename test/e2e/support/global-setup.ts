import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

export const BRIDGE_BUNDLE = path.resolve('test-results/e2e-bridge/page-bridge.js');

// Bundles the page-side bridge (window.bridge + contract) into one classic script for page.addInitScript.
export default async function globalSetup(): Promise<void> {
  if (!existsSync('out/renderer/index.html')) {
    throw new Error('The renderer is not built: run `npm run build` (npm test does it) before the e2e tests.');
  }
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: { entry: path.resolve('test/e2e/support/page-bridge.ts'), formats: ['iife'], name: 'e2eBridge' },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  const chunk = outputs
    .flatMap((output) => ('output' in output ? output.output : []))
    .find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('page bridge bundle produced no chunk');
  mkdirSync(path.dirname(BRIDGE_BUNDLE), { recursive: true });
  writeFileSync(BRIDGE_BUNDLE, chunk.code);
}
