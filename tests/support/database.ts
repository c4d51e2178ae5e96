/**
 * The database an end-to-end test runs on: a fresh SQLite file by default, or — with YISHI_TEST_PG
 * set to a PostgreSQL admin URL (scripts/test-pg.sh sets it) — a fresh PostgreSQL database on that
 * server. Either way `url` is what YISHI_DB / Config.databasePath take, survives server restarts
 * within the test (crash tests restart on the same database), and `drop()` removes it.
 */
import { afterEach, beforeEach } from 'vitest';
import type { ChildServer } from './child-server.js';
import { createSeededTestDatabase, createTestDatabase, testPostgresUrl } from '../../packages/server/src/testing/test-app.js';

export interface TestDatabase {
  /** A SQLite file path or a postgres:// URL. */
  url: string;
  drop: () => Promise<void>;
}

/** True when this run is the PostgreSQL one. */
export const onPostgres = testPostgresUrl() !== null;

export function newTestDatabase(): Promise<TestDatabase> {
  return createTestDatabase();
}

/**
 * A database for a server that seeds the demo with the real clock: on PostgreSQL a copy of the run's
 * seeded template (fast), elsewhere the same as newTestDatabase (the server seeds it).
 */
export function newSeededTestDatabase(): Promise<TestDatabase> {
  return createSeededTestDatabase();
}

/**
 * For crash tests: a fresh database for each test of the file (`seeded`: a copy of the run's demo
 * database, as newSeededTestDatabase), and after each test every server process the test handed to
 * `track` is killed (SIGKILL) and the database dropped.
 */
export function crashTestDatabase(options: { seeded?: boolean } = {}): { readonly url: string; track: (server: ChildServer) => void } {
  let database: TestDatabase | null = null;
  const servers: ChildServer[] = [];
  beforeEach(async () => {
    database = options.seeded ? await newSeededTestDatabase() : await newTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.kill('SIGKILL')));
    await database?.drop();
    database = null;
  });
  return {
    get url() {
      if (!database) throw new Error('crashTestDatabase: only inside a test');
      return database.url;
    },
    track: (server) => servers.push(server),
  };
}
