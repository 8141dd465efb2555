/** @module vitest projects: fast unit tests, integration tests on real redis-server, end-to-end tests in real Chromium. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Claims this run's port lane (a second vitest on the machine never hands out the same sandbox ports) and reaps
    // any redis-server a test file left behind on it.
    globalSetup: [fileURLToPath(new URL('./support/global-setup.ts', import.meta.url))],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // Real redis-server processes: generous timeouts, and at most two files at once on a 2-core machine.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // One browser at a time: Chromium and the sandboxes share two cores.
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
