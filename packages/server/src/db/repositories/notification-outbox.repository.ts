/**
 * The outbox worker's SQL: claiming deliveries with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL),
 * attempts and their outcomes, dead leases, and the daily SMS allowance.
 */
import { sql } from 'kysely';
import { dialectOf } from '../dialect.js';
import type { DeliveryStatus } from '../tables/notifications.table.js';
import type { Db } from './places.repository.js';
import { insertChunked } from './chunked-insert.js';

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
