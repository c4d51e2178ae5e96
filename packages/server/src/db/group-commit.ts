/**
 * Group commit on SQLite: transactions that many callers run at once (casting ballots) share the
 * fsync that makes them durable, instead of each waiting for its own inside COMMIT.
 *
 * The app's connection commits with synchronous=FULL: SQLite fsyncs the WAL inside every COMMIT, on
 * the event loop, one commit after another. In a group commit the connection runs relaxed
 * (synchronous=NORMAL: the commit writes its WAL frames without an fsync), the connection is released
 * at COMMIT, and the caller then waits for an fsync of the WAL started after its commit (off the event
 * loop, on libuv's thread pool). Commits made while one fsync runs are covered together by the next:
 * nobody gets an answer before their commit is on disk, as with FULL, and the WAL being written in
 * order, a later commit on disk means every earlier one is too. The connection stays relaxed while
 * group commits follow one another; the first statement that writes outside one (any other
 * transaction, an autocommit write, a live-document append) puts FULL back first
 * (sqlite-dialect.ts), so every other write commits as durably as before. Two PRAGMA statements at
 * most per switch, none while ballots follow ballots.
 *
 * PostgreSQL, or a SQLite database opened without FULL (or in memory): a plain transaction.
 */
import { open } from 'node:fs/promises';
import type SqliteDatabase from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import { sqliteHandleOf } from './connect.js';
import type { Database } from './database.js';
import { durableSynchronousOf, relaxUntilNextWrite, runBeforeNextStatement } from './sqlite-dialect.js';

interface WalSync {
  walPath: string;
  durable: number;
  /** The fsync running now, if any. */
  running: Promise<void> | null;
  /** The fsync after it, that commits made while `running` runs wait for. */
  next: Promise<void> | null;
}

const syncs = new WeakMap<object, WalSync | null>();

function walSyncOf(handle: SqliteDatabase.Database): WalSync | null {
  let state = syncs.get(handle);
  if (state === undefined) {
    const durable = durableSynchronousOf(handle);
    state = handle.memory || durable < 2 ? null : { walPath: `${handle.name}-wal`, durable, running: null, next: null };
    syncs.set(handle, state);
  }
  return state;
}

async function fsyncWal(walPath: string): Promise<void> {
  let file;
  try {
    file = await open(walPath, 'r');
  } catch (error) {
    // No WAL: the database was closed and checkpointed, which synced everything.
    if ((error as { code?: string }).code === 'ENOENT') return;
    throw error;
  }
  try {
    await file.datasync();
  } finally {
    await file.close();
  }
}

/** Resolves once an fsync of the WAL that started after this call has finished. */
function syncWal(state: WalSync): Promise<void> {
  if (!state.running) {
    state.running = fsyncWal(state.walPath).finally(() => {
      state.running = null;
    });
    return state.running;
  }
  state.next ??= state.running.then(
    () => {
      state.next = null;
      return syncWal(state);
    },
    () => {
      state.next = null;
      return syncWal(state);
    },
  );
  return state.next;
}

/** Runs `work` in a transaction that returns once it is durable, sharing the fsync with the transactions committed beside it. */
export async function groupCommitTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  const handle = sqliteHandleOf(db);
  const state = handle ? walSyncOf(handle) : null;
  if (!handle || !state) return db.transaction().execute(work);
  const result = await db.connection().execute(async (connection) => {
    // A restore a live-document append left pending would fire at our BEGIN and undo the relaxation.
    runBeforeNextStatement(handle);
    const relaxation = relaxUntilNextWrite(
      handle,
      () => handle.pragma('synchronous = NORMAL'),
      () => handle.pragma(`synchronous = ${state.durable}`),
    );
    relaxation.holding = true;
    try {
      return await connection.transaction().execute(work);
    } finally {
      relaxation.holding = false;
    }
  });
  await syncWal(state);
  return result;
}
