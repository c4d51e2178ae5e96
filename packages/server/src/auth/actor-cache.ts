/**
 * The actors of recent sessions, kept between requests. Building an actor takes a query per kind of
 * link (grants with their places, owned units, lived-in units); a request instead reads its session
 * with the account's `access_version` in one statement (findSessionWithAccount), and the kept actor
 * serves only while that version, the account's person and the session's user are what they were
 * when it was built. The database moves the version on with every change of grants or units
 * (migration 20270103090000_access_version), so a grant revoked on any instance, a flat sold or a
 * role given takes effect on the next request; logout, a password change or an expired session
 * leave no session row to read; a disabled account is read with the session. Name and language come
 * from that read too. The age limit only bounds memory and what no trigger watches (a compound moved
 * to another community, which nothing in Yishi does).
 */
import type { Actor } from './actor.js';

const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;

interface Kept {
  actor: Actor;
  userId: string;
  personId: string | null;
  accessVersion: number;
  keptAt: number;
}

/** One cache per database handle: test apps (and a process serving several) never share actors. */
const caches = new WeakMap<object, Map<string, Kept>>();

function cacheOf(db: object): Map<string, Kept> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

export interface AccountStamp {
  userId: string;
  personId: string | null;
  accessVersion: number;
  displayName: string;
  locale: Actor['locale'];
}

/** The kept actor of this session if it still stands for the account as just read, with its current name and language. */
export function keptActor(db: object, sessionId: string, stamp: AccountStamp, now: number): Actor | null {
  const cache = cacheOf(db);
  const kept = cache.get(sessionId);
  if (!kept) return null;
  if (kept.userId !== stamp.userId || kept.personId !== stamp.personId || kept.accessVersion !== stamp.accessVersion || now - kept.keptAt > MAX_AGE_MS) {
    cache.delete(sessionId);
    return null;
  }
  if (kept.actor.displayName === stamp.displayName && kept.actor.locale === stamp.locale) return kept.actor;
  return { ...kept.actor, displayName: stamp.displayName, locale: stamp.locale };
}

/** Keeps an actor built after `stamp` was read (a change in between moves the version on, so it is rebuilt next time). */
export function keepActor(db: object, sessionId: string, stamp: AccountStamp, actor: Actor, now: number): void {
  const cache = cacheOf(db);
  cache.delete(sessionId);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(sessionId, { actor, userId: stamp.userId, personId: stamp.personId, accessVersion: stamp.accessVersion, keptAt: now });
}

/** Forgets a session's actor (logout: nothing would use it again). */
export function forgetActor(db: object, sessionId: string): void {
  caches.get(db)?.delete(sessionId);
}
