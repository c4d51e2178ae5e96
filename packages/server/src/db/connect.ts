/**
 * Opens the embedded SQLite database. WAL lets readers run beside the one writer; foreign keys are
 * off by default in SQLite and must be switched on per connection; synchronous=FULL makes every
 * acknowledged commit survive a power cut, not only a process crash.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database.js';

export interface OpenedDatabase {
  db: Kysely<Database>;
  /** The raw driver handle, for backups and benchmarks that measure the storage itself. */
  sqlite: SqliteDatabase.Database;
}

export function openSqlite(path: string): OpenedDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, sqlite };
}
