// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().defaultTo(120))
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('convener_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('agenda_frozen_at', 'text')
    .addColumn('scheduled_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('hall_agenda_item_id', 'text')
    .addColumn('hall_question_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_compound_starts_idx').on('meetings').columns(['compound_id', 'starts_at']).execute();

  await db.schema
    .createTable('meeting_agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('doc_item_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('outcome', 'text')
    .addColumn('agreed_parties', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('outcome_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outcome_recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('outcome_recorded_at', 'text')
    .addColumn('action_item_id', 'text')
    .addColumn('frozen_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('meeting_agenda_items_doc_unique', ['meeting_id', 'doc_item_id'])
    .execute();

  await db.schema
    .createTable('meeting_attendance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('party', 'text')
    .addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('invited', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('signed_in_at', 'text')
    .addColumn('signed_in_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_attendance_meeting_idx').on('meeting_attendance').column('meeting_id').execute();

  await db.schema
    .createTable('meeting_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('raised'))
    .addColumn('asked_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('asker_name', 'text')
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('building_id', 'text', (c) => c.references('buildings.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('users.id'))
    .addColumn('answered_by_name', 'text')
    .addColumn('measures', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('meeting_questions.id'))
    .addColumn('action_item_id', 'text')
    .addColumn('handled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('meeting_questions_number_unique', ['meeting_id', 'number'])
    .execute();

  // The live agenda documents: a compacted snapshot per document plus the log of updates received
  // since. Updates are base64 text so the same DDL runs on SQLite and PostgreSQL.
  await db.schema
    .createTable('collab_documents')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('snapshot_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('collab_updates')
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('update_b64', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('collab_updates_pk', ['doc_name', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['collab_updates', 'collab_documents', 'meeting_questions', 'meeting_attendance', 'meeting_agenda_items', 'meetings']) {
    await db.schema.dropTable(table).execute();
  }
}
