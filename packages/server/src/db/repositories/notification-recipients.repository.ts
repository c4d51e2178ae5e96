/**
 * Who a notification event is for, in a few set-based reads (never one per person), and the vote
 * roll's notices written set-based with the outbox rows they owe (the fan-outs).
 */
import { sql, type RawBuilder } from 'kysely';
import type { NotificationKind, Role } from '@yishi/core';
import { dialectOf } from '../dialect.js';
import type { NotificationFanoutTable } from '../tables/notifications.table.js';
import type { Db } from './places.repository.js';
import { CHUNK } from './chunked-insert.js';
import type { Insertable, Selectable } from 'kysely';

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
 * roll (nothing travels through the application), written by the outbox worker after the vote's
 * transaction has committed, with the row of notification_fanouts that owed them locked; the SMS and
 * e-mail rows they owe are written next, from the notices (writeOwedDeliveries). Ids are the event's
 * id and the account's (or person's) id, unique per event. Answers how many notices it wrote.
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
  return { notices: Number(inserted.numInsertedOrUpdatedRows ?? 0) };
}

/** An event's set-based notices owed (with `notices_json`), or only the SMS and e-mail rows they owe: written in the event's transaction. */
export async function insertFanout(db: Db, row: Insertable<NotificationFanoutTable>): Promise<void> {
  await db.insertInto('notification_fanouts').values(row).execute();
}

/**
 * Fan-outs still owing their notices (`owing: 'notices'`) or, the notices written, only their SMS and
 * e-mail rows, oldest first; on PostgreSQL each locked for this instance alone.
 */
export async function claimFanouts(db: Db, limit: number, owing: 'notices' | 'deliveries' = 'deliveries') {
  let query = db
    .selectFrom('notification_fanouts')
    .selectAll()
    .where('notices_json', owing === 'notices' ? 'is not' : 'is', null)
    .orderBy('created_at')
    .limit(limit);
  if (dialectOf(db) === 'postgres') query = query.forUpdate().skipLocked();
  return query.execute();
}

/** The fan-out's notices are written: it owes their SMS and e-mail rows only. */
export async function noticesWritten(db: Db, eventId: string): Promise<void> {
  await db.updateTable('notification_fanouts').set({ notices_json: null }).where('event_id', '=', eventId).execute();
}

export async function deleteFanout(db: Db, eventId: string): Promise<void> {
  await db.deleteFrom('notification_fanouts').where('event_id', '=', eventId).execute();
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
  await deleteFanout(db, fanout.event_id);
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

/** The accounts of those signed in at a meeting (an owners' committee meeting's attending members). */
export async function signedInAttendeeUserIds(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('meeting_attendance')
    .select('user_id')
    .where('meeting_id', '=', meetingId)
    .where('user_id', 'is not', null)
    .where('signed_in_at', 'is not', null)
    .execute();
  return rows.map((r) => r.user_id!);
}

export async function seconderUserIds(db: Db, proposalId: string): Promise<string[]> {
  const rows = await db.selectFrom('proposal_seconds').select('user_id').where('proposal_id', '=', proposalId).execute();
  return rows.map((r) => r.user_id);
}
