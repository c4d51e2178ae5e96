// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// The dashboard counts a compound's action items by period (listed in it, signed off in it) and the
// public board shows its newest sign-offs: with 40,000 items a compound's rows are too many to scan
// for each request, so both read ranges of these indexes. Overdue items are the open ones by due date.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('action_items_compound_listed_idx').on('action_items').columns(['compound_id', 'listed_at']).execute();
  await db.schema.createIndex('action_items_compound_signed_off_idx').on('action_items').columns(['compound_id', 'status', 'signed_off_at']).execute();
  await db.schema.createIndex('action_items_compound_due_idx').on('action_items').columns(['compound_id', 'status', 'due_date']).execute();
  await db.schema.createIndex('action_item_ratings_item_idx').on('action_item_ratings').columns(['action_item_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('action_item_ratings_item_idx').execute();
  await db.schema.dropIndex('action_items_compound_due_idx').execute();
  await db.schema.dropIndex('action_items_compound_signed_off_idx').execute();
  await db.schema.dropIndex('action_items_compound_listed_idx').execute();
}
