// Frozen in time: migrations never import app code. Portable DDL; the immutability triggers branch
// on the dialect (SQLite now, PostgreSQL when the product moves to it).
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('minutes_drafts')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('header_json', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('generated_by_user_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('minutes_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('header_json', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('deadline', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by_user_id', 'text', (c) => c.notNull())
    .addColumn('published_by_name', 'text', (c) => c.notNull())
    .addUniqueConstraint('minutes_versions_meeting_version_unique', ['meeting_id', 'version'])
    // A correction (version 2 onwards) always carries its reason.
    .addCheckConstraint('minutes_versions_reason_check', sql`version = 1 OR (reason IS NOT NULL AND reason <> '')`)
    .execute();
  await db.schema.createIndex('minutes_versions_compound_idx').on('minutes_versions').columns(['compound_id', 'published_at']).execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE FUNCTION minutes_versions_immutable() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'minutes_immutable: published minutes cannot be changed or deleted'; END;
      $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER minutes_versions_no_change BEFORE UPDATE OR DELETE ON minutes_versions
      FOR EACH ROW EXECUTE FUNCTION minutes_versions_immutable()`.execute(db);
  } else {
    await sql`CREATE TRIGGER minutes_versions_no_update BEFORE UPDATE ON minutes_versions
      BEGIN SELECT RAISE(ABORT, 'minutes_immutable: published minutes cannot be changed or deleted'); END`.execute(db);
    await sql`CREATE TRIGGER minutes_versions_no_delete BEFORE DELETE ON minutes_versions
      BEGIN SELECT RAISE(ABORT, 'minutes_immutable: published minutes cannot be changed or deleted'); END`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`DROP TRIGGER IF EXISTS minutes_versions_no_change ON minutes_versions`.execute(db);
    await sql`DROP FUNCTION IF EXISTS minutes_versions_immutable()`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS minutes_versions_no_update`.execute(db);
    await sql`DROP TRIGGER IF EXISTS minutes_versions_no_delete`.execute(db);
  }
  await db.schema.dropTable('minutes_versions').execute();
  await db.schema.dropTable('minutes_drafts').execute();
}
