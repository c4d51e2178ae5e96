// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// Action items, their progress, ratings, the per-compound-and-year sign-off counters and the
// append-only ledger. The ledger's append-only rule is enforced by triggers; trigger syntax differs
// per database, so that part branches on the dialect.
import type { Kysely } from 'kysely';
import { createAppendOnlyTriggers, dropAppendOnlyTriggers } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('action_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('source_meeting_id', 'text')
    .addColumn('responsible_unit', 'text')
    .addColumn('handler_name', 'text')
    .addColumn('measures', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('triage', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('deadline_workdays', 'integer', (c) => c.notNull())
    .addColumn('listed_at', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('due_date_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('urgency', 'text')
    .addColumn('target_on_site_at', 'text')
    .addColumn('target_resolve_at', 'text')
    .addColumn('on_site_at', 'text')
    .addColumn('raised_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'text')
    .addColumn('evidence', 'text')
    .addColumn('evidence_photos', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sign_off_number', 'text')
    .addColumn('signed_off_at', 'text')
    .addColumn('signed_off_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('signed_off_by_name', 'text')
    .addColumn('resolution', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_items_sign_off_number_unique').on('action_items').column('sign_off_number').unique().execute();
  await db.schema.createIndex('action_items_compound_status_idx').on('action_items').columns(['compound_id', 'status']).execute();
  await db.schema.createIndex('action_items_meeting_idx').on('action_items').column('source_meeting_id').execute();
  await db.schema.createIndex('action_items_source_idx').on('action_items').columns(['source_kind', 'source_id']).execute();

  await db.schema
    .createTable('action_item_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_item_id', 'text', (c) => c.notNull().references('action_items.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('photos', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('author_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_item_updates_item_idx').on('action_item_updates').columns(['action_item_id', 'created_at']).execute();

  await db.schema
    .createTable('action_item_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_item_id', 'text', (c) => c.notNull().references('action_items.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('sign_off_number', 'text', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('action_item_ratings_once', ['action_item_id', 'user_id', 'sign_off_number'])
    .execute();

  // One row per compound and year; incrementing it inside the sign-off transaction is what makes the
  // numbers gapless: the increment, the item's number and the ledger entry commit together or not at all.
  await db.schema
    .createTable('sign_off_counters')
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('sign_off_counters_pk', ['compound_id', 'year'])
    .execute();

  // The head of each compound's ledger chain. Appending updates this row first, which serialises
  // appends per compound on any database (a row lock on PostgreSQL, the write lock on SQLite).
  await db.schema
    .createTable('ledger_heads')
    .addColumn('compound_id', 'text', (c) => c.primaryKey().references('compounds.id'))
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action_item_id', 'text', (c) => c.notNull().references('action_items.id'))
    .addColumn('sign_off_number', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('ledger_entries_compound_seq_unique', ['compound_id', 'seq'])
    .execute();
  // A number appears on at most one sign-off entry, ever: never reused, even after a reopen.
  await db.schema.createIndex('ledger_entries_sign_off_number_unique').on('ledger_entries').column('sign_off_number').unique().execute();
  await db.schema.createIndex('ledger_entries_item_idx').on('ledger_entries').column('action_item_id').execute();

  await createAppendOnlyTriggers(db, 'ledger_entries', 'ledger_append_only');
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAppendOnlyTriggers(db, 'ledger_entries');
  for (const table of ['ledger_entries', 'ledger_heads', 'sign_off_counters', 'action_item_ratings', 'action_item_updates', 'action_items']) {
    await db.schema.dropTable(table).execute();
  }
}
