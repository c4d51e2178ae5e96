import { runReusable, slot } from '../reusable-query.js';
import type { Db } from './places.repository.js';

export function insertSession(
  db: Db,
  row: {
    id: string;
    user_id: string;
    created_at: string;
    expires_at: string;
    absolute_expires_at: string;
    last_seen_at: string;
    user_agent: string;
    ip: string;
  },
) {
  return db.insertInto('sessions').values(row).execute();
}

export function findSession(db: Db, id: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Which of these sessions still exist and have not expired (the collab server's periodic check). */
export async function liveSessionIds(db: Db, ids: readonly string[], now: string): Promise<Set<string>> {
  const live = new Set<string>();
  for (let at = 0; at < ids.length; at += 500) {
    const rows = await db
      .selectFrom('sessions')
      .select('id')
      .where('id', 'in', ids.slice(at, at + 500))
      .where('expires_at', '>', now)
      .where('absolute_expires_at', '>', now)
      .execute();
    for (const row of rows) live.add(row.id);
  }
  return live;
}

export function touchSession(db: Db, id: string, lastSeenAt: string, expiresAt: string) {
  return db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

export function deleteSession(db: Db, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

export function deleteExpiredSessions(db: Db, now: string) {
  return db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export function countRecentFailures(db: Db, column: 'login_key' | 'ip', value: string, since: string) {
  return db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min<string>('failed_at').as('oldest')])
    .where(column, '=', value)
    .where('failed_at', '>=', since)
    .executeTakeFirstOrThrow();
}

export function insertLoginFailure(db: Db, row: { id: string; login_key: string; ip: string; failed_at: string }) {
  return db.insertInto('login_failures').values(row).execute();
}

export function deleteLoginFailure(db: Db, id: string) {
  return db.deleteFrom('login_failures').where('id', '=', id).execute();
}

/** A pending attempt turned out wrong: it now counts against the address it came from too. */
export function markLoginFailure(db: Db, id: string, ip: string) {
  return db.updateTable('login_failures').set({ ip }).where('id', '=', id).execute();
}

export function clearLoginFailures(db: Db, loginKey: string) {
  return db.deleteFrom('login_failures').where('login_key', '=', loginKey).execute();
}

export function pruneLoginFailures(db: Db, before: string) {
  return db.deleteFrom('login_failures').where('failed_at', '<', before).execute();
}

/**
 * A session with what a request needs of its account: whether it may still act, and the version of
 * its grants and units. Every signed-in request runs it: compiled once (db/reusable-query.ts).
 */
export async function findSessionWithAccount(db: Db, id: string) {
  const rows = await runReusable(
    db,
    'findSessionWithAccount',
    () =>
      db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id',
          'sessions.user_id',
          'sessions.expires_at',
          'sessions.absolute_expires_at',
          'sessions.last_seen_at',
          'users.person_id',
          'users.display_name',
          'users.locale',
          'users.disabled',
          'users.access_version',
        ])
        .where('sessions.id', '=', slot('id')),
    { id },
  );
  return rows[0];
}
