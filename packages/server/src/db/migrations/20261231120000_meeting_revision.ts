// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// A meeting's revision: raised by one on every change of the row, so the meetings calendar can tell
// subscribers' calendar apps which copy of an event is newer (iCalendar SEQUENCE, RFC 5545 3.8.7.4).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('meetings')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').dropColumn('revision').execute();
}
