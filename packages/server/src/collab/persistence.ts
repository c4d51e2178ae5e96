/**
 * Durable storage of live documents: a compacted snapshot per document plus the log of updates
 * received after it, as bytes. Several server instances may write the same document (one
 * PostgreSQL behind them), so nothing here relies on process memory:
 * - the log's order is the database's row id, never a counter kept by one process;
 * - compaction locks the document's snapshot row, folds the snapshot and the log rows it can see
 *   into a fresh Y.Doc (as y-leveldb does — never Y.mergeUpdates over a long log, yjs #710), and
 *   deletes exactly the rows it folded: a row another instance commits meanwhile stays in the log;
 * - loading applies the snapshot and every remaining log row (Yjs updates are idempotent, so a row
 *   that is also in the snapshot does no harm).
 */
import { open } from 'node:fs/promises';
import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import * as Y from 'yjs';
import { sqliteHandleOf } from '../db/connect.js';
import { beforeNextStatement, durableSynchronousOf, runBeforeNextStatement, runBeforeNextWrite } from '../db/sqlite-dialect.js';
import type { Database } from '../db/database.js';
import { dialectOf, lockRow } from '../db/dialect.js';
import type { Db } from '../db/repositories/places.repository.js';

export interface StoredDocument {
  doc: Y.Doc;
  /** Updates in the log besides the snapshot. */
  logLength: number;
}

export interface NewUpdate {
  update: Uint8Array;
  userId: string | null;
}

/** better-sqlite3 binds Buffers, not plain Uint8Arrays; this is a view, not a copy. */
const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

export async function loadStoredDocument(db: Db, name: string): Promise<StoredDocument> {
  // The log is read BEFORE the snapshot. Outside a transaction a compaction may commit between the
  // two reads: rows it deleted are then in the snapshot read second. (Read the other way round, the
  // old snapshot and the shortened log would both miss them.)
  const updates = await db.selectFrom('collab_log').select('update_bytes').where('doc_name', '=', name).orderBy('id').execute();
  const head = await db.selectFrom('collab_snapshots').select('snapshot').where('id', '=', name).executeTakeFirst();
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    if (head && head.snapshot.length > 0) Y.applyUpdate(doc, head.snapshot);
    for (const u of updates) Y.applyUpdate(doc, u.update_bytes);
  });
  return { doc, logLength: updates.length };
}

/** One update, inside the caller's transaction (server-side edits such as replacing a draft). */
export async function appendUpdate(db: Db, name: string, update: Uint8Array, userId: string | null, now: Date): Promise<void> {
  await db
    .insertInto('collab_log')
    .values({ doc_name: name, update_bytes: asBuffer(update), user_id: userId, created_at: now.toISOString() })
    .execute();
}

/**
 * How durable a live-document append is on SQLite when the call returns (and the hub broadcasts):
 * - `commit`: like every other write of the app (synchronous=FULL: the WAL is fsynced inside the
 *   commit, on the event loop), so the update survives a power cut;
 * - `process`: synchronous=NORMAL for this one statement: the update is in the WAL file (the
 *   operating system's cache) when the call returns, so it survives the server process being killed
 *   (SIGKILL, crash, out of memory) — the guarantee tests/resilience/crash-agenda checks. The WAL
 *   is then fsynced at once on libuv's thread pool, off the event loop (one fsync covers every
 *   append made meanwhile), so a power cut can lose only updates of the last fsync, typically a
 *   millisecond or two; clients hold the whole document and send the server what it lacks when
 *   they reconnect.
 * PostgreSQL commits as the server is configured (synchronous_commit) either way.
 */
export type AppendDurability = 'commit' | 'process';

const BATCH_ROWS = 200;

interface SqliteState {
  /** `pragma synchronous` as opened (2 = FULL). */
  synchronous: number;
  /** The WAL file of the main database, or null for an in-memory database. */
  walPath: string | null;
  syncing: boolean;
  syncAgain: boolean;
  /** The connection is at synchronous=NORMAL after a relaxed append; restored before the app's next statement. */
  relaxed: boolean;
  /** With the raw handle: the statements of the synchronous fast path. */
  fast: FastPath | null;
}
interface FastPath {
  handle: SqliteDatabase.Database;
  insertMany: (name: string, updates: readonly NewUpdate[], createdAt: string) => void;
}
const sqliteStates = new WeakMap<object, SqliteState>();
/** The compiled multi-row INSERT by row count: built once, then only the parameters change. */
const insertQueries = new WeakMap<object, Map<number, CompiledQuery>>();

const INSERT_SQL = 'insert into collab_log (doc_name, update_bytes, user_id, created_at) values (?, ?, ?, ?)';

function insertQuery(db: Kysely<Database>, rows: number): CompiledQuery {
  let byCount = insertQueries.get(db);
  if (!byCount) insertQueries.set(db, (byCount = new Map()));
  let query = byCount.get(rows);
  if (!query) {
    const values = Array.from({ length: rows }, () => ({ doc_name: '', update_bytes: Buffer.alloc(0), user_id: '', created_at: '' }));
    query = db.insertInto('collab_log').values(values).compile();
    if (query.parameters.length !== rows * 4) throw new Error('unexpected insert shape');
    if (byCount.size < 64) byCount.set(rows, query);
  }
  return query;
}

async function sqliteState(db: Kysely<Database>): Promise<SqliteState> {
  let state = sqliteStates.get(db);
  if (state) return state;
  const handle = sqliteHandleOf(db);
  if (handle) {
    // As opened: a group commit of ballots may have it relaxed right now (db/group-commit.ts).
    const synchronous = durableSynchronousOf(handle);
    const insert = handle.prepare(INSERT_SQL);
    const insertRows = (name: string, updates: readonly NewUpdate[], createdAt: string) => {
      for (const u of updates) insert.run(name, asBuffer(u.update), u.userId, createdAt);
    };
    const inOneTransaction = handle.transaction(insertRows);
    state = {
      synchronous,
      walPath: handle.memory ? null : `${handle.name}-wal`,
      syncing: false,
      syncAgain: false,
      relaxed: false,
      fast: {
        handle,
        insertMany: (name, updates, createdAt) => (updates.length === 1 ? insertRows(name, updates, createdAt) : inOneTransaction(name, updates, createdAt)),
      },
    };
  } else {
    const sync = await db.executeQuery<{ synchronous: number }>(CompiledQuery.raw('pragma synchronous'));
    const files = await db.executeQuery<{ name: string; file: string }>(CompiledQuery.raw('pragma database_list'));
    const main = files.rows.find((f) => f.name === 'main')?.file;
    state = { synchronous: sync.rows[0]?.synchronous ?? 2, walPath: main ? `${main}-wal` : null, syncing: false, syncAgain: false, relaxed: false, fast: null };
  }
  sqliteStates.set(db, state);
  return state;
}

/** fsyncs the WAL on the thread pool; appends made while one runs are covered by the next one. */
function syncWalSoon(state: SqliteState): void {
  const walPath = state.walPath;
  if (!walPath) return;
  if (state.syncing) {
    state.syncAgain = true;
    return;
  }
  state.syncing = true;
  void (async () => {
    do {
      state.syncAgain = false;
      const file = await open(walPath, 'r');
      try {
        await file.sync();
      } finally {
        await file.close();
      }
    } while (state.syncAgain);
  })()
    .catch((error: unknown) => {
      // The WAL is gone (the database was closed) or the disk failed: the next FULL commit of any
      // write, or the next checkpoint, syncs it; say so rather than hide it.
      if ((error as { code?: string }).code !== 'ENOENT') console.error('[yishi collab] fsync of the WAL failed', error);
    })
    .finally(() => {
      state.syncing = false;
    });
}

/**
 * Appends a batch of updates of one document in one commit, in order. Returns once the rows are
 * stored as `durability` says (see AppendDurability).
 */
export async function appendUpdates(
  db: Kysely<Database>,
  name: string,
  updates: readonly NewUpdate[],
  now: Date,
  durability: AppendDurability = 'commit',
): Promise<void> {
  if (updates.length === 0) return;
  const createdAt = now.toISOString();
  const run = async (target: Kysely<Database>) => {
    for (let i = 0; i < updates.length; i += BATCH_ROWS) {
      const chunk = updates.slice(i, i + BATCH_ROWS);
      const parameters: unknown[] = [];
      for (const u of chunk) parameters.push(name, asBuffer(u.update), u.userId, createdAt);
      await target.executeQuery(CompiledQuery.raw(insertQuery(db, chunk.length).sql, parameters));
    }
  };
  if (db.isTransaction || dialectOf(db) !== 'sqlite') return run(db);
  const state = sqliteStates.get(db) ?? (await sqliteState(db));
  // Without the raw handle (a database not opened by openSqlite), as durable as every other write.
  const fast = state.fast;
  if (!fast) return run(db);
  // A Kysely transaction open on the connection (between two of its awaits) would take our rows
  // into its own commit or rollback: then wait until it has released the connection.
  if (!fast.handle.inTransaction) fastAppend(state, fast, name, updates, createdAt, durability);
  else await db.connection().execute(async () => fastAppend(state, fast, name, updates, createdAt, durability));
}

/**
 * appendUpdates without waiting: stores the batch at once and returns true, or stores nothing and
 * returns false when only appendUpdates can (PostgreSQL, no raw handle, the store not yet set up, a
 * transaction open on the connection). Lets the hub store and send an update in the same turn.
 */
export function appendUpdatesNow(db: Kysely<Database>, name: string, updates: readonly NewUpdate[], now: Date, durability: AppendDurability): boolean {
  if (db.isTransaction) return false;
  const state = sqliteStates.get(db);
  const fast = state?.fast;
  if (!state || !fast || fast.handle.inTransaction) return false;
  fastAppend(state, fast, name, updates, now.toISOString(), durability);
  return true;
}

/**
 * One synchronous step on the raw handle: nothing else runs in between. A relaxed append leaves the
 * connection at synchronous=NORMAL and has it set back before the app's next statement (through
 * the Kysely driver's prepare, db/sqlite-dialect.ts), so a run of appends with nothing between them
 * switches once, and every other write still commits with the setting the database was opened with.
 * (The pragma is prepared afresh each time: SQLite applies `synchronous` when the statement is
 * prepared, so a cached one would not switch it back and forth.)
 */
function fastAppend(state: SqliteState, fast: FastPath, name: string, updates: readonly NewUpdate[], createdAt: string, durability: AppendDurability): void {
  // Already NORMAL or OFF when opened: nothing to relax, nothing to restore.
  const relax = durability === 'process' && state.synchronous > 1;
  if (relax && !state.relaxed) {
    fast.handle.pragma('synchronous = NORMAL');
    state.relaxed = true;
    beforeNextStatement(fast.handle, () => restoreSynchronous(state, fast));
  } else if (!relax && state.relaxed) {
    runBeforeNextStatement(fast.handle);
  }
  // Relaxed by group commits of ballots: this append commits with the durable setting.
  if (!relax) runBeforeNextWrite(fast.handle);
  fast.insertMany(name, updates, createdAt);
  if (relax) syncWalSoon(state);
}

function restoreSynchronous(state: SqliteState, fast: FastPath): void {
  fast.handle.pragma(`synchronous = ${state.synchronous}`);
  state.relaxed = false;
}

/** Lets a test commit another writer's row between a compaction's read and its delete. */
export const compactionTestHooks: { afterRead?: () => Promise<void> } = {};

/**
 * Folds the log into the snapshot, in one transaction holding the document's snapshot row lock (the
 * row is created first when missing, so there is one to lock). Deletes exactly the log rows it read
 * and folded. Returns how many that was.
 */
export async function compactDocument(db: Kysely<Database>, name: string, now: Date): Promise<number> {
  const fold = (trx: Kysely<Database>) => foldLog(trx, name, now);
  const state = !db.isTransaction && dialectOf(db) === 'sqlite' ? (sqliteStates.get(db) ?? (await sqliteState(db))) : null;
  const fast = state?.fast;
  if (!state || !fast || state.synchronous <= 1) return db.transaction().execute(fold);
  // SQLite: the compaction commits with synchronous=NORMAL too (and the WAL is fsynced off the event
  // loop), so that it does not stall every editor for an fsync: a compaction a power cut loses is
  // lost whole — the log rows it would have deleted are still there — and simply runs again. The
  // connection is held from before BEGIN to after COMMIT: nothing else commits meanwhile.
  return db.connection().execute(async (conn) => {
    // Our own switch below; a restore pending from an append must not fire at BEGIN.
    runBeforeNextStatement(fast.handle);
    runBeforeNextWrite(fast.handle);
    fast.handle.pragma('synchronous = NORMAL');
    try {
      return await conn.transaction().execute(fold);
    } finally {
      fast.handle.pragma(`synchronous = ${state.synchronous}`);
      syncWalSoon(state);
    }
  });
}

/** The compaction itself, inside the caller's transaction. */
async function foldLog(trx: Kysely<Database>, name: string, now: Date): Promise<number> {
  await trx
    .insertInto('collab_snapshots')
    .values({ id: name, snapshot: Buffer.alloc(0), updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await lockRow(trx, 'collab_snapshots', name);
  const head = await trx.selectFrom('collab_snapshots').select('snapshot').where('id', '=', name).executeTakeFirstOrThrow();
  const rows = await trx.selectFrom('collab_log').select(['id', 'update_bytes']).where('doc_name', '=', name).orderBy('id').execute();
  await compactionTestHooks.afterRead?.();
  if (rows.length === 0) return 0;
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      if (head.snapshot.length > 0) Y.applyUpdate(doc, head.snapshot);
      for (const row of rows) Y.applyUpdate(doc, row.update_bytes);
    });
    const snapshot = asBuffer(Y.encodeStateAsUpdate(doc));
    await trx.updateTable('collab_snapshots').set({ snapshot, updated_at: now.toISOString() }).where('id', '=', name).execute();
  } finally {
    doc.destroy();
  }
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500)
    await trx
      .deleteFrom('collab_log')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  return rows.length;
}

/** Writes a whole document as its first snapshot (seed data, imports); refuses to overwrite. */
export async function storeNewDocument(db: Db, name: string, doc: Y.Doc, now: Date): Promise<void> {
  await db
    .insertInto('collab_snapshots')
    .values({ id: name, snapshot: asBuffer(Y.encodeStateAsUpdate(doc)), updated_at: now.toISOString() })
    .execute();
}
