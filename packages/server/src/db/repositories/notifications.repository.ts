/**
 * All SQL of notifications: who an event is for (a few set-based reads, never one per person), the
 * event, notice and outbox rows (inserted in chunks, so 10,000 recipients are a handful of
 * statements), the worker's claim with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL), attempts,
 * preferences, e-mail addresses, group robots and the delivery record.
 */
import { sql, type RawBuilder } from 'kysely';
import type { ActionItemUpdateKind, NotificationKind, ProposalStatus, Role } from '@yishi/core';
import { dialectOf } from '../dialect.js';
import type {
  CompoundRobotTable,
  DeliveryStatus,
  NewNotification,
  NewNotificationDelivery,
  NotificationEventTable,
  NotificationFanoutTable,
} from '../tables/notifications.table.js';
import type { Db } from './places.repository.js';
import type { Insertable, Selectable, Updateable } from 'kysely';

/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const CHUNK = 1000;

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

// ---- recipients -----------------------------------------------------------------------------

export interface RecipientRow {
  personId: string | null;
  userId: string | null;
  personPhone: string | null;
  userPhone: string | null;
  email: string | null;
  locale: string | null;
  quietHours: number | null;
  channelsJson: string | null;
}

export interface VoteRollOptions {
  /** A residents' poll: its roll lists persons; otherwise units, whose owners are told. */
  residents: boolean;
  /** Only those whose unit (or who themself) has no ballot yet. */
  notVoted?: boolean;
  exceptUserId?: string | null;
}

const RECIPIENT_COLUMNS = [
  'p.id as personId',
  'u.id as userId',
  'p.phone as personPhone',
  'u.phone as userPhone',
  'u.email as email',
  'u.locale as locale',
  's.quiet_hours as quietHours',
  's.channels_json as channelsJson',
] as const;

/** A settings row that says nothing but the defaults counts as none. */
const DEFAULT_SETTINGS = sql<boolean>`(s.user_id is null or (s.channels_json = '{}' and s.quiet_hours = 1))`;

/** No ballot yet from the roll entry `ve` (its unit, or the person in a residents' poll). */
function notVotedYet(options: VoteRollOptions) {
  return options.residents
    ? sql<boolean>`not exists (select 1 from ballots b where b.vote_id = ve.vote_id and b.person_id = ve.person_id)`
    : sql<boolean>`not exists (select 1 from ballots b where b.vote_id = ve.vote_id and b.unit_id = ve.unit_id)`;
}

/**
 * Those on a vote's frozen roll who keep the default notification settings (written set-based by
 * insertVoteNoticesBulk): the owners of its units, or the persons of a residents' poll (their roll
 * entries name them; a unit's owners come from ownerships). A person owning two units is here twice.
 */
function defaultRecipientsOfVote(db: Db, voteId: string, options: VoteRollOptions) {
  let query = db
    .selectFrom('vote_electorate as ve')
    .leftJoin('ownerships as o', 'o.unit_id', 've.unit_id')
    .innerJoin('persons as p', (j) => j.on(sql<boolean>`p.id = coalesce(o.person_id, ve.person_id)`))
    .leftJoin('users as u', (j) => j.onRef('u.person_id', '=', 'p.id').on('u.disabled', '=', 0))
    .leftJoin('notification_settings as s', 's.user_id', 'u.id')
    .select(RECIPIENT_COLUMNS)
    .where('ve.vote_id', '=', voteId)
    .where(options.residents ? sql<boolean>`ve.unit_id is null` : sql<boolean>`ve.developer_held = 0`)
    .where(DEFAULT_SETTINGS);
  if (options.notVoted) query = query.where(notVotedYet(options));
  if (options.exceptUserId) {
    const cause = options.exceptUserId;
    query = query.where((eb) => eb.or([eb('u.id', 'is', null), eb('u.id', '<>', cause)]));
  }
  return query;
}

/**
 * The vote's recipients who changed their notification settings, planned one by one (everyone
 * else: insertVoteNoticesBulk). Read from the few settings rows towards the roll.
 */
export async function recipientsOfVote(db: Db, voteId: string, options: VoteRollOptions): Promise<RecipientRow[]> {
  let query = db
    .selectFrom('notification_settings as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('persons as p', 'p.id', 'u.person_id')
    .leftJoin('ownerships as o', 'o.person_id', 'p.id')
    .innerJoin('vote_electorate as ve', (j) =>
      j
        .on('ve.vote_id', '=', voteId)
        .on(options.residents ? sql<boolean>`ve.voter_key = p.id` : sql<boolean>`ve.voter_key = o.unit_id and ve.developer_held = 0`),
    )
    .select(RECIPIENT_COLUMNS)
    .where('u.disabled', '=', 0)
    .where(sql<boolean>`not ${DEFAULT_SETTINGS}`);
  if (options.notVoted) query = query.where(notVotedYet(options));
  return query.execute();
}

/** How a person with default settings is noticed, by what they have (an account, a phone, an e-mail address). */
export interface BulkNoticeVariant {
  account: boolean;
  phone: boolean;
  email: boolean;
  /** Whether they get a notice row at all (someone without an account only through a text message). */
  listed: boolean;
  inApp: boolean;
  skipped: string;
}

export interface BulkNoticePlan {
  eventId: string;
  kind: NotificationKind;
  nowIso: string;
  /** When their SMS and e-mail may go (after quiet hours, the default). */
  heldAt: string;
  variants: readonly BulkNoticeVariant[];
  /** A text message to each listed person with a phone; an e-mail to each account with an address. */
  sms: boolean;
  email: boolean;
}

/**
 * The notices of a vote's recipients with default settings, as one INSERT … SELECT over the frozen
 * roll (nothing travels through the application), and the one row saying which SMS and e-mail rows
 * they owe: the outbox worker writes those right after, from the notices, so a vote for 10,000 owners
 * costs its opening transaction about what freezing its roll did. Ids are the event's id and the
 * account's (or person's) id, unique per event. Answers how many notices it wrote.
 */
export async function insertVoteNoticesBulk(db: Db, voteId: string, options: VoteRollOptions, plan: BulkNoticePlan): Promise<{ notices: number }> {
  const source = () =>
    db
      .selectFrom(defaultRecipientsOfVote(db, voteId, options).as('r0'))
      .select([
        'r0.personId',
        'r0.userId',
        sql<string | null>`coalesce(r0."personPhone", r0."userPhone")`.as('phone'),
        'r0.email',
        sql<string>`case when r0.locale = 'en' then 'en' else 'zh-CN' end`.as('locale'),
      ])
      .as('r');
  const text = (value: string) => sql<string>`cast(${value} as text)`;
  const key = sql<string>`coalesce(r."userId", r."personId")`;
  const noticeId = sql<string>`${text(plan.eventId)} || '.' || ${key}`;
  const has = (column: 'userId' | 'phone' | 'email', yes: boolean) => sql`r.${sql.ref(column)} is ${yes ? sql`not null` : sql`null`}`;
  const variantCase = <T>(value: (v: BulkNoticeVariant) => T) =>
    sql`case ${sql.join(
      plan.variants.map((v) => sql`when ${has('userId', v.account)} and ${has('phone', v.phone)} and ${has('email', v.email)} then ${sql.lit(value(v))}`),
      sql` `,
    )} end`;
  const listedSomehow = plan.variants.filter((v) => v.listed);
  const listed = sql<boolean>`(${sql.join(
    listedSomehow.length
      ? listedSomehow.map((v) => sql`(${has('userId', v.account)} and ${has('phone', v.phone)} and ${has('email', v.email)})`)
      : [sql`1 = 0`],
    sql` or `,
  )})`;

  const inserted = await db
    .insertInto('notifications')
    .columns(['id', 'event_id', 'kind', 'person_id', 'user_id', 'in_app', 'skipped', 'read_at', 'created_at'])
    .expression(
      db
        .selectFrom(source())
        .select([
          noticeId.as('id'),
          text(plan.eventId).as('event_id'),
          text(plan.kind).as('kind'),
          'r.personId',
          'r.userId',
          variantCase((v) => (v.inApp ? 1 : 0)).as('in_app'),
          variantCase((v) => v.skipped).as('skipped'),
          sql<null>`null`.as('read_at'),
          text(plan.nowIso).as('created_at'),
        ])
        .where(listed)
        // In key order: each row lands next to the one before it in the primary key.
        .orderBy(key),
    )
    // The owner of two units is on the roll twice: one notice.
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  const notices = Number(inserted.numInsertedOrUpdatedRows ?? 0);
  // Their SMS and e-mail rows are owed: the outbox worker writes them (writeOwedDeliveries).
  if (notices > 0 && (plan.sms || plan.email))
    await db
      .insertInto('notification_fanouts')
      .values({ event_id: plan.eventId, sms: plan.sms ? 1 : 0, email: plan.email ? 1 : 0, held_at: plan.heldAt, created_at: plan.nowIso })
      .execute();
  return { notices };
}

/** Events whose set-based notices still owe their outbox rows, oldest first; on PostgreSQL each locked for this instance alone. */
export async function claimFanouts(db: Db, limit: number) {
  let query = db.selectFrom('notification_fanouts').selectAll().orderBy('created_at').limit(limit);
  if (dialectOf(db) === 'postgres') query = query.forUpdate().skipLocked();
  return query.execute();
}

/** Whether an event's set-based notices still owe their outbox rows. */
export async function fanoutPending(db: Db, eventId: string): Promise<boolean> {
  return (await db.selectFrom('notification_fanouts').select('event_id').where('event_id', '=', eventId).executeTakeFirst()) !== undefined;
}

/**
 * Writes the SMS and e-mail rows an event's set-based notices owe — from the notices (two key
 * lookups each), in key order — and deletes the fan-out row, in the caller's transaction. Answers
 * how many rows it wrote.
 */
export async function writeOwedDeliveries(db: Db, fanout: Selectable<NotificationFanoutTable>): Promise<number> {
  const text = (value: string) => sql<string>`cast(${value} as text)`;
  const columns = ['id', 'event_id', 'notification_id', 'person_id', 'channel', 'address', 'locale', 'status', 'next_attempt_at', 'created_at'] as const;
  const owed = (channel: 'sms' | 'email', address: RawBuilder<string | null>) =>
    db
      .selectFrom('notifications as n')
      .leftJoin('persons as p', 'p.id', 'n.person_id')
      .leftJoin('users as u', 'u.id', 'n.user_id')
      .select([
        sql<string>`n.id || ${sql.lit(`.${channel}`)}`.as('id'),
        'n.event_id',
        'n.id as notification_id',
        'n.person_id',
        text(channel).as('channel'),
        address.as('address'),
        sql<string>`case when u.locale = 'en' then 'en' else 'zh-CN' end`.as('locale'),
        text('pending').as('status'),
        text(fanout.held_at).as('next_attempt_at'),
        text(fanout.created_at).as('created_at'),
      ])
      .where('n.event_id', '=', fanout.event_id)
      // Only the set-based notices: their ids have a dot, the application's never do.
      .where('n.id', 'like', '%.%')
      .where(address, 'is not', null)
      .orderBy('n.id');
  let written = 0;
  if (fanout.sms === 1) {
    const result = await db
      .insertInto('notification_deliveries')
      .columns(columns)
      .expression(owed('sms', sql`coalesce(p.phone, u.phone)`))
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    written += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  if (fanout.email === 1) {
    const result = await db
      .insertInto('notification_deliveries')
      .columns(columns)
      .expression(owed('email', sql`u.email`))
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    written += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  await db.deleteFrom('notification_fanouts').where('event_id', '=', fanout.event_id).execute();
  return written;
}

/** Accounts by id, with the person behind each (for their phone) and their settings. */
export async function recipientsOfUsers(db: Db, userIds: readonly string[]): Promise<RecipientRow[]> {
  if (userIds.length === 0) return [];
  const rows: RecipientRow[] = [];
  const ids = [...new Set(userIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    rows.push(
      ...(await db
        .selectFrom('users as u')
        .leftJoin('persons as p', 'p.id', 'u.person_id')
        .leftJoin('notification_settings as s', 's.user_id', 'u.id')
        .select([
          'u.person_id as personId',
          'u.id as userId',
          'p.phone as personPhone',
          'u.phone as userPhone',
          'u.email as email',
          'u.locale as locale',
          's.quiet_hours as quietHours',
          's.channels_json as channelsJson',
        ])
        .where('u.id', 'in', ids.slice(i, i + CHUNK))
        .where('u.disabled', '=', 0)
        .execute()),
    );
  }
  return rows;
}

/** Persons by id, for their roster phone (people without an account). */
export async function recipientsOfPersons(db: Db, personIds: readonly string[]): Promise<RecipientRow[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('persons as p')
    .leftJoin('users as u', 'u.person_id', 'p.id')
    .leftJoin('notification_settings as s', 's.user_id', 'u.id')
    .select(RECIPIENT_COLUMNS)
    .where('p.id', 'in', [...personIds])
    .execute();
}

/** Accounts of the people who own or live in a unit of the compound. */
export async function memberUserIdsOfCompound(db: Db, compoundId: string): Promise<string[]> {
  const owners = db
    .selectFrom('ownerships as o')
    .innerJoin('units as un', 'un.id', 'o.unit_id')
    .innerJoin('users as u', 'u.person_id', 'o.person_id')
    .select('u.id as userId')
    .where('un.compound_id', '=', compoundId);
  const residents = db
    .selectFrom('residencies as r')
    .innerJoin('units as un', 'un.id', 'r.unit_id')
    .innerJoin('users as u', 'u.person_id', 'r.person_id')
    .select('u.id as userId')
    .where('un.compound_id', '=', compoundId);
  const rows = await owners.union(residents).execute();
  return rows.map((r) => r.userId);
}

/** Accounts holding one of the roles at the compound (or at its community / grids, for the roles granted there). */
export async function staffUserIdsAt(
  db: Db,
  compoundId: string,
  roles: readonly Role[],
  filter: { party?: string; organisation?: string } = {},
): Promise<string[]> {
  if (roles.length === 0) return [];
  const compound = await db.selectFrom('compounds').select(['community_id']).where('id', '=', compoundId).executeTakeFirst();
  if (!compound) return [];
  let query = db
    .selectFrom('role_assignments as ra')
    .select('ra.user_id as userId')
    .where('ra.role', 'in', [...roles])
    .where((eb) =>
      eb.or([
        eb.and([eb('ra.scope_kind', '=', 'compound'), eb('ra.scope_id', '=', compoundId)]),
        eb.and([eb('ra.scope_kind', '=', 'community'), eb('ra.scope_id', '=', compound.community_id)]),
        eb.and([
          eb('ra.scope_kind', '=', 'grid'),
          eb('ra.scope_id', 'in', eb.selectFrom('grids').select('grids.id').where('grids.compound_id', '=', compoundId)),
        ]),
      ]),
    );
  if (filter.party) query = query.where('ra.party', '=', filter.party);
  if (filter.organisation) query = query.where('ra.organisation', '=', filter.organisation);
  return [...new Set((await query.execute()).map((r) => r.userId))];
}

export async function attendeeUserIds(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db.selectFrom('meeting_attendance').select('user_id').where('meeting_id', '=', meetingId).where('user_id', 'is not', null).execute();
  return rows.map((r) => r.user_id!);
}

export async function seconderUserIds(db: Db, proposalId: string): Promise<string[]> {
  const rows = await db.selectFrom('proposal_seconds').select('user_id').where('proposal_id', '=', proposalId).execute();
  return rows.map((r) => r.user_id);
}

// ---- what events are about ---------------------------------------------------------------------

export function findCompoundName(db: Db, compoundId: string) {
  return db.selectFrom('compounds').select(['id', 'name', 'code']).where('id', '=', compoundId).executeTakeFirst();
}
export function findVoteForNotice(db: Db, voteId: string) {
  return db
    .selectFrom('votes')
    .select(['id', 'compound_id', 'title', 'status', 'electorate_kind', 'closes_at', 'opened_at', 'result_json'])
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

// ---- the outbox worker -------------------------------------------------------------------------

/**
 * Claims up to `limit` due deliveries for this instance until `leaseUntil`: pending, due, and not
 * leased by anyone (or leased by someone whose lease ran out). One UPDATE … RETURNING; on
 * PostgreSQL its subquery locks the rows with FOR UPDATE SKIP LOCKED, so two instances claiming at
 * the same moment take disjoint rows; SQLite runs one writer at a time.
 */
export async function claimDeliveries(db: Db, input: { owner: string; now: string; leaseUntil: string; limit: number }) {
  const postgres = dialectOf(db) === 'postgres';
  let due = db
    .selectFrom('notification_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', input.now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', input.now)]))
    .orderBy('next_attempt_at')
    .limit(input.limit);
  if (postgres) due = due.forUpdate().skipLocked();
  return db
    .updateTable('notification_deliveries')
    .set((eb) => ({ lease_owner: input.owner, lease_until: input.leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

export async function insertAttempts(
  db: Db,
  rows: ReadonlyArray<{ id: string; delivery_id: string; attempt: number; instance_id: string; started_at: string }>,
) {
  await insertChunked(rows, (chunk) => db.insertInto('notification_attempts').values(chunk).execute());
}

/** Settles a delivery this instance holds; false when its lease was lost (another instance took it over). */
export async function settleDelivery(
  db: Db,
  input: {
    id: string;
    owner: string;
    status: DeliveryStatus;
    reason?: string | null;
    nextAttemptAt?: string;
    providerMessageId?: string | null;
    sentAt?: string | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('notification_deliveries')
    .set({
      status: input.status,
      reason: input.reason ?? null,
      lease_owner: null,
      lease_until: null,
      ...(input.nextAttemptAt ? { next_attempt_at: input.nextAttemptAt } : {}),
      ...(input.providerMessageId !== undefined ? { provider_message_id: input.providerMessageId } : {}),
      ...(input.sentAt !== undefined ? { sent_at: input.sentAt } : {}),
    })
    .where('id', '=', input.id)
    .where('lease_owner', '=', input.owner)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishAttempt(
  db: Db,
  input: { deliveryId: string; attempt: number; outcome: 'sent' | 'retry' | 'failed'; at: string; errorCode?: string | null; errorMessage?: string | null },
) {
  await db
    .updateTable('notification_attempts')
    .set({ outcome: input.outcome, finished_at: input.at, error_code: input.errorCode ?? null, error_message: input.errorMessage?.slice(0, 500) ?? null })
    .where('delivery_id', '=', input.deliveryId)
    .where('attempt', '=', input.attempt)
    .execute();
}

/**
 * SQLite (one process per database file): at start-up, leases held by an earlier process of this
 * file died with it. They are released at once, and their open attempts marked interrupted.
 */
export async function releaseDeadLeases(db: Db, owner: string, at: string): Promise<number> {
  await db
    .updateTable('notification_attempts')
    .set({ outcome: 'interrupted', finished_at: at })
    .where('outcome', 'is', null)
    .where('instance_id', '<>', owner)
    .execute();
  const result = await db
    .updateTable('notification_deliveries')
    .set({ lease_owner: null, lease_until: null })
    .where('status', '=', 'pending')
    .where('lease_owner', 'is not', null)
    .where('lease_owner', '<>', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Counts one more SMS for a person today unless the cap is reached; false when it is. */
export async function takeSmsAllowance(db: Db, personKey: string, day: string, cap: number): Promise<boolean> {
  const result = await db
    .insertInto('sms_daily_counts')
    .values({ person_key: personKey, day, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['person_key', 'day'])
        .doUpdateSet({ count: sql`sms_daily_counts.count + 1` })
        .where('sms_daily_counts.count', '<', cap),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Gives an allowance back (the message was not sent after all). */
export async function returnSmsAllowance(db: Db, personKey: string, day: string): Promise<void> {
  await db
    .updateTable('sms_daily_counts')
    .set({ count: sql`count - 1` })
    .where('person_key', '=', personKey)
    .where('day', '=', day)
    .where('count', '>', 0)
    .execute();
}

export function pendingCount(db: Db) {
  return db
    .selectFrom('notification_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
}

// ---- my notifications ----------------------------------------------------------------------------

export function listMyNotifications(db: Db, userId: string, input: { before?: string; limit: number }) {
  let query = db
    .selectFrom('notifications as n')
    .innerJoin('notification_events as e', 'e.id', 'n.event_id')
    .select(['n.id', 'n.kind', 'n.created_at', 'n.read_at', 'e.params_json'])
    .where('n.user_id', '=', userId)
    .where('n.in_app', '=', 1);
  if (input.before) query = query.where('n.created_at', '<', input.before);
  return query.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(input.limit).execute();
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
export async function lastRobotDeliveries(db: Db, robotIds: readonly string[]) {
  if (robotIds.length === 0) return [];
  return db
    .selectFrom('notification_deliveries')
    .select(['robot_id', 'status', 'reason', 'created_at', 'sent_at'])
    .where('robot_id', 'in', [...robotIds])
    .orderBy('created_at', 'desc')
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

export function notificationsOfEvent(db: Db, eventId: string) {
  return db
    .selectFrom('notifications')
    .select(['id', 'person_id', 'user_id', 'in_app', 'skipped', 'read_at', 'created_at'])
    .where('event_id', '=', eventId)
    .execute();
}

export function deliveriesOfEvent(db: Db, eventId: string) {
  return db
    .selectFrom('notification_deliveries')
    .select(['id', 'notification_id', 'channel', 'robot_id', 'status', 'reason', 'next_attempt_at', 'created_at'])
    .where('event_id', '=', eventId)
    .execute();
}
