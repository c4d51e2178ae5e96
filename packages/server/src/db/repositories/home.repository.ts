/**
 * What the home page's "what needs me" reads: one statement per section, over all the caller's
 * compounds at once (however many compounds a subdistrict has).
 */
import { HOME_LIST_LIMIT } from '@yishi/core';
import { sql } from 'kysely';
import type { Db } from './places.repository.js';

/**
 * A list the home page shows the first entries of, with how many there are in all: the first
 * HOME_LIST_LIMIT rows, each carrying the count (a compound of 10,000 flats has thousands of overdue or
 * unsigned items, which the page never shows: read, they took 68 ms of a PostgreSQL home page).
 */
const inAll = sql<number | string>`count(*) over ()`.as('inAll');

/** `in ()` is not SQL: an empty list asks for an id no row has. */
function idsOrNone(ids: readonly string[]): string[] {
  return ids.length > 0 ? [...ids] : ['-'];
}

/**
 * Entries on the roll of open votes (closing after `nowIso`) for these voter keys (my unit ids, my
 * person id) that have no ballot yet, soonest closing first, then in roll order.
 */
export function listUnvotedRollEntries(db: Db, voterKeys: readonly string[], nowIso: string) {
  return db
    .selectFrom('vote_electorate as ve')
    .innerJoin('votes', 'votes.id', 've.vote_id')
    .innerJoin('compounds', 'compounds.id', 'votes.compound_id')
    .leftJoin('ballots', (join) =>
      join
        .onRef('ballots.vote_id', '=', 've.vote_id')
        .on((eb) => eb.or([eb('ballots.unit_id', '=', eb.ref('ve.voter_key')), eb('ballots.person_id', '=', eb.ref('ve.voter_key'))])),
    )
    .select([
      'votes.id as voteId',
      'votes.title',
      'votes.closes_at as closesAt',
      'votes.compound_id as compoundId',
      'compounds.name as compoundName',
      've.voter_key as voterKey',
      've.unit_id as unitId',
      've.label',
      've.owner_person_ids',
    ])
    .where('votes.status', '=', 'open')
    .where('votes.closes_at', '>', nowIso)
    .where('ve.voter_key', 'in', idsOrNone(voterKeys))
    .where('ballots.id', 'is', null)
    .orderBy('votes.closes_at')
    .orderBy('ve.sort_key')
    .execute();
}

/**
 * Flats of open votes (closing after `nowIso`) whose owners authorised this user as their proxy
 * (委托代投) and confirmed it, with no ballot yet — the owner's own or hers — soonest closing first, with
 * the owner's name. On vote_proxies_holder_idx: a range of the holder's authorisations, never a scan.
 */
export function listProxyUnitsToCast(db: Db, userId: string, nowIso: string) {
  return db
    .selectFrom('vote_proxies as p')
    .innerJoin('vote_proxy_units as pu', 'pu.proxy_id', 'p.id')
    .innerJoin('votes', 'votes.id', 'p.vote_id')
    .innerJoin('compounds', 'compounds.id', 'votes.compound_id')
    .innerJoin('persons', 'persons.id', 'p.principal_person_id')
    .leftJoin('ballots', (join) => join.onRef('ballots.vote_id', '=', 'pu.vote_id').onRef('ballots.unit_id', '=', 'pu.unit_id'))
    .select([
      'votes.id as voteId',
      'votes.title',
      'votes.closes_at as closesAt',
      'votes.compound_id as compoundId',
      'compounds.name as compoundName',
      'pu.unit_id as unitId',
      'pu.label',
      'persons.name as principalName',
    ])
    .where('p.proxy_user_id', '=', userId)
    .where('p.status', '=', 'confirmed')
    .where('votes.status', '=', 'open')
    .where('votes.closes_at', '>', nowIso)
    .where('ballots.id', 'is', null)
    .orderBy('votes.closes_at')
    .orderBy('pu.label')
    .execute();
}

/** Action items with what every home entry names: the item, its title and its compound. */
function itemsWithCompound(db: Db) {
  return db
    .selectFrom('action_items')
    .innerJoin('compounds', 'compounds.id', 'action_items.compound_id')
    .select(['action_items.id', 'action_items.title', 'action_items.compound_id as compoundId', 'compounds.name as compoundName']);
}

/** The concerns a person reported, newest first, with their compound's name. */
export function listConcernsRaisedBy(db: Db, userId: string) {
  return itemsWithCompound(db)
    .select([
      'action_items.status',
      'action_items.due_date as dueDate',
      'action_items.sign_off_number as signOffNumber',
      'action_items.signed_off_at as signedOffAt',
    ])
    .where('action_items.raised_by_user_id', '=', userId)
    .orderBy('action_items.listed_at', 'desc')
    .execute();
}

/**
 * The evening-talk questions a person asked since `sinceIso` and not put on the question list (those
 * are action items, among their concerns), newest first (two asked in the same instant: the later
 * number first, as on the talk's own list), with their meeting and compound.
 */
export function listQuestionsAskedBy(db: Db, userId: string, sinceIso: string) {
  return db
    .selectFrom('meeting_questions as q')
    .innerJoin('meetings', 'meetings.id', 'q.meeting_id')
    .innerJoin('compounds', 'compounds.id', 'q.compound_id')
    .select([
      'q.id',
      'q.meeting_id as meetingId',
      'meetings.title as meetingTitle',
      'q.compound_id as compoundId',
      'compounds.name as compoundName',
      'q.number',
      'q.text',
      'q.status',
      'q.answer',
      'q.created_at as askedAt',
    ])
    .where('q.asked_by_user_id', '=', userId)
    .where('q.created_at', '>=', sinceIso)
    .where('q.status', '!=', 'listed')
    .orderBy('q.created_at', 'desc')
    .orderBy('q.number', 'desc')
    .orderBy('q.id')
    .execute();
}

/**
 * Signed-off items the person may rate and has not rated for their current sign-off number: their
 * own concerns, and items from meetings (no raiser) of these compounds signed off since `sinceIso`.
 */
export function listUnratedSignOffs(db: Db, input: { userId: string; compoundIds: readonly string[]; sinceIso: string }) {
  return db
    .selectFrom('action_items')
    .innerJoin('compounds', 'compounds.id', 'action_items.compound_id')
    .leftJoin('action_item_ratings as r', (join) =>
      join.onRef('r.action_item_id', '=', 'action_items.id').onRef('r.sign_off_number', '=', 'action_items.sign_off_number').on('r.user_id', '=', input.userId),
    )
    .select([
      'action_items.id',
      'action_items.title',
      'action_items.compound_id as compoundId',
      'compounds.name as compoundName',
      'action_items.sign_off_number as signOffNumber',
      'action_items.signed_off_at as signedOffAt',
      'action_items.raised_by_user_id as raisedBy',
    ])
    .where('action_items.status', '=', 'signed_off')
    .where('r.id', 'is', null)
    .where((eb) =>
      eb.or([
        eb('action_items.raised_by_user_id', '=', input.userId),
        eb.and([
          eb('action_items.raised_by_user_id', 'is', null),
          eb('action_items.compound_id', 'in', idsOrNone(input.compoundIds)),
          eb('action_items.signed_off_at', '>=', input.sinceIso),
        ]),
      ]),
    )
    .orderBy('action_items.signed_off_at', 'desc')
    .execute();
}

/** The first items of these compounds still open or in progress and due on or before `today` (a China date), earliest first. */
export function listDueActionItems(db: Db, compoundIds: readonly string[], today: string) {
  return itemsWithCompound(db)
    .select(['action_items.status', 'action_items.triage', 'action_items.due_date as dueDate'])
    .where('action_items.compound_id', 'in', idsOrNone(compoundIds))
    .where('action_items.status', 'in', ['open', 'in_progress'])
    .where('action_items.due_date', '<=', today)
    .select(inAll)
    .orderBy('action_items.due_date')
    .orderBy('action_items.listed_at')
    .orderBy('action_items.id')
    .limit(HOME_LIST_LIMIT)
    .execute();
}

/**
 * Items nobody has started (open) given to a unit at compounds where the caller stands for it, due
 * after `today` (earlier ones are in the due list), soonest due first.
 */
export function listNewItemsForUnits(db: Db, units: ReadonlyArray<{ unit: string; compoundIds: readonly string[] }>, today: string) {
  return itemsWithCompound(db)
    .select([
      'action_items.responsible_unit as responsibleUnit',
      'action_items.triage',
      'action_items.due_date as dueDate',
      'action_items.listed_at as listedAt',
    ])
    .where('action_items.status', '=', 'open')
    .where('action_items.due_date', '>', today)
    .where((eb) =>
      eb.or(
        units.map(({ unit, compoundIds }) =>
          eb.and([eb('action_items.responsible_unit', '=', unit), eb('action_items.compound_id', 'in', idsOrNone(compoundIds))]),
        ),
      ),
    )
    .select(inAll)
    .orderBy('action_items.due_date')
    .orderBy('action_items.listed_at')
    .orderBy('action_items.id')
    .limit(HOME_LIST_LIMIT)
    .execute();
}

/**
 * The first items of these compounds marked resolved and not signed off yet, longest waiting first;
 * not those `userId` resolved, which someone else signs off.
 */
export function listItemsToSignOff(db: Db, compoundIds: readonly string[], userId: string) {
  return itemsWithCompound(db)
    .select(['action_items.resolved_at as resolvedAt'])
    .where('action_items.compound_id', 'in', idsOrNone(compoundIds))
    .where('action_items.status', '=', 'resolved')
    .where((eb) => eb.or([eb('action_items.resolved_by_user_id', 'is', null), eb('action_items.resolved_by_user_id', '!=', userId)]))
    .select(inAll)
    .orderBy('action_items.resolved_at')
    .orderBy('action_items.id')
    .limit(HOME_LIST_LIMIT)
    .execute();
}

/** Held (closed) meetings of these compounds whose minutes have no published version yet. */
export function listHeldMeetingsWithoutMinutes(db: Db, compoundIds: readonly string[]) {
  return db
    .selectFrom('meetings')
    .innerJoin('compounds', 'compounds.id', 'meetings.compound_id')
    .leftJoin('minutes_versions', 'minutes_versions.meeting_id', 'meetings.id')
    .select([
      'meetings.id',
      'meetings.title',
      'meetings.kind',
      'meetings.compound_id as compoundId',
      'compounds.name as compoundName',
      'meetings.starts_at',
      'meetings.started_at',
    ])
    .where('meetings.compound_id', 'in', idsOrNone(compoundIds))
    .where('meetings.status', '=', 'closed')
    .where('minutes_versions.id', 'is', null)
    .execute();
}

/** Meetings of these compounds in session now, or scheduled to start between the two instants. */
export function listMeetingsBetween(db: Db, compoundIds: readonly string[], fromIso: string, toIso: string) {
  return db
    .selectFrom('meetings')
    .innerJoin('compounds', 'compounds.id', 'meetings.compound_id')
    .select([
      'meetings.id',
      'meetings.title',
      'meetings.kind',
      'meetings.status',
      'meetings.compound_id as compoundId',
      'compounds.name as compoundName',
      'meetings.starts_at as startsAt',
      'meetings.place',
    ])
    .where('meetings.compound_id', 'in', idsOrNone(compoundIds))
    .where((eb) =>
      eb.or([
        eb('meetings.status', '=', 'in_session'),
        eb.and([eb('meetings.status', '=', 'scheduled'), eb('meetings.starts_at', '>=', fromIso), eb('meetings.starts_at', '<=', toIso)]),
      ]),
    )
    .orderBy('meetings.starts_at')
    .execute();
}

/** Open votes of these compounds closing between the two instants, soonest first (whole rows: their turnout is counted next). */
export function listVotesClosingBetween(db: Db, compoundIds: readonly string[], fromIso: string, toIso: string) {
  return db
    .selectFrom('votes')
    .innerJoin('compounds', 'compounds.id', 'votes.compound_id')
    .selectAll('votes')
    .select('compounds.name as compoundName')
    .where('votes.compound_id', 'in', idsOrNone(compoundIds))
    .where('votes.status', '=', 'open')
    .where('votes.closes_at', '>', fromIso)
    .where('votes.closes_at', '<=', toIso)
    .orderBy('votes.closes_at')
    .execute();
}
