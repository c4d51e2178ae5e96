// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// The home page lists a resident's own recent evening-talk questions (asked_by_user_id, newest
// first): an index on the asker and the time, so that is a range of it, not a scan of every question.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('meeting_questions_asker_idx').on('meeting_questions').columns(['asked_by_user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('meeting_questions_asker_idx').execute();
}
