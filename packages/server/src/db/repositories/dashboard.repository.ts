/**
 * What the dashboard reads: the compounds in a subdistrict or community, the meetings of those
 * compounds, and the questions and action items as counts grouped in SQL (core/dashboard-tallies.ts
 * says what is counted), never a row per item.
 */
import type { Db } from './places.repository.js';

export function listCompoundsInScope(db: Db, scope: 'subdistrict' | 'community', id: string) {
  let q = db
    .selectFrom('compounds')
    .innerJoin('communities', 'communities.id', 'compounds.community_id')
    .select(['compounds.id', 'compounds.name', 'compounds.code', 'communities.id as communityId', 'communities.name as communityName']);
  q = scope === 'subdistrict' ? q.where('communities.subdistrict_id', '=', id) : q.where('communities.id', '=', id);
  return q.orderBy('compounds.code').execute();
}

/** `in ()` is not SQL: an empty scope asks for an id no row has. */
function idsOrNone(compoundIds: readonly string[]): string[] {
  return compoundIds.length > 0 ? [...compoundIds] : ['-'];
}

export function listMeetingsOfCompounds(db: Db, compoundIds: readonly string[]) {
  return db
    .selectFrom('meetings')
    .select(['id', 'compound_id', 'kind', 'status', 'starts_at', 'started_at'])
    .where('compound_id', 'in', idsOrNone(compoundIds))
    .execute();
}

/** Questions per meeting and status (core counts those of the meetings held in the period). */
export async function countQuestionsOfCompounds(db: Db, compoundIds: readonly string[]) {
  const rows = await db
    .selectFrom('meeting_questions')
    .select((eb) => ['meeting_id', 'status', eb.fn.countAll().as('count')])
    .where('compound_id', 'in', idsOrNone(compoundIds))
    .groupBy(['meeting_id', 'status'])
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** The period of the action-item counts: China dates, `asOf` its last day or today if earlier. */
export interface ItemPeriod {
  from: string;
  to: string;
  asOf: string;
}

/**
 * The first instant of a China day as stored text. Instants are stored as toISOString() writes them
 * (UTC, ending in Z), which sort as text in time order: a China day, or a period of them, is a text
 * range, read from an index of the column.
 */
function startOfChinaDay(date: string, days = 0): string {
  return new Date(Date.parse(`${date}T00:00:00.000+08:00`) + days * 86_400_000).toISOString();
}

/** Per compound: items listed in the period, and items listed by `asOf`, still open and past their due date on it. */
export async function countListedAndOverdue(db: Db, compoundIds: readonly string[], period: ItemPeriod) {
  const listed = await db
    .selectFrom('action_items')
    .select((eb) => ['compound_id', eb.fn.countAll().as('n')])
    .where('compound_id', 'in', idsOrNone(compoundIds))
    .where('listed_at', '>=', startOfChinaDay(period.from))
    .where('listed_at', '<', startOfChinaDay(period.to, 1))
    .groupBy('compound_id')
    .execute();
  // Listed by `asOf` is counted, not filtered on: the open items by due date are the range to read.
  const listedBy = startOfChinaDay(period.asOf, 1);
  const overdue = await db
    .selectFrom('action_items')
    .select((eb) => ['compound_id', eb.fn.sum<number | string>(eb.case().when('listed_at', '<', listedBy).then(1).else(0).end()).as('n')])
    .where('compound_id', 'in', idsOrNone(compoundIds))
    .where('status', 'in', ['open', 'in_progress'])
    .where('due_date', '<', period.asOf)
    .groupBy('compound_id')
    .execute();
  const count = (rows: ReadonlyArray<{ compound_id: string; n: unknown }>, id: string) => Number(rows.find((r) => r.compound_id === id)?.n ?? 0);
  return compoundIds.map((id) => ({ compoundId: id, listed: count(listed, id), overdue: count(overdue, id) }));
}

/**
 * Sign-offs in the period per compound, China day, on time or not, latest rating and whether the day
 * is not before the listing (only those count working days): read from the counts the database keeps
 * (sign_off_tallies, migration 20270104080000), a few rows per day, not a row per item.
 */
export async function countSignOffs(db: Db, compoundIds: readonly string[], period: ItemPeriod) {
  const rows = await db
    .selectFrom('sign_off_tallies')
    .select(['compound_id', 'signed_on', 'on_time', 'forward', 'rating', 'count'])
    .where('compound_id', 'in', idsOrNone(compoundIds))
    .where('signed_on', '>=', period.from)
    .where('signed_on', '<=', period.to)
    .where('count', '>', 0)
    .execute();
  return rows.map((r) => ({
    compoundId: r.compound_id,
    signedOn: r.signed_on,
    onTime: Number(r.on_time) === 1,
    forward: Number(r.forward) === 1,
    rating: r.rating === '' ? null : r.rating,
    count: Number(r.count),
  }));
}

/** How many of the period's sign-offs (those not before their listing) were listed on each China day, per compound. */
export async function countSignOffListingDays(db: Db, compoundIds: readonly string[], period: ItemPeriod) {
  const rows = await db
    .selectFrom('sign_off_listing_tallies')
    .select((eb) => ['compound_id', 'listed_on', eb.fn.sum<number | string>('count').as('count')])
    .where('compound_id', 'in', idsOrNone(compoundIds))
    .where('signed_on', '>=', period.from)
    .where('signed_on', '<=', period.to)
    .groupBy(['compound_id', 'listed_on'])
    .having((eb) => eb.fn.sum('count'), '>', 0)
    .execute();
  return rows.map((r) => ({ compoundId: r.compound_id, date: r.listed_on, count: Number(r.count) }));
}

/** Held (closed) meetings of the compounds with no published minutes yet, oldest first. */
export function listMeetingsWithoutMinutes(db: Db, compoundIds: readonly string[]) {
  return db
    .selectFrom('meetings')
    .leftJoin('minutes_versions', 'minutes_versions.meeting_id', 'meetings.id')
    .select(['meetings.id', 'meetings.compound_id', 'meetings.kind', 'meetings.title', 'meetings.starts_at', 'meetings.started_at'])
    .where('meetings.compound_id', 'in', idsOrNone(compoundIds))
    .where('meetings.status', '=', 'closed')
    .where('minutes_versions.id', 'is', null)
    .orderBy('meetings.starts_at')
    .execute();
}
