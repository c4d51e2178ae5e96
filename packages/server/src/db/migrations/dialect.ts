// Frozen in time like the migrations that import it: the few places where DDL differs by dialect.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Makes a table append-only: any UPDATE or DELETE fails with `message` (the error text starts with
 * the error code the app maps, e.g. 'ledger_append_only'). SQLite: two RAISE(ABORT) triggers named
 * `<table>_no_update` / `<table>_no_delete`. PostgreSQL: a plpgsql function `<table>_append_only()`
 * raising the same message, attached BEFORE UPDATE OR DELETE as `<table>_no_change`.
 */
export async function createAppendOnlyTriggers(db: Kysely<any>, table: string, message: string): Promise<void> {
  const quoted = message.replace(/'/g, "''");
  if (isPostgres(db)) {
    await sql.raw(`CREATE FUNCTION ${table}_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '${quoted}'; END; $$ LANGUAGE plpgsql`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`).execute(db);
  } else {
    await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${quoted}'); END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${quoted}'); END`).execute(db);
  }
}

export async function dropAppendOnlyTriggers(db: Kysely<any>, table: string): Promise<void> {
  if (isPostgres(db)) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_change ON ${table}`).execute(db);
    await sql.raw(`DROP FUNCTION IF EXISTS ${table}_append_only()`).execute(db);
  } else {
    await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_update`).execute(db);
    await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_delete`).execute(db);
  }
}
