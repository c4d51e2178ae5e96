/** The few places where app code must know which database it runs on. */
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { DialectName } from './connect.js';
import type { Db } from './repositories/places.repository.js';

export function dialectOf(db: Db): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Locks one row until the caller's transaction ends, so that read-then-write steps on what hangs off
 * it (the next question number of a meeting, the next minutes version, the tally of a vote) run one
 * at a time. `share` lets holders run beside each other but not beside an `update` holder (ballots
 * are cast side by side; closing the vote waits for them and they wait for it).
 * PostgreSQL: SELECT … FOR UPDATE / FOR SHARE. SQLite: nothing to do — the app's one connection runs
 * one transaction at a time, and the unique indexes stay the backstop either way.
 */
export async function lockRow(
  db: Db,
  table: 'meetings' | 'compounds' | 'votes' | 'proposals' | 'action_items' | 'collab_snapshots',
  id: string,
  mode: 'update' | 'share' = 'update',
): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`select 1 from ${sql.table(table)} where id = ${id} for ${sql.raw(mode === 'share' ? 'share' : 'update')}`.execute(db);
}

/**
 * Makes the caller's transaction the only one changing its compound's sign-off tallies until it
 * ends: call it before touching an item's status, sign-off or ratings. The tallies are kept by
 * triggers (migration 20270104080000) that move an item's count between rows its compound's other
 * items share, and read the item's latest rating as they do. Without this, two ratings of one item
 * at once each move the count from the rating before both (it is then counted twice), and two changes
 * on different items take shared rows in opposite orders (a deadlock). People rate and sign off a
 * few times a minute per compound, so waiting in line costs nothing they would notice.
 * PostgreSQL: a transaction-scoped advisory lock keyed by the item's compound. SQLite: nothing to
 * do — the app's one connection runs one transaction at a time.
 */
export async function lockSignOffTallies(db: Db, itemId: string): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended('sign_off_tallies ' || compound_id, 0)) from action_items where id = ${itemId}`.execute(db);
}

/**
 * The elements of a JSON array of strings stored as text (a roll entry's owners), as a table with one
 * `value` column to join: SQLite json_each, PostgreSQL jsonb_array_elements_text (a function in FROM
 * may refer to the tables before it in both).
 */
export function jsonTextElements(db: Db, column: string): RawBuilder<{ value: string }> {
  return dialectOf(db) === 'postgres'
    ? sql<{ value: string }>`jsonb_array_elements_text(${sql.ref(column)}::jsonb)`
    : sql<{ value: string }>`json_each(${sql.ref(column)})`;
}

/**
 * The China calendar date (YYYY-MM-DD, UTC+8 all year) of an ISO instant stored as text, as core's
 * `chinaDate` reads it: SQLite date(…, '+8 hours'), PostgreSQL the instant shifted by 8 hours from UTC.
 */
export function chinaDay(db: Db, column: string): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`to_char((cast(${sql.ref(column)} as timestamptz) at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`
    : sql<string>`date(${sql.ref(column)}, '+8 hours')`;
}
