import { defineConfig } from 'vitest/config';

// The real-IKE layer (test/ike): two strongSwan daemons in network namespaces, so one worker (the daemons are shared by
// the whole file and the machine's namespaces are a global resource), long timeouts, and nothing else.
// Run: npx vitest run -c vitest.ike.config.ts
export default defineConfig({
  test: {
    include: ['test/ike/**/*.ike.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
