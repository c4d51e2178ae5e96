// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// Residents' concern photos and staff's evidence photos (progress and resolution of an action item)
// are one kind of thing: uploaded first, checked and re-encoded without metadata, kept pending, then
// attached to an item in the transaction that sends it. One table for both: `concern_photos` becomes
// `photos` with a purpose. Evidence photos were links (https: or data: URLs) in the updates' JSON;
// those stay as they were and are no longer shown (a link to another site was never checked).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('concern_photos').renameTo('photos').execute();
  // 'concern' (a resident's, shown on the board if they agreed) or 'evidence' (staff's, public with the progress it shows).
  await db.schema
    .alterTable('photos')
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('concern'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('photos').dropColumn('purpose').execute();
  await db.schema.alterTable('photos').renameTo('concern_photos').execute();
}
