/**
 * What the dashboard reads: the compounds in a subdistrict or community, and the plain rows of
 * meetings, questions, action items and ratings of those compounds that core/dashboard counts.
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

export function listQuestionsOfCompounds(db: Db, compoundIds: readonly string[]) {
  return db.selectFrom('meeting_questions').select(['meeting_id', 'status']).where('compound_id', 'in', idsOrNone(compoundIds)).execute();
}

export function listActionItemsOfCompounds(db: Db, compoundIds: readonly string[]) {
  return db
    .selectFrom('action_items')
    .select(['id', 'compound_id', 'status', 'listed_at', 'due_date', 'signed_off_at'])
    .where('compound_id', 'in', idsOrNone(compoundIds))
    .execute();
}

/** Every rating of the compounds' items, oldest first (so the last one of an item is its latest). */
export function listRatingsOfCompounds(db: Db, compoundIds: readonly string[]) {
  return db
    .selectFrom('action_item_ratings')
    .innerJoin('action_items', 'action_items.id', 'action_item_ratings.action_item_id')
    .select(['action_item_ratings.action_item_id', 'action_item_ratings.rating', 'action_item_ratings.created_at'])
    .where('action_items.compound_id', 'in', idsOrNone(compoundIds))
    .orderBy('action_item_ratings.created_at')
    .execute();
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
