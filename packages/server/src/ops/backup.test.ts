import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../db/connect.js';
import { createTestApp, testPostgresUrl, type TestApp } from '../testing/test-app.js';
import { backupDatabase, checkBackup, restoreDatabase } from './backup.js';

let t: TestApp;
let dir: string;
beforeEach(async () => {
  t = await createTestApp();
  dir = mkdtempSync(join(tmpdir(), 'yishi-backup-'));
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

// `yishi backup` copies a SQLite file with SQLite's backup API; PostgreSQL is backed up with its own
// tools (pg_dump, docs/operations.md), so this suite only runs on SQLite.
describe.skipIf(testPostgresUrl() !== null)('backup and restore (SQLite)', () => {
  it('takes a consistent online backup while the app keeps writing, and restores it', async () => {
    const backup = join(dir, 'backup.db');
    // The app holds the database open (WAL) while the backup runs.
    await backupDatabase(t.dbPath, backup);
    expect(checkBackup(backup)).toEqual({ ok: true });

    // Change the live database after the backup …
    await t.deps.db.updateTable('compounds').set({ name: '改名小区' }).where('code', '=', 'CY').execute();

    // Not over the database the app holds open: the app's later writes would be lost.
    expect(() => restoreDatabase(backup, t.dbPath)).toThrow(/open in a running server: stop the server, then restore/);
    expect((await t.deps.db.selectFrom('compounds').select('name').where('code', '=', 'CY').executeTakeFirstOrThrow()).name).toBe('改名小区');

    // … then restore the backup into a fresh place and see the state at backup time.
    const restored = join(dir, 'restored.db');
    restoreDatabase(backup, restored);
    const { db } = openSqlite(restored);
    try {
      const row = await db.selectFrom('compounds').select('name').where('code', '=', 'CY').executeTakeFirstOrThrow();
      expect(row.name).toBe('翠苑小区');
      const units = await db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(units.n)).toBe(132);
    } finally {
      await db.destroy();
    }
    // Over a database nothing holds open any more: restored again.
    restoreDatabase(backup, restored);
    expect(checkBackup(restored)).toEqual({ ok: true });
  });

  it('refuses to overwrite an existing file and to restore something that is not a Yishi database', async () => {
    const backup = join(dir, 'b.db');
    await backupDatabase(t.dbPath, backup);
    await expect(backupDatabase(t.dbPath, backup)).rejects.toThrow(/already exists/);
    const junk = join(dir, 'junk.db');
    const { db } = openSqlite(junk);
    await db.destroy();
    expect(() => restoreDatabase(junk, join(dir, 'x.db'))).toThrow(/not a Yishi database/);
  });
});
