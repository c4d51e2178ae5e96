/**
 * What the public board reads in one statement for many meetings (their topics and question
 * statuses), and for its notices the newest meetings, minutes, votes and sign-offs of a compound,
 * newest first and only as many of each as shown (a compound may have 30,000 sign-offs and hundreds
 * of votes and meetings).
 */
import { sql } from 'kysely';
import type { Db } from './places.repository.js';

/** The frozen agenda rows' titles of the meetings, in each meeting's order. */
export function listAgendaTitlesOfMeetings(db: Db, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('meeting_agenda_items')
    .select(['meeting_id', 'title'])
    .where('meeting_id', 'in', [...meetingIds])
    .orderBy('meeting_id')
    .orderBy('position')
    .execute();
}

/** The status of every question of the meetings. */
export function listQuestionStatusesOfMeetings(db: Db, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('meeting_questions')
    .select(['meeting_id', 'status'])
    .where('meeting_id', 'in', [...meetingIds])
    .execute();
}

/** The compound's `limit` latest sign-offs (items signed off now), newest first. */
export function listLatestSignOffs(db: Db, compoundId: string, limit: number) {
  return db
    .selectFrom('action_items')
    .select(['id', 'title', 'sign_off_number', 'responsible_unit', 'signed_off_at'])
    .where('compound_id', '=', compoundId)
    .where('status', '=', 'signed_off')
    .where('signed_off_at', 'is not', null)
    .orderBy('signed_off_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The compound's `limit` newest meeting notices: scheduled meetings dated when they were scheduled
 * (their start when that is not known), cancelled ones when cancelled; newest first, the later start
 * breaking ties.
 */
export function listLatestMeetingNotices(db: Db, compoundId: string, limit: number) {
  const date = sql<string>`case when status = 'cancelled' then updated_at else coalesce(scheduled_at, starts_at) end`;
  return db
    .selectFrom('meetings')
    .select(['id', 'kind', 'title', 'status', 'starts_at', 'place', date.as('date')])
    .where('compound_id', '=', compoundId)
    .where('status', 'in', ['scheduled', 'cancelled'])
    .orderBy(date, 'desc')
    .orderBy('starts_at', 'desc')
    .limit(limit)
    .execute();
}

/** The compound's `limit` newest published minutes versions, newest first (the later meeting, then the later version, breaking ties). */
export function listLatestMinutesNotices(db: Db, compoundId: string, limit: number) {
  return db
    .selectFrom('minutes_versions as v')
    .innerJoin('meetings as m', 'm.id', 'v.meeting_id')
    .select(['v.id', 'v.meeting_id', 'v.version', 'v.title', 'v.reason', 'v.published_at'])
    .where('v.compound_id', '=', compoundId)
    .orderBy('v.published_at', 'desc')
    .orderBy('m.starts_at', 'desc')
    .orderBy('v.version', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The compound's `limit` newest vote notices: open votes dated when they opened, closed ones when
 * they closed (with their result); newest first, the later created breaking ties.
 */
export function listLatestVoteNotices(db: Db, compoundId: string, limit: number) {
  const date = sql<string>`case when status = 'open' then opened_at else closed_at end`;
  return db
    .selectFrom('votes')
    .select(['id', 'title', 'status', 'closes_at', 'rule_json', 'result_json', date.as('date')])
    .where('compound_id', '=', compoundId)
    .where('status', 'in', ['open', 'closed'])
    .where(date, 'is not', null)
    .orderBy(date, 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
