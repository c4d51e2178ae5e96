/**
 * The minutes feature's SQL: drafts, published versions (insert-only), the compound's minutes work,
 * and the reads the meeting record is assembled from (votes, questions, action items of a meeting).
 */
import type { PageRequest } from '@yishi/core';
import { sql } from 'kysely';
import type { MinutesDraftTable, MinutesSignatureTable, NewMinutesVersion } from '../tables/minutes.table.js';
import type { Db } from './places.repository.js';
import { asc, desc, readPage } from '../keyset.js';

export function findMinutesDraft(db: Db, meetingId: string) {
  return db.selectFrom('minutes_drafts').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
}

/** Writes the draft's row; `exists` is whether the caller has just read one (under the meeting's lock). */
export async function upsertMinutesDraft(db: Db, row: MinutesDraftTable, exists: boolean): Promise<void> {
  if (exists) {
    await db
      .updateTable('minutes_drafts')
      .set({ header_json: row.header_json, generated_at: row.generated_at, generated_by_user_id: row.generated_by_user_id, updated_at: row.updated_at })
      .where('meeting_id', '=', row.meeting_id)
      .execute();
  } else {
    await db.insertInto('minutes_drafts').values(row).execute();
  }
}

export async function touchMinutesDraft(db: Db, meetingId: string, updatedAt: string): Promise<void> {
  await db.updateTable('minutes_drafts').set({ updated_at: updatedAt }).where('meeting_id', '=', meetingId).execute();
}

export async function updateMinutesDraftHeader(db: Db, meetingId: string, headerJson: string, updatedAt: string): Promise<void> {
  await db.updateTable('minutes_drafts').set({ header_json: headerJson, updated_at: updatedAt }).where('meeting_id', '=', meetingId).execute();
}

/** Every signature of a meeting's minutes, oldest first (a member who signed again has several). */
export function listMinutesSignatures(db: Db, meetingId: string) {
  return db.selectFrom('minutes_signatures').selectAll().where('meeting_id', '=', meetingId).orderBy('signed_at').execute();
}

export async function insertMinutesSignature(db: Db, row: MinutesSignatureTable): Promise<void> {
  await db.insertInto('minutes_signatures').values(row).execute();
}

export function listMinutesVersions(db: Db, meetingId: string) {
  return db.selectFrom('minutes_versions').selectAll().where('meeting_id', '=', meetingId).orderBy('version').execute();
}

export function findMinutesVersion(db: Db, meetingId: string, version: number) {
  return db.selectFrom('minutes_versions').selectAll().where('meeting_id', '=', meetingId).where('version', '=', version).executeTakeFirst();
}

/** How many versions of a meeting's minutes are published. */
export async function countMinutesVersions(db: Db, meetingId: string): Promise<number> {
  const row = await db
    .selectFrom('minutes_versions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertMinutesVersion(db: Db, row: NewMinutesVersion): Promise<void> {
  await db.insertInto('minutes_versions').values(row).execute();
}

/** One page of the meetings of a compound with published minutes, newest first by start (the id breaks ties). */
export function readPublishedMeetingsPage(db: Db, compoundId: string, page: PageRequest) {
  const query = db
    .selectFrom('meetings')
    .select(['meetings.id', 'meetings.starts_at'])
    .where('meetings.compound_id', '=', compoundId)
    .where((eb) => eb.exists(eb.selectFrom('minutes_versions').select('minutes_versions.id').whereRef('minutes_versions.meeting_id', '=', 'meetings.id')));
  return readPage(query, [desc('meetings.starts_at', 'starts_at'), desc('meetings.id', 'id')], page);
}

/** Published versions with their meeting's kind and times. */
function versionsWithMeeting(db: Db) {
  return db
    .selectFrom('minutes_versions')
    .innerJoin('meetings', 'meetings.id', 'minutes_versions.meeting_id')
    .select([
      'minutes_versions.id',
      'minutes_versions.meeting_id',
      'minutes_versions.version',
      'minutes_versions.title',
      'minutes_versions.reason',
      'minutes_versions.deadline',
      'minutes_versions.published_at',
      'minutes_versions.body',
      'meetings.kind',
      'meetings.starts_at',
      'meetings.started_at',
    ]);
}

/** Every published version of a compound, newest first (the board's notices). */
export function listCompoundMinutesVersions(db: Db, compoundId: string) {
  return versionsWithMeeting(db)
    .where('minutes_versions.compound_id', '=', compoundId)
    .orderBy('meetings.starts_at', 'desc')
    .orderBy('minutes_versions.version', 'desc')
    .execute();
}

/** Every published version of these meetings, newest meeting first (the id breaks ties), latest version first. */
export function listMinutesVersionsOfMeetings(db: Db, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return versionsWithMeeting(db)
    .where('minutes_versions.meeting_id', 'in', [...meetingIds])
    .orderBy('meetings.starts_at', 'desc')
    .orderBy('meetings.id', 'desc')
    .orderBy('minutes_versions.version', 'desc')
    .execute();
}

/**
 * One page of a compound's held (closed) meetings for the minutes work list: those without published
 * minutes first, oldest held first (the overdue come first), then the published ones, newest held
 * first; the id breaks ties. Held: when the session opened, else the notice's start. The two
 * orders live in two sort columns, each '' in the other group, so one keyset pages through both.
 */
export function readMinutesWorkPage(db: Db, compoundId: string, page: PageRequest) {
  const isPublished = sql<boolean>`exists (select 1 from minutes_versions v where v.meeting_id = meetings.id)`;
  const held = sql<string>`coalesce(meetings.started_at, meetings.starts_at)`;
  const inner = db
    .selectFrom('meetings')
    .select([
      'meetings.id',
      'meetings.kind',
      'meetings.title',
      'meetings.starts_at',
      'meetings.started_at',
      sql<number>`case when ${isPublished} then 1 else 0 end`.as('published'),
      sql<string>`case when ${isPublished} then '' else ${held} end`.as('waiting_at'),
      sql<string>`case when ${isPublished} then ${held} else '' end`.as('published_held_at'),
    ])
    .where('meetings.compound_id', '=', compoundId)
    .where('meetings.status', '=', 'closed');
  const keys = [asc('w.published', { type: 'number' }), asc('w.waiting_at'), desc('w.published_held_at'), asc('w.id')];
  return readPage(db.selectFrom(inner.as('w')).selectAll('w'), keys, page);
}

/** First publication time per meeting, for the dashboard's on-time figure. */
export function listFirstPublications(db: Db, compoundIds: readonly string[]) {
  if (compoundIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('minutes_versions')
    .select((eb) => ['meeting_id as meetingId', eb.fn.min<string>('published_at').as('firstPublishedAt')])
    .where('compound_id', 'in', [...compoundIds])
    .groupBy('meeting_id')
    .execute();
}

/** Which of these meetings have a draft (the minutes work list's "draft" state). */
export function listDraftsOfMeetings(db: Db, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('minutes_drafts')
    .select('meeting_id')
    .where('meeting_id', 'in', [...meetingIds])
    .execute();
}

/** Per meeting of these with published minutes: the latest version and when the first came out. */
export function listPublicationsOfMeetings(db: Db, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('minutes_versions')
    .select((eb) => ['meeting_id', eb.fn.max<number>('version').as('latest'), eb.fn.min<string>('published_at').as('firstPublishedAt')])
    .where('meeting_id', 'in', [...meetingIds])
    .groupBy('meeting_id')
    .execute();
}

// The meeting record: what the other features stored about a meeting, as the minutes read it.

/** Votes held on the meeting's agenda items or on the meeting itself, oldest first. */
export function listVotesOfMeeting(db: Db, meetingId: string, agendaItemIds: readonly string[]) {
  return db
    .selectFrom('votes')
    .select(['title', 'status', 'result_json', 'source_kind', 'source_id'])
    .where((eb) =>
      eb.or([
        eb('source_kind', '=', 'agenda_item').and('source_id', 'in', agendaItemIds.length > 0 ? [...agendaItemIds] : ['-']),
        eb('source_kind', '=', 'meeting').and('source_id', '=', meetingId),
      ]),
    )
    .orderBy('created_at')
    .execute();
}

/** Action items listed from the meeting, in the order they were listed. */
export function listActionItemsOfMeeting(db: Db, meetingId: string) {
  return db
    .selectFrom('action_items')
    .select(['id', 'title', 'responsible_unit', 'due_date', 'status', 'sign_off_number', 'listed_at'])
    .where('source_meeting_id', '=', meetingId)
    .orderBy('listed_at')
    .orderBy('id')
    .execute();
}
