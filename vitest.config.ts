import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Node-side tests (core, emulator, services, handlers, security) and DOM component tests run as two projects
// so the DOM shim never leaks into tests that must behave like Node or Electron's main process.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          // test/ike is its own layer (vitest.ike.config.ts): real strongSwan daemons in network namespaces.
          exclude: ['test/e2e/**', 'test/electron/**', 'test/ike/**', 'node_modules/**'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'dom',
          include: ['test/renderer/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['test/renderer/setup.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
