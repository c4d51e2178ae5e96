/**
 * A real Yishi server for end-to-end tests: a temporary SQLite file seeded with the demo
 * neighbourhood, the built web app (packages/web/dist), on a free port of 127.0.0.1.
 * `close()` stops it and removes the database.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, testConfig, type Config, type Deps } from '@yishi/server';

export const WEB_DIST = fileURLToPath(new URL('../../packages/web/dist', import.meta.url));
export const DEMO_PASSWORD = 'yishi2026';

export interface TestServer {
  url: string;
  deps: Deps;
  close: () => Promise<void>;
}

export async function startTestServer(options: { config?: Partial<Config>; clock?: () => Date; web?: boolean } = {}): Promise<TestServer> {
  const withWeb = options.web !== false;
  if (withWeb && !existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`The web app is not built (${WEB_DIST}); run: npm run build -w @yishi/web`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'yishi-e2e-'));
  const running = await startServer(
    testConfig({
      databasePath: join(dir, 'e2e.db'),
      port: 0,
      host: '127.0.0.1',
      seedDemo: true,
      webDist: withWeb ? WEB_DIST : null,
      ...options.config,
    }),
    options.clock,
  );
  return {
    url: running.url,
    deps: running.deps,
    close: async () => {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The id of a demo compound by its code (DSCT, CY). */
export async function compoundIdByCode(deps: Deps, code: string): Promise<string> {
  const row = await deps.db.selectFrom('compounds').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}
