import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testPostgresUrl } from '../testing/test-app.js';
import { openDatabase, openSqlite } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

describe('migrations', () => {
  it('run up on an empty database, in WAL mode with foreign keys on, and are idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yishi-migrate-'));
    const { db, sqlite } = openSqlite(join(dir, 'm.db'));
    try {
      const first = await migrateToLatest(db);
      expect(first.results?.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => 'Success'));
      const again = await migrateToLatest(db);
      expect(again.results).toEqual([]);
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      // Foreign keys are enforced: a unit in a building that does not exist is refused.
      await expect(
        sql`insert into units (id, compound_id, building_id, room, area_centi, created_at, updated_at) values ('u', 'x', 'y', '101', 100, 'now', 'now')`.execute(
          db,
        ),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(testPostgresUrl() === null)('migrations on PostgreSQL', () => {
  it('run up, enforce foreign keys and the append-only tables, run all the way down and up again', async () => {
    const store = await createTestDatabase();
    const { db, dialect } = openDatabase(store.url);
    try {
      expect(dialect).toBe('postgres');
      const first = await migrateToLatest(db);
      expect(first.results?.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => 'Success'));
      expect((await migrateToLatest(db)).results).toEqual([]);
      await expect(
        sql`insert into units (id, compound_id, building_id, room, area_centi, created_at, updated_at) values ('u', 'x', 'y', '101', 100, 'now', 'now')`.execute(
          db,
        ),
      ).rejects.toThrow(/foreign key/);
      // The tables are empty here, so the append-only triggers are checked in the catalogue; the
      // ledger and minutes route tests exercise them on real rows.
      const triggers = await sql<{ tgname: string }>`select tgname from pg_trigger where not tgisinternal order by tgname`.execute(db);
      expect(triggers.rows.map((r) => r.tgname)).toEqual([
        'action_item_ratings_sign_off_tallies_delete',
        'action_item_ratings_sign_off_tallies_insert',
        'action_items_sign_off_tallies_delete',
        'action_items_sign_off_tallies_insert',
        'action_items_sign_off_tallies_update',
        'ballot_history_no_change',
        'ballot_log_no_change',
        'buildings_access_version',
        'grant_events_no_change',
        'ledger_entries_no_change',
        'minutes_versions_no_change',
        'ownerships_access_version',
        'published_heads_no_change',
        'residencies_access_version',
        'role_assignments_access_version',
        'units_access_version',
        'vote_notices_no_change',
      ]);
      // counts come back as numbers, not the strings node-postgres gives for int8 by default
      const count = await db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(count.n).toBe(0);

      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      const left = await sql<{ n: number }>`select count(*) as n from pg_tables where schemaname = 'public' and tablename not like 'kysely_%'`.execute(db);
      expect(left.rows[0]!.n).toBe(0);
      expect((await migrateToLatest(db)).results?.every((r) => r.status === 'Success')).toBe(true);
    } finally {
      await db.destroy();
      await store.drop();
    }
  });
});
