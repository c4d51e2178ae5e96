/**
 * The last answer a page loaded, kept on this device (IndexedDB, a database of its own) so the page opens offline
 * once visited (issue 19). The service worker never stores an API answer (the no-store rule); this store is the app's,
 * keyed per user, and logging out empties it. Also kept here: who was logged in on this device (the session opens
 * offline) and text typed into a form that will need the network to send (a concern's draft).
 *
 * Loaded on demand (controllers/load-controller.ts and state/session.ts import it when a page has loaded or a
 * request failed), so the first download of a page does not carry it. Every function swallows storage failures
 * (private windows, a full disk): offline copies are a convenience, never a reason for a page to fail.
 */
import { clear, createStore, del, get, set } from 'idb-keyval';
import { OFFLINE_DB } from './offline-db.js';

const store = createStore(OFFLINE_DB, 'snapshots');

export interface Snapshot<T> {
  value: T;
  /** When the answer was saved (ms since the epoch). */
  savedAt: number;
}

/** The key of `key` for this user: one user's copies are never shown to another who logs in on the same phone. */
const keyOf = (userId: string, key: string) => `${userId}|${key}`;

export async function saveSnapshot<T>(userId: string, key: string, value: T): Promise<void> {
  await set(keyOf(userId, key), { value, savedAt: Date.now() } satisfies Snapshot<T>, store).catch(() => undefined);
}

export async function readSnapshot<T>(userId: string, key: string): Promise<Snapshot<T> | undefined> {
  return get<Snapshot<T>>(keyOf(userId, key), store).catch(() => undefined);
}

export async function dropSnapshot(userId: string, key: string): Promise<void> {
  await del(keyOf(userId, key), store).catch(() => undefined);
}

/** Who was logged in on this device, as the session answered last (null: nobody). */
const ME = 'session|me';

export async function saveLastMe<T>(me: T | null): Promise<void> {
  await (me === null ? del(ME, store) : set(ME, me, store)).catch(() => undefined);
}

export async function readLastMe<T>(): Promise<T | undefined> {
  return get<T>(ME, store).catch(() => undefined);
}

/** Logging out (or a session the server no longer knows): every copy on this device goes, the last session with them. */
export async function clearOfflineCopies(): Promise<void> {
  await clear(store).catch(() => undefined);
}
