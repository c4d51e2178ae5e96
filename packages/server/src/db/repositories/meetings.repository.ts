/** The meetings feature's SQL: meetings, their agenda rows, attendance and evening-talk questions. */
import type { MeetingKind, MeetingStatus, PageRequest, QuorumRule } from '@yishi/core';
import { sql, type ExpressionBuilder, type Updateable } from 'kysely';
import type { Database } from '../database.js';
import type {
  MeetingAgendaItemTable,
  MeetingAttendanceTable,
  MeetingQuestionTable,
  MeetingTable,
  NewAgendaItem,
  NewMeeting,
} from '../tables/meetings.table.js';
import type { Db } from './places.repository.js';
import { asc, desc, descExpression, readPage } from '../keyset.js';

export function findMeeting(db: Db, id: string) {
  return db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listMeetingsOfCompound(db: Db, compoundId: string, statuses?: readonly MeetingStatus[]) {
  let q = db.selectFrom('meetings').selectAll().where('compound_id', '=', compoundId);
  if (statuses) q = q.where('status', 'in', [...statuses]);
  return q.orderBy('starts_at', 'desc').execute();
}

/** When a meeting was held (the time it started), or its notice's time while it has not started. */
const heldAt = sql<string>`coalesce(meetings.started_at, meetings.starts_at)`;

/**
 * One page of a compound's meetings, newest first by when they were held (the notice's time for those
 * not started yet; the id breaks ties); drafts and cancelled
 * meetings only of the kinds in `draftKinds` (those the caller runs or edits the agenda of).
 */
export function readMeetingsPage(db: Db, compoundId: string, draftKinds: readonly MeetingKind[], page: PageRequest) {
  const query = db
    .selectFrom('meetings')
    .selectAll()
    .select(heldAt.as('held_at'))
    .where('compound_id', '=', compoundId)
    .where((eb) => {
      const held = eb('status', 'not in', ['draft', 'cancelled']);
      return draftKinds.length === 0 ? held : eb.or([held, eb('kind', 'in', [...draftKinds])]);
    });
  return readPage(query, [descExpression(heldAt, 'held_at'), desc('meetings.id', 'id')], page);
}

/**
 * One page of a compound's upcoming meetings for the public board, soonest first (the id breaks ties):
 * scheduled or in session, and cancelled ones until their time has passed (shown marked).
 */
export function readUpcomingMeetingsPage(db: Db, compoundId: string, now: string, page: PageRequest) {
  const query = db
    .selectFrom('meetings')
    .selectAll()
    .where('compound_id', '=', compoundId)
    .where((eb) => eb.or([eb('status', 'in', ['scheduled', 'in_session']), eb.and([eb('status', '=', 'cancelled'), eb('starts_at', '>=', now)])]));
  return readPage(query, [asc('meetings.starts_at', 'starts_at'), asc('meetings.id', 'id')], page);
}

/** The compound's last `limit` closed meetings, newest held first (not by the time their notice gave). */
export function listRecentlyClosedMeetings(db: Db, compoundId: string, limit: number) {
  return db
    .selectFrom('meetings')
    .selectAll()
    .where('compound_id', '=', compoundId)
    .where('status', '=', 'closed')
    .orderBy(heldAt, 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function insertMeeting(db: Db, row: NewMeeting): Promise<void> {
  await db.insertInto('meetings').values(row).execute();
}

/** Every change raises the meeting's revision (the calendar's SEQUENCE), also on other instances. */
function withNextRevision(set: Updateable<MeetingTable>) {
  return (eb: ExpressionBuilder<Database, 'meetings'>) => ({ ...set, revision: eb('revision', '+', 1) });
}

export async function updateMeeting(db: Db, id: string, set: Updateable<MeetingTable>): Promise<void> {
  await db.updateTable('meetings').set(withNextRevision(set)).where('id', '=', id).execute();
}

/**
 * The residents' count of a meeting open to all. Not a change of the meeting as announced: its
 * revision (the calendar's SEQUENCE) stays.
 */
export async function updateResidentCount(db: Db, id: string, residents: number | null): Promise<void> {
  await db.updateTable('meetings').set({ resident_count: residents }).where('id', '=', id).execute();
}

/** Removes an attendance row (a cadre noted at a meeting open to all by mistake). */
export async function deleteAttendance(db: Db, meetingId: string, id: string): Promise<void> {
  await db.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).where('id', '=', id).execute();
}

/**
 * Changes a meeting only if it still has the status the caller read (compare-and-set): false when
 * another request moved it on first, so the caller refuses instead of acting a second time.
 */
export async function updateMeetingIfStatus(db: Db, id: string, expectedStatus: MeetingStatus, set: Updateable<MeetingTable>): Promise<boolean> {
  const result = await db.updateTable('meetings').set(withNextRevision(set)).where('id', '=', id).where('status', '=', expectedStatus).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listAgendaItems(db: Db, meetingId: string) {
  return db.selectFrom('meeting_agenda_items').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute();
}

export function findAgendaItem(db: Db, meetingId: string, itemId: string) {
  return db.selectFrom('meeting_agenda_items').selectAll().where('meeting_id', '=', meetingId).where('id', '=', itemId).executeTakeFirst();
}

export async function insertAgendaItem(db: Db, row: NewAgendaItem): Promise<void> {
  await db.insertInto('meeting_agenda_items').values(row).execute();
}

export async function updateAgendaItem(db: Db, id: string, set: Updateable<MeetingAgendaItemTable>): Promise<void> {
  await db.updateTable('meeting_agenda_items').set(set).where('id', '=', id).execute();
}

export async function deleteAgendaItem(db: Db, id: string): Promise<void> {
  await db.deleteFrom('meeting_agenda_items').where('id', '=', id).execute();
}

export function listAttendance(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_attendance')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('party', (ob) => ob.asc().nullsFirst())
    .orderBy('name')
    .execute();
}

export function findAttendance(db: Db, meetingId: string, id: string) {
  return db.selectFrom('meeting_attendance').selectAll().where('meeting_id', '=', meetingId).where('id', '=', id).executeTakeFirst();
}

export async function insertAttendance(db: Db, row: MeetingAttendanceTable): Promise<void> {
  await db.insertInto('meeting_attendance').values(row).execute();
}

export async function updateAttendance(db: Db, id: string, set: Updateable<MeetingAttendanceTable>): Promise<void> {
  await db.updateTable('meeting_attendance').set(set).where('id', '=', id).execute();
}

/** The four parties' representatives granted at a compound: the people a council invites. */
export function listPartyReps(db: Db, compoundId: string) {
  return db
    .selectFrom('role_assignments')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .select(['users.id as userId', 'users.display_name as name', 'role_assignments.party', 'role_assignments.organisation'])
    .where('role_assignments.role', '=', 'party_rep')
    .where('role_assignments.scope_kind', '=', 'compound')
    .where('role_assignments.scope_id', '=', compoundId)
    .where('users.disabled', '=', 0)
    .orderBy('role_assignments.party')
    .orderBy('users.display_name')
    .execute();
}

/** A meeting's questions in number order, with the building's name and the asking account's name. */
function questionsQuery(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_questions')
    .leftJoin('buildings', 'buildings.id', 'meeting_questions.building_id')
    .leftJoin('users', 'users.id', 'meeting_questions.asked_by_user_id')
    .selectAll('meeting_questions')
    .select(['buildings.name as buildingName', 'users.display_name as askerDisplayName'])
    .where('meeting_questions.meeting_id', '=', meetingId);
}

/** Every question of a meeting in the order raised (the minutes record and an item's sources: one meeting's talk). */
export function listQuestions(db: Db, meetingId: string) {
  return questionsQuery(db, meetingId).orderBy('meeting_questions.number').execute();
}

/** One page of a meeting's questions in the order raised (numbers are unique in a meeting; the id keeps the order total). */
export function readQuestionsPage(db: Db, meetingId: string, page: PageRequest) {
  return readPage(
    questionsQuery(db, meetingId),
    [asc('meeting_questions.number', { field: 'number', type: 'number' }), asc('meeting_questions.id', 'id')],
    page,
  );
}

export function findQuestion(db: Db, meetingId: string, id: string) {
  return db.selectFrom('meeting_questions').selectAll().where('meeting_id', '=', meetingId).where('id', '=', id).executeTakeFirst();
}

export async function nextQuestionNumber(db: Db, meetingId: string): Promise<number> {
  const row = await db
    .selectFrom('meeting_questions')
    .select((eb) => eb.fn.max<number | null>('number').as('max'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function insertQuestion(db: Db, row: MeetingQuestionTable): Promise<void> {
  await db.insertInto('meeting_questions').values(row).execute();
}

export async function updateQuestion(db: Db, id: string, set: Updateable<MeetingQuestionTable>): Promise<void> {
  await db.updateTable('meeting_questions').set(set).where('id', '=', id).execute();
}

/**
 * Moves a question out of 'raised' only if it is still 'raised' (compare-and-set), so two staff
 * handling the same question at the same moment cannot both succeed. Returns false when it was not.
 */
export async function claimRaisedQuestion(db: Db, id: string, set: Updateable<MeetingQuestionTable>): Promise<boolean> {
  const result = await db.updateTable('meeting_questions').set(set).where('id', '=', id).where('status', '=', 'raised').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Rewrites an answer given on the spot (only ever an answered question's). */
export async function reviseAnswer(
  db: Db,
  id: string,
  set: Pick<Updateable<MeetingQuestionTable>, 'answer' | 'answered_by_name' | 'answer_corrected_at' | 'answer_corrected_by'>,
): Promise<void> {
  await db.updateTable('meeting_questions').set(set).where('id', '=', id).where('status', '=', 'answered').execute();
}

/** A meeting's answers given on the spot and corrected since, as they now stand. */
export function listCorrectedAnswers(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_questions')
    .select(['number', 'answer', 'answered_by_name'])
    .where('meeting_id', '=', meetingId)
    .where('status', '=', 'answered')
    .where('answer_corrected_at', 'is not', null)
    .orderBy('number')
    .execute();
}

export function questionStatuses(db: Db, meetingId: string) {
  return db.selectFrom('meeting_questions').select('status').where('meeting_id', '=', meetingId).execute();
}

/** How a four-party council of the compound reaches quorum (a setting kept on the compound). */
export async function updateQuorumRule(db: Db, compoundId: string, rule: QuorumRule): Promise<void> {
  await db.updateTable('compounds').set({ quorum_rule: rule }).where('id', '=', compoundId).execute();
}

/** The buildings of a compound in the order people count them, for the question form. */
export function listBuildingsOfCompound(db: Db, compoundId: string) {
  return db.selectFrom('buildings').select(['id', 'name']).where('compound_id', '=', compoundId).orderBy('sort_key').orderBy('id').execute();
}

export function findBuildingOfCompound(db: Db, compoundId: string, buildingId: string) {
  return db.selectFrom('buildings').select(['id', 'name']).where('compound_id', '=', compoundId).where('id', '=', buildingId).executeTakeFirst();
}
