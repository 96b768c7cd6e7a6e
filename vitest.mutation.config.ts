import { defineConfig } from 'vitest/config';

// The tests `npm run mutation` runs against each mutant: the pure layers only (core and the apply engine's pure
// parts), never the emulator-backed service tests, which would take hours under a mutation run.
export default defineConfig({
  test: {
    include: ['test/core/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/services/apply-phases.test.ts', 'test/services/apply-pure.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
