// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// An evening-talk answer given on the spot may be corrected (a typo, the wrong official's name) until
// the meeting's minutes are published. The correction overwrites the answer's words and who gave it;
// when it was made and by which account are kept beside the answer, which keeps its own time
// (handled_at) and recorder (answered_by).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meeting_questions').addColumn('answer_corrected_at', 'text').execute();
  await db.schema.alterTable('meeting_questions').addColumn('answer_corrected_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meeting_questions').dropColumn('answer_corrected_by').execute();
  await db.schema.alterTable('meeting_questions').dropColumn('answer_corrected_at').execute();
}
