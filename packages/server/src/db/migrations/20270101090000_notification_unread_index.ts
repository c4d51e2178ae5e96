// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// One index fewer on notifications: a vote opening writes a notice per owner, and each index is
// written once per notice. The unread count of one person reads their notices by
// notifications_user_idx (user_id, in_app, …) and looks at read_at on those rows.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notifications_unread_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['user_id', 'read_at']).execute();
}
