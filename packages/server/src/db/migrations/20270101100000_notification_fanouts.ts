// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// An event's notices written set-based (a vote's roll) owe their SMS and e-mail outbox rows: one row
// here says which channels and from when, in the event's transaction; the outbox worker writes the
// rows from the notices and deletes this one in one transaction of its own.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_fanouts')
    .addColumn('event_id', 'text', (c) => c.primaryKey().references('notification_events.id'))
    .addColumn('sms', 'integer', (c) => c.notNull())
    .addColumn('email', 'integer', (c) => c.notNull())
    .addColumn('held_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_fanouts').execute();
}
