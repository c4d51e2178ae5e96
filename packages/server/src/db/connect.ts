/**
 * Opens the database named by YISHI_DB: an embedded SQLite file (the default) or a PostgreSQL server
 * (a `postgres://` URL). Both speak the same Kysely<Database>; the migrations and repositories are
 * portable, and the few dialect differences live in db/dialect.ts and db/errors.ts.
 *
 * SQLite: WAL lets readers run beside the one writer; foreign keys are off by default in SQLite and
 * must be switched on per connection; synchronous=FULL makes every acknowledged commit survive a
 * power cut, not only a process crash.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogConfig } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { OldestFirstPool } from './oldest-first-pool.js';
import { withPreparedStatements } from './prepared-statements.js';
import { recordDurableSynchronous, withStatementCache } from './sqlite-dialect.js';

export type DialectName = 'sqlite' | 'postgres';

export interface OpenedSqlite {
  db: Kysely<Database>;
  /** The raw driver handle, for backups and benchmarks that measure the storage itself. */
  sqlite: SqliteDatabase.Database;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Closes every connection (the same as db.destroy()). */
  destroy: () => Promise<void>;
}

/** True when YISHI_DB names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

const sqliteHandles = new WeakMap<object, SqliteDatabase.Database>();
/**
 * The better-sqlite3 handle under a Kysely that openSqlite made, for the rare write that must run
 * as one synchronous step (collab/persistence.ts); undefined for PostgreSQL.
 */
export function sqliteHandleOf(db: Kysely<Database>): SqliteDatabase.Database | undefined {
  return sqliteHandles.get(db);
}

/** `log`: Kysely's query log (tests count the statements a request runs with it). */
export interface OpenOptions {
  log?: LogConfig;
}

export function openSqlite(path: string, options: OpenOptions = {}): OpenedSqlite {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  recordDurableSynchronous(sqlite, 2);
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log: options.log });
  sqliteHandles.set(db, sqlite);
  return { db, sqlite };
}

let pgTypesSet = false;
/**
 * PostgreSQL returns count(*) and sum(integer) as int8, which node-postgres hands over as strings
 * to avoid losing precision. Every such value in Yishi is a count or a sum of areas far below
 * 2^53, so they are parsed as numbers — but a value that would lose precision fails loudly.
 */
function setPgTypeParsers(): void {
  if (pgTypesSet) return;
  pgTypesSet = true;
  pg.types.setTypeParser(pg.types.builtins.INT8, (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} does not fit a JavaScript number`);
    return value;
  });
}

export function openPostgres(url: string, options: OpenOptions & { max?: number } = {}): OpenedDatabase {
  setPgTypeParsers();
  const max = options.max ?? 10;
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', (error) => console.error('PostgreSQL pool error:', error.message));
  // Each new connection runs the hottest statements as named prepared ones.
  pool.on('connect', withPreparedStatements);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new OldestFirstPool(pool, max) }), log: options.log });
  return { db, dialect: 'postgres', destroy: () => db.destroy() };
}

/** Opens YISHI_DB: a `postgres://` URL or a SQLite file path. */
export function openDatabase(urlOrPath: string, options: OpenOptions = {}): OpenedDatabase {
  if (isPostgresUrl(urlOrPath)) return openPostgres(urlOrPath, options);
  const { db } = openSqlite(urlOrPath, options);
  return { db, dialect: 'sqlite', destroy: () => db.destroy() };
}
