/** Storage of action items, their dated updates, ratings and the sign-off counters. */
import type { Db } from './places.repository.js';
import type { ActionItemTable, ActionItemUpdateTable, NewActionItem } from '../tables/action-items.table.js';

export async function insertActionItem(db: Db, row: NewActionItem): Promise<void> {
  await db.insertInto('action_items').values(row).execute();
}

export function findActionItem(db: Db, id: string) {
  return db.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Updates an item only if it still has the status the caller read: a concurrent change makes this
 * return false and the caller's transaction roll back, instead of two sign-offs both "winning".
 */
export async function updateActionItemIfStatus(db: Db, id: string, expectedStatus: string, changes: Partial<ActionItemTable>): Promise<boolean> {
  const result = await db.updateTable('action_items').set(changes).where('id', '=', id).where('status', '=', expectedStatus).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertActionItemUpdate(db: Db, row: ActionItemUpdateTable): Promise<void> {
  await db.insertInto('action_item_updates').values(row).execute();
}

export function listActionItemUpdates(db: Db, itemIds: readonly string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('action_item_updates').selectAll().where('action_item_id', 'in', itemIds).orderBy('created_at').orderBy('id').execute();
}

export interface ActionItemFilter {
  compoundId?: string;
  meetingId?: string;
  status?: string;
  triage?: string;
  q?: string;
}

export function listActionItems(db: Db, filter: ActionItemFilter) {
  let query = db.selectFrom('action_items').selectAll();
  if (filter.compoundId) query = query.where('compound_id', '=', filter.compoundId);
  if (filter.meetingId) query = query.where('source_meeting_id', '=', filter.meetingId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.triage) query = query.where('triage', '=', filter.triage);
  // Case-insensitive on both databases (PostgreSQL's LIKE is case-sensitive, SQLite's is not for
  // ASCII); wildcards and PostgreSQL's default escape character are taken out of the search text.
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, '').toLowerCase()}%`;
    query = query.where((eb) => eb(eb.fn<string>('lower', ['title']), 'like', pattern));
  }
  return query.orderBy('listed_at', 'desc').orderBy('id').execute();
}

/**
 * The next sign-off sequence for a compound and year. The counter row is created if missing and
 * incremented in the caller's transaction: if that transaction rolls back (or the process dies before
 * it commits), the increment is gone too, so no number is ever skipped.
 */
export async function nextSignOffSequence(db: Db, compoundId: string, year: number): Promise<number> {
  await db.insertInto('sign_off_counters').values({ compound_id: compoundId, year, last_value: 0 }).onConflict((oc) => oc.columns(['compound_id', 'year']).doNothing()).execute();
  const row = await db
    .updateTable('sign_off_counters')
    .set((eb) => ({ last_value: eb('last_value', '+', 1) }))
    .where('compound_id', '=', compoundId)
    .where('year', '=', year)
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export function findCompoundCode(db: Db, compoundId: string) {
  return db.selectFrom('compounds').select(['id', 'code', 'name']).where('id', '=', compoundId).executeTakeFirst();
}

export async function insertRating(db: Db, row: { id: string; action_item_id: string; user_id: string; sign_off_number: string; rating: string; comment: string; reopened: number; created_at: string }) {
  await db.insertInto('action_item_ratings').values(row).execute();
}

export function findRating(db: Db, itemId: string, userId: string, signOffNumber: string) {
  return db.selectFrom('action_item_ratings').selectAll().where('action_item_id', '=', itemId).where('user_id', '=', userId).where('sign_off_number', '=', signOffNumber).executeTakeFirst();
}

export function listRatings(db: Db, itemIds: readonly string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('action_item_ratings').select(['action_item_id', 'sign_off_number', 'rating', 'comment', 'reopened', 'created_at', 'user_id']).where('action_item_id', 'in', itemIds).orderBy('created_at').execute();
}
