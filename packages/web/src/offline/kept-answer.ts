/**
 * An answer from the server, kept on this device as it arrives; or, when the network fails, the copy
 * kept last time (offline/snapshots.ts, per user, loaded on demand). What LoadController's offline
 * option and the first pages of paged lists (the questions panel, my concerns) share (issue 19). Anything but a network failure (a refusal,
 * a 401) is thrown as it came, as is a network failure with no copy to show.
 */
import { ApiError } from '../api/client.js';
import { currentMe } from '../state/session.js';

const offlineCopies = () => import('./snapshots.js');

export interface KeptAnswer<T> {
  value: T;
  /** When the copy shown was saved; null when it is the server's answer. */
  savedAt: Date | null;
}

export async function answerOrKept<T>(key: string, fetch: () => Promise<T>): Promise<KeptAnswer<T>> {
  const userId = currentMe()?.userId;
  try {
    const value = await fetch();
    if (userId)
      void offlineCopies()
        .then((copies) => copies.saveSnapshot(userId, key, value))
        .catch(() => undefined);
    return { value, savedAt: null };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 0 || !userId) throw error;
    const kept = await offlineCopies()
      .then((copies) => copies.readSnapshot<T>(userId, key))
      .catch(() => undefined);
    if (!kept) throw error;
    return { value: kept.value, savedAt: new Date(kept.savedAt) };
  }
}

/**
 * A page of a paged list whose first page is kept on the device (answerOrKept): later pages come
 * from the server as they are; a first page shown from the device has no next page, since its
 * cursor may no longer match what the server holds.
 */
export async function pageOrKept<P extends { next: string | null }>(key: string, after: string | undefined, fetch: () => Promise<P>): Promise<KeptAnswer<P>> {
  if (after !== undefined) return { value: await fetch(), savedAt: null };
  const kept = await answerOrKept(key, fetch);
  return kept.savedAt ? { value: { ...kept.value, next: null }, savedAt: kept.savedAt } : kept;
}
