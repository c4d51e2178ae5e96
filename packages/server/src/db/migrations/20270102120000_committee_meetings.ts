// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// Owners' committee meetings: which members agreed to each agenda item (a decision counted against
// all the members), and each attending member's signature of the minutes, of the text they read.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('meeting_agenda_items')
    .addColumn('agreed_members', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  await db.schema
    .createTable('minutes_signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('attendance_id', 'text', (c) => c.notNull().references('meeting_attendance.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // The SHA-256 of the draft text signed: a changed draft is signed again.
    .addColumn('body_sha256', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('minutes_signatures_text_unique', ['meeting_id', 'attendance_id', 'body_sha256'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('minutes_signatures').execute();
  await db.schema.alterTable('meeting_agenda_items').dropColumn('agreed_members').execute();
}
