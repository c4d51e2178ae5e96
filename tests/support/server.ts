/**
 * A real Yishi server for end-to-end tests: a fresh database (a temporary SQLite file, or a
 * PostgreSQL database when YISHI_TEST_PG is set) seeded with the demo neighbourhood, the built web
 * app (packages/web/dist), on a free port of 127.0.0.1. `close()` stops it and drops the database.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, testConfig, type Config, type Deps } from '@yishi/server';
import { LogSmsSender } from '../../packages/server/src/sms/log-sms-sender.js';
import { newSeededTestDatabase, newTestDatabase } from './database.js';

export const WEB_DIST = fileURLToPath(new URL('../../packages/web/dist', import.meta.url));
export const DEMO_PASSWORD = 'yishi2026';

export interface TestServer {
  url: string;
  deps: Deps;
  /** With `captureSms`: every text message sent, as the log sender writes it ("[yishi sms:log] to 138…: …"). */
  smsLog: string[];
  close: () => Promise<void>;
}

export async function startTestServer(
  options: { config?: Partial<Config>; clock?: () => Date; web?: boolean; captureSms?: boolean } = {},
): Promise<TestServer> {
  const withWeb = options.web !== false;
  if (withWeb && !existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`The web app is not built (${WEB_DIST}); run: npm run build -w @yishi/web`);
  }
  const seeded = !options.clock && options.config?.seedDemo !== false;
  const database = seeded ? await newSeededTestDatabase() : await newTestDatabase();
  const running = await startServer(
    testConfig({
      databasePath: database.url,
      port: 0,
      host: '127.0.0.1',
      seedDemo: true,
      webDist: withWeb ? WEB_DIST : null,
      ...options.config,
    }),
    options.clock,
  ).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const smsLog: string[] = [];
  // SMS codes go to the server's log; a test that types them in reads them here instead.
  if (options.captureSms) running.deps.sms = new LogSmsSender((line) => smsLog.push(line));
  return {
    url: running.url,
    deps: running.deps,
    smsLog,
    close: async () => {
      await running.close();
      await database.drop();
    },
  };
}

/** The id of a demo compound by its code (DSCT, CY). */
export async function compoundIdByCode(deps: Deps, code: string): Promise<string> {
  const row = await deps.db.selectFrom('compounds').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}

/** The title of the demo's open owners' vote at 都市春天 (DSCT). */
export const DEMO_OPEN_VOTE = '利用小区共有场地建设电动自行车充电棚';

/** The id of the demo's open owners' vote (DEMO_OPEN_VOTE). */
export async function demoOpenVoteId(deps: Deps): Promise<string> {
  const row = await deps.db.selectFrom('votes').select('id').where('title', '=', DEMO_OPEN_VOTE).where('status', '=', 'open').executeTakeFirstOrThrow();
  return row.id;
}
