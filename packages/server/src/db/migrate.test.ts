import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openSqlite } from './connect.js';
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
        sql`insert into units (id, compound_id, building_id, room, area_centi, created_at, updated_at) values ('u', 'x', 'y', '101', 100, 'now', 'now')`.execute(db),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
