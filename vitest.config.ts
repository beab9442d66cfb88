import { defineConfig } from 'vitest/config';

// The tests run what ships: a `rejon` they start is the built command line (out/main/cli.js), never the
// sources through tsx; a missing or stale build fails them with "Run npm run build" (npm test builds first).
const env = { REJON_BUILT: '1' };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          env,
          globalSetup: ['tests/globalSetup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          env,
          globalSetup: ['tests/globalSetup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
