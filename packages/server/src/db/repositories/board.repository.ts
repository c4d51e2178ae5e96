/**
 * What the public board reads in one statement for many meetings (their topics and question
 * statuses), and the newest sign-offs of a compound for its notices, newest first and only as many
 * as shown (a compound may have 30,000).
 */
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
