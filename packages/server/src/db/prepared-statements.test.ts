/**
 * The hottest statements run as named prepared statements on PostgreSQL (./prepared-statements.ts):
 * parsed once per connection and, after PostgreSQL's five custom plans, run on its generic plan;
 * other statements stay unnamed. On SQLite (no PostgreSQL URL for the run) only the wrapping of a
 * client is checked.
 */
import { sql } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testPostgresUrl } from '../testing/test-app.js';
import { openDatabase, type OpenedDatabase } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { preparedName, prepareOnPostgres, withPreparedStatements } from './prepared-statements.js';
import { findSessionWithAccount } from './repositories/sessions.repository.js';

it('sends a registered text by its name and anything else as it came', async () => {
  const calls: unknown[][] = [];
  const client = { query: async (...args: unknown[]) => calls.push(args) } as unknown as pg.PoolClient;
  withPreparedStatements(client);
  prepareOnPostgres('select 1 where $1::int = 1');
  const name = preparedName('select 1 where $1::int = 1');
  expect(name).toMatch(/^yishi_\d+$/);
  await client.query('select 1 where $1::int = 1', [1]);
  await client.query('select 2 where $1::int = 1', [1]);
  await client.query('begin');
  expect(calls).toEqual([[{ name, text: 'select 1 where $1::int = 1', values: [1] }], ['select 2 where $1::int = 1', [1]], ['begin']]);
  // A second registration of the same text keeps its name.
  prepareOnPostgres('select 1 where $1::int = 1');
  expect(preparedName('select 1 where $1::int = 1')).toBe(name);
});

describe.skipIf(testPostgresUrl() === null)('on PostgreSQL', () => {
  let opened: OpenedDatabase;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await createTestDatabase();
    drop = created.drop;
    opened = openDatabase(created.url);
    await migrateToLatest(opened.db);
  });
  afterAll(async () => {
    await opened.destroy();
    await drop();
  });

  it('prepares the session lookup once per connection and plans it generically after five runs', async () => {
    await opened.db.connection().execute(async (connection) => {
      for (let i = 0; i < 8; i += 1) expect(await findSessionWithAccount(connection, `no-such-session-${i}`)).toBeUndefined();
      await sql`select count(*) from sessions where id = ${'unprepared'}`.execute(connection);
      const prepared = await sql<{ name: string; statement: string; generic_plans: number; custom_plans: number }>`
        select name, statement, generic_plans, custom_plans from pg_prepared_statements`.execute(connection);
      const lookup = prepared.rows.filter((row) => row.statement.includes('"sessions"'));
      expect(lookup).toHaveLength(1);
      expect(lookup[0]).toMatchObject({ name: preparedName(lookup[0]!.statement), custom_plans: 5, generic_plans: 3 });
      // The statement this test wrote by hand is not one of them.
      expect(prepared.rows.some((row) => row.statement.includes('unprepared') || row.statement.includes('count(*)'))).toBe(false);
    });
  });
});
