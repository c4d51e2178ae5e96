// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// Owners' decisions by the book: the stages of an owners'-assembly vote on the vote row, the
// compound's vote periods, the notices each stage publishes, and the append-only ballot log (one
// hash chain per vote) whose position each receipt names.
import type { Kysely } from 'kysely';
import { createAppendOnlyTriggers, dropAppendOnlyTriggers } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  // The vote's timeline. statutory: follows the owners'-assembly timeline (an art. 278 matter).
  await db.schema
    .alterTable('votes')
    .addColumn('statutory', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const column of ['announced_at', 'roll_check_ends_at', 'objection_ends_at', 'finalised_at']) {
    await db.schema.alterTable('votes').addColumn(column, 'text').execute();
  }
  // A proxy ballot names its authorisation; every ballot names its position in the ballot log.
  await db.schema.alterTable('ballots').addColumn('proxy_id', 'text').execute();
  await db.schema.alterTable('ballots').addColumn('log_position', 'integer').execute();

  await db.schema
    .createTable('compound_vote_settings')
    .addColumn('compound_id', 'text', (c) => c.primaryKey().references('compounds.id'))
    .addColumn('notice_days', 'integer', (c) => c.notNull())
    .addColumn('roll_check_days', 'integer', (c) => c.notNull())
    .addColumn('objection_days', 'integer', (c) => c.notNull())
    .addColumn('proxy_cap', 'integer', (c) => c.notNull())
    .addColumn('updated_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // What each stage published, when and by whom: shown on the notice board and kept in the record.
  await db.schema
    .createTable('vote_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    /** JSON { 'zh-CN', en }: the notice's title and body as published. */
    .addColumn('title_json', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by_user_id', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('vote_notices_vote_idx').on('vote_notices').columns(['vote_id', 'published_at']).execute();
  await db.schema.createIndex('vote_notices_compound_idx').on('vote_notices').columns(['compound_id', 'published_at']).execute();
  await createAppendOnlyTriggers(db, 'vote_notices', 'vote notices are append-only');

  await db.schema
    .createTable('ballot_log')
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('receipt_code', 'text', (c) => c.notNull())
    .addColumn('supersedes', 'text')
    .addColumn('choices_json', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ballot_log_pk', ['vote_id', 'position'])
    .execute();
  await createAppendOnlyTriggers(db, 'ballot_log', 'the ballot log is append-only');
  await db.schema
    .createTable('ballot_log_heads')
    .addColumn('vote_id', 'text', (c) => c.primaryKey().references('votes.id'))
    .addColumn('last_position', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ballot_log_heads').execute();
  await dropAppendOnlyTriggers(db, 'ballot_log');
  await db.schema.dropTable('ballot_log').execute();
  await dropAppendOnlyTriggers(db, 'vote_notices');
  await db.schema.dropTable('vote_notices').execute();
  await db.schema.dropTable('compound_vote_settings').execute();
  await db.schema.alterTable('ballots').dropColumn('log_position').execute();
  await db.schema.alterTable('ballots').dropColumn('proxy_id').execute();
  for (const column of ['finalised_at', 'objection_ends_at', 'roll_check_ends_at', 'announced_at', 'statutory']) {
    await db.schema.alterTable('votes').dropColumn(column).execute();
  }
}
