/** Accounts, setup tokens and one-time access codes. */
import type { AccessCodeKind } from '@yishi/core';
import type { Insertable } from 'kysely';
import type { AccessCodeTable, UserTable } from '../tables/accounts.table.js';
import type { Db } from './places.repository.js';

export async function anyUserExists(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export function insertUser(db: Db, row: Insertable<UserTable>) {
  return db.insertInto('users').values(row).execute();
}

export function findUserByPhone(db: Db, phone: string) {
  return db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirst();
}

export function findUserByPerson(db: Db, personId: string) {
  return db.selectFrom('users').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export function updateUser(
  db: Db,
  userId: string,
  values: Partial<Pick<UserTable, 'password_hash' | 'activated_at' | 'privacy_consent_at' | 'privacy_notice_version' | 'person_id' | 'phone' | 'username'>>,
) {
  return db.updateTable('users').set(values).where('id', '=', userId).execute();
}

export function findPerson(db: Db, personId: string) {
  return db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirst();
}

export function findPersonByPhone(db: Db, phone: string) {
  return db.selectFrom('persons').selectAll().where('phone', '=', phone).executeTakeFirst();
}

// Installation and setup tokens

export function findInstallation(db: Db) {
  return db.selectFrom('installation').selectAll().where('id', '=', 1).executeTakeFirst();
}

export function insertInstallation(db: Db, row: { set_up_at: string; subdistrict_id: string }) {
  return db
    .insertInto('installation')
    .values({ id: 1, ...row })
    .execute();
}

export function insertSetupToken(db: Db, row: { id: string; created_at: string }) {
  return db.insertInto('setup_tokens').values(row).execute();
}

export function findSetupToken(db: Db, id: string) {
  return db.selectFrom('setup_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export function deleteSetupTokens(db: Db) {
  return db.deleteFrom('setup_tokens').execute();
}

// Access codes

export function insertAccessCodes(db: Db, rows: Insertable<AccessCodeTable>[]) {
  return rows.length === 0 ? Promise.resolve() : db.insertInto('access_codes').values(rows).execute();
}

export function findAccessCodesByHash(db: Db, codeHash: string) {
  return db.selectFrom('access_codes').selectAll().where('code_hash', '=', codeHash).where('kind', '<>', 'sms').execute();
}

/** The newest SMS code sent to a phone (the one a person types). */
export function latestSmsCode(db: Db, phone: string) {
  return db
    .selectFrom('access_codes')
    .selectAll()
    .where('phone', '=', phone)
    .where('kind', '=', 'sms')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function countSmsCodesSince(db: Db, phone: string, since: string) {
  return db
    .selectFrom('access_codes')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max<string>('created_at').as('latest')])
    .where('phone', '=', phone)
    .where('kind', '=', 'sms')
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
}

export function recordCodeAttempt(db: Db, codeId: string) {
  return db
    .updateTable('access_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', codeId)
    .execute();
}

/**
 * Marks a code used, only if it still is usable: the number of rows changed tells whether this
 * request won (two requests with one code race; exactly one gets 1).
 */
export async function markCodeUsed(db: Db, codeId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('access_codes')
    .set({ used_at: at })
    .where('id', '=', codeId)
    .where('used_at', 'is', null)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Voids the unused codes of the given kinds that open this person's or this user's account. */
export function voidOpenCodes(db: Db, target: { personId?: string | null; userId?: string | null }, kinds: readonly AccessCodeKind[], at: string) {
  return db
    .updateTable('access_codes')
    .set({ voided_at: at })
    .where('used_at', 'is', null)
    .where('voided_at', 'is', null)
    .where('kind', 'in', [...kinds])
    .where((eb) => {
      const ors = [];
      if (target.personId) ors.push(eb('person_id', '=', target.personId));
      if (target.userId) ors.push(eb('user_id', '=', target.userId));
      return ors.length > 0 ? eb.or(ors) : eb.val(false);
    })
    .execute();
}

// Rate limits

export function insertRateEvent(db: Db, row: { id: string; bucket: string; key: string; at: string }) {
  return db.insertInto('rate_events').values(row).execute();
}

export function countRateEvents(db: Db, bucket: string, key: string, since: string) {
  return db
    .selectFrom('rate_events')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min<string>('at').as('oldest')])
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
}

export function pruneRateEvents(db: Db, before: string) {
  return db.deleteFrom('rate_events').where('at', '<', before).execute();
}

// Sessions of one user

export function listSessionsOfUser(db: Db, userId: string, now: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'user_agent', 'ip'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export function deleteSessionsOfUser(db: Db, userId: string, except: string | null = null) {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (except) query = query.where('id', '<>', except);
  return query.execute();
}

export function deleteSessionOfUser(db: Db, userId: string, sessionId: string) {
  return db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '=', sessionId).executeTakeFirst();
}
