import { defineConfig } from 'vitest/config';

/** One run, six projects: `pnpm test` runs them all; `--project NAME` picks some. */
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'shared', root: 'packages/shared', include: ['src/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'server', root: 'packages/server', include: ['src/**/*.test.ts'] } },
      { extends: true, test: { name: 'web', root: 'packages/web', include: ['src/**/*.test.{ts,tsx}'], isolate: false } },
      {
        extends: true,
        test: {
          name: 'integration',
          root: 'tests',
          include: ['integration/**/*.test.ts'],
          isolate: false,
          testTimeout: 30_000,
          // No process a test started outlives the run, even one a timed-out test started late.
          globalSetup: ['./support/global-teardown.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: 'tests',
          include: ['e2e/**/*.test.ts'],
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['./support/global-teardown.ts'],
          // After the other projects (a group of its own, whatever the machine's default number of workers).
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'measured',
          root: 'tests',
          include: ['measured/**/*.test.ts'],
          isolate: false,
          testTimeout: 300_000,
          fileParallelism: false,
          globalSetup: ['./support/global-teardown.ts'],
          // Latency compared under a load the test makes itself: alone on the machine, after every other project.
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
