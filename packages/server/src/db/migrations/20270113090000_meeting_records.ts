// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// A meeting entered after it was held (补录): it sent no notice, and its session's times are the
// ones entered rather than when the buttons were pressed. 0 for every meeting before.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('meetings')
    .addColumn('recorded', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').dropColumn('recorded').execute();
}
