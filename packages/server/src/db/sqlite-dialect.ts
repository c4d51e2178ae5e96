/**
 * Kysely's SQLite driver prepares every statement anew, and preparing costs more than running most
 * of our queries. `withStatementCache` keeps the most recently used prepared statements by SQL text
 * (about 20 % off the CPU time of a ballot, measured in process). Reuse is safe: every statement runs
 * to completion (all/run) before the next query starts, and SQLite re-prepares a cached statement
 * itself when the schema changes.
 *
 * (Giving the event loop a turn before every transaction was tried too, so that answers could leave
 * during a burst of writes; it made the first answers of a 200-sign-off burst come later, not sooner —
 * tests/resilience/responsiveness.test.ts — and was left out.)
 */
import type SqliteDatabase from 'better-sqlite3';

/** Work to do on a connection before the app's next statement through Kysely (see persistence.ts). */
const beforeNext = new WeakMap<object, () => void>();

/** Runs `work` before the next statement Kysely prepares on this handle (once). */
export function beforeNextStatement(database: SqliteDatabase.Database, work: () => void): void {
  beforeNext.set(database, work);
}

/** Runs the pending work now, if any (for raw-handle code about to take the connection itself). */
export function runBeforeNextStatement(database: SqliteDatabase.Database): void {
  const work = beforeNext.get(database);
  if (!work) return;
  beforeNext.delete(database);
  work();
}

/** The `synchronous` level a connection was opened with (connect.ts), whatever it runs with now. */
const durableLevels = new WeakMap<object, number>();

export function recordDurableSynchronous(database: SqliteDatabase.Database, level: number): void {
  durableLevels.set(database, level);
}

export function durableSynchronousOf(database: SqliteDatabase.Database): number {
  return durableLevels.get(database) ?? Number(database.pragma('synchronous', { simple: true }));
}

/**
 * A connection relaxed to synchronous=NORMAL for group commits (db/group-commit.ts): its durable
 * setting is put back before the next statement that writes, unless a group commit holds it.
 */
export interface Relaxed {
  holding: boolean;
  restore: () => void;
}
const relaxed = new WeakMap<object, Relaxed>();

/** The connection's relaxation, relaxing it now with `relax` if it is not relaxed yet. */
export function relaxUntilNextWrite(database: SqliteDatabase.Database, relax: () => void, restore: () => void): Relaxed {
  let state = relaxed.get(database);
  if (!state) {
    relax();
    relaxed.set(database, (state = { holding: false, restore }));
  }
  return state;
}

/** Puts the durable setting back now if the connection is relaxed and no group commit holds it (before a write of any other kind). */
export function runBeforeNextWrite(database: SqliteDatabase.Database): void {
  const state = relaxed.get(database);
  if (!state || state.holding) return;
  relaxed.delete(database);
  state.restore();
}

export function withStatementCache(database: SqliteDatabase.Database, size = 500): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property !== 'prepare') return Reflect.get(target, property, receiver) as unknown;
      return (source: string) => {
        runBeforeNextStatement(target);
        let statement = cache.get(source);
        if (statement) {
          cache.delete(source);
        } else {
          statement = target.prepare(source);
          if (cache.size >= size) cache.delete(cache.keys().next().value!);
        }
        cache.set(source, statement);
        if (!statement.reader) runBeforeNextWrite(target);
        return statement;
      };
    },
  });
}
