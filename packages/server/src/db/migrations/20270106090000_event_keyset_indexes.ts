// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// The delivery report reads an event's notices and deliveries a page at a time in id order (a vote
// opening at 10,000 units has 10,000 notices): the event's indexes gain the id, so each page is a
// range of the index rather than a sort of the whole event. Same number of indexes per row written.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notifications_event_idx').execute();
  await db.schema.createIndex('notifications_event_idx').on('notifications').columns(['event_id', 'id']).execute();
  await db.schema.dropIndex('notification_deliveries_event_idx').execute();
  await db.schema.createIndex('notification_deliveries_event_idx').on('notification_deliveries').columns(['event_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notifications_event_idx').execute();
  await db.schema.createIndex('notifications_event_idx').on('notifications').column('event_id').execute();
  await db.schema.dropIndex('notification_deliveries_event_idx').execute();
  await db.schema.createIndex('notification_deliveries_event_idx').on('notification_deliveries').columns(['event_id', 'status']).execute();
}
