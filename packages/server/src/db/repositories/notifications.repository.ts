/**
 * All SQL of notifications: who an event is for (a few set-based reads, never one per person), the
 * event, notice and outbox rows (inserted in chunks, so 10,000 recipients are a handful of
 * statements), the worker's claim with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL), attempts,
 * preferences, e-mail addresses, group robots and the delivery record. Who an event is for lives in
 * notification-recipients.repository.ts and the worker's claim in notification-outbox.repository.ts;
 * both are re-exported here, so a service reads notifications through one module.
 */
import type { ActionItemUpdateKind, PageRequest, ProposalStatus } from '@yishi/core';
import type { CompoundRobotTable, NewNotification, NewNotificationDelivery, NotificationEventTable } from '../tables/notifications.table.js';
import type { Db } from './places.repository.js';
import type { Insertable, Updateable } from 'kysely';
import { insertChunked } from './chunked-insert.js';
import { desc, readPage } from '../keyset.js';

export * from './notification-recipients.repository.js';
export * from './notification-outbox.repository.js';

// ---- what events are about ---------------------------------------------------------------------

export function findCompoundName(db: Db, compoundId: string) {
  return db.selectFrom('compounds').select(['id', 'name', 'code']).where('id', '=', compoundId).executeTakeFirst();
}
export function findVoteForNotice(db: Db, voteId: string) {
  return db
    .selectFrom('votes')
    .select(['id', 'compound_id', 'title', 'status', 'electorate_kind', 'opens_at', 'closes_at', 'opened_at', 'roll_check_ends_at', 'result_json'])
    .where('id', '=', voteId)
    .executeTakeFirst();
}
export function findMeetingForNotice(db: Db, meetingId: string) {
  return db
    .selectFrom('meetings')
    .select(['id', 'compound_id', 'title', 'kind', 'starts_at', 'place', 'status'])
    .where('id', '=', meetingId)
    .executeTakeFirst();
}
export async function agendaTitlesOf(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db.selectFrom('meeting_agenda_items').select('title').where('meeting_id', '=', meetingId).orderBy('position').execute();
  return rows.map((r) => r.title);
}
export function findProposalForNotice(db: Db, proposalId: string) {
  return db
    .selectFrom('proposals')
    .select(['id', 'compound_id', 'title', 'status', 'author_user_id', 'decision_reason'])
    .where('id', '=', proposalId)
    .executeTakeFirst();
}
export function findItemForNotice(db: Db, itemId: string) {
  return db
    .selectFrom('action_items')
    .select(['id', 'compound_id', 'title', 'status', 'responsible_unit', 'due_date', 'raised_by_user_id', 'sign_off_number', 'source_kind', 'source_id'])
    .where('id', '=', itemId)
    .executeTakeFirst();
}
export function findQuestionForNotice(db: Db, questionId: string) {
  return db
    .selectFrom('meeting_questions')
    .select(['id', 'compound_id', 'meeting_id', 'text', 'answer', 'asked_by_user_id', 'action_item_id'])
    .where('id', '=', questionId)
    .executeTakeFirst();
}

/** The note of a proposal's latest step to `status` (a decline's reason, an agenda or merge note). */
export async function latestProposalNote(db: Db, proposalId: string, status: ProposalStatus): Promise<string | null> {
  const row = await db
    .selectFrom('proposal_events')
    .select('note')
    .where('proposal_id', '=', proposalId)
    .where('status', '=', status)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.note || null;
}
/** The text of an action item's latest update of one of the kinds. */
export async function latestItemUpdateText(db: Db, itemId: string, kinds: readonly ActionItemUpdateKind[]): Promise<string | null> {
  const row = await db
    .selectFrom('action_item_updates')
    .select('text')
    .where('action_item_id', '=', itemId)
    .where('kind', 'in', [...kinds])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.text || null;
}

/** Open action items of a compound (or all compounds) with a due date up to `until`. */
export function openItemsDueBy(db: Db, until: string, compoundId?: string) {
  let query = db
    .selectFrom('action_items')
    .select(['id', 'compound_id', 'title', 'responsible_unit', 'due_date', 'status'])
    .where('status', 'in', ['open', 'in_progress'])
    .where('due_date', '<=', until);
  if (compoundId) query = query.where('compound_id', '=', compoundId);
  return query.orderBy('due_date').execute();
}
export function openVotesClosingBy(db: Db, from: string, until: string) {
  return db.selectFrom('votes').select(['id']).where('status', '=', 'open').where('closes_at', '>', from).where('closes_at', '<=', until).execute();
}
export function meetingsStartingBy(db: Db, from: string, until: string) {
  return db
    .selectFrom('meetings')
    .select(['id', 'starts_at'])
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', from)
    .where('starts_at', '<=', until)
    .execute();
}
/** Compounds with an enabled robot (the digest goes only where someone listens). */
export async function compoundsWithRobots(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('compound_robots').select('compound_id').distinct().where('enabled', '=', 1).execute();
  return rows.map((r) => r.compound_id);
}

// ---- writing events ----------------------------------------------------------------------------

/**
 * Inserts the event; with a dedupe key, a second insert of the same key inserts nothing (the
 * scheduler's occurrence already exists) and answers false.
 */
export async function insertEvent(db: Db, row: Insertable<NotificationEventTable>): Promise<boolean> {
  if (!row.dedupe_key) {
    await db.insertInto('notification_events').values(row).execute();
    return true;
  }
  const result = await db
    .insertInto('notification_events')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Whether a scheduled occurrence exists already (cheap; the unique index is the guard against races). */
export async function eventKeyExists(db: Db, dedupeKey: string): Promise<boolean> {
  return (await db.selectFrom('notification_events').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst()) !== undefined;
}

export async function setRecipientCount(db: Db, eventId: string, count: number): Promise<void> {
  await db.updateTable('notification_events').set({ recipient_count: count }).where('id', '=', eventId).execute();
}

export async function insertNotifications(db: Db, rows: readonly NewNotification[]): Promise<void> {
  await insertChunked(rows, (chunk) => db.insertInto('notifications').values(chunk).execute());
}

export async function insertDeliveries(db: Db, rows: readonly NewNotificationDelivery[]): Promise<void> {
  await insertChunked(rows, (chunk) => db.insertInto('notification_deliveries').values(chunk).execute());
}

export function findEvent(db: Db, eventId: string) {
  return db.selectFrom('notification_events').selectAll().where('id', '=', eventId).executeTakeFirst();
}

export function eventsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('notification_events')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

// ---- my notifications ----------------------------------------------------------------------------

/** One page of my in-app notifications, newest first; the id breaks ties (a fan-out writes many at one instant). */
export function readMyNotificationsPage(db: Db, userId: string, page: PageRequest) {
  const query = db
    .selectFrom('notifications as n')
    .innerJoin('notification_events as e', 'e.id', 'n.event_id')
    .select(['n.id', 'n.kind', 'n.created_at', 'n.read_at', 'e.params_json'])
    .where('n.user_id', '=', userId)
    .where('n.in_app', '=', 1);
  return readPage(query, [desc('n.created_at', 'created_at'), desc('n.id', 'id')], page);
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('in_app', '=', 1)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(db: Db, userId: string, at: string, notificationId?: string): Promise<number> {
  let query = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('in_app', '=', 1).where('read_at', 'is', null);
  if (notificationId) query = query.where('id', '=', notificationId);
  return Number((await query.executeTakeFirst()).numUpdatedRows);
}

export function findMyNotification(db: Db, userId: string, notificationId: string) {
  return db
    .selectFrom('notifications')
    .select(['id'])
    .where('id', '=', notificationId)
    .where('user_id', '=', userId)
    .where('in_app', '=', 1)
    .executeTakeFirst();
}

// ---- settings and e-mail -----------------------------------------------------------------------

export function findSettings(db: Db, userId: string) {
  return db.selectFrom('notification_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function saveSettings(db: Db, row: { user_id: string; quiet_hours: number; channels_json: string; updated_at: string }): Promise<void> {
  await db
    .insertInto('notification_settings')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ quiet_hours: row.quiet_hours, channels_json: row.channels_json, updated_at: row.updated_at }))
    .execute();
}

export function findUserContact(db: Db, userId: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('persons as p', 'p.id', 'u.person_id')
    .select(['u.id', 'u.email', 'u.phone as userPhone', 'p.phone as personPhone'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export async function setUserEmail(db: Db, userId: string, email: string | null): Promise<void> {
  await db.updateTable('users').set({ email }).where('id', '=', userId).execute();
}

// ---- robots ----------------------------------------------------------------------------------------

export function listRobots(db: Db, compoundId: string) {
  return db.selectFrom('compound_robots').selectAll().where('compound_id', '=', compoundId).orderBy('created_at').execute();
}
export function findRobot(db: Db, robotId: string) {
  return db.selectFrom('compound_robots').selectAll().where('id', '=', robotId).executeTakeFirst();
}
export function robotsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('compound_robots')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}
export async function insertRobot(db: Db, row: Insertable<CompoundRobotTable>): Promise<void> {
  await db.insertInto('compound_robots').values(row).execute();
}
export async function updateRobot(db: Db, robotId: string, patch: Updateable<CompoundRobotTable>): Promise<void> {
  await db.updateTable('compound_robots').set(patch).where('id', '=', robotId).execute();
}
export async function deleteRobot(db: Db, robotId: string): Promise<void> {
  await db.deleteFrom('compound_robots').where('id', '=', robotId).execute();
}
/** Each robot's latest delivery. */
/** Robots' newest deliveries, each with its last attempt's error (what a retry is waiting out, or why it failed). */
export async function lastRobotDeliveries(db: Db, robotIds: readonly string[]) {
  if (robotIds.length === 0) return [];
  return db
    .selectFrom('notification_deliveries as d')
    .leftJoin('notification_attempts as a', (join) => join.onRef('a.delivery_id', '=', 'd.id').onRef('a.attempt', '=', 'd.attempts'))
    .select(['d.robot_id', 'd.status', 'd.reason', 'd.created_at', 'd.sent_at', 'd.attempts', 'd.next_attempt_at', 'a.error_code'])
    .where('d.robot_id', 'in', [...robotIds])
    .orderBy('d.created_at', 'desc')
    .limit(robotIds.length * 20)
    .execute();
}

// ---- the delivery record ---------------------------------------------------------------------------

export function eventsOfSubject(db: Db, compoundId: string, subjectKind: string, subjectId: string) {
  return db
    .selectFrom('notification_events')
    .selectAll()
    .where('compound_id', '=', compoundId)
    .where('subject_kind', '=', subjectKind)
    .where('subject_id', '=', subjectId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}

/** An event's notices, with what the delivery report and the resend read of them. */
function noticesOfEvent(db: Db, eventId: string) {
  return db.selectFrom('notifications').select(['id', 'person_id', 'user_id', 'in_app', 'skipped', 'read_at', 'created_at']).where('event_id', '=', eventId);
}

/** An event's deliveries, with what the delivery report and the resend read of them. */
function deliveriesOf(db: Db, eventId: string) {
  return db
    .selectFrom('notification_deliveries')
    .select(['id', 'notification_id', 'channel', 'robot_id', 'status', 'reason', 'next_attempt_at', 'created_at'])
    .where('event_id', '=', eventId);
}

export function notificationsOfEvent(db: Db, eventId: string) {
  return noticesOfEvent(db, eventId).execute();
}

/** A page of an event's notices in id order, after `after` (the delivery report reads them so). */
export function notificationsOfEventPage(db: Db, eventId: string, after: string | undefined, limit: number) {
  const query = noticesOfEvent(db, eventId);
  return (after === undefined ? query : query.where('id', '>', after)).orderBy('id').limit(limit).execute();
}

export function deliveriesOfEvent(db: Db, eventId: string) {
  return deliveriesOf(db, eventId).execute();
}

/** A page of an event's deliveries in id order, after `after`. */
export function deliveriesOfEventPage(db: Db, eventId: string, after: string | undefined, limit: number) {
  const query = deliveriesOf(db, eventId);
  return (after === undefined ? query : query.where('id', '>', after)).orderBy('id').limit(limit).execute();
}
