/**
 * The copy of a live document this device keeps (y-indexeddb), so the agenda and the minutes open and
 * stay editable without a connection, and edits made offline survive a closed tab; when the
 * connection returns Yjs merges them like any other update.
 *
 * Each copy is an IndexedDB database named after the person and the document
 * (`yishi-collab:<userId>:<document>`), so another account on the same phone never opens it. The
 * names this device created are listed in localStorage, so that logging out deletes every one of
 * them (an expired session does not: offline edits wait for the same person to log in again); a
 * refused or frozen document deletes its own (the controller calls `forget`).
 *
 * Beside the document the copy keeps one number, the edits made here that the server has not
 * confirmed yet (see yjs-unsent.ts), so a page reopened after a closed tab still says it has unsent
 * changes until they are confirmed.
 */
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import type * as Y from 'yjs';
import { currentMe, onLogOut } from '../state/session.js';

const PREFIX = 'yishi-collab:';
/** localStorage: the database names this device created, and whose they were (the last person). */
const NAMES_KEY = 'yishi.collab.localCopies';
const LAST_USER_KEY = 'yishi.collab.lastUser';
const UNSENT_KEY = 'unsent';
const READ_TIMEOUT_MS = 3000;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled (some private modes)
  }
}

function listedNames(): string[] {
  try {
    const value: unknown = JSON.parse(storage()?.getItem(NAMES_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function writeNames(names: string[]): void {
  try {
    if (names.length) storage()?.setItem(NAMES_KEY, JSON.stringify(names));
    else storage()?.removeItem(NAMES_KEY);
  } catch {
    // full or disabled: the copy still works, only logout cannot find it (it is keyed per person)
  }
}

/**
 * Whose copies to open: the person logged in, or — when the page was opened offline and the session
 * could not be asked — the last person who opened one here and did not log out since (logging out
 * deletes every copy and forgets them).
 */
export function localCopyOwner(): string | null {
  const me = currentMe();
  if (me) {
    try {
      storage()?.setItem(LAST_USER_KEY, me.userId);
    } catch {
      // ignored: only the offline fallback needs it
    }
    return me.userId;
  }
  return storage()?.getItem(LAST_USER_KEY) ?? null;
}

export function localCopyName(userId: string, documentName: string): string {
  return `${PREFIX}${userId}:${documentName}`;
}

/** One document's copy on this device. */
export class LocalCopy {
  readonly persistence: IndexeddbPersistence;
  /** Set once the stored copy has been read into the document (or reading it failed). */
  readonly loaded: Promise<{ hadData: boolean; unsent: number }>;
  private forgotten = false;

  constructor(
    readonly name: string,
    doc: Y.Doc,
  ) {
    if (!listedNames().includes(name)) writeNames([...listedNames(), name]);
    this.persistence = new IndexeddbPersistence(name, doc);
    const read = this.persistence.whenSynced.then(async () => {
      const unsent: unknown = await this.persistence.get(UNSENT_KEY).catch(() => 0);
      return { hadData: doc.store.clients.size > 0, unsent: typeof unsent === 'number' && unsent > 0 ? unsent : 0 };
    });
    // IndexedDB can be unavailable (some private modes): y-indexeddb then never says it is synced,
    // and the document goes on without a copy rather than waiting for it.
    const unavailable = new Promise<{ hadData: boolean; unsent: number }>((resolve) =>
      setTimeout(() => resolve({ hadData: false, unsent: 0 }), READ_TIMEOUT_MS),
    );
    this.loaded = Promise.race([read, unavailable]);
  }

  /** Remembers how many edits made here wait for the server's confirmation. */
  saveUnsent(count: number): void {
    if (this.forgotten) return;
    void this.persistence.set(UNSENT_KEY, count).catch(() => undefined);
  }

  /** Stops writing; the copy stays for next time. */
  close(): void {
    if (!this.forgotten) void this.persistence.destroy();
  }

  /** Stops writing and deletes the copy (refused, frozen): nothing of it comes back on the next visit. */
  forget(): Promise<void> {
    if (this.forgotten) return Promise.resolve();
    this.forgotten = true;
    writeNames(listedNames().filter((n) => n !== this.name));
    return this.persistence.destroy().then(() => clearDocument(this.name));
  }
}

/** Deletes every copy this device kept (logout). Open copies must be closed first (the controller does). */
export async function forgetAllLocalCopies(): Promise<void> {
  const names = listedNames();
  writeNames([]);
  try {
    storage()?.removeItem(LAST_USER_KEY);
  } catch {
    // ignored
  }
  await Promise.all(names.map((name) => clearDocument(name).catch(() => undefined)));
}

const sessionEndListeners = new Set<() => void>();

/**
 * Calls `listener` on a logout asked for on this device (not an expired session: see onLogOut), before
 * the copies are deleted: an open document closes its copy first.
 */
export function onSessionEnd(listener: () => void): () => void {
  sessionEndListeners.add(listener);
  return () => sessionEndListeners.delete(listener);
}

onLogOut(() => {
  for (const listener of [...sessionEndListeners]) listener();
  void forgetAllLocalCopies();
});
