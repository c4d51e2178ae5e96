import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Files a run leaves out (comma-separated, relative to the repository): scripts/test-pg.sh leaves the
// Chromium-driven tests to the SQLite run. vitest's --exclude does not reach into projects.
const leftOut = (process.env.YISHI_TEST_EXCLUDE ?? '').split(',').filter(Boolean);

// The end-to-end files that drive Chromium (they call launchBrowser, as scripts/test-pg.sh also reads
// them): one at a time, as each starts a browser and a server on two cores. The rest of tests/ (API,
// websocket, crash, cluster) run two at a time beside the server's own tests.
const endToEnd = readdirSync(here('./tests'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.test.ts') && !path.startsWith('heavy/') && !path.includes('node_modules'))
  .map((path) => `tests/${path}`);
const inBrowser = endToEnd.filter((path) => readFileSync(here(`./${path}`), 'utf8').includes('launchBrowser'));

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
    // Two test files at a time even on two cores: the server tests wait on fsync and sockets as much as
    // they compute (vitest's default, one less than the cores, runs them one by one there).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      // Pure and server tests share their worker's modules between files (isolate: false): loading the server's
      // module graph took longer than most files' tests. Every test app has its own database and clock, and
      // no test replaces a module, so nothing a file leaves behind reaches the next.
      { resolve: { alias }, test: { name: 'core', include: ['packages/core/src/**/*.test.ts'], isolate: false } },
      {
        resolve: { alias },
        test: { name: 'server', include: ['packages/server/src/**/*.test.ts'], isolate: false, testTimeout: 20_000, hookTimeout: 60_000 },
      },
      {
        resolve: { alias },
        test: {
          // API, websocket, crash and cluster tests through real servers and clients: two files at a time
          // with the server's (each starts its own servers, on ports the system gives).
          name: 'api',
          include: endToEnd.filter((path) => !inBrowser.includes(path)),
          exclude: ['**/node_modules/**', ...leftOut],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          expect: { poll: { timeout: 10_000 } },
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          // After the core, server and api files (which run two at a time); vitest needs the order of groups that differ in workers.
          sequence: { groupOrder: 1 },
          include: inBrowser,
          exclude: ['**/node_modules/**', ...leftOut],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A page that draws what it fetched waits on a server and a browser sharing two cores: vitest's
          // default of 1 s for expect.poll failed a paged list under load (the page drew it a moment later).
          expect: { poll: { timeout: 10_000 } },
          // Browser tests share two cores with a server each; run files one after another, in one process
          // that keeps the modules it loaded (each file starts its own servers and browser).
          fileParallelism: false,
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // The longer fuzz and crash runs: `npm run test:heavy` (CI runs it after npm test).
          name: 'heavy',
          sequence: { groupOrder: 2 },
          include: ['tests/heavy/**/*.test.ts'],
          testTimeout: 200_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
