import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Files a run leaves out (comma-separated, relative to the repository): scripts/test-pg.sh leaves the
// Chromium-driven tests to the SQLite run. vitest's --exclude does not reach into projects.
const leftOut = (process.env.YISHI_TEST_EXCLUDE ?? '').split(',').filter(Boolean);

// Names this run: test processes share the demo databases they seed (packages/server/src/testing/test-app.ts).
process.env.YISHI_TEST_RUN ??= `run${Date.now()}`;

// Tests run against the TypeScript sources of the workspace packages, not their builds.
const alias = {
  '@yishi/core': here('./packages/core/src/index.ts'),
  '@yishi/server': here('./packages/server/src/index.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      { resolve: { alias }, test: { name: 'core', include: ['packages/core/src/**/*.test.ts'] } },
      {
        resolve: { alias },
        test: { name: 'server', include: ['packages/server/src/**/*.test.ts'], testTimeout: 20_000, hookTimeout: 30_000 },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/heavy/**', '**/node_modules/**', ...leftOut],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Browser tests share two cores with a server each; run files one after another.
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // The longer fuzz and crash runs: `npm run test:heavy` (CI runs it after npm test).
          name: 'heavy',
          include: ['tests/heavy/**/*.test.ts'],
          testTimeout: 200_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
