/** Storage of action items, their dated updates, ratings and the sign-off counters. */
import { DomainError, encodeCursor, type ActionItemSourceKind, type ActionItemStatus, type CursorValue, type PageRequest, type Triage } from '@yishi/core';
import { sql, type Insertable, type SelectQueryBuilder, type Updateable } from 'kysely';
import { asc, cursorValues, desc, readPage } from '../keyset.js';
import type { Database } from '../database.js';
import type { Db } from './places.repository.js';
import type { ActionItemRatingTable, ActionItemRow, ActionItemTable, ActionItemUpdateTable, NewActionItem } from '../tables/action-items.table.js';

type ActionItemRowWithRank = ActionItemRow & { urgency_rank: number };

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
export async function updateActionItemIfStatus(db: Db, id: string, expectedStatus: ActionItemStatus, changes: Updateable<ActionItemTable>): Promise<boolean> {
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
  status?: ActionItemStatus;
  triage?: Triage;
  q?: string;
  /** The resident who raised the items (their own concerns). */
  raisedByUserId?: string;
}

function filtered(db: Db, filter: ActionItemFilter) {
  let query = db.selectFrom('action_items');
  if (filter.compoundId) query = query.where('compound_id', '=', filter.compoundId);
  if (filter.meetingId) query = query.where('source_meeting_id', '=', filter.meetingId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.triage) query = query.where('triage', '=', filter.triage);
  if (filter.raisedByUserId) query = query.where('raised_by_user_id', '=', filter.raisedByUserId);
  // Case-insensitive on both databases (PostgreSQL's LIKE is case-sensitive, SQLite's is not for
  // ASCII); wildcards and PostgreSQL's default escape character are taken out of the search text.
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, '').toLowerCase()}%`;
    query = query.where((eb) => eb(eb.fn<string>('lower', ['title']), 'like', pattern));
  }
  return query;
}

/** Every item the filter names, newest first (a meeting's items; lists of a compound are paged below). */
export function listActionItems(db: Db, filter: ActionItemFilter) {
  return filtered(db, filter).selectAll().orderBy('listed_at', 'desc').orderBy('id').execute();
}

/** A resident's own concerns, one page, newest first. */
export function pageActionItemsNewestFirst(db: Db, filter: ActionItemFilter, page: PageRequest) {
  return readPage(filtered(db, filter).selectAll(), [desc('listed_at'), desc('id')], page);
}

// ---- the urgency order ----------------------------------------------------------------------------
// Overdue first (rank 0), then what is still open (1), then awaiting sign-off (2), each by due date,
// then the signed off (3), the latest sign-off first; the id breaks ties. Overdue depends on the day
// (`today`, China date), as core's isOverdue does.

const STILL_OPEN = sql`status in ('open', 'in_progress')`;
const isOverdueSql = (today: string) => sql<boolean>`(${STILL_OPEN} and due_date < ${today})`;

export interface UrgencyFilter extends ActionItemFilter {
  overdue?: boolean;
}

function urgencyFiltered(db: Db, filter: UrgencyFilter, today: string) {
  const query = filtered(db, filter);
  if (filter.overdue === undefined) return query;
  return query.where(filter.overdue ? isOverdueSql(today) : sql<boolean>`not ${isOverdueSql(today)}`);
}

/**
 * The urgency order read as four segments, one per rank, each a range of an index on (compound,
 * status, due date or sign-off time, id) read in that index's order: no statement orders all of the
 * compound's items, so a page costs the same at its 40,000th item as at its first. Overdue and still
 * open are each a range of the due date around `today` for two statuses, read as two limited ranges
 * merged in SQL (at most twice a page's rows ordered).
 */
const SEGMENTS: ReadonlyArray<{ rank: 0 | 1 | 2 | 3; statuses: readonly ActionItemStatus[]; due?: 'before' | 'from' }> = [
  { rank: 0, statuses: ['open', 'in_progress'], due: 'before' },
  { rank: 1, statuses: ['open', 'in_progress'], due: 'from' },
  { rank: 2, statuses: ['resolved'] },
  { rank: 3, statuses: ['signed_off'] },
];

type ItemQuery = SelectQueryBuilder<Database, 'action_items', ActionItemRow>;

/** One status's part of a segment, after the cursor's key and id when the cursor is in this segment, at most `limit` rows in order. */
function segmentPart(
  db: Db,
  filter: ActionItemFilter,
  today: string,
  segment: (typeof SEGMENTS)[number],
  status: ActionItemStatus,
  after: CursorValue[] | null,
  limit: number,
) {
  let query = filtered(db, filter).selectAll().where('status', '=', status) as ItemQuery;
  if (segment.due === 'before') query = query.where('due_date', '<', today);
  if (segment.due === 'from') query = query.where('due_date', '>=', today);
  if (segment.rank === 3) {
    // The latest sign-off first, the id breaking ties upwards: the range bounds the time, the rest of the condition the ties.
    if (after) query = query.where('signed_off_at', '<=', String(after[1])).where(sql<boolean>`(signed_off_at < ${after[1]} or id > ${after[2]})`);
    return query.orderBy('signed_off_at', 'desc').orderBy('id').limit(limit);
  }
  if (after) query = query.where(sql<boolean>`(due_date, id) > (${after[1]}, ${after[2]})`);
  return query.orderBy('due_date').orderBy('id').limit(limit);
}

/** Up to `limit` rows of one segment in order (its statuses' parts merged in SQL when it has two). */
async function readSegment(db: Db, filter: ActionItemFilter, today: string, segment: (typeof SEGMENTS)[number], after: CursorValue[] | null, limit: number) {
  const statuses = segment.statuses.filter((s) => !filter.status || s === filter.status);
  if (statuses.length === 0) return [];
  const parts = statuses.map((s) => segmentPart(db, filter, today, segment, s, after, limit));
  if (parts.length === 1) return parts[0]!.execute();
  // SQLite takes ORDER BY and LIMIT only on a whole compound select: each part is wrapped in a subquery.
  const [first, ...rest] = parts.map((part, i) => db.selectFrom(part.as(`part${i}`)).selectAll() as unknown as ItemQuery);
  const union = rest.reduce((all, part) => all.unionAll(part), first!);
  return (db.selectFrom(union.as('segment')).selectAll() as unknown as ItemQuery).orderBy('due_date').orderBy('id').limit(limit).execute();
}

/**
 * One page of the compound's items in the urgency order: overdue first (rank 0), then what is still
 * open (1), then awaiting sign-off (2), each by due date, then the signed off (3), the latest sign-off
 * first; the id breaks ties. The cursor names the rank, the key (due date, or sign-off time when signed
 * off) and the id of the page's last item; the page is read from that segment on, at most one
 * statement per segment.
 */
export async function pageActionItemsByUrgency(db: Db, filter: UrgencyFilter, today: string, page: PageRequest) {
  let after: CursorValue[] | null = null;
  if (page.after !== undefined) {
    // Three values (rank, key, id), the rank one of 0–3: anything else was not handed out by this list.
    after = cursorValues([asc('rank', { type: 'number' }), asc('key'), asc('id')], page.after);
    if (![0, 1, 2, 3].includes(after[0] as number)) throw new DomainError('page_cursor_invalid');
  }
  // Overdue is rank 0 alone; not overdue, the other three.
  const segments = SEGMENTS.filter((s) => filter.overdue === undefined || (s.rank === 0) === filter.overdue);
  const rows: ActionItemRowWithRank[] = [];
  for (const segment of segments) {
    if (after && segment.rank < Number(after[0])) continue;
    const read = await readSegment(db, filter, today, segment, after && segment.rank === after[0] ? after : null, page.limit + 1 - rows.length);
    rows.push(...read.map((row) => ({ ...row, urgency_rank: segment.rank })));
    if (rows.length > page.limit) break;
  }
  const more = rows.length > page.limit;
  if (more) rows.length = page.limit;
  const last = rows.at(-1);
  const next = more && last ? encodeCursor([last.urgency_rank, last.status === 'signed_off' ? last.signed_off_at : last.due_date, last.id]) : null;
  return { rows, next };
}

/** How many items the filter names, how many are signed off and how many overdue (one statement). */
export async function countActionItems(db: Db, filter: UrgencyFilter, today: string) {
  const row = await urgencyFiltered(db, filter, today)
    .select((eb) => [
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.sum<number | string | null>(sql`case when status = 'signed_off' then 1 else 0 end`).as('signed_off'),
      eb.fn.sum<number | string | null>(sql`case when ${isOverdueSql(today)} then 1 else 0 end`).as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), signedOff: Number(row.signed_off ?? 0), overdue: Number(row.overdue ?? 0) };
}

/** The compound of the items listed under a meeting id (items listed by hand may name a meeting the database does not hold). */
export async function findCompoundOfMeetingItems(db: Db, meetingId: string): Promise<string | undefined> {
  const row = await db.selectFrom('action_items').select('compound_id').where('source_meeting_id', '=', meetingId).limit(1).executeTakeFirst();
  return row?.compound_id;
}

/**
 * The record an action item's source names, with the compound and meeting it belongs to: a question
 * or an agenda item (through its meeting) or a proposal. Undefined when there is no such record.
 */
export async function findSourceRecord(db: Db, kind: ActionItemSourceKind, id: string): Promise<{ compoundId: string; meetingId: string | null } | undefined> {
  if (kind === 'evening_question' || kind === 'council_outcome') {
    const table = kind === 'evening_question' ? 'meeting_questions' : 'meeting_agenda_items';
    const row = await db
      .selectFrom(table)
      .innerJoin('meetings', 'meetings.id', `${table}.meeting_id`)
      .select(['meetings.compound_id as compoundId', 'meetings.id as meetingId'])
      .where(`${table}.id`, '=', id)
      .executeTakeFirst();
    return row;
  }
  if (kind === 'proposal') {
    const row = await db.selectFrom('proposals').select('compound_id').where('id', '=', id).executeTakeFirst();
    return row && { compoundId: row.compound_id, meetingId: null };
  }
  // A concern is the item itself: its source id names no other record.
  return undefined;
}

/** Whether a meeting with this id is one of the compound's. */
export async function isMeetingOfCompound(db: Db, meetingId: string, compoundId: string): Promise<boolean> {
  const row = await db.selectFrom('meetings').select('id').where('id', '=', meetingId).where('compound_id', '=', compoundId).executeTakeFirst();
  return row !== undefined;
}

/** Who asked an evening-talk question under their own account (null: anonymous or recorded from the floor). */
export async function findQuestionAsker(db: Db, questionId: string): Promise<string | null> {
  const row = await db.selectFrom('meeting_questions').select('asked_by_user_id').where('id', '=', questionId).executeTakeFirst();
  return row?.asked_by_user_id ?? null;
}

/**
 * The next sign-off sequence for a compound and year. The counter row is created if missing and
 * incremented in the caller's transaction: if that transaction rolls back (or the process dies before
 * it commits), the increment is gone too, so no number is ever skipped.
 */
export async function nextSignOffSequence(db: Db, compoundId: string, year: number): Promise<number> {
  await db
    .insertInto('sign_off_counters')
    .values({ compound_id: compoundId, year, last_value: 0 })
    .onConflict((oc) => oc.columns(['compound_id', 'year']).doNothing())
    .execute();
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

export async function insertRating(db: Db, row: Insertable<ActionItemRatingTable>): Promise<void> {
  await db.insertInto('action_item_ratings').values(row).execute();
}

export function findRating(db: Db, itemId: string, userId: string, signOffNumber: string) {
  return db
    .selectFrom('action_item_ratings')
    .select(['rating', 'comment'])
    .where('action_item_id', '=', itemId)
    .where('user_id', '=', userId)
    .where('sign_off_number', '=', signOffNumber)
    .executeTakeFirst();
}

export function listRatings(db: Db, itemIds: readonly string[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('action_item_ratings')
    .select(['action_item_id', 'sign_off_number', 'rating', 'comment', 'reopened', 'created_at', 'user_id'])
    .where('action_item_id', 'in', itemIds)
    .orderBy('created_at')
    .execute();
}
