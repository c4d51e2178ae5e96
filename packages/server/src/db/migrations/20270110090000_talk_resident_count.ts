// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// An evening talk is open to all and nobody signs in one by one: the worker counts the residents in
// the room. The count is the meeting's (null: not counted); the cadres present are attendance rows.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').addColumn('resident_count', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').dropColumn('resident_count').execute();
}
