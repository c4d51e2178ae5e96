// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// The staff action-item list and the public board read a compound's items in the urgency order one
// segment at a time (overdue, still open, awaiting sign-off: by due date; signed off: the latest
// first), each segment a range of one of these indexes read in its order, the id breaking ties, so
// no page sorts the compound's 40,000 items. They replace the indexes on (compound, status, due date)
// and (compound, status, sign-off time), whose ranges they serve as well.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('action_items_compound_status_due_id_idx').on('action_items').columns(['compound_id', 'status', 'due_date', 'id']).execute();
  await db.schema
    .createIndex('action_items_compound_status_signed_id_idx')
    .on('action_items')
    .columns(['compound_id', 'status', 'signed_off_at desc', 'id'])
    .execute();
  await db.schema.dropIndex('action_items_compound_due_idx').execute();
  await db.schema.dropIndex('action_items_compound_signed_off_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('action_items_compound_signed_off_idx').on('action_items').columns(['compound_id', 'status', 'signed_off_at']).execute();
  await db.schema.createIndex('action_items_compound_due_idx').on('action_items').columns(['compound_id', 'status', 'due_date']).execute();
  await db.schema.dropIndex('action_items_compound_status_signed_id_idx').execute();
  await db.schema.dropIndex('action_items_compound_status_due_id_idx').execute();
}
